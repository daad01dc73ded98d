/**
 * A Commons log on disk, written before memory changes (ARCHITECTURE: the ledger service's logs).
 *
 * Every write replaces the whole file: a temp file is written and fsynced, renamed over the log,
 * and the folder is fsynced so that the rename itself survives a power cut. A failure at any step
 * leaves the previous file exactly as it was, so a caller that changes memory only after `write`
 * returns never holds an entry the disk does not, and a retry simply writes again. (An append
 * would be cheaper, but a failed append can leave half a line that the next append would follow;
 * undoing it needs a truncate that can fail too. The demo's log is tens of entries.)
 */
import * as nodeFs from 'node:fs';
import { basename, dirname } from 'node:path';

/** The part of node:fs a log file uses; tests hand in one that fails. */
export interface LogFs {
  existsSync(path: string): boolean;
  readFileSync(path: string, encoding: 'utf8'): string;
  mkdirSync(path: string, options: { recursive: true }): unknown;
  openSync(path: string, flags: string, mode?: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  rmSync(path: string, options: { force: true }): void;
}

export const nodeLogFs: LogFs = nodeFs;

/** Writes `text` to `fd` whole (writeSync may write less than asked). */
function writeAll(fs: LogFs, fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    const wrote = fs.writeSync(fd, bytes, offset, bytes.length - offset);
    if (wrote <= 0) throw new Error('the disk accepted no more bytes');
    offset += wrote;
  }
}

/**
 * Makes the rename durable. The rename is the commit point: once it is done, readers see the new
 * log, so a folder that cannot be fsynced (Windows cannot open one; some file systems refuse)
 * does not undo it or report a failure that would tell the caller nothing changed.
 */
function fsyncFolder(fs: LogFs, folder: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(folder, 'r');
    fs.fsyncSync(fd);
  } catch {
    // See above: the write has happened either way.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Replaces `file` with `text`, atomically; throws, leaving `file` as it was, on any failure before the rename. */
export function writeFileDurably(file: string, text: string, fs: LogFs = nodeLogFs): void {
  const folder = dirname(file);
  const temp = `${file}.tmp`;
  fs.mkdirSync(folder, { recursive: true });
  try {
    const fd = fs.openSync(temp, 'w', 0o600);
    try {
      writeAll(fs, fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  } catch (error) {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // The temp file is never read; the next write replaces it.
    }
    throw error;
  }
  fsyncFolder(fs, folder);
}

/** Where the unreadable rest of a log is kept, beside it, named for the log and the moment. */
export const setAsidePath = (file: string, now: number): string => `${file}.set-aside-${now}`;

export const fileName = (path: string): string => basename(path);

export interface PrefixReading<S, E> {
  /** The state after the kept lines. */
  readonly state: S;
  /** How many entries (non-blank lines) were kept. */
  readonly kept: number;
  /** The text from the first line that did not hold to the end, if any. */
  readonly rest: string;
  /** Lines in `rest`, blank ones excepted. */
  readonly restLines: number;
  /** Why the first line of `rest` was not kept. */
  readonly reason: E | null;
}

/**
 * Reads a JSON-lines log as far as it holds: `step` takes each entry in turn, and the first one it
 * refuses ends the prefix. What follows it is returned as text, untouched, to be set aside.
 */
export function longestValidPrefix<S, E>(text: string, start: S, step: (state: S, line: string, index: number) => { ok: true; value: S } | { ok: false; error: E }): PrefixReading<S, E> {
  const lines = text.split('\n');
  let state = start;
  let kept = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const next = step(state, line, kept);
    if (!next.ok) {
      const rest = lines.slice(i).join('\n');
      return { state, kept, rest, restLines: lines.slice(i).filter((l) => l.trim() !== '').length, reason: next.error };
    }
    state = next.value;
    kept += 1;
  }
  return { state, kept, rest: '', restLines: 0, reason: null };
}
