/** The C3 DEX (SPEC §10): a member-only order book of service listings paid in CONX, within a band of the reference price. */
import { List, Map as ImmutableMap, OrderedMap } from 'immutable';
import { ok } from '../../result';
import { MEMBER, action, defineModule } from '../module';
import { dexSentences } from './errors';
import { cancelOrder, delist, list, placeOrder } from './handlers';
import { DexCancelPayload, DexDelistPayload, DexListPayload, DexOrderPayload } from './payloads';
import { type DexSlice } from './state';
import { dexView } from './view';

const initial: DexSlice = { dex: { listings: OrderedMap(), orders: OrderedMap(), books: ImmutableMap(), fills: List(), seq: 0 } };

export const dex = defineModule({
  name: 'dex',
  actions: {
    'dex.list': action({ payload: DexListPayload, authority: MEMBER, handle: list }),
    'dex.delist': action({ payload: DexDelistPayload, authority: MEMBER, handle: delist }),
    'dex.order': action({ payload: DexOrderPayload, authority: MEMBER, handle: placeOrder }),
    'dex.cancel': action({ payload: DexCancelPayload, authority: MEMBER, handle: cancelOrder }),
  },
  state: { initial: () => ok(initial) },
  errors: dexSentences,
  view: dexView,
});

export { bandAround, termsOf, withinBand, type Band } from './band';
export { EMPTY_BOOK, bestAsk, bestBid, isCrossed, levels, place, replay, type Book, type BookOrder, type JournalEvent, type Level, type Match, type Side } from './engine';
export { ORDER_STATES, dexEscrowId, type DexState, type Fill, type Listing, type Order, type OrderState } from './state';
export { DexOrderView, FillView, ListingView } from './view';
export { percent } from './errors';
