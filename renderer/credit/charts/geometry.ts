/**
 * The geometry of the credit page's charts, apart from React so that it is tested on its own:
 * health (a ratio in basis points, 10,000 = 1.0) placed on a gauge's arc and on a chart over
 * time. Health has no upper bound (a line with no debt has none at all: null), so both charts
 * clamp it to a top they state, and say the real figure in words beside the drawing.
 */

/** Health 1.0: at or below it, a line can be liquidated (SPEC §4). */
export const HEALTH_ONE_BPS = 10_000;
/** Where the gauge turns from amber to green: a cushion of 20 % above 1.0. */
export const HEALTH_COMFORT_BPS = 12_000;

export type HealthTone = 'none' | 'danger' | 'warn' | 'ok';

/** How a health figure reads: no debt, liquidatable (below 1.0), close (below 1.2), healthy. */
export function healthTone(healthBps: number | null): HealthTone {
  if (healthBps === null) return 'none';
  if (healthBps < HEALTH_ONE_BPS) return 'danger';
  if (healthBps < HEALTH_COMFORT_BPS) return 'warn';
  return 'ok';
}

/** "1.45", "0.87", "no debt": health as a figure, cut (never rounded up) to two decimals. */
export function healthText(healthBps: number | null): string {
  if (healthBps === null) return 'no debt';
  const hundredths = Math.floor(healthBps / 100);
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

export interface Point2 {
  readonly x: number;
  readonly y: number;
}

/** A gauge is a half circle from health 0 (left) to `maxBps` (right); health above it pins the needle right. */
export interface GaugeBox {
  readonly cx: number;
  readonly cy: number;
  readonly r: number;
  readonly maxBps: number;
}

/** The angle (radians, π = left, 0 = right) of a health figure on the gauge, clamped to its ends. */
export function gaugeAngle(healthBps: number, box: GaugeBox): number {
  const share = Math.min(Math.max(healthBps / box.maxBps, 0), 1);
  return Math.PI * (1 - share);
}

export function gaugePoint(healthBps: number, box: GaugeBox, r = box.r): Point2 {
  const angle = gaugeAngle(healthBps, box);
  return { x: round2(box.cx + r * Math.cos(angle)), y: round2(box.cy - r * Math.sin(angle)) };
}

/** An SVG arc path along the gauge from one health figure to another (upper half circle). */
export function gaugeArc(fromBps: number, toBps: number, box: GaugeBox): string {
  const a = gaugePoint(fromBps, box);
  const b = gaugePoint(toBps, box);
  return `M ${a.x} ${a.y} A ${box.r} ${box.r} 0 0 1 ${b.x} ${b.y}`;
}

/** One measured health of a line: at a ledger time (seconds); null where the line had no debt. */
export interface HealthPoint {
  readonly time: number;
  readonly healthBps: number | null;
}

export interface ChartBox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface HealthScale {
  readonly minTime: number;
  readonly maxTime: number;
  /** The top of the y axis (bps): the highest health shown, at least 2.0, rounded up to a half. */
  readonly topBps: number;
}

/** The scale a series is drawn on: its time span (at least one hour) and a top above its highest finite health. */
export function healthScale(points: readonly HealthPoint[], capBps = 50_000): HealthScale {
  const times = points.map((p) => p.time);
  const minTime = times.length > 0 ? Math.min(...times) : 0;
  const maxTime = Math.max(times.length > 0 ? Math.max(...times) : 0, minTime + 3600);
  const finite = points.map((p) => p.healthBps).filter((h): h is number => h !== null);
  const highest = Math.min(Math.max(20_000, ...finite), capBps);
  return { minTime, maxTime, topBps: Math.ceil(highest / 5_000) * 5_000 };
}

export const xOf = (time: number, scale: HealthScale, box: ChartBox): number =>
  round2(box.left + ((time - scale.minTime) / (scale.maxTime - scale.minTime)) * box.width);

/** Health above the top is drawn at the top (the figure beside the chart says the real one). */
export const yOf = (healthBps: number, scale: HealthScale, box: ChartBox): number =>
  round2(box.top + box.height - (Math.min(Math.max(healthBps, 0), scale.topBps) / scale.topBps) * box.height);

/**
 * The series as SVG path data, as steps: health holds from one entry to the next (the ledger
 * moves only by entries, SPEC §0), so each point's figure runs flat to the next point's time,
 * then jumps. A stretch without debt (null) is a gap: the path lifts the pen over it.
 */
export function healthPath(points: readonly HealthPoint[], scale: HealthScale, box: ChartBox): string {
  const parts: string[] = [];
  let drawing = false;
  points.forEach((point, i) => {
    if (point.healthBps === null) {
      drawing = false;
      return;
    }
    const y = yOf(point.healthBps, scale, box);
    // The pen is already at this point's time when the step before it was drawn.
    parts.push(drawing ? `V ${y}` : `M ${xOf(point.time, scale, box)} ${y}`);
    const next = points[i + 1];
    parts.push(`H ${next ? xOf(next.time, scale, box) : round2(box.left + box.width)}`);
    drawing = true;
  });
  return parts.join(' ');
}

/** Y-axis ticks every 0.5 from 0 to the top (bps). */
export const healthTicks = (scale: HealthScale): number[] => Array.from({ length: scale.topBps / 5_000 + 1 }, (_, i) => i * 5_000);

const round2 = (n: number) => Math.round(n * 100) / 100;
