/**
 * One Commons' log on disk, append-only (ARCHITECTURE: the ledger service owns every log).
 *
 *   <name>.jsonl       the entries, one JSON line each, only ever appended to
 *   <name>.head.json   the commit record { height, headHash, bytes }, replaced atomically
 *
 * An append writes its lines at the committed length and fsyncs them; only then does the head
 * move (log-file.ts: temp, fsync, rename), and only then does memory. The head is the commit
 * point: lines past `bytes` were never acknowledged to anyone, so a crash at any moment leaves
 * either the old head (the new lines are not accepted; at start they are set aside, whole or
 * torn) or the new one (every line it covers was on disk before it). A failed append cuts the
 * file back to the committed length, or, if even that fails, the next append does, since it
 * writes at the committed length and not at the file's end.
 *
 * What the store does not decide is whether a line is a valid entry: the caller verifies what
 * it reads (commons-log.ts keeps the longest valid prefix) and tells the store what to keep.
 */
import { createHash, type Hash } from 'node:crypto';
import { dirname } from 'node:path';
import { z } from 'zod';
import { type LogFs, fsyncFolder, nodeLogFs, writeAll, writeFileDurably } from './log-file';

export const HeadRecord = z.strictObject({
  format: z.literal(1),
  /** Entries committed. */
  height: z.number().int().nonnegative(),
  /** The hash of the last committed entry (the next one's prevHash). */
  headHash: z.string(),
  /** Bytes of the log file that hold them, newline of the last one included. */
  bytes: z.number().int().nonnegative(),
});
export type HeadRecord = z.infer<typeof HeadRecord>;

/** A line of the file as found at start. `end` excludes the newline; `complete` says whether one ended it. */
export interface RawLine {
  readonly start: number;
  readonly end: number;
  readonly complete: boolean;
}

/** The file as found at start: its bytes, its non-blank lines, and the head record beside it. */
export interface RawLog {
  readonly bytes: Buffer;
  readonly lines: readonly RawLine[];
  /** Null for a log written before head records existed (the demo's, until issue 11). */
  readonly head: HeadRecord | null;
}

/** What the caller keeps after verifying the raw log: its first `count` lines, and the head after them. */
export interface KeptPrefix {
  readonly count: number;
  readonly height: number;
  readonly headHash: string;
}

/** What the store set aside at start (the file's name, not its folder). */
export interface SetAside {
  readonly file: string;
  /** Non-blank lines set aside. */
  readonly lines: number;
}

export const headPath = (file: string): string => `${file.replace(/\.jsonl$/, '')}.head.json`;
export const projectionPath = (file: string): string => `${file.replace(/\.jsonl$/, '')}.projection.json`;
export const setAsidePath = (file: string, now: number): string => `${file}.set-aside-${now}`;

const NEWLINE = 0x0a;

/** Splits a file into its non-blank lines (a last line without a newline is a torn one). */
export function splitLines(bytes: Buffer): RawLine[] {
  const lines: RawLine[] = [];
  let start = 0;
  while (start < bytes.length) {
    const newline = bytes.indexOf(NEWLINE, start);
    const end = newline === -1 ? bytes.length : newline;
    const blank = bytes.subarray(start, end).toString('utf8').trim() === '';
    if (!blank) lines.push({ start, end, complete: newline !== -1 });
    start = end + 1;
  }
  return lines;
}

export class LogStore {
  /** Start and end (newline excluded) of each committed line. */
  private starts: number[] = [];
  private ends: number[] = [];
  private committed: HeadRecord = { format: 1, height: 0, headHash: '', bytes: 0 };
  /** SHA-256 of the committed bytes so far, for a projection to name the prefix it was folded from. */
  private digest: Hash = createHash('sha256');
  private settled = false;

  private constructor(
    readonly file: string,
    private readonly fs: LogFs,
  ) {}

