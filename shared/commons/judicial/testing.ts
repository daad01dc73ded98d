/**
 * Test helpers for the Judicial Loop (tests only): the work world (impact/testing.ts) with three
 * more Syndicate members and one more Union member, so that a panel of three can be drawn from
 * factions not party to a dispute between Alice (Union, holder) and Bob (Guild, staker); Alice's
 * offer `site` staked 50,000 CONX by Bob, released, then failed by the verifiers; and steps that
 * let time pass as an entry does (the time step, then the action at that time).
 */
import { type Result, unwrap } from '../../result';
import { applyAction, onTime } from '../apply';
import { type DigestSigner } from '../build';
import { type CommonsError } from '../errors';
import { type TestMember, act, ctxAt, enrolAction, member, run, testKey } from '../fixtures';
import { type Action, type ActionKind, type PayloadOf } from '../log';
import { type CommonsState } from '../state';
import { W, givenWork, signersFor, type WorkWorld } from '../impact/testing';

export { W };
export const DAY = 86_400;

export interface JudicialWorld extends WorkWorld {
  readonly dave: TestMember;
  readonly erin: TestMember;
  readonly frank: TestMember;
  readonly gita: TestMember;
  readonly everyone: readonly TestMember[];
}

/** The work world plus Dave, Erin, Frank (Syndicate) and Gita (Union). */
export function givenJudicial(options: { readonly aliceConx?: bigint; /** More Syndicate members (Hana, Ivan, Jun), enough for an appeal's second panel. */ readonly more?: boolean } = {}): JudicialWorld {
  const work = givenWork({ conx: [options.aliceConx ?? 0n, W(50_000), W(50_000)] });
  let state = work.state;
  const extra = [
    member('Dave', 'Syndicate', [testKey('dave')], 1, state.commonsId),
    member('Erin', 'Syndicate', [testKey('erin')], 1, state.commonsId),
    member('Frank', 'Syndicate', [testKey('frank')], 1, state.commonsId),
    member('Gita', 'Union', [testKey('gita')], 1, state.commonsId),
  ] as const;
  const further = options.more ? ['Hana', 'Ivan', 'Jun'].map((name) => member(name, 'Syndicate', [testKey(name.toLowerCase())], 1, state.commonsId)) : [];
  for (const m of [...extra, ...further]) state = unwrap(run(state, enrolAction(state, m)));
  const [dave, erin, frank, gita] = extra;
  const members = [...work.members, ...extra, ...further];
  return { ...work, state, members, dave, erin, frank, gita, everyone: members };
}

/** Time passes to `time` (the time step, as before an entry), then `action` runs at that time. */
export function stepAt(state: CommonsState, time: number, action: Action): Result<CommonsState, CommonsError> {
  const passed = { ...onTime(state, state.time, time), time };
  const next = applyAction(passed, action, ctxAt(time));
  return next.ok ? { ok: true, value: { ...next.value, time } } : next;
}

/** Time passes with no action. */
export const waitUntil = (state: CommonsState, time: number): CommonsState => ({ ...onTime(state, state.time, time), time });

/** The keys of a panel vault's members: each panelist's own key. */
export function panelKeys(world: JudicialWorld, state: CommonsState, dispute: string): DigestSigner[] {
  const panel = state.disputes.get(dispute)!.panel;
  return panel.map((did) => world.everyone.find((m) => m.did === did)!.keys[0]!);
}

/** Signs `kind` by `vault`'s own keys (a member's, the treasury's, the verifiers'), or by `signers`, at `time`. */
export function by<K extends ActionKind>(world: JudicialWorld, state: CommonsState, kind: K, vault: string, payload: PayloadOf<K>, signers?: readonly DigestSigner[]): Action {
  const m = world.everyone.find((x) => x.vault === vault);
  const keys = signers ?? (m ? m.keys.slice(0, m.threshold) : signersFor(world, vault));
  return act(state, kind, vault, payload, keys);
}

export const does = <K extends ActionKind>(world: JudicialWorld, state: CommonsState, time: number, kind: K, vault: string, payload: PayloadOf<K>, signers?: readonly DigestSigner[]) =>
  stepAt(state, time, by(world, state, kind, vault, payload, signers));

export const must = <K extends ActionKind>(world: JudicialWorld, state: CommonsState, time: number, kind: K, vault: string, payload: PayloadOf<K>, signers?: readonly DigestSigner[]) =>
  unwrap(does(world, state, time, kind, vault, payload, signers));

export const reward = { conx: W(100_000), ppt: W(1_000), role: W(100) };

/**
 * Alice's offer `site` (100,000 CONX reward), accepted; she asks for 50,000 in stakes, Bob stakes
 * them (released to her at once as working capital); she spends 45,000 of it (to Carol, her
 * supplier). With `fail`, the verifiers then fail the offer (its stakes freeze).
 */
export function stakedOffer(world: JudicialWorld = givenJudicial(), options: { readonly fail?: boolean; readonly submit?: boolean } = {}) {
  const t = world.state.time + DAY;
  let state = must(world, world.state, t, 'offer.post', world.alice.vault, { quest: 'q', id: 'site', deliverable: 'Build the community site', reward });
  state = must(world, state, t, 'offer.accept', world.verifiers, { offer: 'site' });
  state = must(world, state, t, 'stake.request', world.alice.vault, { offer: 'site', amount: W(50_000) });
  state = must(world, state, t, 'stake.give', world.bob.vault, { request: 'site/1', amount: W(50_000) });
  state = must(world, state, t, 'token.transfer', world.alice.vault, { token: 'CONX', to: world.carol.vault, amount: W(45_000) });
  if (options.submit) state = must(world, state, t, 'offer.submit', world.alice.vault, { offer: 'site' });
  if (options.fail) state = must(world, state, t + DAY, 'offer.fail', world.verifiers, { offer: 'site', reason: 'no site after a month' });
  return { world, state };
}

/** The loss reserve as a period close would have funded it (its CONX is held by the treasury). */
export const withLossReserve = (state: CommonsState, balance: bigint): CommonsState => ({ ...state, lossReserve: { ...state.lossReserve, balance } });

export const conxOf = (state: CommonsState, vault: string) => state.vaults.get(vault)?.balances.CONX ?? 0n;
