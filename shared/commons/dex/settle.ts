/**
 * Settlement of a placement's matches in the ledger (SPEC §10: atomic — all of a placement's
 * fills or none): the buyer's escrow pays the seller at the resting order's price, a buyer who
 * bid above that price gets the difference back, both orders and the fills are recorded, and each
 * party's CONX volume counts for patronage (SPEC §9, `dexVolume`). CONX only moves between vaults
 * and escrows, so every supply stays as it was.
 */
import { type Result, err, ok } from '../../result';
import { type ModuleError } from '../module';
import { type CommonsState } from '../state';
import { recordPatronage } from '../patronage';
import { outOfEscrow } from '../staking/escrow';
import { type Match } from './engine';
import { fail } from './errors';
import { type Terms, withinBand } from './band';
import { type Order, dexEscrowId } from './state';

const closedIfFilled = (order: Order, time: number): Order => (order.filled === order.quantity ? { ...order, state: 'filled', closedAt: time } : order);

/** Settles one match; `orders` holds the taker already (not yet in the state's map when it is new). */
function settleOne(state: CommonsState, match: Match, taker: Order, terms: Terms, time: number): Result<{ state: CommonsState; taker: Order }, ModuleError> {
  const maker = state.dex.orders.get(match.maker);
  if (!maker) throw new Error(`dex: resting order ${match.maker} is not among the orders`);
  // Never reached while a listing's reference is fixed; kept so that no change of reference can let a fill settle outside the band.
  if (!withinBand(match.price, terms.band)) {
    return err(fail('OutsideBand', { market: taker.market, price: match.price, reference: terms.reference, ...terms.band, bandBps: terms.bandBps }));
  }
  const buy = match.takerSide === 'buy' ? taker : maker;
  const sell = match.takerSide === 'buy' ? maker : taker;
  const value = match.price * match.quantity;
  // The buy order's escrow holds its own price for every open unit: the seller gets the fill's price, the buyer what it bid above it.
  const paid = outOfEscrow(state, dexEscrowId(buy.id), sell.vault, value);
  if (!paid.ok) return paid;
  const refunded = outOfEscrow(paid.value, dexEscrowId(buy.id), buy.vault, (buy.price - match.price) * match.quantity);
  if (!refunded.ok) return refunded;
  let next = refunded.value;
  const after = (order: Order) => closedIfFilled({ ...order, filled: order.filled + match.quantity, value: order.value + value }, time);
  const makerAfter = after(maker);
  const takerAfter = after(taker);
  const fills = next.dex.fills;
  next = {
    ...next,
    dex: {
      ...next.dex,
      orders: next.dex.orders.set(maker.id, makerAfter),
      fills: fills.push({
        id: fills.size + 1,
        market: taker.market,
        buyOrder: buy.id,
        sellOrder: sell.id,
        buyer: buy.vault,
        seller: sell.vault,
        price: match.price,
        quantity: match.quantity,
        value,
        taker: match.takerSide,
        at: time,
      }),
    },
  };
  next = recordPatronage(recordPatronage(next, buy.member, 'dexVolume', value), sell.member, 'dexVolume', value);
  return ok({ state: next, taker: takerAfter });
}

/** Settles every match of one placement in order; the taker comes back as the matches left it. */
export function settle(state: CommonsState, matches: readonly Match[], taker: Order, terms: Terms, time: number): Result<{ state: CommonsState; taker: Order }, ModuleError> {
  let current = { state, taker };
  for (const match of matches) {
    const settled = settleOne(current.state, match, current.taker, terms, time);
    if (!settled.ok) return settled;
    current = settled.value;
  }
  return ok(current);
}
