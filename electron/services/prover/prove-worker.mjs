// Worker thread of the prover (electron/services/prover/prover.ts): snarkjs's witness calculation
// and Groth16 prover, off the main process's event loop so that the window never freezes.
// Plain JavaScript so that it starts the same under tsx, vitest and the bundled main process.
// In:  { type: 'prove', id, circuit, input, wasm?, zkey? }  (artifacts sent once per circuit)
//      { type: 'close' }
// Out: { type: 'stage', id, stage } … then { type: 'done', id, proof, publicSignals } or { type: 'failed', id, message }
import process from 'node:process';
import { parentPort } from 'node:worker_threads';
import * as snarkjs from 'snarkjs';

const artifacts = new Map();

parentPort.on('message', async (message) => {
  if (message.type === 'close') {
    // snarkjs keeps a pool of threads for the curve alive; end it, or the worker never exits.
    await globalThis.curve_bn128?.terminate();
    process.exit(0);
  }
  if (message.type !== 'prove') return;
  const { id, circuit, input } = message;
  try {
    if (message.wasm && message.zkey) artifacts.set(circuit, { wasm: message.wasm, zkey: message.zkey });
    const cached = artifacts.get(circuit);
    if (!cached) throw new Error(`no artifacts for ${circuit}`);
    parentPort.postMessage({ type: 'stage', id, stage: 'witness' });
    const witness = { type: 'mem' };
    await snarkjs.wtns.calculate(input, cached.wasm, witness);
    parentPort.postMessage({ type: 'stage', id, stage: 'proving' });
    const { proof, publicSignals } = await snarkjs.groth16.prove(cached.zkey, witness);
    parentPort.postMessage({ type: 'done', id, proof, publicSignals });
  } catch (error) {
    parentPort.postMessage({ type: 'failed', id, message: error instanceof Error ? error.message : String(error) });
  }
});
