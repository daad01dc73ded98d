/**
 * Replay of a log with signature recovery spread over worker threads (libsecp256k1), pipelined
 * with parsing and the fold on the calling thread, and each batch's Groth16 proofs checked
 * together ahead of its fold (across worker threads too when the verifier has them:
 * proof-pool.ts). Same checks and result as `fold` with one recoverer: the workers only answer
 * "who signed this digest" and "is this proof valid", the fold still decides. The fold lets the
 * event loop turn every few milliseconds (yield.ts), so that a long replay never stops IPC.
 *
 * A replay starts from genesis or from a state already verified (a projection, the head of a
 * stored log) and stops at the first line that does not hold: it reports how many it kept, so
 * that a log read at start keeps its longest valid prefix and an import stores nothing.
 */
import { Worker } from 'node:worker_threads';
import { bytesToHex } from '@noble/hashes/utils.js';
import { type LedgerContext, apply, genesis } from '../../../shared/commons/apply';
import { fail } from '../../../shared/commons/errors';
import { type LedgerError } from '../../../shared/commons/errors';
import { type Entry } from '../../../shared/commons/log';
import { type CommonsState } from '../../../shared/commons/state';
import { type DigestMemo } from '../../../shared/commons/quorum';
import { type RecoveryJob, cachedRecoverer, collectSignatures, parseEntry } from '../../../shared/commons/verify';
import { commonsIdOf } from '../../../shared/commons/apply';
import { type SignatureRecoverer, recoveryOf } from '../../../shared/crypto/recover';
import { type Hex } from '../../../shared/crypto/canonical';
import { type Result, err, ok } from '../../../shared/result';
import { type ZkVerifier } from '../../../shared/zk/types';
import { type BatchZkVerifier, primedVerifier, proofKey } from '../../../shared/zk/groth16';
import { proofsOf } from '../../../shared/commons/proofs';
import { bestRecoverer } from './native';
import { type ParallelZkVerifier } from './proof-pool';
import { eventLoopYielder } from './yield';

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

/**
 * The 0x-hex of the 20-byte address at `offset`, the same string each time an address recurs
 * (signers do): keyed by its first 6 bytes as a number, a hit only when all 20 bytes match.
 */
function addressTexts(): (bytes: Uint8Array, offset: number) => string {
  const known = new Map<number, { bytes: Uint8Array; text: string }>();
  return (bytes, offset) => {
    const prefix = bytes[offset]! * 2 ** 40 + bytes[offset + 1]! * 2 ** 32 + bytes[offset + 2]! * 2 ** 24 + ((bytes[offset + 3]! << 16) | (bytes[offset + 4]! << 8) | bytes[offset + 5]!);
    const hit = known.get(prefix);
    if (hit) {
      let same = true;
      for (let i = 6; i < 20 && same; i++) same = hit.bytes[i] === bytes[offset + i];
      if (same) return hit.text;
    }
    const address = bytes.slice(offset, offset + 20);
    const text = `0x${bytesToHex(address)}`;
    if (known.size > 100_000) known.clear();
    if (!hit) known.set(prefix, { bytes: address, text });
    return text;
  };
}

/**
 * `splitSignatureHexInto` on Node's own hex decoder (Buffer#write stops at the first pair that is
 * not hex): the same answer and the same bytes, without a JavaScript loop over 130 characters for
 * each of a replay's millions of signatures.
 */
export function splitSignatureHexNative(hex: string, out: Buffer, offset: number): 0 | 1 | null {
  const prefixed = hex.length > 1 && hex.charCodeAt(0) === 0x30 && hex.charCodeAt(1) === 0x78;
  if (hex.length !== (prefixed ? 132 : 130) || out.length < offset + 65) return null;
  if (out.write(prefixed ? hex.slice(2) : hex, offset, 65, 'hex') !== 65) return null;
  return recoveryOf(out, offset);
}

