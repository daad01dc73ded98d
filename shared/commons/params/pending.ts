/**
 * SPEC §4: "Lowering a draw ratio affects new draws only; lowering a threshold takes effect after
 * the governance timelock plus the cure period." A passed `params.set` executes after its timelock;
 * a liquidation threshold it lowers waits a cure period more, so that every line the lower
 * threshold would put below 1 can be cured first. Until then the old threshold governs health,
 * freezing and liquidation.
 *
 * The representation: each lowered threshold is one pending change (asset, old and new bps, the
 * proposal, `executedAt`, `effectiveAt = executedAt + curePeriodSeconds` in force at execution),
 * kept in the params slice in order of `effectiveAt`. Everything else a `params.set` changes,
 * raised thresholds included, applies at once (a draw ratio is read only by new draws, credit's
 * `capacity`, so lowering one already touches no existing line).
 *
 * When it applies: the change governs every moment after `effectiveAt`. The params module's time
 * step applies the changes with `effectiveAt ≤ from`, and declares `effectiveAt` as a point where
 * the Commons' time step is cut (module.ts `nextChangeAt`), so a step across it runs to
 * `effectiveAt` under the old threshold and on from there under the new one — the credit module
 * then freezes the lines it puts below 1 as of `effectiveAt`. One step a→c thus equals a→b→c.
 *
 * Later decisions: a later `params.set` that sets an asset's threshold above the one in force
 * replaces that asset's pending lowering (raised at once); one that lowers it again replaces it
 * with its own (and its own cure period); one that leaves it as it is leaves the pending change
 * alone (a proposal must name every asset's threshold to change one).
 */
import { type CollateralAsset } from '../credit/state';
import { type Params } from './schema';

const ASSETS: readonly CollateralAsset[] = ['COMM', 'ADA', 'BTC', 'ETH'];

export interface PendingParam {
  readonly param: 'liquidationThresholdBps';
  readonly asset: CollateralAsset;
  /** The threshold in force until `effectiveAt`. */
  readonly from: number;
  readonly to: number;
  /** The proposal whose `params.set` lowered it. */
  readonly proposal: string;
  readonly executedAt: number;
  readonly effectiveAt: number;
}

/** What a `params.set` does now, and what it leaves pending (every change pending, in `effectiveAt` order). */
export function splitChange(params: Params, pending: readonly PendingParam[], changes: Partial<Params>, proposal: string, time: number): { params: Params; pending: PendingParam[] } {
  const asked = changes.liquidationThresholdBps;
  if (!asked) return { params: { ...params, ...changes }, pending: [...pending] };
  const inForce = { ...params.liquidationThresholdBps };
  let later = [...pending];
  const effectiveAt = time + params.curePeriodSeconds;
  for (const asset of ASSETS) {
    const to = asked[asset];
    const from = params.liquidationThresholdBps[asset];
    if (to === from) continue;
    later = later.filter((p) => p.asset !== asset);
    if (to > from) inForce[asset] = to;
    else later.push({ param: 'liquidationThresholdBps', asset, from, to, proposal, executedAt: time, effectiveAt });
  }
  later.sort((a, b) => a.effectiveAt - b.effectiveAt);
  return { params: { ...params, ...changes, liquidationThresholdBps: inForce }, pending: later };
}

/** The parameters once every pending change applied: what `params.set` holds to SPEC §4's bounds as well as those in force. */
export function withPending(params: Params, pending: readonly PendingParam[]): Params {
  if (pending.length === 0) return params;
  const thresholds = { ...params.liquidationThresholdBps };
  for (const p of pending) thresholds[p.asset] = p.to;
  return { ...params, liquidationThresholdBps: thresholds };
}

/** The pending changes due by `time` (effectiveAt ≤ time) applied, the rest still pending. */
export function applyDue(params: Params, pending: readonly PendingParam[], time: number): { params: Params; pendingParams: readonly PendingParam[] } {
  const due = pending.filter((p) => p.effectiveAt <= time);
  if (due.length === 0) return { params, pendingParams: pending };
  return { params: withPending(params, due), pendingParams: pending.filter((p) => p.effectiveAt > time) };
}

/** The next time a pending change applies after `time`, or null. */
export const nextPendingAt = (pending: readonly PendingParam[], time: number): number | null => pending.find((p) => p.effectiveAt > time)?.effectiveAt ?? null;
