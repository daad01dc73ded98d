/**
 * Replay of a log with signature recovery spread over worker threads (libsecp256k1), pipelined
 * with parsing and the fold on the calling thread. Same checks and result as `fold` with one
 * recoverer: the workers only answer "who signed this digest", the fold still decides.
 */
import { Worker } from 'node:worker_threads';
import { bytesToHex } from '@noble/hashes/utils.js';
import { type LedgerContext, apply, genesis } from '../../../shared/commons/apply';
import { type LedgerError } from '../../../shared/commons/errors';
import { type Entry } from '../../../shared/commons/log';
import { type CommonsState } from '../../../shared/commons/state';
import { type DigestMemo } from '../../../shared/commons/quorum';
import { type RecoveryJob, cachedRecoverer, collectSignatures, parseEntry } from '../../../shared/commons/verify';
import { commonsIdOf } from '../../../shared/commons/apply';
import { type SignatureRecoverer, splitSignature } from '../../../shared/crypto/recover';
import { type Hex } from '../../../shared/crypto/canonical';
import { type Result, err, ok } from '../../../shared/result';
import { type ZkVerifier } from '../../../shared/zk/types';
import { type BatchZkVerifier, primedVerifier, proofKey } from '../../../shared/zk/groth16';
import { proofsOf } from '../../../shared/commons/proofs';
import { bestRecoverer } from './native';

export interface BatchRecoverer {
  /** Recovers every job; the answer at i is job i's lower-case address or null. */
  recoverAll(jobs: readonly RecoveryJob[]): Promise<(string | null)[]>;
  close(): Promise<void>;
}

interface Reply {
  id: number;
  addresses: Uint8Array;
  ok: Uint8Array;
}

/** A pool of `size` worker threads recovering on libsecp256k1; jobs are split evenly across them. */
export function createRecoveryPool(size: number): BatchRecoverer {
  const workers = Array.from({ length: size }, () => new Worker(new URL('./recover-worker.mjs', import.meta.url)));
  const pending = new Map<number, (reply: Reply) => void>();
  let nextId = 0;
  for (const worker of workers) {
    worker.unref();
    worker.on('message', (reply: Reply) => {
      pending.get(reply.id)?.(reply);
      pending.delete(reply.id);
    });
  }
  let turn = 0;
  const send = (jobs: readonly RecoveryJob[]): Promise<(string | null)[]> => {
    const n = jobs.length;
    const digests = new Uint8Array(32 * n);
    const signatures = new Uint8Array(64 * n);
    const recoveries = new Uint8Array(n);
    const valid = new Uint8Array(n);
    jobs.forEach((job, i) => {
      const split = splitSignature(job.signature);
      if (!split || job.digest.length !== 32) return;
      valid[i] = 1;
      digests.set(job.digest, 32 * i);
      signatures.set(split.compact, 64 * i);
      recoveries[i] = split.recovery;
    });
    const id = nextId++;
    const worker = workers[turn++ % workers.length]!;
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      worker.once('error', onError);
      pending.set(id, (reply) => {
        worker.off('error', onError);
        resolve(Array.from({ length: n }, (_, i) => (valid[i] && reply.ok[i] ? `0x${bytesToHex(reply.addresses.subarray(20 * i, 20 * i + 20))}` : null)));
      });
      worker.postMessage({ id, digests, signatures, recoveries }, [digests.buffer, signatures.buffer, recoveries.buffer]);
    });
  };
  return {
    async recoverAll(jobs) {
      if (jobs.length === 0) return [];
      const per = Math.ceil(jobs.length / workers.length);
      const parts = await Promise.all(Array.from({ length: workers.length }, (_, w) => send(jobs.slice(w * per, (w + 1) * per))));
      return parts.flat();
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

export interface ParallelReplayOptions {
  /** A batch verifier has each batch's proofs checked together ahead of its fold. */
  readonly verifier: ZkVerifier | BatchZkVerifier;
  /** Worker threads (default 2). */
  readonly workers?: number;
  /** Entries per batch sent to the workers (default 25). */
  readonly batch?: number;
  /** Where a batch's answer is missing (never, unless a worker failed): recover here. */
  readonly fallback?: SignatureRecoverer;
}

/** The verifier for one batch of entries: its proofs checked together first, when the verifier can batch. */
function batchedProofs(verifier: ZkVerifier | BatchZkVerifier, entries: readonly Entry[]): ZkVerifier {
  if (!('verifyMany' in verifier)) return verifier;
  const proofs = proofsOf(entries);
  if (proofs.length < 2) return verifier;
  const verdicts = verifier.verifyMany(proofs);
  return primedVerifier(verifier, new Map(proofs.map((p, i) => [proofKey(p.circuit, p.publicSignals, p.proof), verdicts[i]!])));
}

/** Parses and folds a JSON Lines log, recovering signatures on worker threads ahead of the fold. */
export async function replayParallel(source: string | Iterable<string>, options: ParallelReplayOptions): Promise<Result<CommonsState, LedgerError>> {
  const pool = createRecoveryPool(options.workers ?? 2);
  const batch = options.batch ?? 25;
  const fallback = options.fallback ?? bestRecoverer();
  try {
    // A log too large for one string (V8 caps strings near 512 MB) comes as an iterable of lines.
    const lines = (typeof source === 'string' ? source.split('\n') : source)[Symbol.iterator]();
    let lineIndex = 0;
    const nextLine = (): string | undefined => {
      for (;;) {
        const line = lines.next();
        if (line.done) return undefined;
        if (line.value.trim() !== '') return line.value;
      }
    };
    let commonsId: Hex | undefined;
    const digests: DigestMemo = new WeakMap();
    const batches: { entries: Entry[]; jobs: RecoveryJob[]; answer: Promise<(string | null)[]> }[] = [];
    let parseError: LedgerError | undefined;
    let ended = false;
    const dispatch = () => {
      if (parseError || ended) return false;
      const entries: Entry[] = [];
      while (entries.length < batch) {
        const line = nextLine();
        if (line === undefined) {
          ended = true;
          break;
        }
        const parsed = parseEntry(line, lineIndex++);
        if (!parsed.ok) {
          parseError = parsed.error;
          break;
        }
        entries.push(parsed.value);
      }
      if (entries.length === 0) return false;
      const first = entries[0]?.actions[0];
      if (!commonsId && first?.kind === 'commons.genesis') commonsId = commonsIdOf(first);
      const jobs = commonsId ? collectSignatures(entries, commonsId, digests) : [];
      batches.push({ entries, jobs, answer: pool.recoverAll(jobs) });
      return true;
    };
    // Keep three batches in flight: the workers recover one while this thread parses and folds.
    for (let i = 0; i < 3; i++) dispatch();
    let state: CommonsState | undefined;
    while (batches.length > 0) {
      const current = batches.shift()!;
      dispatch();
      const recoverer = cachedRecoverer(current.jobs, await current.answer, fallback);
      const ctx: LedgerContext = { verifier: batchedProofs(options.verifier, current.entries), recoverer, digests };
      for (const entry of current.entries) {
        const result = state ? apply(state, entry, ctx) : genesis(entry, ctx);
        if (!result.ok) return result;
        state = result.value;
      }
    }
    if (parseError) return err(parseError);
    return state ? ok(state) : err({ kind: 'GenesisInvalid', message: 'the log is empty', reason: 'the log is empty', seq: 0 });
  } finally {
    await pool.close();
  }
}
