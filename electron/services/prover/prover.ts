/**
 * The prover: snarkjs in one worker thread, fed each circuit's checked artifacts once, one proof
 * at a time. Cancelling a proof ends the worker (snarkjs cannot be interrupted mid-proof); the
 * next proof starts a fresh one. Every proof is verified with the same verification key before
 * it is handed out, so that a broken prover never produces a proof the ledger would refuse.
 */
import { Worker } from 'node:worker_threads';
import { type Groth16Proof, type CircuitName } from '../../../shared/zk/types';
import { createGroth16Verifier } from '../../../shared/zk/groth16';
import { type CircuitArtifacts, loadCircuit } from './artifacts';

export type ProofStage = 'loading' | 'witness' | 'proving' | 'verifying';
export const PROOF_STAGES: readonly ProofStage[] = ['loading', 'witness', 'proving', 'verifying'];

export interface ProofResult {
  readonly proof: Groth16Proof;
  readonly publicSignals: string[];
  readonly ms: number;
}

export class ProofError extends Error {
  constructor(
    readonly body:
      | { kind: 'WitnessRejected'; message: string; nextStep: string; circuit: CircuitName; detail: string }
      | { kind: 'ProofInvalid'; message: string; nextStep: string; circuit: CircuitName }
      | { kind: 'Cancelled'; message: string; taskId: string },
  ) {
    super(body.message);
    this.name = 'ProofError';
  }
}

type Reply =
  | { type: 'stage'; id: number; stage: ProofStage }
  | { type: 'done'; id: number; proof: Groth16Proof; publicSignals: string[] }
  | { type: 'failed'; id: number; message: string };

export interface Prover {
  prove(circuit: CircuitName, input: Record<string, unknown>, options?: { onStage?: (stage: ProofStage) => void; signal?: AbortSignal }): Promise<ProofResult>;
  /** Loads (and checks) a circuit's artifacts ahead of the first proof. */
  artifacts(circuit: CircuitName): Promise<CircuitArtifacts>;
  close(): Promise<void>;
}

/** Circuit inputs cross to the worker as decimal strings (structured clone keeps bigint, snarkjs wants either). */
const asStrings = (value: unknown): unknown =>
  typeof value === 'bigint' || typeof value === 'number' ? value.toString() : Array.isArray(value) ? value.map(asStrings) : value;

export function createProver(options: { artifactsDir: string }): Prover {
  const loaded = new Map<CircuitName, Promise<CircuitArtifacts>>();
  let worker: Worker | null = null;
  const sent = new Set<CircuitName>();
  let nextId = 1;
  let queue: Promise<unknown> = Promise.resolve();

  const artifacts = (circuit: CircuitName) => {
    let found = loaded.get(circuit);
    if (!found) {
      found = loadCircuit(options.artifactsDir, circuit);
      found.catch(() => loaded.delete(circuit));
      loaded.set(circuit, found);
    }
    return found;
  };

  const startWorker = (): Worker => {
    if (worker) return worker;
    // An empty workerData tells web-worker (snarkjs's thread pool) that this thread is not one of
    // its own children, so that it starts its pool here instead of failing on a missing `mod`.
    const started = new Worker(new URL('./prove-worker.mjs', import.meta.url), { workerData: {} });
    started.on('exit', () => {
      if (worker === started) {
        worker = null;
        sent.clear();
      }
    });
    worker = started;
    return started;
  };

  const stopWorker = async () => {
    const current = worker;
    worker = null;
    sent.clear();
    if (current) await current.terminate();
  };

  const runOne = async (circuit: CircuitName, input: Record<string, unknown>, onStage?: (s: ProofStage) => void, signal?: AbortSignal): Promise<ProofResult> => {
    const started = performance.now();
    onStage?.('loading');
    const art = await artifacts(circuit);
    if (signal?.aborted) throw new ProofError({ kind: 'Cancelled', message: 'The proof was cancelled.', taskId: '' });
    const w = startWorker();
    const id = nextId++;
    const first = !sent.has(circuit);
    const result = await new Promise<{ proof: Groth16Proof; publicSignals: string[] }>((resolve, reject) => {
      const onMessage = (reply: Reply) => {
        if (reply.id !== id) return;
        if (reply.type === 'stage') return onStage?.(reply.stage);
        cleanup();
        if (reply.type === 'done') resolve(reply);
        else reject(new ProofError({ kind: 'WitnessRejected', message: `These inputs do not satisfy the ${circuit} circuit.`, nextStep: 'Check that this identity belongs to this Commons and that the tree is current.', circuit, detail: reply.message }));
      };
      const onExit = () => {
        cleanup();
        reject(new ProofError({ kind: 'Cancelled', message: 'The proof was cancelled.', taskId: '' }));
      };
      const onAbort = () => void stopWorker();
      const cleanup = () => {
        w.off('message', onMessage);
        w.off('exit', onExit);
        signal?.removeEventListener('abort', onAbort);
      };
      w.on('message', onMessage);
      w.on('exit', onExit);
      signal?.addEventListener('abort', onAbort, { once: true });
      w.postMessage({ type: 'prove', id, circuit, input: asStrings(input), ...(first ? { wasm: art.wasm, zkey: art.zkey } : {}) });
      sent.add(circuit);
    });
    onStage?.('verifying');
    if (!createGroth16Verifier({ [circuit]: art.vkey }).verify(circuit, result.publicSignals, result.proof)) {
      throw new ProofError({ kind: 'ProofInvalid', message: `The ${circuit} proof did not verify; it was not used.`, nextStep: 'Try again; if it happens again, reinstall C3 Vault.', circuit });
    }
    return { ...result, ms: performance.now() - started };
  };

  return {
    artifacts,
    prove(circuit, input, { onStage, signal } = {}) {
      // One proof at a time: the worker's thread pool already uses every core.
      const run = queue.then(() => runOne(circuit, input, onStage, signal));
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      const current = worker;
      worker = null;
      if (!current) return;
      const exited = new Promise<void>((resolve) => current.once('exit', () => resolve()));
      current.postMessage({ type: 'close' });
      const timer = setTimeout(() => void current.terminate(), 2_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
