/**
 * The prover: snarkjs in one worker thread, fed each circuit's checked artifacts once, one proof
 * at a time. Cancelling a proof ends the worker (snarkjs cannot be interrupted mid-proof); the
 * next proof starts a fresh one. Every proof is verified in the worker with the circuit's checked
 * verification key before it is handed out, so that a broken prover never produces a proof the
 * ledger would refuse, and the main thread never spends a pairing on it.
 *
 * `warmUp()` starts the worker, sends it the artifacts and builds the curve ahead of time (the
 * app calls it at start and after a cancel), so that a member's first proof costs what a warm one
 * does rather than a worker start, a curve build and a wasm compile on top.
 *
 * Tree work (the Merkle path a membership or credential proof needs) runs in a second worker that
 * keeps the trees between proofs (trees.ts), so that ending the proving worker on a cancel does
 * not throw away a tree of 100,000 members.
 */
import { Worker } from 'node:worker_threads';
import { type Groth16Proof, type CircuitName } from '../../../shared/zk/types';
import { CIRCUITS } from '../../../shared/zk/artifacts';
import { type CircuitArtifacts, loadCircuit } from './artifacts';
import { type TreeLeaves, type TreePath, createTreeWorker } from './trees';
import { type ProofProblem } from '../../../shared/contract/zk-errors';

const ALL_CIRCUITS: readonly CircuitName[] = CIRCUITS.map((c) => c.name);

export type ProofStage = 'loading' | 'witness' | 'proving' | 'verifying';
export const PROOF_STAGES: readonly ProofStage[] = ['loading', 'witness', 'proving', 'verifying'];

export interface ProofResult {
  readonly proof: Groth16Proof;
  readonly publicSignals: string[];
  readonly ms: number;
}

export class ProofError extends Error {
  constructor(
    readonly body: ProofProblem | { kind: 'Cancelled'; message: string; taskId: string },
  ) {
    super(body.message);
    this.name = 'ProofError';
  }
}

type Reply =
  | { type: 'stage'; id: number; stage: ProofStage }
  | { type: 'done'; id: number; proof: Groth16Proof; publicSignals: string[]; verified: boolean }
  | { type: 'failed'; id: number; message: string }
  | { type: 'warm'; id: number };

export interface Prover {
  prove(circuit: CircuitName, input: Record<string, unknown>, options?: { onStage?: (stage: ProofStage) => void; signal?: AbortSignal }): Promise<ProofResult>;
  /** Loads (and checks) a circuit's artifacts ahead of the first proof. */
  artifacts(circuit: CircuitName): Promise<CircuitArtifacts>;
  /** The Merkle path of leaf `index`, built in the trees' worker (never on this thread). */
  path(leaves: TreeLeaves, index: number, options?: { signal?: AbortSignal }): Promise<TreePath>;
  /** Starts the worker and prepares it for these circuits (all by default); resolves once it is warm. */
  warmUp(circuits?: readonly CircuitName[]): Promise<void>;
  close(): Promise<void>;
}

/** Circuit inputs cross to the worker as decimal strings (structured clone keeps bigint, snarkjs wants either). */
const asStrings = (value: unknown): unknown =>
  typeof value === 'bigint' || typeof value === 'number' ? value.toString() : Array.isArray(value) ? value.map(asStrings) : value;

export function createProver(options: { artifactsDir: string; /** Warm a fresh worker again after a cancel ends the old one. */ rewarmAfterCancel?: boolean }): Prover {
  const loaded = new Map<CircuitName, Promise<CircuitArtifacts>>();
  let worker: Worker | null = null;
  const sent = new Set<CircuitName>();
  let nextId = 1;
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  const trees = createTreeWorker();

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

  /** Hands the worker a circuit's checked artifacts, once per worker. */
  const ensureSent = (w: Worker, art: CircuitArtifacts) => {
    if (sent.has(art.name)) return;
    w.postMessage({ type: 'load', circuit: art.name, wasm: art.wasm, zkey: art.zkey, vkey: art.vkey });
    sent.add(art.name);
  };

  const warmOnce = async (circuits: readonly CircuitName[]) => {
    const arts = await Promise.all(circuits.map(artifacts));
    if (closed) return; // a warm-up queued behind a cancel must not start a worker after close()
    const w = startWorker();
    for (const art of arts) ensureSent(w, art);
    const id = nextId++;
    await new Promise<void>((resolve) => {
      const onMessage = (reply: Reply) => reply.type === 'warm' && reply.id === id && done();
      // A worker ended while warming (a cancel, a close) simply is not warm: nothing to report.
      const done = () => {
        w.off('message', onMessage);
        w.off('exit', done);
        resolve();
      };
      w.on('message', onMessage);
      w.on('exit', done);
      w.postMessage({ type: 'warm', id });
    });
  };

  const runOne = async (circuit: CircuitName, input: Record<string, unknown>, onStage?: (s: ProofStage) => void, signal?: AbortSignal): Promise<ProofResult> => {
    const started = performance.now();
    onStage?.('loading');
    const art = await artifacts(circuit);
    if (signal?.aborted) throw new ProofError({ kind: 'Cancelled', message: 'The proof was cancelled.', taskId: '' });
    const w = startWorker();
    ensureSent(w, art);
    const id = nextId++;
    const result = await new Promise<{ proof: Groth16Proof; publicSignals: string[]; verified: boolean }>((resolve, reject) => {
      const onMessage = (reply: Reply) => {
        if (reply.id !== id || reply.type === 'warm') return;
        if (reply.type === 'stage') return onStage?.(reply.stage);
        cleanup();
        if (reply.type === 'done') resolve(reply);
        else reject(new ProofError({ kind: 'WitnessRejected', message: `These inputs do not satisfy the ${circuit} circuit.`, nextStep: 'Check that this identity belongs to this Commons and that the tree is current.', circuit, detail: reply.message }));
      };
      const onExit = () => {
        cleanup();
        reject(new ProofError({ kind: 'Cancelled', message: 'The proof was cancelled.', taskId: '' }));
      };
      const onAbort = () =>
        void stopWorker().then(() => {
          if (options.rewarmAfterCancel) void warm(ALL_CIRCUITS);
        });
      const cleanup = () => {
        w.off('message', onMessage);
        w.off('exit', onExit);
        signal?.removeEventListener('abort', onAbort);
      };
      w.on('message', onMessage);
      w.on('exit', onExit);
      signal?.addEventListener('abort', onAbort, { once: true });
      w.postMessage({ type: 'prove', id, circuit, input: asStrings(input) });
    });
    if (!result.verified) {
      throw new ProofError({ kind: 'ProofInvalid', message: `The ${circuit} proof did not verify; it was not used.`, nextStep: 'Try again; if it happens again, reinstall C3 Vault.', circuit });
    }
    return { proof: result.proof, publicSignals: result.publicSignals, ms: performance.now() - started };
  };

  // Warming goes through the same queue as proofs, so that it never races one.
  const warm = (circuits: readonly CircuitName[]) => {
    const run = queue.then(() => warmOnce(circuits));
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    artifacts,
    path: (leaves, index, pathOptions) => trees.path(leaves, index, pathOptions),
    warmUp: (circuits = ALL_CIRCUITS) => warm(circuits),
    prove(circuit, input, { onStage, signal } = {}) {
      // One proof at a time: the worker's thread pool already uses every core.
      const run = queue.then(() => runOne(circuit, input, onStage, signal));
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      closed = true;
      await trees.close();
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
