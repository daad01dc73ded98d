/**
 * A replay with its proofs checked on the proof pool's worker threads (replay.ts, proof-pool.ts):
 * the same state and the same refusals as the fold on one thread, with the verdicts coming from
 * the threads.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { commonsIdOf, fold, stateHash } from '../../../shared/commons/apply';
import { sealEntry } from '../../../shared/commons/build';
import { enrolAction, genesisEntry, genesisState, keys, member } from '../../../shared/commons/fixtures';
import { proofsOf } from '../../../shared/commons/proofs';
import { encodeLog } from '../../../shared/commons/verify';
import { unwrap } from '../../../shared/result';
import { createGroth16Verifier } from '../../../shared/zk/groth16';
import { demoEnrolmentSignals } from '../../../shared/zk/demo-identities';
import { demoProofs, emulatorDemoLog } from './demo';
import { bestRecoverer } from './native';
import { createProofPool } from './proof-pool';
import { linesOf, replayLines } from './replay';
import { loadVerificationKeysSync } from './zk-verifier';

const keysOfCircuits = loadVerificationKeysSync();
const pool = createProofPool(keysOfCircuits, { threads: 2, minChunk: 1 });
afterAll(() => pool.close());

describe('a replay with its proofs checked across worker threads', () => {
  it('the Demo Commons replays to the very state of the fold on one thread, every proof checked on the threads', async () => {
    const entries = emulatorDemoLog();
    const proofs = proofsOf(entries).length;
    expect(proofs).toBeGreaterThan(0);
    const before = pool.checked();
    const replay = await replayLines({ start: null, lines: linesOf(encodeLog(entries)) }, { verifier: pool, workers: 1, batch: 3 });
    expect(replay.error).toBeNull();
    expect(replay.kept).toBe(entries.length);
    const oneThread = unwrap(fold(entries, { verifier: createGroth16Verifier(keysOfCircuits), recoverer: bestRecoverer() }));
    expect(stateHash(replay.state!)).toBe(stateHash(oneThread));
    expect(pool.checked()).toEqual({ onThreads: before.onThreads + proofs, here: before.here });
  });

  it('an identity proof made for another Commons is refused on the threads, naming its entry, and nothing from it is kept', async () => {
    // A real enrolment proof of a Demo Commons member, sent to the test Commons: it was made for the demo's Commons id, not this one.
    const [label, proof] = Object.entries(demoProofs()!)[0]!;
    const demoGenesis = emulatorDemoLog()[0]!.actions[0]!;
    if (demoGenesis.kind !== 'commons.genesis') throw new Error('the demo log has no genesis');
    const { commitment, nullifier } = demoEnrolmentSignals(label, commonsIdOf(demoGenesis));
    const state = genesisState();
    const bob = member('Bob', 'Guild', [keys.bob], 1, state.commonsId);
    const enrol = sealEntry(state.commonsId, { seq: 1, prevHash: state.headHash, time: state.time + 60, actions: [enrolAction(state, bob, { commitment, nullifier, proof })] }, [keys.steward1, keys.steward2], state.version);
    const entries = [genesisEntry(), enrol];
    const before = pool.checked();
    const replay = await replayLines({ start: null, lines: linesOf(encodeLog(entries)) }, { verifier: pool, workers: 1 });
    expect(replay.error).toMatchObject({ kind: 'InvalidProof', circuit: 'identity', seq: 1 });
    expect(replay.kept).toBe(1);
    expect(stateHash(replay.state!)).toBe(stateHash(state));
    expect(pool.checked().onThreads).toBe(before.onThreads + 1);
    // The same refusal on one thread.
    expect(fold(entries, { verifier: createGroth16Verifier(keysOfCircuits), recoverer: bestRecoverer() })).toMatchObject({ ok: false, error: { kind: 'InvalidProof', seq: 1 } });
  });
});
