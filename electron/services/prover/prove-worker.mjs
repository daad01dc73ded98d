// Worker thread of the prover (electron/services/prover/prover.ts): the circuits' witness
// calculators, snarkjs's Groth16 prover and its verifier, off the main process's event loop so
// that the window never freezes. Plain JavaScript so that it starts the same under tsx, vitest
// and the bundled main process.
// In:  { type: 'load', circuit, wasm, zkey, vkey }   (once per circuit, artifacts already checked)
//      { type: 'warm', id }                          (build the curve and its thread pool now)
//      { type: 'prove', id, circuit, input }
//      { type: 'close' }
// Out: { type: 'stage', id, stage } … then { type: 'done', id, proof, publicSignals, verified }
//      or { type: 'failed', id, message }; { type: 'warm', id } once warm
import process from 'node:process';
import { parentPort } from 'node:worker_threads';
import { WitnessCalculatorBuilder } from 'circom_runtime';
import * as snarkjs from 'snarkjs';

/** circuit → { calculator: Promise<WitnessCalculator>, zkey, vkey }. */
const circuits = new Map();

// snarkjs.wtns.calculate compiles the circuit's wasm on every call (about 40 ms for ours); a
// calculator built once computes any number of witnesses.
const load = ({ circuit, wasm, zkey, vkey }) =>
  circuits.set(circuit, { calculator: WitnessCalculatorBuilder(wasm), zkey, vkey });

async function prove({ id, circuit, input }) {
  const loaded = circuits.get(circuit);
  if (!loaded) throw new Error(`no artifacts for ${circuit}`);
  parentPort.postMessage({ type: 'stage', id, stage: 'witness' });
  const calculator = await loaded.calculator;
  const witness = await calculator.calculateWTNSBin(input, true);
  parentPort.postMessage({ type: 'stage', id, stage: 'proving' });
  const { proof, publicSignals } = await snarkjs.groth16.prove(loaded.zkey, witness);
  parentPort.postMessage({ type: 'stage', id, stage: 'verifying' });
  const verified = await snarkjs.groth16.verify(loaded.vkey, publicSignals, proof);
  return { proof, publicSignals, verified };
}

parentPort.on('message', async (message) => {
  switch (message.type) {
    case 'close':
      // snarkjs keeps a pool of threads for the curve alive; end it, or the worker never exits.
      await globalThis.curve_bn128?.terminate();
      process.exit(0);
      break;
    case 'load':
      load(message);
      break;
    case 'warm':
      await snarkjs.curves.getCurveFromName('bn128');
      await Promise.all([...circuits.values()].map((c) => c.calculator));
      parentPort.postMessage({ type: 'warm', id: message.id });
      break;
    case 'prove':
      try {
        parentPort.postMessage({ type: 'done', id: message.id, ...(await prove(message)) });
      } catch (error) {
        parentPort.postMessage({ type: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error) });
      }
      break;
  }
});
