/**
 * The words of a period close (SPEC §9), from the verified ledger's patronage view and the signed
 * payload only: the revenue the ledger recorded, the costs as signed, and what follows from them
 * by the close's own rules (shared/commons/patronage/close.ts), so that a steward reads the
 * surplus refunded or the deficit met, carried or billed before signing.
 */
import { type CommonsView } from '../contract/commons-view';
import { DECIMALS, formatAmount } from '../money';
import { closeFigures } from '../commons/patronage/close';

const conx = (amount: bigint) => `${formatAmount(amount, DECIMALS.CONX)} CONX`;
const pct = (bps: number) => `${formatAmount(BigInt(bps), 2)} %`;
const people = (n: number) => `${n} ${n === 1 ? 'member' : 'members'}`;

export function patronageCloseText(ledger: Pick<CommonsView, 'patronage'>, payload: { period: number; costs: bigint; note: string }): string {
  const p = ledger.patronage;
  const note = payload.note === '' ? '' : ` (“${payload.note}”)`;
  if (payload.period !== p.open.period) {
    return `Close patronage period ${payload.period}${note}, which is not the open period (${p.open.period}): the ledger will refuse it`;
  }
  const users = p.open.members.filter((m) => m.total > 0n).length;
  const f = closeFigures({
    revenue: p.open.revenue,
    costs: payload.costs,
    reserveBps: p.params.reserveBps,
    lossReserveShareBps: p.params.lossReserveShareBps,
    generalReserve: p.reserves.general,
    uncovered: p.reserves.uncovered,
    carriedIn: p.reserves.carriedDeficit,
  });
  const parts = [
    `Close patronage period ${payload.period}${note}: revenue recorded ${conx(p.open.revenue)}, costs ${conx(payload.costs)}, reserve ${conx(f.reserve)} (${pct(p.params.reserveBps)} of revenue; ${conx(f.toLossReserve)} of it to the loss reserve)`,
  ];
  if (f.carriedFromSurplus > 0n) parts.push(`${conx(f.carriedFromSurplus)} meets the deficit carried from the last close`);
  if (f.surplus > 0n) parts.push(users > 0 ? `a surplus of ${conx(f.surplus)} is refunded in CONX to ${people(users)} in proportion to their patronage points, rounded down, the remainder to the reserve` : `a surplus of ${conx(f.surplus)} goes to the general reserve (no member has patronage points this period)`);
  if (f.deficit > 0n) parts.push(`a deficit of ${conx(f.deficit)}: ${conx(f.deficitFromReserve)} met from the general reserve, ${conx(f.carriedOut)} carried forward to the next close`);
  if (f.toBill > 0n) parts.push(users > 0 ? `the carried deficit left, ${conx(f.toBill)}, is billed to ${people(users)} in proportion to their points, set off first against refunds owed to them` : `the carried deficit left, ${conx(f.toBill)}, stays carried (no member has points to bill)`);
  if (p.reserves.sharedLossDue > 0n) parts.push(users > 0 ? `shared losses of ${conx(p.reserves.sharedLossDue)} are billed the same way` : `shared losses of ${conx(p.reserves.sharedLossDue)} stay due (no member has points to bill)`);
  parts.push('tiers are recomputed');
  return parts.join('; ');
}
