/**
 * Worker thread of the proof pool (proof-pool.ts): checks chunks of Groth16 proofs in batches
 * (random linear combination) and names the invalid ones by bisection, with the same verifier as
 * the fold (shared/zk/groth16.ts), over the verification keys the pool hands it at start.
 * Bundled as its own entry (electron.vite.config.ts → out/main/zk-worker.js); from the sources
 * (tsx, vitest) it is started through zk-worker.dev.mjs.
 *   workerData: { keys }   in: { id, items, seed }   out: { id, verdicts } | { id, failure }
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createGroth16Verifier } from '../../../shared/zk/groth16';
import { type ProofCheck, type ProofRequest, type ProofWorkerData } from './proof-protocol';

const port = parentPort;
if (!port) throw new Error('zk-worker runs as a worker thread');
const verifier = createGroth16Verifier((workerData as ProofWorkerData).keys);

port.on('message', ({ id, items, seed }: ProofRequest) => {
  let reply: ProofCheck;
  try {
    const verdicts = verifier.verifyMany(items, { seed });
    reply = { id, verdicts: Uint8Array.from(verdicts, (valid) => (valid ? 1 : 0)) };
  } catch (error) {
    reply = { id, failure: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
