/**
 * Commons splits (SPEC §0, §9): an amount shared over members in proportion to their weights,
 * exact to the minor unit, with the rounding remainder going to the Commons reserve — never to a
 * recipient. (`allocate` in shared/money.ts hands remainders to recipients, largest remainder
 * first: that is right for attributing a line's principal to its assets, which is no payment, and
 * it stays there; a payment by or to the Commons uses these.)
 */

export interface Split {
  /** One share per weight, in the weights' order. */
  readonly shares: readonly bigint[];
  /**
   * What goes to the reserve: for refunds, total − Σ shares (≥ 0, what rounding down left); for
   * bills, Σ shares − total (≥ 0, what rounding up added). Either way shares and reserve account
   * for the total exactly.
   */
  readonly toReserve: bigint;
}

const weightSum = (weights: readonly bigint[]): bigint => {
  if (weights.some((w) => w < 0n)) throw new RangeError('a Commons split: weights must not be negative');
  return weights.reduce((a, b) => a + b, 0n);
};

/**
 * What the Commons pays out (refunds): each share `total × w / Σw` rounded down, the remainder to
 * the reserve. With no weight at all, nobody is paid and the whole total goes to the reserve.
 */
export function splitPayout(total: bigint, weights: readonly bigint[]): Split {
  if (total < 0n) throw new RangeError('a Commons split: the total must not be negative');
  const sum = weightSum(weights);
  if (sum === 0n) return { shares: weights.map(() => 0n), toReserve: total };
  const shares = weights.map((w) => (total * w) / sum);
  return { shares, toReserve: total - shares.reduce((a, b) => a + b, 0n) };
}

/**
 * What the Commons bills (deficits, shared losses): each share `total × w / Σw` rounded up (SPEC
 * §0: debt rounds up), the excess over the total to the reserve; fewer than one minor unit per
 * member billed. Needs some weight (the caller carries the total when there is none).
 */
export function splitBill(total: bigint, weights: readonly bigint[]): Split {
  if (total < 0n) throw new RangeError('a Commons split: the total must not be negative');
  const sum = weightSum(weights);
  if (sum === 0n) throw new RangeError('a Commons bill needs someone to bill');
  const shares = weights.map((w) => (total * w + sum - 1n) / sum);
  return { shares, toReserve: shares.reduce((a, b) => a + b, 0n) - total };
}