/** A pool of `size` worker threads recovering on libsecp256k1; jobs are split evenly across them. */
export function createRecoveryPool(size: number): BatchRecoverer {
  const workers = Array.from({ length: size }, () => new Worker(new URL('./recover-worker.mjs', import.meta.url)));
  const pending = new Map<number, (reply: Reply) => void>();
  // Batches the workers still hold: closing waits for them (see close()).
  const inFlight = new Set<Promise<unknown>>();
  const addressText = addressTexts();
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
    const recoveries = new Uint8Array(n);
    const valid = new Uint8Array(n);
    // r‖s‖v decoded from hex straight into the buffer the worker reads (v lands where the next r
    // starts, and is overwritten by it): no array per signature.
    const decoded = Buffer.alloc(64 * n + 1);
    jobs.forEach((job, i) => {
      const recovery = splitSignatureHexNative(job.sigHex, decoded, 64 * i);
      if (recovery === null || job.digest.length !== 32) return;
      valid[i] = 1;
      digests.set(job.digest, 32 * i);
      recoveries[i] = recovery;
    });
    const signatures = decoded.subarray(0, 64 * n);
    const id = nextId++;
    const worker = workers[turn++ % workers.length]!;
    const answer = new Promise<(string | null)[]>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      worker.once('error', onError);
      pending.set(id, (reply) => {
        worker.off('error', onError);
        resolve(Array.from({ length: n }, (_, i) => (valid[i] && reply.ok[i] ? addressText(reply.addresses, 20 * i) : null)));
      });
      worker.postMessage({ id, digests, signatures, recoveries }, [digests.buffer, signatures.buffer, recoveries.buffer]);
    });
    inFlight.add(answer);
    const settled = () => inFlight.delete(answer);
    answer.then(settled, settled);
    return answer;
  };

  return {
    async recoverAll(jobs) {
      if (jobs.length === 0) return [];
      const per = Math.ceil(jobs.length / workers.length);
      const parts = await Promise.all(Array.from({ length: workers.length }, (_, w) => send(jobs.slice(w * per, (w + 1) * per))));
      return parts.flat();
    },
    async close() {
      // A worker terminated inside libsecp256k1 aborts the whole process (the binding's exception
      // has no JavaScript to land in), so the batches still out are answered first: a replay that
      // stopped early on a bad entry leaves a few dispatched ahead of it.
      await Promise.allSettled([...inFlight]);
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** Why a replay stopped: a rule of the ledger, or a caller's own rule about a line (`expect`). */
export type ReplayStop<E = never> = LedgerError | E;

export interface ReplayInput<E = never> {
  /** The verified state the lines follow; null when they start at genesis. */
  readonly start: CommonsState | null;
  /**
   * The log's lines (JSON, one entry each, blank ones left out), or entries already decoded; entry
   * `start.height` first. Any iterable: a log larger than one string is streamed from its file,
   * read only as far ahead as the pipeline needs.
   */
  readonly lines: Iterable<string | Entry>;
  /** How many lines there are, for progress; an array's length when not given. */
  readonly total?: number;
  /** A rule of the caller's about the line that should hold entry `seq` (the demo: its built-in history). */
  readonly expect?: (line: string, seq: number) => E | null;
}

export interface Replay<E = never> {
  /** The state after the last line kept (the start if none was). */
  readonly state: CommonsState | null;
  /** Lines kept: every one of them verified on top of the one before. */
  readonly kept: number;
  /** Why the line after the kept ones was refused; null when every line held. */
  readonly error: ReplayStop<E> | null;
  /** Actions, and signatures checked (sequencers' and vault actions'), in the lines kept. */
  readonly actions: number;
  readonly signatures: number;
  /** Which implementation recovered them. */
  readonly recoverer: string;
}

export interface ReplayOptions {
  /** A batch verifier has each batch's proofs checked together ahead of its fold; a parallel one, on its worker threads. */
  readonly verifier: ZkVerifier | BatchZkVerifier | ParallelZkVerifier;
  /** Entries per batch (default 25 on worker threads, 200 inline). */
  readonly batch?: number;
  /** Where a batch's answer is missing (never, unless a worker failed): recover here. */
  readonly fallback?: SignatureRecoverer;
  /** Called with the state after each entry kept, in order (a reader of the states along the log: credit history). */
  readonly onEntry?: (state: CommonsState, entry: Entry) => void;
}

export interface ParallelReplayOptions extends ReplayOptions {
  /** Worker threads (default 2), when no pool is given. */
  readonly workers?: number;
  /** A pool to use (and leave open); without one, a pool of `workers` is made for this replay. */
  readonly pool?: BatchRecoverer;
  /** Told, whenever the replay lets the event loop turn and at its end, how many lines of the input are kept so far. */
  readonly onProgress?: (kept: number, lines: number) => void;
}

/** The verifier for one batch of entries: its proofs checked together first, when the verifier can batch. */
function batchedProofs(verifier: ZkVerifier | BatchZkVerifier, entries: readonly Entry[]): ZkVerifier {
  if (!('verifyMany' in verifier)) return verifier;
  const proofs = proofsOf(entries);
  if (proofs.length < 2) return verifier;
  const verdicts = verifier.verifyMany(proofs);
  return primedVerifier(verifier, new Map(proofs.map((p, i) => [proofKey(p.circuit, p.publicSignals, p.proof), verdicts[i]!])));
}

/** A batch's proofs sent to the verifier's worker threads now, for its fold to read later; null when it has none. */
function proofsAhead(verifier: ZkVerifier | BatchZkVerifier | ParallelZkVerifier, entries: readonly Entry[]): Promise<ZkVerifier> | null {
  if (!('verifyManyAsync' in verifier)) return null;
  const proofs = proofsOf(entries);
  if (proofs.length === 0) return null;
  return verifier.verifyManyAsync(proofs).then((verdicts) => primedVerifier(verifier, new Map(proofs.map((p, i) => [proofKey(p.circuit, p.publicSignals, p.proof), verdicts[i]!]))));
}

/** Entries read and hashed between two chances for the event loop to turn. */
const DISPATCH_SLICE = 5;

const signaturesOf = (entry: Entry): number => entry.sequencerSigs.length + entry.actions.reduce((n, a) => n + a.sigs.length, 0);

/** The lines of a replay, read in order as the pipeline asks for them. */
interface LineReader {
  /** Lines read so far. */
  read: number;
  readonly next: () => IteratorResult<string | Entry>;
}

const lineReader = (lines: Iterable<string | Entry>): LineReader => {
  const iterator = lines[Symbol.iterator]();
  const reader: LineReader = {
    read: 0,
    next: () => {
      const line = iterator.next();
      if (!line.done) reader.read += 1;
      return line;
    },
  };
  return reader;
};

const totalOf = (input: ReplayInput<unknown>): number => input.total ?? (Array.isArray(input.lines) ? input.lines.length : Number.NaN);

/** Reads up to `size` more lines into entries, stopping at the end or at the first one that does not parse or meet `expect`. */
function parseBatch<E>(input: ReplayInput<E>, reader: LineReader, size: number): { entries: Entry[]; stop: ReplayStop<E> | null; done: boolean } {
  const first = input.start?.height ?? 0;
  const entries: Entry[] = [];
  while (entries.length < size) {
    const next = reader.next();
    if (next.done) return { entries, stop: null, done: true };
    const line = next.value;
    const seq = first + reader.read - 1;
    if (typeof line !== 'string') {
      entries.push(line);
      continue;
    }
    const refused = input.expect?.(line, seq) ?? null;
    if (refused) return { entries, stop: refused, done: true };
    const parsed = parseEntry(line, seq);
    if (!parsed.ok) return { entries, stop: parsed.error, done: true };
    entries.push(parsed.value);
  }
  return { entries, stop: null, done: false };
}

/** The Commons id the lines are signed for: the start's, or the genesis line's. */
const commonsIdFor = (start: CommonsState | null, entries: readonly Entry[]): Hex | undefined => {
  if (start) return start.commonsId;
  const first = entries[0]?.actions[0];
  return first?.kind === 'commons.genesis' ? commonsIdOf(first) : undefined;
};

/** Folds `entries` on top of `state`; stops at the first entry that breaks a rule. */
function foldBatch(
  state: CommonsState | null,
  entries: readonly Entry[],
  ctx: LedgerContext,
  onEntry?: (state: CommonsState, entry: Entry) => void,
): { state: CommonsState | null; kept: number; actions: number; signatures: number; error: LedgerError | null } {
  let kept = 0;
  let actions = 0;
  let signatures = 0;
  for (const entry of entries) {
    const result = state ? apply(state, entry, ctx) : genesis(entry, ctx);
    if (!result.ok) return { state, kept, actions, signatures, error: result.error };
    state = result.value;
    onEntry?.(state, entry);
    kept += 1;
    actions += entry.actions.length;
    signatures += signaturesOf(entry);
  }
  return { state, kept, actions, signatures, error: null };
}

/** Two replays one after the other, as one. */
export const joinReplays = <E>(a: Replay<E>, b: Replay<E>): Replay<E> => ({
  state: b.state,
  kept: a.kept + b.kept,
  actions: a.actions + b.actions,
  signatures: a.signatures + b.signatures,
  error: b.error,
  recoverer: b.recoverer || a.recoverer,
});

/** A replay that has not started: `start` and nothing kept. */
export const emptyReplay = <E>(start: CommonsState | null): Replay<E> => ({ state: start, kept: 0, actions: 0, signatures: 0, error: null, recoverer: '' });

/**
 * Replays lines on top of `input.start` with signatures recovered on worker threads, a few batches
 * ahead of the fold (the workers recover one while this thread parses and folds another).
 */
export async function replayLines<E = never>(input: ReplayInput<E>, options: ParallelReplayOptions): Promise<Replay<E>> {
  const pool = options.pool ?? createRecoveryPool(options.workers ?? 2);
  const batch = options.batch ?? 25;
  const fallback = options.fallback ?? bestRecoverer();
  try {
    let commonsId = input.start?.commonsId;
    const batches: { digests: DigestMemo; entries: Entry[]; jobs: RecoveryJob[]; answer: Promise<(string | null)[]>; proofs: Promise<ZkVerifier> | null }[] = [];
    const reader = lineReader(input.lines);
    let done = false;
    let parseStop: ReplayStop<E> | null = null;
    const breathe = eventLoopYielder();
    // A batch is read and hashed a few entries at a time (hashing takes most of a millisecond an entry), between turns of the event loop.
    const dispatch = async () => {
      const entries: Entry[] = [];
      const jobs: RecoveryJob[] = [];
      // Each batch keeps its own digests, for its own fold: the memo goes when the batch does, rather
      // than one table growing with every action of the replay until a full collection clears it.
      const digests: DigestMemo = new WeakMap();
      while (!done && entries.length < batch) {
        const slice = parseBatch(input, reader, Math.min(DISPATCH_SLICE, batch - entries.length));
        done = slice.done;
        parseStop = slice.stop;
        commonsId ??= commonsIdFor(null, slice.entries);
        if (commonsId) jobs.push(...collectSignatures(slice.entries, commonsId, digests));
        entries.push(...slice.entries);
        await breathe();
      }
      if (entries.length > 0) batches.push({ digests, entries, jobs, answer: pool.recoverAll(jobs), proofs: proofsAhead(options.verifier, entries) });
    };
    for (let i = 0; i < 3; i++) await dispatch();
    const name = `${fallback.name} (worker threads)`;
    let replay = emptyReplay<E>(input.start);
    while (batches.length > 0) {
      const current = batches.shift()!;
      await dispatch();
      const recoverer = cachedRecoverer(current.jobs, await current.answer, fallback);
      const ctx = { verifier: (await current.proofs) ?? batchedProofs(options.verifier, current.entries), recoverer, digests: current.digests };
      // Entry by entry, letting the event loop turn between them when due: a batch can take tens of milliseconds.
      for (const entry of current.entries) {
        const folded = foldBatch(replay.state, [entry], ctx, options.onEntry);
        replay = joinReplays(replay, { ...folded, recoverer: name });
        if (folded.error) return replay;
        if (await breathe()) options.onProgress?.(replay.kept, totalOf(input));
      }
    }
    options.onProgress?.(replay.kept, totalOf(input));
    return { ...replay, error: parseStop, recoverer: name };
  } finally {
    if (!options.pool) await pool.close();
  }
}

/**
 * The same replay on the calling thread alone (libsecp256k1 where it loads), for short runs where
 * starting workers costs more than it saves, and for callers that must answer synchronously
 * (the demo's sequencer).
 */
export function replayLinesInline<E = never>(input: ReplayInput<E>, options: ReplayOptions): Replay<E> {
  const batch = options.batch ?? 200;
  const recoverer = options.fallback ?? bestRecoverer();
  const digests: DigestMemo = new WeakMap();
  let replay = emptyReplay<E>(input.start);
  const reader = lineReader(input.lines);
  for (let done = false; !done; ) {
    const { entries, stop, done: end } = parseBatch(input, reader, batch);
    done = end;
    const folded = foldBatch(replay.state, entries, { verifier: batchedProofs(options.verifier, entries), recoverer, digests }, options.onEntry);
    replay = joinReplays(replay, { ...folded, error: folded.error ?? stop, recoverer: recoverer.name });
    if (replay.error) return replay;
  }
  return { ...replay, recoverer: recoverer.name };
}

/** The non-blank lines of a JSON Lines text. */
export const linesOf = (text: string): string[] => text.split('\n').filter((line) => line.trim() !== '');

/** Parses and folds a whole JSON Lines log from genesis, recovering signatures on worker threads. */
export async function replayParallel(text: string, options: ParallelReplayOptions): Promise<Result<CommonsState, LedgerError>> {
  const replay = await replayLines({ start: null, lines: linesOf(text) }, options);
  if (replay.error) return err(replay.error);
  return replay.state ? ok(replay.state) : err({ ...fail('GenesisInvalid', { reason: 'the log is empty' }), seq: 0 });
}
