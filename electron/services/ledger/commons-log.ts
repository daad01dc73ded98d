/**
 * A Commons' verified log: the store on disk (store.ts), the state folded from it, kept in
 * memory, and its projection saved every N entries (projection.ts).
 *
 * At start the log is read and verified as far as it holds, from its projection when one matches
 * the bytes on disk, from genesis otherwise: the longest valid prefix is kept and the rest (a line
 * that does not verify, a torn line, lines never committed) is set aside beside it, in a file of
 * its own, with the reason. Entries are appended only once verified on top of the head, to disk
 * before memory.
 */
import { createHash } from 'node:crypto';
import { type CommonsState } from '../../../shared/commons/state';
import { type LedgerError } from '../../../shared/commons/errors';
import { type Entry, encodeEntry } from '../../../shared/commons/log';
import { parseEntry } from '../../../shared/commons/verify';
import { stateHash } from '../../../shared/commons/apply';
import { type Hex } from '../../../shared/crypto/canonical';
import { type Result, err, ok } from '../../../shared/result';
import { type ZkVerifier } from '../../../shared/zk/types';
import { type BatchZkVerifier } from '../../../shared/zk/groth16';
import { type LogFs, nodeLogFs } from './log-file';
import { type KeptPrefix, LogStore, type RawLog, projectionPath } from './store';
import { type Projection, loadProjection, saveProjection } from './projection';
import { type BatchRecoverer, type Replay, replayLines, replayLinesInline } from './replay';
import { type LedgerServiceError, serviceError } from './errors';
import { commonsVerifier } from './zk-verifier';

/** Why the start set a log's tail aside. */
export type RecoveryReason = LedgerError | Extract<LedgerServiceError, { kind: 'NotTheDemoHistory' | 'NotCommitted' | 'TornEntry' }>;
type ExpectError = Extract<LedgerServiceError, { kind: 'NotTheDemoHistory' }>;

/** What the start kept of a stored log, and what it set aside and why (the file's name, not its folder). */
export interface LogRecovery {
  readonly kept: number;
  readonly setAside: { readonly file: string; readonly entries: number; readonly fromSeq: number; readonly reason: RecoveryReason } | null;
}

export interface CommonsLogOptions {
  readonly file: string;
  readonly fs?: LogFs;
  /** The Groth16 verifier (the Commons' keys of resources/zk by default). */
  readonly verifier?: ZkVerifier | BatchZkVerifier;
  /** The wall clock, for "verified at" and set-aside names only (never for ledger time). */
  readonly now?: () => number;
  /** A projection is saved once this many entries were added since the last one (default 1,000). */
  readonly projectionEvery?: number;
  /** A rule about the line that should hold entry `seq`, on top of the ledger's (the demo: its built-in history). */
  readonly expect?: (line: string, seq: number) => ExpectError | null;
}

export const PROJECTION_EVERY = 1_000;
/** Lines decoded and replayed at a time at start, so that a large log is never held as strings whole. */
const CHUNK = 20_000;

/** What a full replay from genesis found. */
export interface ReverifyReport {
  readonly entries: number;
  readonly signatures: number;
  readonly recoverer: string;
  readonly ms: number;
  readonly verifiedAt: number;
}

