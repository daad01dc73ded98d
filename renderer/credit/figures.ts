/**
 * The credit page's figures, from the dashboard's view of the Commons (`commons.credit`, the
 * credit module's view) and the module's own pure functions (shared/commons/credit/figures.ts),
 * so that the page shows exactly the numbers the ledger's rules use. Nothing here folds a log.
 */
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import {
  COLLATERAL_ASSETS,
  type CollateralAsset,
  type CreditLineView,
  type CreditView,
  MARKET_ASSETS,
  type MarketAsset,
  type Prices,
  capacityByAsset,
  effectiveDrawRatioBps,
  valueOf,
} from '../../shared/commons/credit';
import { DECIMALS, formatAmount } from '../../shared/money';

type Tier = CreditLineView['tier'];
const NONE: Record<CollateralAsset, bigint> = { COMM: 0n, ADA: 0n, BTC: 0n, ETH: 0n };

/** Prices for health (the current attestations, stale or not) and for new draws (0 when stale, the lower of current and pending), SPEC §4. */
export function pricesOf(credit: CreditView): { health: Prices; draw: Prices } {
  const health: Record<MarketAsset, bigint> = { ADA: 0n, BTC: 0n, ETH: 0n };
  const draw: Record<MarketAsset, bigint> = { ADA: 0n, BTC: 0n, ETH: 0n };
  for (const asset of MARKET_ASSETS) {
    const { price, stale, pending } = credit.prices[asset];
    health[asset] = price ?? 0n;
    if (price === null || stale) continue;
    draw[asset] = pending && pending.price < price ? pending.price : price;
  }
  return { health, draw };
}

/** The vault's line as the view holds it, or an empty one for a vault that has not used credit yet. */
export function lineOf(commons: CommonsView, vault: VaultView): CreditLineView {
  const found = commons.credit.lines.find((l) => l.vault.toLowerCase() === vault.address.toLowerCase());
  if (found) return found;
  const tier: Tier = commons.members.find((m) => m.did === vault.owner)?.tier ?? 'None';
  return {
    vault: vault.address,
    owner: vault.owner ?? '',
    tier,
    collateral: NONE,
    collateralValue: NONE,
    capacity: 0n,
    principal: 0n,
    fees: 0n,
    debt: 0n,
    feesBase: 0n,
    accruedAt: commons.credit.time,
    rateBps: commons.credit.params.feeRateBpsPerYear,
    weighted: 0n,
    healthBps: null,
    frozen: false,
    frozenAt: null,
    cureUntil: null,
    liquidatable: false,
    fullLiquidation: false,
    liquidations: [],
    badDebt: 0n,
  };
}

export interface CollateralRow {
  readonly asset: CollateralAsset;
  /** The amount locked (COMM) or pledged, in the asset's units. */
  readonly amount: string;
  /** CONX per whole unit ("1 (par)" for COMM); null when never attested. */
  readonly price: string | null;
  readonly stale: boolean;
  /** CONX value at the current price. */
  readonly value: string;
  /** The draw ratio in force (base + tier bonus, capped), and how it is made. */
  readonly drawRatio: string;
  readonly drawRatioWhy: string;
  readonly threshold: string;
  /** What this asset lets the line draw (CONX; 0 for a stale price). */
  readonly capacity: string;
  readonly capacityMinor: bigint;
}

export const percent = (bps: number) => `${formatAmount(BigInt(bps), 2)} %`;
export const conx = (amount: bigint) => `${formatAmount(amount, DECIMALS.CONX)} CONX`;
export const assetAmount = (amount: bigint, asset: CollateralAsset) => `${formatAmount(amount, DECIMALS[asset])} ${asset}`;

/** "95 % (90 % + 5 % Bronze bonus, capped at 90 %)". */
function ratioWhy(params: CreditView['params'], asset: CollateralAsset, tier: Tier): string {
  const base = params.drawRatioBps[asset];
  const bonus = tier === 'None' ? 0 : params.tierBonusBps[tier];
  const cap = params.drawCapBps[asset];
  const parts = [percent(base)];
  if (bonus > 0) parts.push(`+ ${percent(bonus)} ${tier} bonus`);
  const capped = base + bonus > cap ? `, capped at ${percent(cap)}` : '';
  return bonus > 0 || capped ? `${parts.join(' ')}${capped}` : 'no tier bonus';
}

/** One row per collateral asset: amount, price, value, draw ratio with the tier bonus, threshold, capacity. */
export function collateralRows(credit: CreditView, line: CreditLineView): CollateralRow[] {
  const prices = pricesOf(credit);
  const perAsset = capacityByAsset(line.collateral, prices.draw, credit.params, line.tier);
  return COLLATERAL_ASSETS.map((asset) => {
    const price = asset === 'COMM' ? null : credit.prices[asset];
    return {
      asset,
      amount: assetAmount(line.collateral[asset], asset),
      price: asset === 'COMM' ? '1 CONX (at par)' : price?.price == null ? null : conx(price.price),
      stale: price?.stale ?? false,
      value: conx(valueOf(asset, line.collateral[asset], prices.health)),
      drawRatio: percent(effectiveDrawRatioBps(credit.params, asset, line.tier)),
      drawRatioWhy: ratioWhy(credit.params, asset, line.tier),
      threshold: percent(credit.params.liquidationThresholdBps[asset]),
      capacity: conx(perAsset[asset]),
      capacityMinor: perAsset[asset],
    };
  });
}

/** The room left to draw: capacity less debt, never below zero. */
export const headroom = (line: CreditLineView): bigint => (line.capacity > line.debt ? line.capacity - line.debt : 0n);

/** Who must sign an action on a vault: "any 2 of its 2 signers: Alice · Ledger, Alice · Trezor". */
export function quorumText(vault: VaultView): string {
  const names = vault.signers.map((s) => s.label).join(', ');
  if (vault.signers.length === 1 && vault.threshold === 1) return `its one signer: ${names}`;
  return `any ${vault.threshold} of its ${vault.signers.length} signers: ${names}`;
}
