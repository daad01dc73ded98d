/**
 * The member and credential trees, off the main thread (issue 10, item 8): a path over 100,000
 * members is about 100,000 Poseidon hashes, 20–40 s of CPU, which on the main thread froze every
 * other call. A worker (tree-worker.mjs) keeps each tree between requests and rehashes only from
 * the first leaf that changed, so a tree that grew by one member costs about `depth` hashes.
 *
 * The leaves cross as one string (one line per leaf): a single copy, rather than a structured
 * clone of 100,000 strings, is all the main thread pays.
 */
import { Worker } from 'node:worker_threads';
import { MERKLE_DEPTH } from '../../../shared/zk/artifacts';
import { type MerkleProof } from '../../../shared/zk/merkle';

export type TreeLeaves =
  | { readonly tree: 'member'; /** Identity commitments C, in tree order (decimal strings). */ readonly commitments: readonly string[] }
  | { readonly tree: 'credential'; readonly members: readonly { readonly commitment: string; readonly faction: number; readonly tier: number }[] };

/** What the main thread sends (tree-worker.mjs reads the same shape). */
interface PathRequest {
  readonly type: 'path';
  readonly id: number;
  readonly tree: TreeLeaves['tree'];
  readonly keys: string;
  readonly index: number;
  readonly depth: number;
}

type PathReply =
  | { readonly type: 'path'; readonly id: number; readonly root: string; readonly pathElements: string[]; readonly pathIndices: number[]; readonly reused: number }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };

export interface TreePath extends MerkleProof {
  /** Leaves whose hashes the worker kept from the previous request on this tree. */
  readonly reused: number;
}

export class TreeCancelled extends Error {
  constructor() {
    super('The tree was not needed any more.');
    this.name = 'TreeCancelled';
  }
}

export interface TreeWorker {
  /** The path of leaf `index`; the worker keeps the tree for the next request. */
  path(leaves: TreeLeaves, index: number, options?: { signal?: AbortSignal; depth?: number }): Promise<TreePath>;
  close(): Promise<void>;
}

const keysOf = (leaves: TreeLeaves): string =>
  leaves.tree === 'member' ? leaves.commitments.join('\n') : leaves.members.map((m) => `${m.commitment}/${m.faction}/${m.tier}`).join('\n');

export function createTreeWorker(): TreeWorker {
  let worker: Worker | null = null;
  const pending = new Map<number, { resolve: (reply: PathReply) => void; reject: (error: Error) => void }>();
  let nextId = 1;

  const start = (): Worker => {
    if (worker) return worker;
    const started = new Worker(new URL('./tree-worker.mjs', import.meta.url));
    started.on('message', (reply: PathReply) => {
      pending.get(reply.id)?.resolve(reply);
      pending.delete(reply.id);
      // An idle worker must not keep the process alive (a script, a test run).
      if (pending.size === 0) started.unref();
    });
    const fail = (error: Error) => {
      if (worker === started) worker = null;
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    };
    started.on('error', fail);
    started.on('exit', () => fail(new Error('the tree worker stopped')));
    worker = started;
    return started;
  };

  return {
    path(leaves, index, { signal, depth = MERKLE_DEPTH } = {}) {
      if (signal?.aborted) return Promise.reject(new TreeCancelled());
      const w = start();
      const id = nextId++;
      const request: PathRequest = { type: 'path', id, tree: leaves.tree, keys: keysOf(leaves), index, depth };
      return new Promise<TreePath>((resolve, reject) => {
        // A cancelled request is answered at once; the worker finishes the tree and keeps it for the next one.
        const onAbort = () => {
          pending.delete(id);
          reject(new TreeCancelled());
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        pending.set(id, {
          resolve: (reply) => {
            signal?.removeEventListener('abort', onAbort);
            if (reply.type === 'failed') return reject(new Error(reply.message));
            resolve({ root: BigInt(reply.root), pathElements: reply.pathElements.map(BigInt), pathIndices: reply.pathIndices, reused: reply.reused });
          },
          reject: (error) => {
            signal?.removeEventListener('abort', onAbort);
            reject(error);
          },
        });
        w.ref();
        w.postMessage(request);
      });
    },
    async close() {
      const current = worker;
      worker = null;
      if (current) await current.terminate();
    },
  };
}
