/**
 * Commons revenue (SPEC §9): what the Commons earned in the open period, as CONX the treasury
 * vault received. Each module that pays the treasury a fee calls `recordRevenue` in the same
 * handler that moves the CONX (credit: the fee part of a repayment; the DEX: its fees, if any),
 * so the period close reads revenue from the ledger, never from what the closing quorum states.
 */
import { type CommonsState } from '../state';
import { type RevenueSource } from './state';

export function recordRevenue<S extends CommonsState>(state: S, amount: bigint, source: RevenueSource): S {
  if (amount <= 0n) return state;
  const book = state.patronageBook;
  return { ...state, patronageBook: { ...book, revenue: { ...book.revenue, [source]: book.revenue[source] + amount } } };
}

/** The open period's revenue, all sources. */
export const periodRevenue = (state: CommonsState): bigint => Object.values(state.patronageBook.revenue).reduce((a, b) => a + b, 0n);
