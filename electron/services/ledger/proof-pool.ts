/**
 * Groth16 proofs checked across worker threads (issue 11, Scale): a set of proofs is split into
 * one chunk per thread, each chunk is checked as a batch (random linear combination) and, when
 * the batch fails, bisected until the invalid proofs are named (shared/zk/groth16.ts
 * `verifyMany`, in zk-worker.ts). The fold then reads the verdicts through `primedVerifier`: the
 * same checks with the same keys, only on other threads.
 *
 * The pool is itself a verifier over those keys (`verify`, `verifyMany` run on the calling
 * thread), so that the threads can never check against other keys than the fold's.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type BatchZkVerifier, type VerificationKey, createGroth16Verifier } from '../../../shared/zk/groth16';
import { type CircuitName } from '../../../shared/zk/types';
import { type CircuitProof, type ProofCheck, type ProofRequest, type ProofWorkerData } from './proof-protocol';

export type { CircuitProof } from './proof-protocol';

export interface ParallelZkVerifier extends BatchZkVerifier {
  /** Which of these proofs are valid, checked in chunks on the worker threads. */
  verifyManyAsync(items: readonly CircuitProof[]): Promise<boolean[]>;
  /** Worker threads the chunks are spread over. */
  readonly threads: number;
  /** Proofs checked so far on the threads, and on the calling thread when a thread could not answer. */
  checked(): { readonly onThreads: number; readonly here: number };
  /** Stops the threads (they start again on the next `verifyManyAsync`). */
  close(): Promise<void>;
}

export interface ProofPoolOptions {
  /** Worker threads (default: the machine's cores). */
  readonly threads?: number;
  /** Fewest proofs per chunk: below that, fewer threads take part (default 4; a batch shares 3 pairings and one exponentiation). */
  readonly minChunk?: number;
  /** The worker's entry (default `zkWorkerEntry()`). */
  readonly entry?: URL;
}

/**
 * The worker's entry beside the module at `from`: the bundled `zk-worker.js` in out/main (an entry
 * of electron.vite.config.ts, next to every chunk), or, from the sources (tsx, vitest), the
 * bootstrap that compiles zk-worker.ts.
 */
export function zkWorkerEntry(from: string | URL = import.meta.url): URL {
  const bundled = new URL('./zk-worker.js', from);
  return existsSync(fileURLToPath(bundled)) ? bundled : new URL('./zk-worker.dev.mjs', from);
}

interface Thread {
  readonly worker: Worker;
  readonly pending: Map<number, { resolve: (verdicts: boolean[] | null) => void }>;
}

export function createProofPool(keys: Partial<Record<CircuitName, VerificationKey>>, options: ProofPoolOptions = {}): ParallelZkVerifier {
  const local = createGroth16Verifier(keys);
  const size = Math.max(1, options.threads ?? availableParallelism());
  const minChunk = Math.max(1, options.minChunk ?? 4);
  const threads: (Thread | undefined)[] = new Array<Thread | undefined>(size).fill(undefined);
  let nextId = 0;
  let turn = 0;
  let onThreads = 0;
  let here = 0;
  let warned = false;

  /** Answers every pending request of a thread that stopped with null (checked here instead). */
  const drop = (index: number, thread: Thread) => {
    if (threads[index] === thread) threads[index] = undefined;
    for (const { resolve } of thread.pending.values()) resolve(null);
    thread.pending.clear();
  };

  const threadAt = (index: number): Thread => {
    const existing = threads[index];
    if (existing) return existing;
    const data: ProofWorkerData = { keys };
    const thread: Thread = { worker: new Worker(options.entry ?? zkWorkerEntry(), { workerData: data }), pending: new Map() };
    // Held open only while it owes an answer: an idle pool never keeps the process alive.
    thread.worker.unref();
    thread.worker.on('message', (reply: ProofCheck) => {
      const waiting = thread.pending.get(reply.id);
      thread.pending.delete(reply.id);
      if (thread.pending.size === 0) thread.worker.unref();
      waiting?.resolve('verdicts' in reply ? Array.from(reply.verdicts, (v) => v === 1) : null);
    });
    thread.worker.on('error', (error) => {
      if (!warned) console.error(`[c3] a proof-checking thread failed (proofs are checked on the main thread instead): ${error.message}`);
      warned = true;
      drop(index, thread);
    });
    thread.worker.on('exit', () => drop(index, thread));
    threads[index] = thread;
    return thread;
  };

  /** One chunk on the next thread; null when that thread could not answer. */
  const send = (items: readonly CircuitProof[]): Promise<boolean[] | null> => {
    const index = turn++ % size;
    const thread = threadAt(index);
    const id = nextId++;
    // Fresh randomness in the batch's weights: a prover cannot aim at weights it cannot know.
    const request: ProofRequest = { id, items, seed: crypto.getRandomValues(new Uint8Array(16)) };
    return new Promise((resolve) => {
      thread.pending.set(id, { resolve });
      thread.worker.ref();
      thread.worker.postMessage(request);
    });
  };

  return {
    threads: size,
    verify: (circuit, publicSignals, proof) => local.verify(circuit, publicSignals, proof),
    verifyMany: (items, verifyOptions) => local.verifyMany(items, verifyOptions),
    async verifyManyAsync(items) {
      if (items.length === 0) return [];
      const chunks = Math.min(size, Math.ceil(items.length / minChunk));
      const per = Math.ceil(items.length / chunks);
      const parts = Array.from({ length: chunks }, (_, k) => items.slice(k * per, (k + 1) * per));
      const answers = await Promise.all(parts.map(send));
      // A thread that failed (it crashed, or threw) leaves its chunk to this thread: same verdicts, slower.
      return answers.flatMap((answer, k) => {
        if (answer) onThreads += answer.length;
        else here += parts[k]!.length;
        return answer ?? local.verifyMany(parts[k]!);
      });
    },
    checked: () => ({ onThreads, here }),
    async close() {
      const running = threads.filter((t): t is Thread => t !== undefined);
      threads.fill(undefined);
      await Promise.all(running.map((t) => t.worker.terminate()));
    },
  };
}
