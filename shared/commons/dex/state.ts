/**
 * The DEX's slice of the state (SPEC §10): service listings, orders, each market's book, fills.
 *
 * Markets. A market is a service listing: a member offers units of a service (an hour of bike
 * repair) paid in CONX. Token swaps are possible only between two tokens that members may pass to
 * one another (SPEC §2): CONX is the only such token (COMM moves only between one member's own
 * vaults; PPT and the role tokens never move), so no swap market exists today and an order naming
 * one is refused (`SwapNotAllowed`).
 *
 * Orders move `open → filled` or `open → cancelled` (a partly filled order that is cancelled keeps
 * its `filled`). While a buy order is open, `price × (quantity − filled)` CONX waits in escrow
 * `dex:<order>`; a sell order offers units of the lister's service and escrows nothing.
 */
import { type List, type Map as ImmutableMap, type OrderedMap } from 'immutable';
import { type Address, type CommonsState } from '../state';
import { type Book, type Side } from './engine';

export interface Listing {
  readonly id: string;
  readonly title: string;
  /** What one unit is ("hour", "meal", "repair"). */
  readonly unit: string;
  /**
   * The reference price, CONX minor units per unit: the lister's price, fixed for the listing's
   * life (a new price is a new listing). Orders lie within ±dexBandBps of it.
   */
  readonly reference: bigint;
  /** The vault that listed it, where the buyers' CONX is paid. */
  readonly vault: Address;
  readonly member: string;
  readonly listedAt: number;
  readonly closedAt: number | null;
}

export const ORDER_STATES = ['open', 'filled', 'cancelled'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export interface Order {
  readonly id: string;
  readonly market: string;
  readonly side: Side;
  /** CONX minor units per unit: the limit. */
  readonly price: bigint;
  readonly quantity: bigint;
  readonly filled: bigint;
  /** CONX paid (buy) or received (sell) for what filled. */
  readonly value: bigint;
  readonly vault: Address;
  readonly member: string;
  /** Arrival order across the DEX: time priority. */
  readonly seq: number;
  readonly placedAt: number;
  readonly state: OrderState;
  readonly closedAt: number | null;
}

export interface Fill {
  /** Its number among every fill of the DEX, from 1. */
  readonly id: number;
  readonly market: string;
  readonly buyOrder: string;
  readonly sellOrder: string;
  readonly buyer: Address;
  readonly seller: Address;
  /** The resting order's price: what the units traded at. */
  readonly price: bigint;
  readonly quantity: bigint;
  /** price × quantity, CONX minor units paid from the buyer's escrow to the seller. */
  readonly value: bigint;
  /** Which side arrived and took the resting order. */
  readonly taker: Side;
  readonly at: number;
}

export interface DexState {
  readonly listings: OrderedMap<string, Listing>;
  readonly orders: OrderedMap<string, Order>;
  /** Per market, its resting orders (engine.ts); a market with nothing resting may be absent. */
  readonly books: ImmutableMap<string, Book>;
  readonly fills: List<Fill>;
  /** Sequence numbers given so far (orders' time priority). */
  readonly seq: number;
}

declare module '../state' {
  interface CommonsState {
    readonly dex: DexState;
  }
}

export type DexSlice = Pick<CommonsState, 'dex'>;

export const dexEscrowId = (order: string) => `dex:${order}`;