interface Reading {
  readonly store: LogStore;
  readonly raw: RawLog;
  /** Where the replay starts: the projection's state and line count, or genesis. */
  readonly start: CommonsState | null;
  readonly from: number;
  readonly verifiedAt: number | null;
  /** Lines that may be kept: complete, and committed (or any complete one where the head is missing or ahead of the file). */
  readonly candidates: number;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function read(options: CommonsLogOptions): Reading {
  const fs = options.fs ?? nodeLogFs;
  const store = LogStore.open(options.file, fs);
  const raw = store.readRaw();
  // A head ahead of the file means bytes it covered were lost: keep what still verifies.
  const limit = raw.head && raw.head.bytes <= raw.bytes.length ? raw.head.bytes : Number.POSITIVE_INFINITY;
  let candidates = 0;
  while (candidates < raw.lines.length && raw.lines[candidates]!.complete && raw.lines[candidates]!.end + 1 <= limit) candidates += 1;
  const projection = usable(loadProjection(projectionPath(options.file), fs), raw, candidates);
  return projection
    ? { store, raw, start: projection.state, from: projection.count, verifiedAt: projection.verifiedAt, candidates }
    : { store, raw, start: null, from: 0, verifiedAt: null, candidates };
}

/** The projection, if it was folded from exactly the first lines of this file. */
function usable(projection: Projection | null, raw: RawLog, candidates: number): Projection | null {
  if (!projection || projection.count === 0 || projection.count > candidates) return null;
  if (raw.lines[projection.count - 1]!.end + 1 !== projection.bytes) return null;
  return sha256(raw.bytes.subarray(0, projection.bytes)) === projection.sha256 ? projection : null;
}

const lineText = (raw: RawLog, index: number) => raw.bytes.toString('utf8', raw.lines[index]!.start, raw.lines[index]!.end);

/** The lines read at start that may hold entries, decoded one at a time as the replay reaches them. */
function* candidateLines(reading: Reading): Generator<string> {
  for (let at = reading.from; at < reading.candidates; at++) yield lineText(reading.raw, at);
}

/** The first `count` stored lines, read from the store a chunk at a time as the replay reaches them. */
function* storedLines(store: LogStore, count: number): Generator<string> {
  for (let at = 0; at < count; at += CHUNK) yield* store.lines(at, Math.min(count, at + CHUNK));
}

/** Why the first line not kept was not kept, when the replay did not say (every candidate held). */
function reasonPast(raw: RawLog, kept: number): RecoveryReason | null {
  const line = raw.lines[kept];
  if (!line) return null;
  if (line.complete) return serviceError('NotCommitted', { seq: kept, lines: raw.lines.length - kept });
  const parsed = parseEntry(lineText(raw, kept), kept);
  return parsed.ok ? serviceError('TornEntry', { seq: kept }) : parsed.error;
}


export class CommonsLog {
  private current: CommonsState | null;
  private verified: number | null;
  private projectedAt: number;

  private constructor(
    private readonly options: CommonsLogOptions,
    private readonly store: LogStore,
    state: CommonsState | null,
    verifiedAt: number | null,
    /** Entries taken from the projection at start (0: replayed from genesis). */
    readonly replayedFrom: number,
    readonly recovery: LogRecovery,
  ) {
    this.current = state;
    this.verified = verifiedAt;
    this.projectedAt = replayedFrom;
    this.projectIfDue();
  }

  /** Opens and verifies a log on the calling thread (small logs; the demo's sequencer must answer synchronously). */
  static openSync(options: CommonsLogOptions): CommonsLog {
    const reading = read(options);
    const verifier = options.verifier ?? commonsVerifier();
    const replay = replayLinesInline({ start: reading.start, lines: candidateLines(reading), expect: options.expect }, { verifier });
    return CommonsLog.settle(options, reading, replay);
  }

  /** Opens and verifies a log with signatures recovered on the pool's worker threads. */
  static async open(options: CommonsLogOptions, pool: BatchRecoverer): Promise<CommonsLog> {
    const reading = read(options);
    const verifier = options.verifier ?? commonsVerifier();
    const replay = await replayLines({ start: reading.start, lines: candidateLines(reading), total: reading.candidates - reading.from, expect: options.expect }, { verifier, pool });
    return CommonsLog.settle(options, reading, replay);
  }

  private static settle(options: CommonsLogOptions, reading: Reading, replay: Replay<ExpectError>): CommonsLog {
    const now = options.now ?? Date.now;
    const kept = reading.from + replay.kept;
    const reason: RecoveryReason | null = replay.error ?? reasonPast(reading.raw, kept);
    const state = replay.state;
    const prefix: KeptPrefix = { count: kept, height: state?.height ?? 0, headHash: state?.headHash ?? '' };
    const aside = reading.store.settle(reading.raw, prefix, now);
    const recovery: LogRecovery = {
      kept,
      setAside: aside && reason ? { file: aside.file, entries: aside.lines, fromSeq: kept, reason } : null,
    };
    // Replayed from genesis just now: that is a full check on this machine.
    const verifiedAt = reading.from === 0 && state ? now() : reading.verifiedAt;
    return new CommonsLog(options, reading.store, state, verifiedAt, reading.from, recovery);
  }

