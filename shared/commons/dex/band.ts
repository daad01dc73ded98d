/**
 * The anti-speculation band (SPEC §10): an order's price lies within ±dexBandBps of its market's
 * reference price, bounds included. The bounds round inwards (the low bound up, the high bound
 * down), so that no accepted price is outside the band by a fraction of a minor unit.
 */
export interface Band {
  readonly low: bigint;
  readonly high: bigint;
}

export function bandAround(reference: bigint, bandBps: number): Band {
  const bps = BigInt(bandBps);
  const below = reference * (10_000n - bps);
  const low = below <= 0n ? 0n : (below + 9_999n) / 10_000n;
  return { low, high: (reference * (10_000n + bps)) / 10_000n };
}

export const withinBand = (price: bigint, band: Band): boolean => price >= band.low && price <= band.high;

/** What an order on a market is held to: its reference price and the band around it. */
export interface Terms {
  readonly reference: bigint;
  readonly bandBps: number;
  readonly band: Band;
}

export const termsOf = (reference: bigint, bandBps: number): Terms => ({ reference, bandBps, band: bandAround(reference, bandBps) });
