/**
 * A projection: the folded state of a Commons saved beside its log every N entries (issue 11:
 * "saved every N entries, not after each one"), so that a start replays only what follows it
 * instead of the whole log.
 *
 * It names the exact bytes it was folded from (their length and SHA-256), so a log that was cut,
 * set aside or edited since is replayed from genesis instead; a projection that does not decode is
 * ignored the same way. It is never a source of truth: dropping it changes nothing but time.
 */
import { restoredState, storedState } from '../../../shared/commons/plain';
import { z } from 'zod';
import { type CommonsState } from '../../../shared/commons/state';
import { type LogFs, writeFileDurably } from './log-file';

export interface Projection {
  /** Lines of the log folded into `state` (its height). */
  readonly count: number;
  /** Bytes of the log they fill, and their SHA-256 (hex). */
  readonly bytes: number;
  readonly sha256: string;
  /** When this machine last replayed the log from genesis (ms), if ever. */
  readonly verifiedAt: number | null;
  readonly state: CommonsState;
}

/**
 * The stored state's shape. A projection of another shape is not read (the log is replayed from
 * genesis instead), so bump this whenever a module's slice changes how it is stored — 2: the
 * modules of credit and work, credit lines with their fee crossing time, the loss reserve; 3:
 * governance (the `proposals` slice: snapshots, tallies, ballots) and the params slice's
 * `pendingParams` (lowered thresholds waiting for their cure period); 4: the judicial (`disputes`),
 * patronage periods (periods, accounts, reserves, shared losses due), DEX (listings, orders, fills)
 * and vaults' spend limits.
 */
export const PROJECTION_FORMAT = 4;

const ProjectionFile = z.strictObject({
  format: z.literal(PROJECTION_FORMAT),
  count: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  verifiedAt: z.number().nullable(),
  state: z.unknown(),
});

const BIGINT = '$bigint';

/** The state as JSON: bigint amounts as { "$bigint": "<decimal>" } (no key of the state is named so). */
// The state's persistent collections (immutable maps) are tagged by storedState and rebuilt by restoredState.
export const encodeState = (state: CommonsState): string =>
  JSON.stringify(storedState(state), (_key, value: unknown) => (typeof value === 'bigint' ? { [BIGINT]: value.toString() } : value));

export const decodeState = (text: string): CommonsState =>
  restoredState(JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      const digits = (value as Record<string, unknown>)[BIGINT];
      if (keys.length === 1 && typeof digits === 'string' && /^-?\d+$/.test(digits)) return BigInt(digits);
    }
    return value;
  }));

export function saveProjection(file: string, projection: Projection, fs: LogFs): void {
  const { state, ...rest } = projection;
  // The state is written as its own JSON text inside the file, so that it decodes with its own reviver.
  writeFileDurably(file, JSON.stringify({ format: PROJECTION_FORMAT, ...rest, state: encodeState(state) }), fs);
}

/** The projection saved at `file`, or null when there is none or it does not decode. */
export function loadProjection(file: string, fs: LogFs): Projection | null {
  if (!fs.existsSync(file)) return null;
  try {
    const parsed = ProjectionFile.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success || typeof parsed.data.state !== 'string') return null;
    const state = decodeState(parsed.data.state);
    if (state.height !== parsed.data.count) return null;
    const { format: _format, state: _encoded, ...rest } = parsed.data;
    return { ...rest, state };
  } catch {
    return null;
  }
}
