/**
 * The projection (issue 11, scale): saved every N entries, not after each one, and a start from it
 * reaches the very state a full replay from genesis does; a projection that no longer names the
 * bytes on disk is not used.
 */
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fold, stateHash } from '../../../shared/commons/apply';
import { encodeLog } from '../../../shared/commons/verify';
import { unwrap } from '../../../shared/result';
import { CommonsLog } from './commons-log';
import { type LogFs, nodeLogFs } from './log-file';
import { testLog, verifier } from './log-fixtures.test-support';
import { bestRecoverer } from './native';
import { createRecoveryPool } from './replay';
import { projectionPath } from './store';
import { PROJECTION_FORMAT, decodeState, encodeState } from './projection';
import { givenGovernance, pid } from '../../../shared/commons/governance/testing';
import { splitChange } from '../../../shared/commons/params/pending';

const freshFile = () => join(fs.mkdtempSync(join(tmpdir(), 'c3-projection-')), 'commons.jsonl');

/** node:fs, counting the projections it saves. */
function countingFs(file: string) {
  const saved: number[] = [];
  const counting: LogFs = {
    ...nodeLogFs,
    renameSync(from, to) {
      nodeLogFs.renameSync(from, to);
      if (to === projectionPath(file)) saved.push(JSON.parse(nodeLogFs.readFileSync(to, 'utf8')).count as number);
    },
  };
  return { fs: counting, saved };
}

describe('the projection of a Commons log', () => {
  const { entries, states } = testLog(35);
  const fullReplay = unwrap(fold(entries, { verifier, recoverer: bestRecoverer() }));

  it('is saved every N entries, not after each one', () => {
    const file = freshFile();
    const { fs: counting, saved } = countingFs(file);
    const log = CommonsLog.openSync({ file, verifier, fs: counting, projectionEvery: 10 });
    for (const [i, entry] of entries.entries()) expect(log.commit([entry], states[i]!).ok).toBe(true);
    expect(saved).toEqual([10, 20, 30]);
  });

  it('a start from the projection reaches the same state as a full replay from genesis, replaying only what follows it', async () => {
    const file = freshFile();
    const log = CommonsLog.openSync({ file, verifier, projectionEvery: 10 });
    for (const [i, entry] of entries.entries()) log.commit([entry], states[i]!);

    const restarted = CommonsLog.openSync({ file, verifier, projectionEvery: 10 });
    expect(restarted.replayedFrom).toBe(30);
    expect(stateHash(restarted.state()!)).toBe(stateHash(fullReplay));
    expect(restarted.state()).toEqual(fullReplay);
    // The same on worker threads, and a re-verification from genesis agrees with what the projection gave.
    const pool = createRecoveryPool(2);
    try {
      const parallel = await CommonsLog.open({ file, verifier, projectionEvery: 10 }, pool);
      expect(parallel.replayedFrom).toBe(30);
      expect(stateHash(parallel.state()!)).toBe(stateHash(fullReplay));
      const check = unwrap(await parallel.reverify(pool));
      expect(check).toMatchObject({ entries: 35 });
    } finally {
      await pool.close();
    }
  });

  it('a projection of an older state shape is not read: the log is replayed from genesis', () => {
    const file = freshFile();
    const log = CommonsLog.openSync({ file, verifier, projectionEvery: 10 });
    for (const [i, entry] of entries.entries()) log.commit([entry], states[i]!);
    const saved = JSON.parse(fs.readFileSync(projectionPath(file), 'utf8')) as { format: number };
    expect(saved.format).toBe(PROJECTION_FORMAT);
    fs.writeFileSync(projectionPath(file), JSON.stringify({ ...saved, format: PROJECTION_FORMAT - 1 }));
    const restarted = CommonsLog.openSync({ file, verifier, projectionEvery: 10 });
    expect(restarted.replayedFrom).toBe(0);
    expect(stateHash(restarted.state()!)).toBe(stateHash(fullReplay));
  });

  it('a projection written in format 2, before the proposals and pending parameters slices, is replayed from genesis, not misread', () => {
    const file = freshFile();
    const log = CommonsLog.openSync({ file, verifier, projectionEvery: 10 });
    for (const [i, entry] of entries.entries()) log.commit([entry], states[i]!);
    const saved = JSON.parse(fs.readFileSync(projectionPath(file), 'utf8')) as { format: number; state: string };
    // What format 2 stored: the same state without governance's and the pending parameters' slices.
    const { proposals: _p, pendingParams: _pp, ...older } = JSON.parse(saved.state) as Record<string, unknown>;
    fs.writeFileSync(projectionPath(file), JSON.stringify({ ...saved, format: 2, state: JSON.stringify(older) }));
    const restarted = CommonsLog.openSync({ file, verifier, projectionEvery: 10 });
    expect(restarted.replayedFrom).toBe(0);
    expect(restarted.state()!.proposals.size).toBe(0);
    expect(restarted.state()!.pendingParams).toEqual([]);
    expect(stateHash(restarted.state()!)).toBe(stateHash(fullReplay));
  });

  it('proposals (snapshot, ballots) and pending parameters survive the projection exactly', () => {
    const world = givenGovernance();
    const p = world.state.params;
    const pending = splitChange(p, [], { liquidationThresholdBps: { ...p.liquidationThresholdBps, BTC: 7_000 } }, pid(1), world.state.time).pending;
    const state = { ...world.state, pendingParams: pending };
    expect(state.proposals.size).toBe(1);
    expect(decodeState(encodeState(state))).toEqual(state);
    expect(stateHash(decodeState(encodeState(state)))).toBe(stateHash(state));
  });

  it('bigint amounts survive the projection exactly', () => {
    const state = states.at(-1)!;
    expect(decodeState(encodeState(state))).toEqual(state);
  });

  it('a log cut below its projection is replayed from genesis, not from the projection', () => {
    const file = freshFile();
    const log = CommonsLog.openSync({ file, verifier, projectionEvery: 10 });
    for (const [i, entry] of entries.entries()) log.commit([entry], states[i]!);
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    fs.writeFileSync(file, `${lines.slice(0, 25).join('\n')}\n`);
    const restarted = CommonsLog.openSync({ file, verifier, projectionEvery: 10 });
    expect(restarted.replayedFrom).toBe(0);
    expect(encodeLog(restarted.entries())).toBe(encodeLog(entries.slice(0, 25)));
    expect(stateHash(restarted.state()!)).toBe(stateHash(states[24]!));
  });

  it('a projection whose log bytes were altered is not used, and the altered entry is refused', () => {
    const file = freshFile();
    const log = CommonsLog.openSync({ file, verifier, projectionEvery: 10 });
    for (const [i, entry] of entries.entries()) log.commit([entry], states[i]!);
    const text = fs.readFileSync(file, 'utf8');
    // Entry 5's amount, one unit more: same length, different bytes, inside the projection's prefix.
    const lines = text.trimEnd().split('\n');
    lines[5] = lines[5]!.replace(/"amount":"(\d+)"/, (_m, digits: string) => `"amount":"${String(BigInt(digits) + 1n).padStart(digits.length, '0')}"`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const restarted = CommonsLog.openSync({ file, verifier, projectionEvery: 10, now: () => 42 });
    expect(restarted.replayedFrom).toBe(0);
    expect(restarted.height).toBe(5);
    expect(restarted.recovery.setAside).toMatchObject({ fromSeq: 5, entries: 30, reason: { seq: 5 } });
  });
});
