/**
 * What the views show of patronage (SPEC §9). Field names are stable (the statement page builds
 * on them):
 *
 * CommonsView (`view.commons`, field `patronage`):
 * - `open`: the open period — `period`, `openedAt` (null: since genesis), `revenue`, `revenueBySource`
 *   {creditFees, dexFees}, `members[]` {member (DID), points by source, total}.
 * - `reserves`: `general`, `loss` (the loss reserve's balance), `uncovered` (bad debt it could not
 *   meet yet), `sharedLossDue` (billed at the next close), `carriedDeficit`, `refundsOwed`, `billsDue`.
 * - `periods[]` (oldest first): every figure of the close (close.ts, `ClosedPeriod`) and
 *   `members[]` {member, points by source, total, refund, deficitBill, lossBill, bill (= the two),
 *   setOff, owed, due, tier} — a member's statement for that period.
 * - `accounts[]`: {member, owed (refunds to claim), due (bill to pay), refunded, billed, claimed,
 *   paid, setOff, periods, points, tier} for every member (zeros for one who never had patronage).
 * - `params`: what a screen needs to explain and preview a close: reserveBps, lossReserveShareBps,
 *   tiers {bronzePeriods, silverPeriods, silverPoints, goldPeriods, goldPoints}.
 *
 * `c3 state --json` (`view.state`): `patronage` (the open period's points per member, as before),
 * `lossReserve`, `patronagePeriod` (the open period), `patronageReserves`, `patronagePeriods` (with
 * `members` per period), `patronageAccounts` (with `tier`), the same fields.
 */
import { z } from 'zod';
import { Amount } from '../../money';
import { type ModuleView } from '../module';
import { type CommonsState } from '../state';
import { Tier } from '../view-schema';
import { periodRevenue } from './revenue';
import { pointsTotal } from './close';
import { type ClosedPeriod, NEW_ACCOUNT, NO_POINTS, type PatronagePoints } from './state';

const Count = z.number().int().nonnegative();
const Time = z.number().int().nonnegative();

export const PointsView = z.object({ feesPaid: Amount, dexVolume: Amount, stakesGiven: Amount, offersCompleted: Amount, votesCast: Amount });
const RevenueView = z.object({ creditFees: Amount, dexFees: Amount });

export const PeriodLineView = z.object({
  member: z.string(),
  points: PointsView,
  total: Amount,
  refund: Amount,
  deficitBill: Amount,
  lossBill: Amount,
  bill: Amount,
  setOff: Amount,
  owed: Amount,
  due: Amount,
  tier: Tier,
});
export type PeriodLineView = z.infer<typeof PeriodLineView>;

export const ClosedPeriodView = z.object({
  period: z.number().int().positive(),
  openedAt: Time.nullable(),
  closedAt: Time,
  note: z.string(),
  revenue: Amount,
  revenueBySource: RevenueView,
  costs: Amount,
  reserve: Amount,
  toLossReserve: Amount,
  toGeneralReserve: Amount,
  uncoveredMet: Amount,
  surplus: Amount,
  refunded: Amount,
  refundRemainder: Amount,
  deficit: Amount,
  deficitFromReserve: Amount,
  carriedIn: Amount,
  carriedFromSurplus: Amount,
  carriedFromReserve: Amount,
  carriedOut: Amount,
  deficitBilled: Amount,
  lossBilled: Amount,
  billed: Amount,
  billExcess: Amount,
  generalReserve: Amount,
  lossReserve: Amount,
  points: Amount,
  members: z.array(PeriodLineView),
});
export type ClosedPeriodView = z.infer<typeof ClosedPeriodView>;

export const PatronageAccountView = z.object({
  member: z.string(),
  owed: Amount,
  due: Amount,
  refunded: Amount,
  billed: Amount,
  claimed: Amount,
  paid: Amount,
  setOff: Amount,
  periods: Count,
  points: Amount,
  tier: Tier,
});
export type PatronageAccountView = z.infer<typeof PatronageAccountView>;

export const PatronageView = z.object({
  open: z.object({
    period: z.number().int().positive(),
    openedAt: Time.nullable(),
    revenue: Amount,
    revenueBySource: RevenueView,
    members: z.array(z.object({ member: z.string(), points: PointsView, total: Amount })),
  }),
  reserves: z.object({
    general: Amount,
    loss: Amount,
    uncovered: Amount,
    sharedLossDue: Amount,
    carriedDeficit: Amount,
    refundsOwed: Amount,
    billsDue: Amount,
  }),
  periods: z.array(ClosedPeriodView),
  accounts: z.array(PatronageAccountView),
  params: z.object({
    reserveBps: Count,
    lossReserveShareBps: Count,
    tiers: z.object({ bronzePeriods: Count, silverPeriods: Count, silverPoints: Count, goldPeriods: Count, goldPoints: Count }),
  }),
});
export type PatronageView = z.infer<typeof PatronageView>;

const periodView = (p: ClosedPeriod): ClosedPeriodView => {
  const { members, ...figures } = p;
  return {
    ...figures,
    members: [...members.entries()].map(([member, l]) => ({ member, ...l, bill: l.deficitBill + l.lossBill })),
  };
};

const points = (p: PatronagePoints) => ({ ...NO_POINTS, ...p });

function reserves(state: CommonsState) {
  const book = state.patronageBook;
  return {
    general: book.generalReserve,
    loss: state.lossReserve.balance,
    uncovered: state.lossReserve.uncovered,
    sharedLossDue: state.lossReserve.sharedLossDue,
    carriedDeficit: book.carriedDeficit,
    refundsOwed: book.refundsOwed,
    billsDue: book.billsDue,
  };
}

const accounts = (state: CommonsState) =>
  [...state.members.values()].map((m) => ({ member: m.did, ...(state.patronageAccounts.get(m.did) ?? NEW_ACCOUNT), tier: m.tier }));

export function patronageView(state: CommonsState): PatronageView {
  const book = state.patronageBook;
  return {
    open: {
      period: book.period,
      openedAt: book.openedAt,
      revenue: periodRevenue(state),
      revenueBySource: book.revenue,
      members: [...state.patronage.entries()].map(([member, p]) => ({ member, points: points(p), total: pointsTotal(p) })),
    },
    reserves: reserves(state),
    periods: [...state.patronagePeriods].map(periodView),
    accounts: accounts(state),
    params: { reserveBps: state.params.reserveBps, lossReserveShareBps: state.params.lossReserveShareBps, tiers: state.params.tiers },
  };
}

const shape = { patronage: PatronageView };

export const patronageModuleView: ModuleView<object, typeof shape> = {
  state: (state) => {
    const view = patronageView(state);
    return {
      patronage: Object.fromEntries([...state.patronage.entries()].map(([did, p]) => [did, p])),
      lossReserve: state.lossReserve,
      patronagePeriod: view.open,
      patronageReserves: view.reserves,
      patronagePeriods: view.periods,
      patronageAccounts: view.accounts,
    };
  },
  commons: { shape, of: (state) => ({ patronage: patronageView(state) }) },
};