  /** Opens the log at `file`, creating it (empty, with a head at 0) if it does not exist. */
  static open(file: string, fs: LogFs = nodeLogFs): LogStore {
    const store = new LogStore(file, fs);
    if (!fs.existsSync(file)) {
      fs.mkdirSync(dirname(file), { recursive: true });
      const fd = fs.openSync(file, 'wx', 0o600);
      try {
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fsyncFolder(fs, dirname(file));
      writeFileDurably(headPath(file), JSON.stringify({ format: 1, height: 0, headHash: '', bytes: 0 } satisfies HeadRecord), fs);
    }
    return store;
  }

  /** The whole file and its head record, for the caller to verify before `settle`. */
  readRaw(): RawLog {
    const bytes = this.readRange(0, null);
    return { bytes, lines: splitLines(bytes), head: this.readHead() };
  }

  private readHead(): HeadRecord | null {
    const path = headPath(this.file);
    if (!this.fs.existsSync(path)) return null;
    try {
      const parsed = HeadRecord.safeParse(JSON.parse(this.fs.readFileSync(path, 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** Bytes [from, to) of the file (to the end when `to` is null). */
  private readRange(from: number, to: number | null): Buffer {
    const fd = this.fs.openSync(this.file, 'r');
    try {
      const end = to ?? this.fs.fstatSync(fd).size;
      const buffer = Buffer.alloc(Math.max(0, end - from));
      let done = 0;
      while (done < buffer.length) {
        const read = this.fs.readSync(fd, buffer, done, buffer.length - done, from + done);
        if (read <= 0) throw new Error(`${this.file} is shorter than expected (${from + done} of ${end} bytes)`);
        done += read;
      }
      return buffer;
    } finally {
      this.fs.closeSync(fd);
    }
  }

  /**
   * Keeps the first `kept.count` lines of `raw` and commits them as the log: anything after them
   * is copied to a set-aside file beside the log first (nothing is deleted before it is kept
   * elsewhere), then cut from the log, and the head records what remains.
   */
  settle(raw: RawLog, kept: KeptPrefix, now: () => number): SetAside | null {
    const lines = raw.lines.slice(0, kept.count);
    if (lines.some((line) => !line.complete)) throw new Error('a torn line cannot be kept');
    const bytes = lines.length > 0 ? lines.at(-1)!.end + 1 : 0;
    let setAside: SetAside | null = null;
    const rest = raw.bytes.subarray(bytes);
    if (rest.length > 0 && rest.toString('utf8').trim() === '') this.truncate(bytes);
    else if (rest.length > 0) {
      const aside = setAsidePath(this.file, now());
      writeFileDurably(aside, rest, this.fs);
      this.truncate(bytes);
      setAside = { file: aside.slice(dirname(aside).length + 1), lines: raw.lines.length - kept.count };
    }
    const head: HeadRecord = { format: 1, height: kept.height, headHash: kept.headHash, bytes };
    const onDisk = raw.head;
    if (!onDisk || onDisk.height !== head.height || onDisk.headHash !== head.headHash || onDisk.bytes !== head.bytes) {
      writeFileDurably(headPath(this.file), JSON.stringify(head), this.fs);
    }
    this.starts = lines.map((l) => l.start);
    this.ends = lines.map((l) => l.end);
    this.committed = head;
    this.digest = createHash('sha256').update(raw.bytes.subarray(0, bytes));
    this.settled = true;
    return setAside;
  }

  /** Cuts the file to `length` bytes, durably. */
  private truncate(length: number): void {
    const fd = this.fs.openSync(this.file, 'r+');
    try {
      this.fs.ftruncateSync(fd, length);
      this.fs.fsyncSync(fd);
    } finally {
      this.fs.closeSync(fd);
    }
  }

  /**
   * Appends `lines` (one entry each, no newlines inside) and moves the head to `head`. Returns
   * only once both are on disk; throws, with the committed log and memory unchanged, otherwise.
   */
  append(lines: readonly string[], head: Omit<KeptPrefix, 'count'>): void {
    if (!this.settled) throw new Error('the log must be read and settled before it is appended to');
    if (lines.length === 0) return;
    if (lines.some((line) => line.includes('\n') || line.trim() === '')) throw new Error('a log line must be one non-blank line');
    const chunk = Buffer.from(lines.map((line) => `${line}\n`).join(''), 'utf8');
    const from = this.committed.bytes;
    const next: HeadRecord = { format: 1, height: head.height, headHash: head.headHash, bytes: from + chunk.length };
    try {
      const fd = this.fs.openSync(this.file, 'r+');
      try {
        // At the committed length, not the file's end: whatever a failed append left there is overwritten.
        writeAll(this.fs, fd, chunk, from);
        if (this.fs.fstatSync(fd).size > next.bytes) this.fs.ftruncateSync(fd, next.bytes);
        this.fs.fsyncSync(fd);
      } finally {
        this.fs.closeSync(fd);
      }
      writeFileDurably(headPath(this.file), JSON.stringify(next), this.fs);
    } catch (error) {
      try {
        this.truncate(from);
      } catch {
        // The next append writes at `from` and cuts what follows; a start sets it aside.
      }
      throw error;
    }
    let offset = from;
    for (const line of lines) {
      const length = Buffer.byteLength(line, 'utf8');
      this.starts.push(offset);
      this.ends.push(offset + length);
      offset += length + 1;
    }
    this.digest.update(chunk);
    this.committed = next;
  }

  /** The committed head. */
  head(): HeadRecord {
    return this.committed;
  }

  /** Committed lines. */
  get count(): number {
    return this.starts.length;
  }

  /** SHA-256 (hex) of the committed bytes. */
  prefixDigest(): string {
    return this.digest.copy().digest('hex');
  }

  /** Committed lines [from, to), read from disk. */
  lines(from: number, to: number): string[] {
    const first = Math.max(0, from);
    const last = Math.min(this.count, to);
    if (first >= last) return [];
    const base = this.starts[first]!;
    const bytes = this.readRange(base, this.ends[last - 1]!);
    const out: string[] = [];
    for (let i = first; i < last; i++) out.push(bytes.toString('utf8', this.starts[i]! - base, this.ends[i]! - base));
    return out;
  }
}
