/**
 * Test fixtures of patronage periods (tests only): the fixtures' Commons with credit lines drawn,
 * so that revenue comes the way the ledger records it — the fee part of real repayments, paid
 * into the treasury — and helpers for the period's actions signed by the right keys.
 */
import { unwrap, type Result } from '../../result';
import { CONX, givenCredit, refused, step } from '../credit/fixtures';
import { YEAR_SECONDS as YEAR } from '../credit/figures';
import { type CommonsError } from '../errors';
import { type TestMember, act, keys } from '../fixtures';
import { type CommonsState } from '../state';
import { heldTotal } from '../tokens/handlers';
import { COMMONS_TOKENS } from '../../money';

export { CONX, refused, step };

/** Alice, Bob and Carol each lock 100,000 COMM and draw 50,000 CONX: each line accrues 1,000 CONX of fees a year. */
export function givenLines() {
  const given = givenCredit();
  let state = given.state;
  for (const m of [given.alice, given.bob, given.carol]) {
    state = unwrap(step(state, given.member(state, m, 'credit.lock', { amount: CONX(100_000) })));
    state = unwrap(step(state, given.member(state, m, 'credit.draw', { amount: CONX(50_000) })));
  }
  return {
    ...given,
    state,
    /** A year passes; then each member named repays `fees` minor units, all of it fees (fees are paid first). */
    use(s: CommonsState, fees: readonly (readonly [TestMember, bigint])[]): CommonsState {
      let next = s;
      let time = s.time + YEAR;
      for (const [m, amount] of fees) {
        next = unwrap(step(next, act(next, 'credit.repay', m.vault, { amount }, given.sign(m), { validUntil: time + 1 }), time));
        time += 1;
      }
      return next;
    },
    close: (s: CommonsState, costs: bigint, period = s.patronageBook.period): Result<CommonsState, CommonsError> =>
      step(s, act(s, 'patronage.close', s.treasury, { period, costs, note: `period ${period}` }, [keys.steward1, keys.steward2])),
    pay: (s: CommonsState, m: TestMember, amount: bigint) => step(s, given.member(s, m, 'patronage.payBill', { amount })),
    claim: (s: CommonsState, m: TestMember, amount: bigint) => step(s, given.member(s, m, 'patronage.claimRefund', { amount })),
  };
}

/** SPEC §2: per token, supply = Σ balances + Σ escrows. */
export const suppliesHold = (state: CommonsState): boolean => COMMONS_TOKENS.every((t) => heldTotal(state, t) === (state.supplies[t] ?? 0n));

/** The last closed period. */
export const lastPeriod = (state: CommonsState) => state.patronagePeriods.last()!;
