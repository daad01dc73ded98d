/**
 * Test fixtures of the credit module (tests only): the fixtures' Commons (Alice, Bob, Carol) with
 * COMM to lock, a step that lets time pass as an entry does (onTime, then the action at the
 * entry's time), and the actions of this module signed by the right keys.
 */
import { unwrap, type Result } from '../../result';
import { applyAction, onTime, stateHash } from '../apply';
import { type CommonsError } from '../errors';
import { DAY, type TestMember, act, ctxAt, givenCommons, keys } from '../fixtures';
import { type Action, type ActionKind, type PayloadOf } from '../log';
import { type CommonsState } from '../state';

export const CONX = (whole: number | bigint) => BigInt(whole) * 1_000_000n;
export const COMM = CONX;
export const HOUR = 3_600;
export { DAY };
/** Prices: CONX minor units per whole unit. */
export const PRICE = { ADA: CONX(1), BTC: CONX(60_000), ETH: CONX(3_000) };
export const BTC = (n: number) => BigInt(Math.round(n * 1e8));
export const ADA = (n: number) => BigInt(n) * 1_000_000n;

/** Time passes to `time` (as before an entry), then the action runs at that time. */
export function step(state: CommonsState, action: Action, time = state.time): Result<CommonsState, CommonsError> {
  const passed = onTime(state, state.time, time);
  const next = applyAction({ ...passed, time }, action, ctxAt(time));
  return next.ok ? { ok: true, value: { ...next.value, time } } : next;
}

/** Time passes with no action. */
export const wait = (state: CommonsState, seconds: number): CommonsState => ({ ...onTime(state, state.time, state.time + seconds), time: state.time + seconds });

export function givenCredit(commEach = 100_000) {
  const given = givenCommons();
  let state = given.state;
  for (const m of [given.alice, given.bob, given.carol]) {
    state = unwrap(step(state, act(state, 'token.mint', state.treasury, { token: 'PPT', to: m.vault, amount: COMM(commEach) }, given.quorum)));
    state = unwrap(step(state, act(state, 'token.burnToComm', m.vault, { amount: COMM(commEach) }, given.sign(m))));
  }
  return {
    ...given,
    state,
    /** `kind` on the member's vault, signed by their quorum, at the vault's nonce in `s`. */
    member: <K extends ActionKind>(s: CommonsState, m: TestMember, kind: K, payload: PayloadOf<K>) => act(s, kind, m.vault, payload, given.sign(m)),
    /** `kind` on the treasury, signed by its quorum. */
    treasury: <K extends ActionKind>(s: CommonsState, kind: K, payload: PayloadOf<K>) => act(s, kind, s.treasury, payload, [keys.steward1, keys.steward2]),
  };
}

/** Expects a refusal of `kind` and that nothing changed; returns the error for its numbers. */
export function refused(state: CommonsState, result: Result<CommonsState, CommonsError>, kind: string): CommonsError {
  if (result.ok) throw new Error(`expected ${kind}, but the action was accepted`);
  if (result.error.kind !== kind) throw new Error(`expected ${kind}, got ${result.error.kind}: ${result.error.message}`);
  void stateHash(state);
  return result.error;
}