  get file(): string {
    return this.options.file;
  }

  /** The state after the last entry; null while the log is empty. */
  state(): CommonsState | null {
    return this.current;
  }

  get height(): number {
    return this.current?.height ?? 0;
  }

  /** When this machine last replayed the whole log from genesis (ms), if ever. */
  get verifiedAt(): number | null {
    return this.verified;
  }

  /** The verifier the log's folds use. */
  verifier(): ZkVerifier | BatchZkVerifier {
    return this.options.verifier ?? commonsVerifier();
  }

  /** Stored lines [from, to), as written. */
  lines(from: number, to: number): string[] {
    return this.store.lines(from, to);
  }

  /** Stored entries [from, to). */
  entries(from = 0, to = Number.MAX_SAFE_INTEGER): Entry[] {
    return this.store.lines(from, to).map((line, i) => {
      const parsed = parseEntry(line, from + i);
      // Every stored line was verified before it was written, and the bytes are those of the prefix kept at start.
      if (!parsed.ok) throw new Error(`stored entry ${from + i} no longer decodes: ${parsed.error.message}`);
      return parsed.value;
    });
  }

  /**
   * Stores entries already verified on top of the head, with the state after them: on disk first
   * (one write, one fsync, then the head), then in memory. A failure changes nothing. `lines`:
   * the entries already encoded (a caller that encoded them a few at a time).
   */
  commit(entries: readonly Entry[], after: CommonsState, lines: readonly string[] = entries.map(encodeEntry)): Result<void, Extract<LedgerServiceError, { kind: 'LogNotWritten' }>> {
    if (entries.length === 0) return ok(undefined);
    if (after.height !== this.height + entries.length) throw new Error(`the state after these entries is at ${after.height}, not ${this.height + entries.length}`);
    try {
      if (lines.length !== entries.length) throw new Error(`${lines.length} lines for ${entries.length} entries`);
      this.store.append(lines, { height: after.height, headHash: after.headHash });
    } catch (cause) {
      return err(serviceError('LogNotWritten', { seq: entries[0]!.seq, cause: cause instanceof Error ? cause.message : String(cause) }));
    }
    const fresh = this.current === null;
    this.current = after;
    // A log stored from genesis was verified whole just before this commit.
    if (fresh) this.verified = (this.options.now ?? Date.now)();
    this.projectIfDue();
    return ok(undefined);
  }

  /** Replays every stored entry from genesis on the pool's threads and checks that it reaches the state held. */
  async reverify(pool: BatchRecoverer): Promise<Result<ReverifyReport, LedgerError | LedgerServiceError>> {
    const started = performance.now();
    // What is held now; entries committed while the replay runs are checked by the next one.
    const count = this.store.count;
    const held = this.current;
    const replay = await replayLines({ start: null, lines: storedLines(this.store, count), total: count }, { verifier: this.verifier(), pool });
    if (replay.error) return err(replay.error);
    if (!held || !replay.state || stateHash(replay.state) !== stateHash(held)) {
      return err(serviceError('StateMismatch', { seq: count, expected: (held?.headHash ?? '0x') as Hex, got: (replay.state?.headHash ?? '0x') as Hex }));
    }
    const verifiedAt = (this.options.now ?? Date.now)();
    this.verified = verifiedAt;
    this.project();
    return ok({ entries: count, signatures: replay.signatures, recoverer: replay.recoverer, ms: Math.round(performance.now() - started), verifiedAt });
  }

  private projectIfDue(): void {
    if (this.current && this.current.height - this.projectedAt >= (this.options.projectionEvery ?? PROJECTION_EVERY)) this.project();
  }

  /** Saves the projection of the head; a failure only means the next start replays more. */
  private project(): void {
    const state = this.current;
    if (!state) return;
    try {
      const head = this.store.head();
      saveProjection(projectionPath(this.options.file), { count: state.height, bytes: head.bytes, sha256: this.store.prefixDigest(), verifiedAt: this.verified, state }, this.options.fs ?? nodeLogFs);
      this.projectedAt = state.height;
    } catch {
      // Kept in memory all the same; the projection is only a shortcut for the next start.
    }
  }
}
