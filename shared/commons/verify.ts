/**
 * Reading and verifying a whole log (SPEC §11: importing verifies everything before anything is
 * stored). Signatures can be recovered ahead of the fold, in batches (natively, on several cores),
 * and the fold then reads them from a cache: same checks, same order, same result.
 */
import { type Hex } from '../crypto/canonical';
import { type SignatureRecoverer, hexBytes } from '../crypto/recover';
import { type Result, err, ok } from '../result';
import { parseStrictJson } from '../strict-json';
import { type ZkVerifier } from '../zk/types';
import { type LedgerError, fail } from './errors';
import { type Entry, Entry as EntrySchema, encodeEntry } from './log';
import { type LedgerContext, commonsIdOf, fold } from './apply';
import { type DigestMemo, actionDigest, entryHash } from './quorum';
import { type CommonsState } from './state';
import { commons } from './ledger';
import { type PayloadSignature } from './module';

/**
 * Accepts every identity proof. Only until the ZK issue supplies the Groth16 verifier: the
 * attestor's signature over (C, U) and the uniqueness of U are still checked. Say so where used.
 */
export const UNCHECKED_ZK_VERIFIER: ZkVerifier = { verify: () => true };

/** Decodes one line of the log; a line that names a key twice is refused (no parser differential). */
export function parseEntry(line: string, index: number): Result<Entry, LedgerError> {
  const json = parseStrictJson(line);
  if (!json.ok) {
    const problem = json.error;
    return problem.kind === 'NotJson'
      ? err({ ...fail('MalformedEntry', { issues: [`not JSON: ${problem.reason}`] }), seq: index })
      : err({ ...fail('DuplicateJsonKey', { key: problem.key, path: problem.path }), seq: index });
  }
  const parsed = EntrySchema.safeParse(json.value);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
    return err({ ...fail('MalformedEntry', { issues }), seq: index });
  }
  return ok(parsed.data);
}

/** Decodes a JSON Lines log; blank lines are ignored. A line's position is its expected seq. */
export function parseLog(text: string): Result<Entry[], LedgerError> {
  const entries: Entry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const parsed = parseEntry(line, entries.length);
    if (!parsed.ok) return parsed;
    entries.push(parsed.value);
  }
  return ok(entries);
}

export const encodeLog = (entries: readonly Entry[]): string => entries.map((e) => `${encodeEntry(e)}\n`).join('');

export function verifyLog(text: string, ctx: LedgerContext): Result<{ state: CommonsState; entries: Entry[] }, LedgerError> {
  const parsed = parseLog(text);
  if (!parsed.ok) return parsed;
  const state = fold(parsed.value, ctx);
  return state.ok ? ok({ state: state.value, entries: parsed.value }) : state;
}

/** One signature to recover: the digest and the 65-byte signature. */
export interface RecoveryJob {
  readonly digest: Uint8Array;
  /** The signature as written in the log (0x-hex r‖s‖v): decoded where it is recovered, and the cache's key. */
  readonly sigHex: string;
}

/**
 * Every (digest, signature) pair of a log's vault actions and sequencer signatures, to recover
 * in bulk before the fold. Malformed entries are skipped: the fold reports them.
 */
export function collectSignatures(entries: readonly Entry[], commonsId?: Hex, memo?: DigestMemo): RecoveryJob[] {
  const first = entries[0]?.actions[0];
  const id = commonsId ?? (first?.kind === 'commons.genesis' ? commonsIdOf(first) : undefined);
  if (!id) return [];
  const jobs: RecoveryJob[] = [];
  for (const entry of entries) {
    const head = hexBytes(entryHash(id, entry, memo));
    for (const s of entry.sequencerSigs) jobs.push({ digest: head, sigHex: s.sig });
    for (const action of entry.actions) {
      if (action.sigs.length > 0) {
        const digest = actionDigest(id, action, memo);
        for (const s of action.sigs) jobs.push({ digest, sigHex: s.sig });
      }
      for (const s of payloadSignatures(action, id)) jobs.push({ digest: s.digest, sigHex: s.sig });
    }
  }
  return jobs;
}

/** An action's payload signatures (an attestor's); none when its payload cannot give them (the fold reports why). */
function payloadSignatures(action: Entry['actions'][number], commonsId: Hex): readonly PayloadSignature[] {
  try {
    return commons.payloadSignaturesOf(action, commonsId);
  } catch {
    return [];
  }
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/** A digest's first 30 bits as a small integer: the key its jobs are found by (digests that share it are chained, and told apart by all 32 bytes). */
const digestKey = (digest: Uint8Array): number => (digest[0]! << 22) | (digest[1]! << 14) | (digest[2]! << 6) | (digest[3]! >> 2);

/**
 * A recoverer that answers from results computed ahead (by `recoverAll` of a batch recoverer)
 * and falls back to `base` for anything it was not given.
 */
export function cachedRecoverer(jobs: readonly RecoveryJob[], results: readonly (string | null)[], base: SignatureRecoverer): SignatureRecoverer {
  // Jobs in runs (an action's signatures are consecutive jobs that share one digest object), found
  // by their digest's first bits, runs with the same key chained: no hashing of a 132-character
  // signature per job. An answer counts only for the very digest and signature it was recovered for.
  const lastRun = new Map<number, number>();
  const previousRun = new Int32Array(jobs.length).fill(-1);
  jobs.forEach((job, i) => {
    if (i > 0 && jobs[i - 1]!.digest === job.digest) return;
    const key = digestKey(job.digest);
    previousRun[i] = lastRun.get(key) ?? -1;
    lastRun.set(key, i);
  });
  const fallback = (digest: Uint8Array, signature: string) => (base.recoverHex ? base.recoverHex(digest, signature) : base.recover(digest, hexBytes(signature)));
  const ahead = (digest: Uint8Array, signature: string): number => {
    if (digest.length !== 32) return -1;
    // Runs of one key are rare past the first (a 30-bit match by chance); a long chain is given up on.
    let run = lastRun.get(digestKey(digest)) ?? -1;
    for (let hops = 0; run >= 0 && hops < 64; run = previousRun[run]!, hops++) {
      const first = jobs[run]!.digest;
      if (!sameBytes(first, digest)) continue;
      for (let k = run; k < jobs.length && jobs[k]!.digest === first; k++) if (jobs[k]!.sigHex === signature) return k;
    }
    return -1;
  };
  return {
    name: `${base.name}, recovered ahead`,
    recover: (digest, signature) => base.recover(digest, signature),
    recoverHex(digest, signature) {
      const at = ahead(digest, signature);
      return at >= 0 ? ((results[at] ?? null) as Hex | null) : fallback(digest, signature);
    },
  };
}
