/**
 * The period close (SPEC §9), as a pure computation over the state: revenue as the ledger recorded
 * it, the costs the treasury quorum stated, the reserve and its split, refunds of a surplus, a
 * deficit met from the reserve, then carried forward, then billed, shared losses billed, set-off
 * between what each member is owed and owes, and tiers recomputed (SPEC §1).
 *
 * The order, exactly (docs/ledger-format.md, "Patronage periods"):
 * 1. reserve = ⌈revenue × reserveBps / 10000⌉; its loss-reserve share ⌊reserve × lossReserveShareBps
 *    / 10000⌋ first meets uncovered bad debt, the rest funds the loss reserve; the remainder of the
 *    reserve goes to the general reserve.
 * 2. net = revenue − costs − reserve. If net ≥ 0 it first meets the deficit the last close carried
 *    forward; what is left is the surplus. If net < 0, −net is this period's deficit.
 * 3. The carried deficit not met by the surplus is met from the general reserve, and what is still
 *    left is billed: a deficit is billed only after it was carried forward once and neither the
 *    next surplus nor the reserve could meet it.
 * 4. This period's deficit is met from the general reserve, and the rest is carried forward.
 * 5. The surplus is refunded pro rata to the period's points, rounded down, the remainder to the
 *    general reserve; the billed deficit and the shared loss due (SPEC §8) are billed pro rata,
 *    rounded up, the excess to the general reserve. With no points in the period nothing is
 *    refunded (the surplus goes to the general reserve) and nothing billed (both stay due).
 * 6. Refunds are credited to each member's account (owed), bills added to it (due), and the two
 *    set off against each other; the member claims what stays owed and pays what stays due.
 */
import { Map as ImmutableMap } from 'immutable';
import { type Params } from '../params/schema';
import { type CommonsState, type Tier } from '../state';
import { periodRevenue } from './revenue';
import { splitBill, splitPayout } from './split';
import { type ClosedPeriod, NEW_ACCOUNT, NO_REVENUE, type PatronageAccount, type PatronagePoints, type PeriodLine } from './state';

const min = (a: bigint, b: bigint) => (a < b ? a : b);
const BPS = 10_000n;

export const pointsTotal = (points: PatronagePoints): bigint => Object.values(points).reduce((a, b) => a + b, 0n);

/** SPEC §1: the tier a member's closed periods and points give (thresholds *(param)*). */
export function tierOf(account: Pick<PatronageAccount, 'periods' | 'points'>, tiers: Params['tiers']): Tier {
  if (account.periods >= tiers.goldPeriods && account.points >= BigInt(tiers.goldPoints)) return 'Gold';
  if (account.periods >= tiers.silverPeriods && account.points >= BigInt(tiers.silverPoints)) return 'Silver';
  if (account.periods >= tiers.bronzePeriods) return 'Bronze';
  return 'None';
}

/** What a close does to the figures, before any state is written (also the preview a screen shows). */
export interface CloseFigures {
  readonly reserve: bigint;
  readonly toLossReserve: bigint;
  readonly toGeneralReserve: bigint;
  readonly uncoveredMet: bigint;
  readonly surplus: bigint;
  readonly deficit: bigint;
  readonly deficitFromReserve: bigint;
  readonly carriedIn: bigint;
  readonly carriedFromSurplus: bigint;
  readonly carriedFromReserve: bigint;
  /** The carried deficit left for bills (billed if anyone has points, carried again if not). */
  readonly toBill: bigint;
  readonly carriedOut: bigint;
  /** The general reserve after steps 1–4, before rounding remainders and excesses. */
  readonly generalReserve: bigint;
}

/** Steps 1–4: the reserve and where the surplus or deficit goes. */
export function closeFigures(input: {
  readonly revenue: bigint;
  readonly costs: bigint;
  readonly reserveBps: number;
  readonly lossReserveShareBps: number;
  readonly generalReserve: bigint;
  readonly uncovered: bigint;
  readonly carriedIn: bigint;
}): CloseFigures {
  const reserve = (input.revenue * BigInt(input.reserveBps) + BPS - 1n) / BPS;
  const toLossReserve = (reserve * BigInt(input.lossReserveShareBps)) / BPS;
  const toGeneralReserve = reserve - toLossReserve;
  const uncoveredMet = min(toLossReserve, input.uncovered);
  const net = input.revenue - input.costs - reserve;
  const carriedFromSurplus = net > 0n ? min(net, input.carriedIn) : 0n;
  const surplus = net > 0n ? net - carriedFromSurplus : 0n;
  const deficit = net < 0n ? -net : 0n;
  let general = input.generalReserve + toGeneralReserve;
  const carriedRest = input.carriedIn - carriedFromSurplus;
  const carriedFromReserve = min(general, carriedRest);
  general -= carriedFromReserve;
  const toBill = carriedRest - carriedFromReserve;
  const deficitFromReserve = min(general, deficit);
  general -= deficitFromReserve;
  return {
    reserve,
    toLossReserve,
    toGeneralReserve,
    uncoveredMet,
    surplus,
    deficit,
    deficitFromReserve,
    carriedIn: input.carriedIn,
    carriedFromSurplus,
    carriedFromReserve,
    toBill,
    carriedOut: deficit - deficitFromReserve,
    generalReserve: general,
  };
}

