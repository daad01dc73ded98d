/**
 * The credit module's errors (SPEC §4), each with its sentence naming the rule and the numbers
 * ("This draw of 60,000 CONX exceeds your capacity of 50,000 CONX"). Amounts are written in full
 * (every decimal that is not zero), so that the numbers in the sentence are the ones checked.
 */
import { type Asset, DECIMALS, formatAmount } from '../../money';
import { type E, type Sentences, failWith } from '../module';
import { short, when } from '../words';
import { type CollateralAsset, type MarketAsset } from './state';

export const full = (amount: bigint, asset: Asset) => `${formatAmount(amount, DECIMALS[asset])} ${asset}`;
const conx = (amount: bigint) => full(amount, 'CONX');
/** Health in bps of 1.0 as a number, every decimal kept ("0.9599", "1.60"). */
export const healthText = (bps: bigint) => formatAmount(bps, 4, { minFractionDigits: 2 });

export type CreditError =
  | E<'AmountTooLarge', { amount: bigint; max: bigint }>
  | E<'PriceNotPositive', { asset: MarketAsset; price: bigint }>
  | E<'NoPrice', { asset: MarketAsset }>
  | E<'PriceStale', { asset: MarketAsset; attestedAt: number; maxAgeSeconds: number; time: number }>
  | E<'NoCreditLine', { vault: string }>
  | E<'CapacityExceeded', { capacity: bigint; requested: bigint; debt: bigint }>
  | E<'DebtCeilingExceeded', { asset: CollateralAsset; ceiling: bigint; outstanding: bigint; requested: bigint }>
  | E<'BelowMinimumDebt', { minDebt: bigint; debt: bigint }>
  | E<'LineFrozen', { vault: string; cureUntil: number; healthBps: bigint }>
  | E<'InsufficientCollateral', { asset: CollateralAsset; held: bigint; requested: bigint }>
  | E<'CollateralStillNeeded', { asset: CollateralAsset; requested: bigint; capacityAfter: bigint; debt: bigint }>
  | E<'RepayExceedsDebt', { debt: bigint; requested: bigint }>
  | E<'SetOffExceedsDebt', { debt: bigint; requested: bigint }>
  | E<'LineHealthy', { vault: string; healthBps: bigint | null }>
  | E<'LiquidationInCure', { vault: string; cureUntil: number; healthBps: bigint; fullLiquidationHealthBps: number }>;

export const creditSentences: Sentences<CreditError> = {
  AmountTooLarge: (e) => `The amount ${e.amount.toString()} (minor units) is larger than any amount the Commons accepts (at most ${e.max.toString()}).`,
  PriceNotPositive: (e) => `A price of ${e.price.toString()} for ${e.asset} is not valid: a price must be above zero.`,
  NoPrice: (e) => `${e.asset} has no attested price yet, so it cannot be pledged or valued: the treasury quorum attests prices (SPEC §4).`,
  PriceStale: (e) =>
    `The price of ${e.asset} was attested at ${when(e.attestedAt)}, more than ${e.maxAgeSeconds / 3600} h before ${when(e.time)}: a stale price counts as 0 for new draws (SPEC §4), and this draw needs it.`,
  NoCreditLine: (e) => `Vault ${short(e.vault)} has no credit line: it has never locked or pledged collateral.`,
  CapacityExceeded: (e) =>
    e.debt === 0n
      ? `This draw of ${conx(e.requested)} exceeds your capacity of ${conx(e.capacity)}.`
      : `This draw of ${conx(e.requested)} would bring your debt of ${conx(e.debt)} to ${conx(e.debt + e.requested)}, above your capacity of ${conx(e.capacity)}.`,
  DebtCeilingExceeded: (e) =>
    `The Commons lends at most ${conx(e.ceiling)} against ${e.asset}; ${conx(e.outstanding)} is lent against it already, and this draw would attribute ${conx(e.requested)} more to it (SPEC §4, debt ceilings).`,
  BelowMinimumDebt: (e) => `This would leave a debt of ${conx(e.debt)}; a line owes nothing or at least the minimum debt of ${conx(e.minDebt)} (SPEC §4).`,
  LineFrozen: (e) =>
    `The credit line of ${short(e.vault)} is frozen: its health is ${healthText(e.healthBps)}, below 1. Until ${when(e.cureUntil)} you may repay, set off COMM or add collateral; no draws or withdrawals of collateral (SPEC §4).`,
  InsufficientCollateral: (e) => `The line holds ${full(e.held, e.asset)} of ${e.asset}; this asks for ${full(e.requested, e.asset)}.`,
  CollateralStillNeeded: (e) =>
    `Withdrawing ${full(e.requested, e.asset)} would leave a capacity of ${conx(e.capacityAfter)}, below your debt of ${conx(e.debt)}: collateral may leave only while the debt stays within capacity.`,
  RepayExceedsDebt: (e) => `This repayment of ${conx(e.requested)} is more than your debt of ${conx(e.debt)}.`,
  SetOffExceedsDebt: (e) => `This set-off of ${full(e.requested, 'COMM')} is more than the debt of ${conx(e.debt)}.`,
  LineHealthy: (e) =>
    e.healthBps === null
      ? `The line of ${short(e.vault)} owes nothing: there is nothing to set off or liquidate.`
      : `The line of ${short(e.vault)} has a health of ${healthText(e.healthBps)}, at or above 1: the treasury may set off or liquidate only below 1 (SPEC §4).`,
  LiquidationInCure: (e) =>
    `The line of ${short(e.vault)} is in its cure period until ${when(e.cureUntil)}, and its health of ${healthText(e.healthBps)} is above ${healthText(BigInt(e.fullLiquidationHealthBps))}: it may be liquidated after the cure period, or at once only at or below ${healthText(BigInt(e.fullLiquidationHealthBps))} (SPEC §4).`,
};

export const fail = failWith<CreditError>(creditSentences);
