/**
 * The geometry of stacked bars (a total split into parts: a quest's budget paid / reserved / free,
 * a stake request's staked / still asked, a loan's repaid / outstanding), apart from React so that
 * it is tested on its own. Amounts are bigint minor units and are scaled with bigint arithmetic:
 * a part's edge is floor(cumulative × width / scale), so the parts of a row tile exactly the bar
 * of their sum, with no pixel gained or lost to rounding, whatever the sizes.
 */

export interface Span {
  readonly x: number;
  readonly width: number;
}

/**
 * Where each part sits on a bar `width` pixels long that stands for `scale` minor units. Parts
 * are laid end to end from 0; negative parts count as 0, and parts past `scale` are cut at the
 * bar's end (a chart never draws outside its frame).
 */
export function stackSpans(parts: readonly bigint[], scale: bigint, width: number): Span[] {
  if (scale <= 0n || width <= 0) return parts.map(() => ({ x: 0, width: 0 }));
  const w = BigInt(Math.floor(width));
  const edge = (amount: bigint) => Number(((amount > scale ? scale : amount) * w) / scale);
  const spans: Span[] = [];
  let cumulative = 0n;
  for (const part of parts) {
    const from = edge(cumulative);
    cumulative += part > 0n ? part : 0n;
    const to = edge(cumulative);
    spans.push({ x: from, width: to - from });
  }
  return spans;
}

/** The largest of `totals`, the scale that lets rows of different sizes be compared on one chart. */
export const largest = (totals: readonly bigint[]): bigint => totals.reduce((max, t) => (t > max ? t : max), 0n);

/**
 * `part` of `whole` in whole percent, cut (never rounded up: 99.9 % funded is not "100 %"), and
 * never above 100; "—" when there is no whole to speak of.
 */
export function percentText(part: bigint, whole: bigint): string {
  if (whole <= 0n) return '—';
  const clamped = part < 0n ? 0n : part > whole ? whole : part;
  return `${(clamped * 100n) / whole} %`;
}