/** The period close on `state` at `time`: the next state and the closed period's record. */
export function closePeriod(state: CommonsState, costs: bigint, note: string, time: number): { state: CommonsState; period: ClosedPeriod } {
  const book = state.patronageBook;
  const revenue = periodRevenue(state);
  const figures = closeFigures({
    revenue,
    costs,
    reserveBps: state.params.reserveBps,
    lossReserveShareBps: state.params.lossReserveShareBps,
    generalReserve: book.generalReserve,
    uncovered: state.lossReserve.uncovered,
    carriedIn: book.carriedDeficit,
  });

  // Step 5: who shares, and how much each. Members without points share nothing.
  const users = [...state.patronage.entries()].map(([did, points]) => ({ did, points, total: pointsTotal(points) })).filter((u) => u.total > 0n);
  const weights = users.map((u) => u.total);
  const anyone = users.length > 0;
  const refunds = splitPayout(figures.surplus, weights);
  const deficitBills = anyone ? splitBill(figures.toBill, weights) : { shares: weights.map(() => 0n), toReserve: 0n };
  const lossDue = state.lossReserve.sharedLossDue;
  const lossBills = anyone ? splitBill(lossDue, weights) : { shares: weights.map(() => 0n), toReserve: 0n };
  const deficitBilled = anyone ? figures.toBill : 0n;
  const lossBilled = anyone ? lossDue : 0n;

  // Step 6: accounts, set-off, tiers.
  let accounts = state.patronageAccounts;
  let owedTotal = book.refundsOwed;
  let dueTotal = book.billsDue;
  const lines = new Map<string, Omit<PeriodLine, 'tier'>>();
  users.forEach((u, i) => {
    const refund = refunds.shares[i]!;
    const deficitBill = deficitBills.shares[i]!;
    const lossBill = lossBills.shares[i]!;
    const held = accounts.get(u.did) ?? NEW_ACCOUNT;
    const owed = held.owed + refund;
    const due = held.due + deficitBill + lossBill;
    const setOff = min(owed, due);
    const account: PatronageAccount = {
      owed: owed - setOff,
      due: due - setOff,
      refunded: held.refunded + refund,
      billed: held.billed + deficitBill + lossBill,
      claimed: held.claimed,
      paid: held.paid,
      setOff: held.setOff + setOff,
      periods: held.periods + 1,
      points: held.points + u.total,
    };
    owedTotal += account.owed - held.owed;
    dueTotal += account.due - held.due;
    accounts = accounts.set(u.did, account);
    lines.set(u.did, { points: u.points, total: u.total, refund, deficitBill, lossBill, setOff, owed: account.owed, due: account.due });
  });

  // Tiers are recomputed for every member (a parameter change may move a threshold), SPEC §1.
  let members = state.members;
  for (const [did, m] of state.members) {
    const tier = tierOf(accounts.get(did) ?? NEW_ACCOUNT, state.params.tiers);
    if (tier !== m.tier) members = members.set(did, { ...m, tier });
  }

  const generalReserve = figures.generalReserve + refunds.toReserve + deficitBills.toReserve + lossBills.toReserve;
  const lossBalance = state.lossReserve.balance + figures.toLossReserve - figures.uncoveredMet;
  const period: ClosedPeriod = {
    period: book.period,
    openedAt: book.openedAt,
    closedAt: time,
    note,
    revenue,
    revenueBySource: book.revenue,
    costs,
    reserve: figures.reserve,
    toLossReserve: figures.toLossReserve,
    toGeneralReserve: figures.toGeneralReserve,
    uncoveredMet: figures.uncoveredMet,
    surplus: figures.surplus,
    refunded: figures.surplus - refunds.toReserve,
    refundRemainder: refunds.toReserve,
    deficit: figures.deficit,
    deficitFromReserve: figures.deficitFromReserve,
    carriedIn: figures.carriedIn,
    carriedFromSurplus: figures.carriedFromSurplus,
    carriedFromReserve: figures.carriedFromReserve,
    carriedOut: figures.carriedOut + (figures.toBill - deficitBilled),
    deficitBilled,
    lossBilled,
    billed: deficitBilled + lossBilled + deficitBills.toReserve + lossBills.toReserve,
    billExcess: deficitBills.toReserve + lossBills.toReserve,
    generalReserve,
    lossReserve: lossBalance,
    points: weights.reduce((a, b) => a + b, 0n),
    members: ImmutableMap([...lines].map(([did, line]) => [did, { ...line, tier: members.get(did)?.tier ?? 'None' }])),
  };

  const next: CommonsState = {
    ...state,
    members,
    patronage: ImmutableMap(),
    lossReserve: { ...state.lossReserve, balance: lossBalance, uncovered: state.lossReserve.uncovered - figures.uncoveredMet, sharedLossDue: lossDue - lossBilled },
    patronageAccounts: accounts,
    patronagePeriods: state.patronagePeriods.push(period),
    patronageBook: {
      period: book.period + 1,
      openedAt: time,
      revenue: NO_REVENUE,
      generalReserve,
      carriedDeficit: period.carriedOut,
      refundsOwed: owedTotal,
      billsDue: dueTotal,
    },
  };
  return { state: next, period };
}
