/**
 * Test helpers for governance (tests only): the work world (Alice Union, Bob Guild, Carol Syndicate,
 * 1,000 PPT each; a treasury with CONX), proposals and votes signed by the right keys, executions
 * relayed as anyone relays them, and the times of a proposal's life.
 */
import { type Result, unwrap } from '../../result';
import { type CommonsError } from '../errors';
import { type Action, type ActionKind, type PayloadOf } from '../log';
import { type CommonsState } from '../state';
import { DAY, GOOD_PROOF, type TestMember, act, run } from '../fixtures';
import { fieldOfHash } from '../../zk/field';
import { type WorkWorld, W, givenWork } from '../impact/testing';

export { W };

/** A proposal id below the field's order (canonical). */
export const pid = (n: number): `0x${string}` => `0x${n.toString(16).padStart(64, '0')}`;

export type World = WorkWorld;
export const givenGovernance = (): World => givenWork();

export const proposeAction = (state: CommonsState, by: TestMember, payload: PayloadOf<'proposal.create'>): Action =>
  act(state, 'proposal.create', by.vault, payload, by.keys.slice(0, by.threshold));

export const propose = (state: CommonsState, by: TestMember, payload: PayloadOf<'proposal.create'>, time = state.time): Result<CommonsState, CommonsError> =>
  run(state, proposeAction(state, by, payload), time);

export const vote = (state: CommonsState, by: TestMember, proposal: `0x${string}`, token: PayloadOf<'proposal.vote'>['token'], amount: bigint, support: PayloadOf<'proposal.vote'>['support'], time: number) =>
  run(state, act(state, 'proposal.vote', by.vault, { proposal, token, amount, support }, by.keys.slice(0, by.threshold)), time);

export const cancel = (state: CommonsState, by: TestMember, proposal: `0x${string}`, time: number) =>
  run(state, act(state, 'proposal.cancel', by.vault, { proposal }, by.keys.slice(0, by.threshold)), time);

/** An execution as anyone relays it: naming a vault of the Commons, no signature, no nonce moved. */
export const executionAction = <K extends ActionKind>(state: CommonsState, kind: K, payload: PayloadOf<K>, relayer = state.treasury): Action =>
  ({ kind, vault: relayer, nonce: 0, validUntil: state.time + 400 * DAY, payload, sigs: [] }) as unknown as Action;

export const execute = <K extends ActionKind>(state: CommonsState, kind: K, payload: PayloadOf<K>, time: number) => run(state, executionAction(state, kind, payload), time);

/** An anonymous ballot on `proposal` against `root` (the test verifier accepts GOOD_PROOF). */
export function anonymousBallot(state: CommonsState, proposal: `0x${string}`, nullifier: string, choice: 'yes' | 'no' | 'abstain', root: string): Action {
  const code = { yes: '1', no: '2', abstain: '3' }[choice];
  return {
    kind: 'ballot.anonymous',
    vault: state.treasury,
    nonce: 0,
    validUntil: state.time + 400 * DAY,
    payload: { proposal, choice, root, nullifier, publicSignals: [root, nullifier, String(fieldOfHash(proposal)), code], proof: GOOD_PROOF },
    sigs: [],
  } as Action;
}

/** The payload of a parameter change proposal. */
export function paramChange(id: `0x${string}`, params: PayloadOf<'params.set'>['params'], scope: PayloadOf<'proposal.create'>['scope'] = 'all'): PayloadOf<'proposal.create'> {
  return { id, kind: 'paramChange', scope, title: `Change ${Object.keys(params).join(', ')}`, text: '', effect: { action: 'params.set', payload: { proposal: id, params } } };
}

/** Times of a proposal created at `t` under the default parameters: start, end, eta, expiry. */
export const lifeOf = (t: number) => {
  const startsAt = t + DAY;
  const endsAt = startsAt + 7 * DAY;
  const eta = endsAt + 2 * DAY;
  return { startsAt, endsAt, eta, expiresAt: eta + 14 * DAY };
};

/** One burn ballot of `passAndExecute`: yes, in PPT, unless said otherwise. */
export interface TestBallot {
  readonly by: TestMember;
  readonly amount: bigint;
  readonly token?: PayloadOf<'proposal.vote'>['token'];
  readonly support?: PayloadOf<'proposal.vote'>['support'];
}

/** create → vote (SPEC §7): `author` proposes at the state's time and the ballots are cast as voting starts; every step must succeed. */
export function passProposal(state: CommonsState, author: TestMember, payload: PayloadOf<'proposal.create'>, ballots: readonly TestBallot[]): { state: CommonsState; eta: number } {
  const life = lifeOf(state.time);
  let next = unwrap(propose(state, author, payload, state.time));
  for (const b of ballots) next = unwrap(vote(next, b.by, payload.id as `0x${string}`, b.token ?? 'PPT', b.amount, b.support ?? 'yes', life.startsAt));
  return { state: next, eta: life.eta };
}

/** The effect of a proposal relayed at `time` (anyone may, SPEC §7). */
export function executeEffect(state: CommonsState, payload: PayloadOf<'proposal.create'>, time: number): Result<CommonsState, CommonsError> {
  const { action, payload: effect } = payload.effect;
  return execute(state, action, effect as PayloadOf<typeof action>, time);
}

/**
 * create → vote → timelock → execute (SPEC §7): `passProposal`, then the effect relayed at the
 * proposal's eta. The execution's result is returned (a test may expect it refused).
 */
export function passAndExecute(state: CommonsState, author: TestMember, payload: PayloadOf<'proposal.create'>, ballots: readonly TestBallot[]): Result<CommonsState, CommonsError> {
  const passed = passProposal(state, author, payload, ballots);
  return executeEffect(passed.state, payload, passed.eta);
}

/** A questApproval proposal whose effect opens `quest` (SPEC §6: a quest opens after its sponsoring factions' vote). */
export function questApproval(id: `0x${string}`, quest: PayloadOf<'quest.open'>, scope: PayloadOf<'proposal.create'>['scope'] = [quest.sponsor, ...quest.coSponsors]): PayloadOf<'proposal.create'> {
  return { id, kind: 'questApproval', scope, title: quest.title, text: '', effect: { action: 'quest.openApproved', payload: { proposal: id, quest } } };
}

/** Every member votes yes with `amount` PPT at `time`. */
export function allVoteYes(world: World, state: CommonsState, id: `0x${string}`, amount: bigint, time: number): CommonsState {
  let next = state;
  for (const m of world.members) next = unwrap(vote(next, m, id, 'PPT', amount, 'yes', time));
  return next;
}
