/**
 * Small files written whole and atomically: a log's head record, its projection, the part of a
 * damaged log that was set aside (the log itself is append-only: store.ts).
 *
 * Every write replaces the whole file: a temp file is written and fsynced, renamed over the old
 * one, and the folder is fsynced so that the rename itself survives a power cut. A failure at any
 * step leaves the previous file exactly as it was, so a caller that changes memory only after
 * `writeFileDurably` returns never holds something the disk does not, and a retry simply writes again.
 */
import * as nodeFs from 'node:fs';
import { dirname } from 'node:path';

/** The part of node:fs a log file uses; tests hand in one that fails (or "crashes") where they choose. */
export interface LogFs {
  existsSync(path: string): boolean;
  readFileSync(path: string, encoding: 'utf8'): string;
  readdirSync(path: string): string[];
  mkdirSync(path: string, options: { recursive: true }): unknown;
  openSync(path: string, flags: string, mode?: number): number;
  /** `position` null or absent: at the file's current offset. */
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number, position?: number | null): number;
  readSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number;
  fstatSync(fd: number): { size: number };
  ftruncateSync(fd: number, length: number): void;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  rmSync(path: string, options: { force: true }): void;
}

export const nodeLogFs: LogFs = nodeFs;

/** Writes `bytes` to `fd` whole (writeSync may write less than asked), from `position` if given. */
export function writeAll(fs: LogFs, fd: number, bytes: Uint8Array, position?: number): void {
  let offset = 0;
  while (offset < bytes.length) {
    const wrote = fs.writeSync(fd, bytes, offset, bytes.length - offset, position === undefined ? null : position + offset);
    if (wrote <= 0) throw new Error('the disk accepted no more bytes');
    offset += wrote;
  }
}

/**
 * Makes the rename durable. The rename is the commit point: once it is done, readers see the new
 * log, so a folder that cannot be fsynced (Windows cannot open one; some file systems refuse)
 * does not undo it or report a failure that would tell the caller nothing changed.
 */
export function fsyncFolder(fs: LogFs, folder: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(folder, 'r');
    fs.fsyncSync(fd);
  } catch {
    // See above: the write has happened either way.
  }
  try {
    if (fd !== undefined) fs.closeSync(fd);
  } catch {
    // Nor does a folder that will not close undo it.
  }
}

/** Replaces `file` with `text`, atomically; throws, leaving `file` as it was, on any failure before the rename. */
export function writeFileDurably(file: string, text: string | Uint8Array, fs: LogFs = nodeLogFs): void {
  const folder = dirname(file);
  const temp = `${file}.tmp`;
  fs.mkdirSync(folder, { recursive: true });
  try {
    const fd = fs.openSync(temp, 'w', 0o600);
    try {
      writeAll(fs, fd, typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
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
