/**
 * The log store across crashes (issue 11): an append is acknowledged only once its lines and then
 * its head are on disk, so a process killed at any moment loses no acknowledged entry, and a
 * restart accepts nothing half-written (a torn line, or lines the head never covered): they are
 * set aside, and the next append continues from the last acknowledged entry.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stateHash } from '../../../shared/commons/apply';
import { encodeEntry } from '../../../shared/commons/log';
import { encodeLog } from '../../../shared/commons/verify';
import { CommonsLog } from './commons-log';
import { type LogFs, nodeLogFs } from './log-file';
import { testLog, verifier } from './log-fixtures.test-support';
import { headPath } from './store';

const freshDir = () => fs.mkdtempSync(join(tmpdir(), 'c3-store-'));

class Crash extends Error {}

/**
 * node:fs that "dies" at its `at`-th call once armed: a write then writes only half of what it was
 * given (a torn write), any other call does nothing; every later call fails, as in a killed process.
 */
function crashingFs() {
  let left = Number.POSITIVE_INFINITY;
  let dead = false;
  const open = new Set<number>();
  const wrap =
    <K extends keyof LogFs>(name: K) =>
    (...args: Parameters<LogFs[K]>): ReturnType<LogFs[K]> => {
      if (dead) throw new Crash(`dead (${name})`);
      if (left-- <= 0) {
        dead = true;
        if (name === 'writeSync') {
          const [fd, buffer, offset, length, position] = args as Parameters<LogFs['writeSync']>;
          nodeLogFs.writeSync(fd, buffer, offset, Math.floor(length / 2), position);
        }
        throw new Crash(`crashed at ${name}`);
      }
      const result = (nodeLogFs[name] as (...a: unknown[]) => unknown)(...args) as ReturnType<LogFs[K]>;
      if (name === 'openSync') open.add(result as number);
      if (name === 'closeSync') open.delete(args[0] as number);
      return result;
    };
  const names = Object.keys(nodeLogFs).filter((k) => typeof (nodeLogFs as unknown as Record<string, unknown>)[k] === 'function') as (keyof LogFs)[];
  const crashing = Object.fromEntries(names.map((name) => [name, wrap(name)])) as unknown as LogFs;
  return {
    fs: crashing,
    arm: (at: number) => (left = at),
    dead: () => dead,
    /** What a dead process leaves open, the kernel closes. */
    bury: () => open.forEach((fd) => nodeLogFs.closeSync(fd)),
  };
}

