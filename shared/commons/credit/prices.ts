/**
 * Price attestations (SPEC §4), signed by the treasury quorum: CONX minor units per whole unit of
 * ADA, BTC or ETH. The rule, exactly (docs/ledger-format.md, "price.attest"):
 *
 * 1. The first attestation of an asset takes effect at once (there is no price to jump from).
 * 2. An attestation within `priceJumpBps` of the current price (|new − current| × 10000 ≤
 *    priceJumpBps × current) takes effect at once and drops any pending price: the market did not
 *    jump after all.
 * 3. A jump beyond it is held as the **pending** price, shown with the time it may take effect,
 *    `effectiveAt = attestedAt + priceConfirmDelaySeconds`, so that lines it would endanger can
 *    be cured first (SPEC §4, Maker's OSM). A later jump that comes at or after `effectiveAt` and
 *    lies within `priceJumpBps` of the pending price confirms it: its own price (the later
 *    observation) takes effect. Any other jump replaces the pending price, and its delay starts
 *    again.
 *
 * A price that takes effect re-settles every line holding that asset: a line whose health falls
 * below 1 is frozen and its cure period starts; one that rises to 1 or above is thawed.
 */
import { err, ok } from '../../result';
import { type Handler } from '../module';
import { type ActionWith } from '../schema';
import { fail } from './errors';
import { putLines } from './crossing';
import { MAX_AMOUNT, type State, settled } from './line';
import { type PriceAttestPayload } from './payloads';
import { type Attested, type CreditLine, type MarketAsset, type PriceState } from './state';

/** Whether `next` lies within `jumpBps` of `base`. */
export const withinJump = (base: bigint, next: bigint, jumpBps: number): boolean => {
  const move = next > base ? next - base : base - next;
  return move * 10_000n <= BigInt(jumpBps) * base;
};

/** The price state after an attestation of `price` at `time` (the rule above). */
export function attested(prices: PriceState, price: bigint, time: number, jumpBps: number, delaySeconds: number): PriceState {
  const observation: Attested = { price, attestedAt: time };
  const { current, pending } = prices;
  if (current === null || withinJump(current.price, price, jumpBps)) return { current: observation, pending: null };
  if (pending !== null && time >= pending.effectiveAt && withinJump(pending.price, price, jumpBps)) return { current: observation, pending: null };
  return { current, pending: { ...observation, effectiveAt: time + delaySeconds } };
}

export const attest: Handler<ActionWith<'price.attest', typeof PriceAttestPayload>, State> = (state, action, ctx) => {
  const { asset, price } = action.payload;
  if (price <= 0n) return err(fail('PriceNotPositive', { asset, price }));
  if (price > MAX_AMOUNT) return err(fail('AmountTooLarge', { amount: price, max: MAX_AMOUNT }));
  const before = state.credit.prices[asset];
  const after = attested(before, price, ctx.time, state.params.priceJumpBps, state.params.priceConfirmDelaySeconds);
  const next: State = { ...state, credit: { ...state.credit, prices: { ...state.credit.prices, [asset]: after } } };
  return ok(before.current?.price === after.current?.price ? next : resettle(next, asset, ctx.time));
};

/**
 * Freezes or thaws every line that holds `asset`, at `time`, and recomputes their fee crossings
 * (their weighted collateral changed; the other lines' did not).
 */
function resettle(state: State, asset: MarketAsset, time: number): State {
  const holders: CreditLine[] = [];
  for (const line of state.credit.lines.values()) if (line.collateral[asset] !== 0n) holders.push(settled(state, line, time));
  return holders.length === 0 ? state : putLines(state, holders);
}
