/** Token balances (SPEC §2): what a vault holds, per token; a token never held is absent. */
import { COMMONS_TOKENS, type CommonsToken } from '../money';

export type Balances = Readonly<Partial<Record<CommonsToken, bigint>>>;

export const balanceOf = (holder: { readonly balances: Balances }, token: CommonsToken): bigint => holder.balances[token] ?? 0n;

/** The balances that are not zero, in token order (what views show). */
export const nonZero = (balances: Balances): Partial<Record<CommonsToken, bigint>> => {
  const out: Partial<Record<CommonsToken, bigint>> = {};
  for (const token of COMMONS_TOKENS) {
    const amount = balances[token];
    if (amount !== undefined && amount !== 0n) out[token] = amount;
  }
  return out;
};
