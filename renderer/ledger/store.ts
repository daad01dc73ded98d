/**
 * The Commons ledger in the renderer, on dexie (IndexedDB): the verified entries, and a projection
 * of the state after the last one that survives restarts. Importing verifies everything in memory
 * first (SPEC §11), then stores entry by entry, each with the projection after it in one dexie
 * transaction, so that a crash between writes loses nothing and never leaves them out of step.
 * Non-visual: the pages read it through hooks written elsewhere.
 */
import { Dexie, type Table } from 'dexie';
import { type LedgerContext, apply, commonsIdOf, fold, genesis } from '../../shared/commons/apply';
import { type LedgerError, fail } from '../../shared/commons/errors';
import { type Entry } from '../../shared/commons/log';
import { type CommonsState } from '../../shared/commons/state';
import { restoredState, storedState } from '../../shared/commons/plain';
import { type RecoveryJob, cachedRecoverer, collectSignatures, encodeLog, parseLog } from '../../shared/commons/verify';
import { type SignatureRecoverer, nobleRecoverer } from '../../shared/crypto/recover';
import { type Result, err, ok } from '../../shared/result';
import { type ZkVerifier } from '../../shared/zk/types';

export interface StoredEntry {
  readonly seq: number;
  /** The entry as decoded (bigint amounts: IndexedDB stores them by structured clone). */
  readonly entry: Entry;
  /** Its hash (the next entry's prevHash). */
  readonly hash: string;
}

export interface Projection {
  readonly key: 'head';
  readonly state: CommonsState;
  /** When the projection was last checked against a full replay from genesis (ms, local clock), if ever. */
  readonly verifiedAt: number | null;
}

/** A projection as IndexedDB keeps it: the state's persistent maps in their stored form (plain.ts). */
interface StoredProjection extends Omit<Projection, 'state'> {
  readonly state: unknown;
}

export class LedgerDatabase extends Dexie {
  entries!: Table<StoredEntry, number>;
  projection!: Table<StoredProjection, string>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({ entries: 'seq', projection: 'key' });
    // Version 2 stores the state's persistent maps tagged (plain.ts); a version 1 projection is
    // dropped, and the next import folds the stored entries again from genesis.
    this.version(2)
      .stores({ entries: 'seq', projection: 'key' })
      .upgrade((tx) => tx.table('projection').clear());
  }
}

export interface LedgerVerification {
  readonly verifier: ZkVerifier;
  /**
   * Recovers signatures in bulk, e.g. through the contract's `ledger.verifySignatures` (main
   * process, libsecp256k1). Without it the renderer recovers them itself on @noble/curves.
   */
  readonly recoverBatch?: (jobs: readonly RecoveryJob[]) => Promise<readonly (string | null)[]>;
  /** Reads the clock for `verifiedAt` only (never for ledger time); injectable for tests. */
  readonly now?: () => number;
}

export interface ImportReport {
  readonly added: number;
  readonly skipped: number;
  readonly state: CommonsState;
}

/** Recovers a batch's signatures ahead of the fold (through main, if given), then folds. */
async function contextFor(entries: readonly Entry[], commonsId: `0x${string}` | undefined, options: LedgerVerification): Promise<LedgerContext> {
  const digests = new WeakMap<object, Uint8Array>();
  let recoverer: SignatureRecoverer = nobleRecoverer;
  if (options.recoverBatch) {
    const jobs = collectSignatures(entries, commonsId, digests);
    recoverer = cachedRecoverer(jobs, await options.recoverBatch(jobs), nobleRecoverer);
  }
  return { verifier: options.verifier, recoverer, digests };
}

export class CommonsLedger {
  readonly db: LedgerDatabase;

  /** `name`: the Dexie database (the app's real ledger and the demo's are separate). */
  constructor(name: string, private readonly options: LedgerVerification) {
    this.db = new LedgerDatabase(name);
  }

  async head(): Promise<Projection | undefined> {
    const stored = await this.db.projection.get('head');
    return stored && { ...stored, key: 'head', state: restoredState(stored.state) };
  }

