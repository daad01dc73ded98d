/** The DEX's action payloads (docs/ledger-format.md, "C3 DEX"). */
import { z } from 'zod';
import { COMMONS_TOKENS, NonNegativeAmount } from '../../money';
import { WorkId } from '../impact/payloads';

/** A swap market as `<base>/<quote>` token symbols: refused while SPEC §2 allows none (state.ts). */
export const SwapMarket = z.templateLiteral([z.enum(COMMONS_TOKENS), '/', z.enum(COMMONS_TOKENS)]);
/** A market: a service listing's id, or a token pair. */
export const Market = z.union([WorkId, SwapMarket]);

/** `dex.list` (the lister's vault, the member's own key among the signatures): a service offered for CONX. */
export const DexListPayload = z.strictObject({
  id: WorkId,
  title: z.string().min(1).max(200),
  unit: z.string().min(1).max(40),
  /** The reference price: CONX minor units per unit. */
  price: NonNegativeAmount,
});

/** `dex.delist` (the lister's vault): closes the listing, cancelling its open orders. */
export const DexDelistPayload = z.strictObject({ listing: WorkId });

/** `dex.order` (the trader's vault): a limit order of whole units at CONX minor units per unit. */
export const DexOrderPayload = z.strictObject({
  id: WorkId,
  market: Market,
  side: z.enum(['buy', 'sell']),
  price: NonNegativeAmount,
  quantity: NonNegativeAmount,
});

/** `dex.cancel` (the vault that placed the order): what is left of it leaves the book, its escrow returns. */
export const DexCancelPayload = z.strictObject({ order: WorkId });
