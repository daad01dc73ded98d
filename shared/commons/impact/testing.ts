/**
 * Test helpers for Impact Quests and M2M staking (tests only): a Commons whose members and
 * treasury hold CONX (the treasury mints PPT, members burn it to CONX; Carol funds the treasury),
 * a quest with its verifiers' 2-of-2 vault, and one-line actions signed by the right keys.
 */
import { type DigestSigner } from '../build';
import { type Result, unwrap } from '../../result';
import { type CommonsError } from '../errors';
import { type ActionKind, type PayloadOf } from '../log';
import { type CommonsState } from '../state';
import { type TestMember, act, givenCommons, keys, run, spec, testKey } from '../fixtures';
import { type LogVersion } from '../schema';
import { deriveVaultAddress } from '../vaults';
import { passAndExecute, questApproval } from '../governance/testing';

/** Whole CONX (or PPT, PMT…) in minor units. */
export const W = (whole: number | bigint) => BigInt(whole) * 1_000_000n;

export const verifierKeys = [testKey('verifier 1'), testKey('verifier 2')];

export interface WorkWorld {
  readonly state: CommonsState;
  readonly alice: TestMember;
  readonly bob: TestMember;
  readonly carol: TestMember;
  readonly members: readonly TestMember[];
  readonly quorum: readonly DigestSigner[];
  /** The quest's verifiers' vault. */
  readonly verifiers: string;
}

export interface WorkOptions {
  /** CONX each of Alice, Bob and Carol holds. */
  readonly conx?: readonly [bigint, bigint, bigint];
  /** CONX the treasury holds before the quest opens. */
  readonly treasury?: bigint;
  /** The quest's budget. */
  readonly budget?: bigint;
  /** The log version: in 1 the treasury opens the quest, in 2 (the default) a passed questApproval proposal does. */
  readonly version?: LogVersion;
}

/**
 * What each sponsor's member (Alice, Union; Carol, Syndicate) earns and burns to approve quest `q`:
 * the quorum is 10 % of the faction's snapshot supply, 1,112 PPT, so 112 PPT reaches it and every
 * member still holds its 1,000 PPT afterwards.
 */
export const QUEST_VOTE = 112_000_000n;

/** The id of the proposal that approved quest `q` in `givenWork`. */
export const QUEST_PROPOSAL = '0x0000000000000000000000000000000000000000000000000000000000000051';

export function openQuestPayload(state: CommonsState, id: string, budget: bigint): PayloadOf<'quest.open'> {
  const salt = `verifiers-${id}`;
  return {
    id,
    title: `Quest ${id}`,
    sponsor: 'Union',
    coSponsors: ['Syndicate'],
    budget,
    verifiers: { address: deriveVaultAddress(state.commonsId, 'commons', salt), name: `Verifiers of ${id}`, signers: verifierKeys.map((k) => spec(k, 'verifier')), threshold: 2, salt },
  };
}

/**
 * Alice (Union), Bob (Guild), Carol (Syndicate) with CONX, and quest `q` open with its budget
 * escrowed: approved by the Union and the Syndicate (its sponsors) and executed after the
 * timelock, or, in a version 1 Commons, opened by the treasury.
 */
export function givenWork(options: WorkOptions = {}): WorkWorld {
  const given = givenCommons(options.version);
  const [a, b, c] = options.conx ?? [W(50_000), W(50_000), W(50_000)];
  const treasuryConx = options.treasury ?? W(200_000);
  let state = given.state;
  const step = (kind: ActionKind, vault: string, payload: PayloadOf<ActionKind>, signers: readonly DigestSigner[]) => {
    state = unwrap(run(state, act(state, kind, vault, payload as never, signers)));
  };
  for (const [m, amount] of [[given.alice, a], [given.bob, b], [given.carol, c + treasuryConx]] as const) {
    if (amount === 0n) continue;
    step('token.mint', state.treasury, { token: 'PPT', to: m.vault, amount }, given.quorum);
    step('token.burnToConx', m.vault, { amount }, given.sign(m));
  }
  if (treasuryConx > 0n) step('token.transfer', given.carol.vault, { token: 'CONX', to: state.treasury, amount: treasuryConx }, given.sign(given.carol));
  const quest = openQuestPayload(state, 'q', options.budget ?? W(150_000));
  if (state.version === 1) step('quest.open', state.treasury, quest, given.quorum);
  else {
    for (const m of [given.alice, given.carol]) step('token.mint', state.treasury, { token: 'PPT', to: m.vault, amount: QUEST_VOTE }, given.quorum);
    const ballots = [given.alice, given.carol].map((by) => ({ by, amount: QUEST_VOTE }));
    state = unwrap(passAndExecute(state, given.alice, questApproval(QUEST_PROPOSAL, quest), ballots));
  }
  return { state, alice: given.alice, bob: given.bob, carol: given.carol, members: [given.alice, given.bob, given.carol], quorum: given.quorum, verifiers: quest.verifiers.address };
}

/** The keys that sign for a vault of the world: a member's, the treasury's stewards, or the verifiers. */
export function signersFor(world: WorkWorld, vault: string): readonly DigestSigner[] {
  const m = world.members.find((x) => x.vault === vault);
  if (m) return m.keys.slice(0, m.threshold);
  if (vault === world.state.treasury) return world.quorum;
  if (vault === world.verifiers) return verifierKeys;
  return [keys.mallory];
}

/** Runs `kind` on `vault`, signed by that vault's keys (or by `signers`). */
export function does<K extends ActionKind>(world: WorkWorld, state: CommonsState, kind: K, vault: string, payload: PayloadOf<K>, signers?: readonly DigestSigner[]): Result<CommonsState, CommonsError> {
  return run(state, act(state, kind, vault, payload, signers ?? signersFor(world, vault)));
}

/** The same, for steps that must succeed. */
export const must = <K extends ActionKind>(world: WorkWorld, state: CommonsState, kind: K, vault: string, payload: PayloadOf<K>): CommonsState =>
  unwrap(does(world, state, kind, vault, payload));

export const conxOf = (state: CommonsState, vault: string) => state.vaults.get(vault)?.balances.CONX ?? 0n;
export const tokenOf = (state: CommonsState, vault: string, token: 'PPT' | 'PDT' | 'PCT' | 'PMT' | 'CONX') => state.vaults.get(vault)?.balances[token] ?? 0n;