  async state(): Promise<CommonsState | null> {
    return (await this.head())?.state ?? null;
  }

  async height(): Promise<number> {
    return this.db.entries.count();
  }

  async entries(from = 0, to = Number.MAX_SAFE_INTEGER): Promise<Entry[]> {
    return (await this.db.entries.where('seq').between(from, to, true, false).toArray()).map((row) => row.entry);
  }

  /** Forgets every entry and the projection, in one transaction (the demo starting again). */
  async clear(): Promise<void> {
    await this.db.transaction('rw', this.db.entries, this.db.projection, async () => {
      await this.db.entries.clear();
      await this.db.projection.clear();
    });
  }

  async exportLog(): Promise<string> {
    return encodeLog(await this.entries());
  }

  /** Imports a JSON Lines log (a whole log, or entries that follow the stored head). */
  async importText(text: string): Promise<Result<ImportReport, LedgerError>> {
    const parsed = parseLog(text);
    return parsed.ok ? this.importEntries(parsed.value) : parsed;
  }

  /**
   * Verifies `entries` on top of the stored head (entries already stored are skipped if they are
   * the very same, an error if they differ), and stores them only if every one is valid.
   */
  async importEntries(entries: readonly Entry[]): Promise<Result<ImportReport, LedgerError>> {
    const current = await this.state();
    let skipped = 0;
    let fresh = entries;
    if (current) {
      const overlap = entries.filter((e) => e.seq < current.height);
      for (const entry of overlap) {
        const stored = await this.db.entries.get(entry.seq);
        const same = stored !== undefined && encodeLog([stored.entry]) === encodeLog([entry]);
        if (!same) return err({ ...fail('PrevHashMismatch', { expected: stored?.hash ?? '(none)', got: `a different entry ${entry.seq}` }), seq: entry.seq });
      }
      skipped = overlap.length;
      fresh = entries.filter((e) => e.seq >= current.height);
    }
    const first = current ? undefined : fresh[0]?.actions[0];
    const commonsId = current?.commonsId ?? (first?.kind === 'commons.genesis' ? commonsIdOf(first) : undefined);
    const ctx = await contextFor(fresh, commonsId, this.options);
    // Verify everything before anything is stored (SPEC §11).
    const states: CommonsState[] = [];
    let state = current;
    for (const entry of fresh) {
      const result = state ? apply(state, entry, ctx) : genesis(entry, ctx);
      if (!result.ok) return result;
      state = result.value;
      states.push(state);
    }
    if (!state) return err({ ...fail('GenesisInvalid', { reason: 'nothing to import' }), seq: 0 });
    const verifiedAt = (await this.head())?.verifiedAt ?? null;
    for (const [i, entry] of fresh.entries()) {
      const after = states[i]!;
      // One transaction per entry: the entry and the projection after it are written together.
      await this.db.transaction('rw', this.db.entries, this.db.projection, async () => {
        await this.db.entries.put({ seq: entry.seq, entry, hash: after.headHash });
        await this.db.projection.put({ key: 'head', state: storedState(after), verifiedAt });
      });
    }
    return ok({ added: fresh.length, skipped, state });
  }

  /** Replays every stored entry from genesis and checks the projection against it. */
  async reverify(): Promise<Result<CommonsState, LedgerError>> {
    const entries = await this.entries();
    const first = entries[0]?.actions[0];
    const commonsId = first?.kind === 'commons.genesis' ? commonsIdOf(first) : undefined;
    const folded = fold(entries, await contextFor(entries, commonsId, this.options));
    if (!folded.ok) return folded;
    const head = await this.head();
    if (!head || head.state.headHash !== folded.value.headHash) {
      return err({ ...fail('PrevHashMismatch', { expected: folded.value.headHash, got: head?.state.headHash ?? '(no projection)' }), seq: folded.value.height });
    }
    await this.db.projection.put({ key: 'head', state: storedState(folded.value), verifiedAt: (this.options.now ?? Date.now)() });
    return ok(folded.value);
  }

  close(): void {
    this.db.close();
  }
}
