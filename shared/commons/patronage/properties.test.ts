/**
 * Properties of patronage periods (SPEC §0, §9): every split exact with the remainder in the
 * reserve; no member billed before the reserve and the carry-forward are used; set-off never pays
 * a member twice; supplies conserved. Part on the pure close, part on signed ledger sequences.
 */
import fc from 'fast-check';
import { Map as ImmutableMap } from 'immutable';
import { describe, expect, it } from 'vitest';
import { type Result } from '../../result';
import { balanceOf } from '../balances';
import { type CommonsError } from '../errors';
import { type CommonsState } from '../state';
import { closePeriod } from './close';
import { CONX, givenLines, suppliesHold } from './fixtures';
import { queueSharedLoss } from './points';
import { splitBill, splitPayout } from './split';
import { NEW_ACCOUNT, NO_POINTS, type ClosedPeriod } from './state';

const amount = (max: bigint) => fc.bigInt({ min: 0n, max });
const weights = fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 12 });

describe('Commons splits (SPEC §0: remainders to the reserve, never to a recipient)', () => {
  it('a payout: shares rounded down, shares and reserve sum exactly to the total, each within one unit of its exact share', () => {
    fc.assert(
      fc.property(amount(10n ** 18n), weights, (total, ws) => {
        const { shares, toReserve } = splitPayout(total, ws);
        const sum = ws.reduce((a, b) => a + b, 0n);
        expect(shares.reduce((a, b) => a + b, 0n) + toReserve).toBe(total);
        expect(toReserve >= 0n).toBe(true);
        if (sum > 0n) {
          expect(toReserve < BigInt(ws.filter((w) => w > 0n).length) || toReserve === 0n).toBe(true);
          ws.forEach((w, i) => expect(shares[i]! * sum <= total * w && total * w < (shares[i]! + 1n) * sum).toBe(true));
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('a bill: shares rounded up, shares less the reserve’s excess sum exactly to the total, excess below one unit a member', () => {
    fc.assert(
      fc.property(amount(10n ** 18n), weights.filter((ws) => ws.some((w) => w > 0n)), (total, ws) => {
        const { shares, toReserve } = splitBill(total, ws);
        const sum = ws.reduce((a, b) => a + b, 0n);
        expect(shares.reduce((a, b) => a + b, 0n) - toReserve).toBe(total);
        expect(toReserve >= 0n && toReserve < BigInt(ws.length)).toBe(true);
        ws.forEach((w, i) => expect(shares[i]! * sum >= total * w && (shares[i]! - 1n) * sum < total * w).toBe(true));
        ws.forEach((w, i) => w === 0n && expect(shares[i]).toBe(0n));
      }),
      { numRuns: 2_000 },
    );
  });
});

/** A close's own accounting: every CONX of revenue, reserve and carried deficit is somewhere, exactly. */
function expectCloseExact(before: CommonsState, p: ClosedPeriod) {
  const lines = [...p.members.values()];
  const sum = (f: (l: (typeof lines)[number]) => bigint) => lines.reduce((a, l) => a + f(l), 0n);
  expect(sum((l) => l.refund) + p.refundRemainder).toBe(p.surplus);
  expect(sum((l) => l.deficitBill + l.lossBill) - p.billExcess).toBe(p.deficitBilled + p.lossBilled);
  expect(p.toLossReserve + p.toGeneralReserve).toBe(p.reserve);
  // revenue − costs − reserve = (surplus + what met the carried deficit) − deficit.
  expect(p.revenue - p.costs - p.reserve).toBe(p.surplus + p.carriedFromSurplus - p.deficit);
  // The carried deficit is met by surplus, reserve, bills, or carried again; this period's deficit by reserve or carried.
  expect(p.carriedFromSurplus + p.carriedFromReserve + p.deficitBilled + (p.carriedOut - (p.deficit - p.deficitFromReserve))).toBe(p.carriedIn);
  // The general reserve moves by exactly these.
  expect(p.generalReserve).toBe(before.patronageBook.generalReserve + p.toGeneralReserve - p.carriedFromReserve - p.deficitFromReserve + p.refundRemainder + p.billExcess);
  expect(p.lossReserve).toBe(before.lossReserve.balance + p.toLossReserve - p.uncoveredMet);
  // No member is billed for a deficit before the reserve and the carry-forward are used (SPEC §9).
  if (p.deficitBilled > 0n) {
    expect(p.surplus).toBe(0n);
    expect(p.deficitFromReserve).toBe(0n);
    expect(p.generalReserve).toBe(p.billExcess + p.refundRemainder);
    expect(p.deficitBilled <= p.carriedIn).toBe(true);
  }
  // This period's own deficit is never billed at its own close.
  expect(p.carriedOut >= p.deficit - p.deficitFromReserve).toBe(true);
}

describe('the period close (SPEC §9), on any figures', () => {
  const base = givenLines().state;
  const dids = ['did:test:a', 'did:test:b', 'did:test:c', 'did:test:d', 'did:test:e'];
  const points = fc.record({ feesPaid: amount(10n ** 9n), dexVolume: amount(10n ** 6n), stakesGiven: amount(10n ** 6n), offersCompleted: amount(1_000n), votesCast: amount(100n) });
  const account = fc.record({ owed: amount(10n ** 12n), due: amount(10n ** 12n) }).map(({ owed, due }) => (owed > due ? { owed: owed - due, due: 0n } : { owed: 0n, due: due - owed }));
  const scenario = fc.record({
    revenue: amount(10n ** 13n),
    costs: amount(10n ** 13n),
    general: amount(10n ** 12n),
    loss: amount(10n ** 12n),
    uncovered: amount(10n ** 12n),
    carried: amount(10n ** 13n),
    sharedLoss: amount(10n ** 12n),
    reserveBps: fc.integer({ min: 0, max: 10_000 }),
    lossShareBps: fc.integer({ min: 0, max: 10_000 }),
    users: fc.array(fc.tuple(fc.constantFrom(...dids), fc.option(points, { nil: undefined }), account), { maxLength: 5 }),
  });

  it('refunds and bills sum exactly to their source, the remainder in the reserve; nobody billed before the reserve and the carry-forward; accounts net', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const state: CommonsState = {
          ...base,
          params: { ...base.params, reserveBps: s.reserveBps, lossReserveShareBps: s.lossShareBps },
          patronage: ImmutableMap(s.users.flatMap(([did, p]) => (p ? [[did, p] as const] : []))),
          patronageAccounts: ImmutableMap(s.users.map(([did, , a]) => [did, { ...NEW_ACCOUNT, ...a }] as const)),
          lossReserve: { balance: s.loss, charged: s.uncovered, uncovered: s.uncovered, sharedLossDue: s.sharedLoss },
          patronageBook: {
            ...base.patronageBook,
            revenue: { creditFees: s.revenue, dexFees: 0n },
            generalReserve: s.general,
            carriedDeficit: s.carried,
            refundsOwed: [...new Map(s.users.map(([did, , a]) => [did, a])).values()].reduce((t, a) => t + a.owed, 0n),
            billsDue: [...new Map(s.users.map(([did, , a]) => [did, a])).values()].reduce((t, a) => t + a.due, 0n),
          },
        };
        const { state: after, period } = closePeriod(state, s.costs, '', base.time + 1);
        expectCloseExact(state, period);
        let owed = 0n;
        let due = 0n;
        for (const [did, a] of after.patronageAccounts) {
          const was = state.patronageAccounts.get(did) ?? NEW_ACCOUNT;
          const line = period.members.get(did);
          // Set-off nets the two sides once: never both above zero, and the set-off came out of both.
          expect(a.owed === 0n || a.due === 0n).toBe(true);
          expect(a.owed).toBe(was.owed + (line?.refund ?? 0n) - (line?.setOff ?? 0n));
          expect(a.due).toBe(was.due + (line?.deficitBill ?? 0n) + (line?.lossBill ?? 0n) - (line?.setOff ?? 0n));
          owed += a.owed;
          due += a.due;
        }
        expect(after.patronageBook.refundsOwed).toBe(owed);
        expect(after.patronageBook.billsDue).toBe(due);
        expect(after.supplies).toBe(state.supplies);
        expect(after.vaults).toBe(state.vaults);
        const anyone = [...state.patronage.values()].some((p) => Object.values({ ...NO_POINTS, ...p }).some((v) => v > 0n));
        expect(after.lossReserve.sharedLossDue).toBe(anyone ? 0n : s.sharedLoss);
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('patronage on the ledger: random periods, claims, payments and shared losses', () => {
  const g = givenLines();
  const members = [g.alice, g.bob, g.carol];
  const op = fc.oneof(
    fc.record({ kind: fc.constant('period' as const), fees: fc.tuple(amount(CONX(900)), amount(CONX(900)), amount(CONX(900))), costs: amount(CONX(3_000)) }),
    fc.record({ kind: fc.constant('claim' as const), who: fc.integer({ min: 0, max: 2 }), part: fc.integer({ min: 1, max: 100 }) }),
    fc.record({ kind: fc.constant('pay' as const), who: fc.integer({ min: 0, max: 2 }), part: fc.integer({ min: 1, max: 100 }) }),
    fc.record({ kind: fc.constant('loss' as const), amount: amount(CONX(500)) }),
  );

  it('set-off never pays a member twice, bills wait for the reserve and the carry-forward, supplies are conserved', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 8 }), (ops) => {
        let state = g.state;
        const conxSupply = state.supplies.CONX;
        for (const o of ops) {
          let result: Result<CommonsState, CommonsError> | null = null;
          if (o.kind === 'period') {
            const used = g.use(state, members.map((m, i) => [m, o.fees[i]!] as const).filter(([, f]) => f > 0n));
            const before = used;
            result = g.close(used, o.costs);
            if (result.ok) expectCloseExact(before, result.value.patronagePeriods.last()!);
            else expect(result.error.kind).toBe('RefundsAboveTreasury');
            if (!result.ok) state = used;
          } else if (o.kind === 'loss') {
            state = queueSharedLoss(state, o.amount);
          } else {
            const m = members[o.who]!;
            const account = state.patronageAccounts.get(m.did) ?? NEW_ACCOUNT;
            const side = o.kind === 'claim' ? account.owed : account.due;
            const part = (side * BigInt(o.part)) / 100n;
            if (part > 0n) {
              const before = state;
              result = o.kind === 'claim' ? g.claim(state, m, part) : g.pay(state, m, part);
              if (result.ok) {
                const t0 = balanceOf(before.vaults.get(before.treasury)!, 'CONX');
                const t1 = balanceOf(result.value.vaults.get(result.value.treasury)!, 'CONX');
                expect(t1 - t0).toBe(o.kind === 'claim' ? -part : part);
              } else expect(result.error.kind).toBe('InsufficientBalance');
            }
          }
          if (result?.ok) state = result.value;
          // Every account: what was credited is claimed, set off or still owed; what was billed is paid, set off or still due; once each.
          let owed = 0n;
          let due = 0n;
          for (const a of state.patronageAccounts.values()) {
            expect(a.refunded).toBe(a.claimed + a.setOff + a.owed);
            expect(a.billed).toBe(a.paid + a.setOff + a.due);
            expect(a.owed === 0n || a.due === 0n).toBe(true);
            owed += a.owed;
            due += a.due;
          }
          expect(state.patronageBook.refundsOwed).toBe(owed);
          expect(state.patronageBook.billsDue).toBe(due);
          expect(suppliesHold(state)).toBe(true);
        }
        // Patronage mints and burns nothing, and every repayment here is fees (moved to the treasury, not burned): CONX supply is unchanged.
        expect(state.supplies.CONX).toBe(conxSupply);
      }),
      { numRuns: 60 },
    );
  });
});
