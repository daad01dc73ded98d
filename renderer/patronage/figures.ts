/**
 * What the patronage statement computes from the Commons' view (SPEC §9, §1): a member's line in
 * each period, the progress to the next tier, the bars of the chart across periods, and the
 * preview of a close (the close's own rules, shared/commons/patronage/close.ts). Pure, so that it
 * is tested apart from React.
 */
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { closeFigures, splitPayout } from '../../shared/commons/patronage';
import { DECIMALS, formatAmount } from '../../shared/money';

export type PatronageView = CommonsView['patronage'];
export type ClosedPeriodView = PatronageView['periods'][number];
export type AccountView = PatronageView['accounts'][number];
type Points = ClosedPeriodView['members'][number]['points'];

/** Amounts in full (a refund is often a fraction of a CONX): never rounded away. */
export const conx = (amount: bigint) => `${formatAmount(amount, DECIMALS.CONX)} CONX`;
export const points = (n: bigint) => formatAmount(n, 0);
export const percent = (bps: number) => `${formatAmount(BigInt(bps), 2)} %`;

/** SPEC §9's services, in the order the statement lists them. */
export const USES: readonly { key: keyof Points; label: string }[] = [
  { key: 'feesPaid', label: 'VELOC fees paid' },
  { key: 'dexVolume', label: 'DEX volume' },
  { key: 'stakesGiven', label: 'Stakes given' },
  { key: 'offersCompleted', label: 'Offers completed' },
  { key: 'votesCast', label: 'Votes cast' },
];

const NO_POINTS: Points = { feesPaid: 0n, dexVolume: 0n, stakesGiven: 0n, offersCompleted: 0n, votesCast: 0n };

/** The member whose statement a vault shows: its owner (a Commons vault has none). */
export const ownerOf = (vault: VaultView): string | null => vault.owner;

/** One row of a member's statement: a closed period, or the open one (no refund or bill yet). */
export interface StatementRow {
  readonly period: number;
  readonly closed: boolean;
  readonly points: Points;
  readonly total: bigint;
  /** Σ points of every member in the period. */
  readonly periodPoints: bigint;
  readonly refund: bigint;
  readonly bill: bigint;
  readonly setOff: bigint;
  readonly revenue: bigint;
  readonly costs: bigint | null;
  readonly generalReserve: bigint;
  readonly lossReserve: bigint;
}

export function statement(p: PatronageView, member: string): StatementRow[] {
  const rows: StatementRow[] = p.periods.map((period) => {
    const line = period.members.find((m) => m.member === member);
    return {
      period: period.period,
      closed: true,
      points: line?.points ?? NO_POINTS,
      total: line?.total ?? 0n,
      periodPoints: period.points,
      refund: line?.refund ?? 0n,
      bill: line?.bill ?? 0n,
      setOff: line?.setOff ?? 0n,
      revenue: period.revenue,
      costs: period.costs,
      generalReserve: period.generalReserve,
      lossReserve: period.lossReserve,
    };
  });
  const open = p.open.members.find((m) => m.member === member);
  rows.push({
    period: p.open.period,
    closed: false,
    points: open?.points ?? NO_POINTS,
    total: open?.total ?? 0n,
    periodPoints: p.open.members.reduce((sum, m) => sum + m.total, 0n),
    refund: 0n,
    bill: 0n,
    setOff: 0n,
    revenue: p.open.revenue,
    costs: null,
    generalReserve: p.reserves.general,
    lossReserve: p.reserves.loss,
  });
  return rows;
}

/** How far a member is from the next tier (SPEC §1; thresholds are parameters). */
export interface TierProgress {
  readonly tier: AccountView['tier'];
  readonly next: 'Bronze' | 'Silver' | 'Gold' | null;
  readonly periods: number;
  readonly periodsNeeded: number;
  readonly points: bigint;
  readonly pointsNeeded: bigint;
}

export function tierProgress(account: Pick<AccountView, 'tier' | 'periods' | 'points'>, tiers: PatronageView['params']['tiers']): TierProgress {
  const steps = [
    { tier: 'Bronze', periods: tiers.bronzePeriods, points: 0 },
    { tier: 'Silver', periods: tiers.silverPeriods, points: tiers.silverPoints },
    { tier: 'Gold', periods: tiers.goldPeriods, points: tiers.goldPoints },
  ] as const;
  const order = ['None', 'Bronze', 'Silver', 'Gold'];
  const next = steps.find((s) => order.indexOf(s.tier) > order.indexOf(account.tier));
  return {
    tier: account.tier,
    next: next?.tier ?? null,
    periods: account.periods,
    periodsNeeded: next?.periods ?? 0,
    points: account.points,
    pointsNeeded: BigInt(next?.points ?? 0),
  };
}

/** A sentence for the tier card: "Bronze. Silver after 6 closed periods with patronage (2 so far) and 1,000 points (140 so far)." */
export function tierText(t: TierProgress): string {
  const now = t.tier === 'None' ? 'No tier yet.' : `${t.tier}.`;
  if (t.next === null) return `${now} The highest tier.`;
  const pts = t.pointsNeeded > 0n ? ` and ${points(t.pointsNeeded)} points in all (${points(t.points)} so far)` : '';
  return `${now} ${t.next} after ${t.periodsNeeded} closed periods with patronage (${t.periods} so far)${pts}.`;
}

/** One bar of the chart across periods: up for a refund, down for a bill, scaled with bigint. */
export interface PeriodBar {
  readonly period: number;
  readonly net: bigint;
  /** Height in pixels (≥ 2 for any non-zero value, so a small refund still shows). */
  readonly height: number;
  readonly up: boolean;
  readonly label: string;
}

export function periodBars(rows: readonly StatementRow[], maxHeight: number): PeriodBar[] {
  const closed = rows.filter((r) => r.closed);
  const nets = closed.map((r) => r.refund - r.bill);
  const max = nets.reduce((m, n) => (n < 0n ? (-n > m ? -n : m) : n > m ? n : m), 0n);
  return closed.map((r, i) => {
    const net = nets[i]!;
    const size = net < 0n ? -net : net;
    const height = max === 0n || size === 0n ? 0 : Math.max(2, Number((size * BigInt(maxHeight)) / max));
    return { period: r.period, net, height, up: net >= 0n, label: net < 0n ? `bill ${conx(-net)}` : `refund ${conx(net)}` };
  });
}

/** What a close with these costs would do, by the close's own rules, with each member's refund. */
export function closePreview(p: PatronageView, costs: bigint) {
  const f = closeFigures({
    revenue: p.open.revenue,
    costs,
    reserveBps: p.params.reserveBps,
    lossReserveShareBps: p.params.lossReserveShareBps,
    generalReserve: p.reserves.general,
    uncovered: p.reserves.uncovered,
    carriedIn: p.reserves.carriedDeficit,
  });
  const users = p.open.members.filter((m) => m.total > 0n);
  const refunds = splitPayout(f.surplus, users.map((m) => m.total));
  return { ...f, refunds: users.map((m, i) => ({ member: m.member, refund: refunds.shares[i]! })), remainder: refunds.toReserve };
}