describe('the log store across crashes', () => {
  const { entries, states } = testLog(10);
  const BASE = 6;

  /** A log holding the first BASE entries, acknowledged. */
  function seeded(): string {
    const file = join(freshDir(), 'commons.jsonl');
    const log = CommonsLog.openSync({ file, verifier });
    expect(log.commit(entries.slice(0, BASE), states[BASE - 1]!)).toEqual({ ok: true, value: undefined });
    return file;
  }

  it('a crash at any step of an append loses no acknowledged entry and accepts nothing half-written', () => {
    let points = 0;
    for (let at = 0; ; at++) {
      const file = seeded();
      const crash = crashingFs();
      const log = CommonsLog.openSync({ file, verifier, fs: crash.fs });
      crash.arm(at);
      let acknowledged = BASE;
      for (let i = BASE; i < entries.length; i++) {
        if (!log.commit([entries[i]!], states[i]!).ok) break;
        acknowledged = i + 1;
      }
      crash.bury();
      const crashed = crash.dead();

      // The restart, on the real disk.
      const restarted = CommonsLog.openSync({ file, verifier, now: () => 1_000 + at });
      expect(restarted.height).toBe(acknowledged);
      expect(encodeLog(restarted.entries())).toBe(encodeLog(entries.slice(0, acknowledged)));
      expect(stateHash(restarted.state()!)).toBe(stateHash(states[acknowledged - 1]!));
      const aside = restarted.recovery.setAside;
      if (aside) {
        // Only the entry that was never acknowledged, whole or torn, went aside.
        expect(aside).toMatchObject({ fromSeq: acknowledged, entries: 1 });
        expect(['NotCommitted', 'TornEntry', 'MalformedEntry']).toContain(aside.reason.kind);
        const rest = fs.readFileSync(join(file, '..', aside.file), 'utf8');
        expect(`${encodeEntry(entries[acknowledged]!)}\n`.startsWith(rest)).toBe(true);
      }
      // And it goes on from there.
      if (acknowledged < entries.length) expect(restarted.commit([entries[acknowledged]!], states[acknowledged]!).ok).toBe(true);
      expect(CommonsLog.openSync({ file, verifier }).recovery.setAside).toBeNull();
      if (!crashed) break;
      points += 1;
    }
    // Every call of four appends was a crash point: writes, fsyncs, the head's temp file and rename.
    expect(points).toBeGreaterThan(4 * 8);
  }, 120_000);

  it('a crash while a start sets a damaged tail aside loses nothing either', () => {
    for (let at = 0; ; at++) {
      const file = seeded();
      // An entry written but never committed, then a torn one.
      fs.appendFileSync(file, `${encodeEntry(entries[BASE]!)}\n${encodeEntry(entries[BASE + 1]!).slice(0, 100)}`);
      const crash = crashingFs();
      crash.arm(at);
      let finished = false;
      try {
        CommonsLog.openSync({ file, verifier, fs: crash.fs, now: () => at });
        finished = true;
      } catch (error) {
        if (!(error instanceof Crash)) throw error;
      }
      crash.bury();
      const restarted = CommonsLog.openSync({ file, verifier, now: () => 10_000 + at });
      expect(restarted.height).toBe(BASE);
      expect(encodeLog(restarted.entries())).toBe(encodeLog(entries.slice(0, BASE)));
      // The tail is in a set-aside file (this start's, or the crashed one's), never lost.
      const asides = fs.readdirSync(join(file, '..')).filter((name) => name.includes('.set-aside-'));
      const kept = asides.map((name) => fs.readFileSync(join(file, '..', name), 'utf8'));
      expect(kept.some((text) => text.startsWith(encodeEntry(entries[BASE]!)))).toBe(true);
      if (finished) break;
    }
  }, 120_000);

  it('a writer killed with SIGKILL mid-append: every acknowledged entry is there after a restart, and nothing half-written', async () => {
    const many = testLog(400);
    const dir = freshDir();
    const file = join(dir, 'commons.jsonl');
    const source = join(dir, 'source.jsonl');
    fs.writeFileSync(source, encodeLog(many.entries));
    expect(CommonsLog.openSync({ file, verifier }).commit(many.entries.slice(0, 1), many.states[0]!).ok).toBe(true);
    const child = new URL('./crash-child.test-support.ts', import.meta.url).pathname;

    for (const stopAfter of [7, 23, 61]) {
      const before = CommonsLog.openSync({ file, verifier }).height;
      const seen = await new Promise<number>((resolve, reject) => {
        const writer = spawn(process.execPath, ['--import', 'tsx', child, file, source], { stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        let last = before;
        let errors = '';
        writer.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
        writer.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          for (const match of output.matchAll(/acked (\d+)/g)) last = Math.max(last, Number(match[1]));
          if (last >= before + stopAfter && writer.exitCode === null) writer.kill('SIGKILL');
        });
        writer.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(last) : reject(new Error(`the writer exited (${code}) before it was killed: ${errors}`))));
      });
      const restarted = CommonsLog.openSync({ file, verifier, now: () => stopAfter });
      // At least what the writer acknowledged (it may have acknowledged more before the signal landed).
      expect(restarted.height).toBeGreaterThanOrEqual(seen);
      expect(encodeLog(restarted.entries())).toBe(encodeLog(many.entries.slice(0, restarted.height)));
      expect(stateHash(restarted.state()!)).toBe(stateHash(many.states[restarted.height - 1]!));
      const aside = restarted.recovery.setAside;
      if (aside) expect(`${encodeEntry(many.entries[restarted.height]!)}\n`.startsWith(fs.readFileSync(join(dir, aside.file), 'utf8'))).toBe(true);
    }
  }, 120_000);

  it('a head record ahead of the file (bytes it covered were lost) keeps what still verifies and says so', () => {
    const file = seeded();
    const full = fs.readFileSync(file);
    fs.writeFileSync(file, full.subarray(0, full.length - 40));
    const restarted = CommonsLog.openSync({ file, verifier, now: () => 5 });
    expect(restarted.height).toBe(BASE - 1);
    expect(restarted.recovery.setAside).toMatchObject({ fromSeq: BASE - 1, entries: 1, reason: { kind: 'MalformedEntry' } });
    expect(JSON.parse(fs.readFileSync(headPath(file), 'utf8'))).toMatchObject({ height: BASE - 1, headHash: states[BASE - 2]!.headHash });
  });
});
