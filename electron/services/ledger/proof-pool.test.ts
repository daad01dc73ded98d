/**
 * Proofs checked across worker threads (proof-pool.ts, zk-worker.ts) on the Demo Commons' real
 * enrolment proofs: the threads' verdicts are the one-thread verdicts, a forged proof among valid
 * ones is named whichever chunk it falls in, and a thread that dies leaves its chunk to the caller.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { commonsIdOf } from '../../../shared/commons/apply';
import { demoLog } from '../../../shared/commons/demo';
import { demoEnrolmentSignals } from '../../../shared/zk/demo-identities';
import { SNARK_FIELD } from '../../../shared/zk/field';
import { demoProofs, emulatorDemoKeys } from './demo';
import { type CircuitProof, createProofPool } from './proof-pool';
import { loadVerificationKeysSync } from './zk-verifier';

const keys = loadVerificationKeysSync();
const genesis = demoLog(emulatorDemoKeys())[0]!.actions[0]!;
if (genesis.kind !== 'commons.genesis') throw new Error('the demo log has no genesis');
const commonsId = commonsIdOf(genesis);
const real: CircuitProof[] = Object.entries(demoProofs()!).map(([label, proof]) => ({ circuit: 'identity', publicSignals: demoEnrolmentSignals(label, commonsId).publicSignals, proof }));
/** Every real proof three times over: enough for several chunks. */
const items = [...real, ...real, ...real];
const forge = (item: CircuitProof): CircuitProof => ({ ...item, publicSignals: item.publicSignals.map((s, i) => (i === 1 ? String((BigInt(s) + 1n) % SNARK_FIELD) : s)) });

const pool = createProofPool(keys, { threads: 2, minChunk: 2 });
afterAll(() => pool.close());

describe('proofs checked across worker threads', () => {
  it('valid proofs are found valid on the threads, as on one thread', async () => {
    expect(items.length).toBeGreaterThanOrEqual(8);
    expect(await pool.verifyManyAsync(items)).toEqual(items.map(() => true));
    expect(pool.checked()).toEqual({ onThreads: items.length, here: 0 });
  });

  it('a forged proof among valid ones is named by its thread, wherever it falls', async () => {
    for (const bad of [0, items.length >> 1, items.length - 1]) {
      const batch = items.map((item, i) => (i === bad ? forge(item) : item));
      expect(await pool.verifyManyAsync(batch)).toEqual(batch.map((_, i) => i !== bad));
    }
  });

  it('a proof for a circuit the keys do not hold is refused, not passed', async () => {
    const stray: CircuitProof = { ...real[0]!, circuit: 'credential' };
    expect(await pool.verifyManyAsync([stray, ...real])).toEqual([false, ...real.map(() => true)]);
  });

  it('a thread that cannot start leaves its chunk to the caller, with the same verdicts', async () => {
    const warn = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const broken = createProofPool(keys, { threads: 2, minChunk: 2, entry: new URL('./no-such-worker.mjs', import.meta.url) });
    const batch = items.map((item, i) => (i === 3 ? forge(item) : item));
    expect(await broken.verifyManyAsync(batch)).toEqual(batch.map((_, i) => i !== 3));
    expect(broken.checked()).toEqual({ onThreads: 0, here: batch.length });
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
    await broken.close();
  });
});
