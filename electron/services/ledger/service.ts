/**
 * The ledger service: the one owner of every Commons log on this machine (interface.ts says what
 * it offers). The Demo Commons is its sequencer's log (demo-sequencer.ts); the member's own
 * Commons are the logs they imported, one file each in `<dataDir>/commons/<commonsId>.jsonl`.
 * Both are CommonsLogs: verified before anything is stored, stored before memory moves, recovered
 * to their longest valid prefix at start, projected every N entries. Signatures are recovered by
 * libsecp256k1 on worker threads, proofs checked in batches; the fold runs here, never in the
 * renderer. Every change is announced to `subscribe`rs (the contract's `ledger.changed`).
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CommonsView } from '../../../shared/contract/commons-view';
import { commonsIdOf, preflightAction } from '../../../shared/commons/apply';
import { type LedgerError } from '../../../shared/commons/errors';
import { type Entry, encodeEntry } from '../../../shared/commons/log';
import { type CommonsState } from '../../../shared/commons/state';
import { parseEntry } from '../../../shared/commons/verify';
import { toCommonsView } from '../../../shared/commons/view';
import { type Result, err, ok } from '../../../shared/result';
import { type ZkVerifier } from '../../../shared/zk/types';
import { type BatchZkVerifier } from '../../../shared/zk/groth16';
import { fail } from '../../../shared/commons/errors';
import { CommonsLog } from './commons-log';
import { type DemoSequencer } from './demo-sequencer';
import { type LedgerServiceError, serviceError, unknownCommons, updateFollowsNothing, updateNotForThisCommons, updateSkipsEntries } from './errors';
import { forkOrDiffers } from './fork';
import { entryHash } from '../../../shared/commons/quorum';
import { type Hex } from '../../../shared/crypto/canonical';
import { type UpdateHeader, encodeUpdateLines, headerMismatch, splitUpdateFile, updateFileName } from '../../../shared/commons/update-file';
import { type CommonsSummary, type LedgerChange, type LedgerService, type LedgerWorkspace, type Refusal } from './interface';
import { bestRecoverer } from './native';
import { type BatchRecoverer, createRecoveryPool, replayLines } from './replay';
import { createCommonsRegistry } from './verified-commons';
import { type LedgerHandlers, ledgerHandlers } from './handlers';
import { commonsVerifier, zkKeyHashesOf } from './zk-verifier';
import { type ZkKeyHashes, zkKeyDifference } from '../../../shared/commons/zk-keys';
import { stewardsError } from './stewards-errors';
import { eventLoopYielder } from './yield';
import { creditHistoryReader } from './credit-history';
import { creditProbe } from './credit-probe';

export interface LedgerServiceOptions {
  /** The app's data folder; the member's Commons live in its `commons/` folder (a temporary one when absent: tests). */
  readonly dataDir?: string;
  /** Worker threads recovering signatures (default 2). */
  readonly workers?: number;
  /** The Demo Commons' sequencer, whose log is the Demo workspace. */
  readonly demo?: DemoSequencer;
  /** Whether the demo counts as verified for the prover (only where the demo is on: its stewards are emulated keys). */
  readonly trustDemo?: boolean;
  /** The Groth16 verifier (the Commons' keys of resources/zk by default). */
  readonly verifier?: ZkVerifier | BatchZkVerifier;
  /** A projection is saved every this many entries (default 1,000). */
  readonly projectionEvery?: number;
  /** The wall clock: "verified at", set-aside names, the pre-flight's "now". */
  readonly now?: () => number;
  /**
   * This app's verification keys (resources/zk/manifest.json by default): a new Commons whose
   * genesis states other keys is refused (`ZkKeysDiffer`), since none of its proofs would verify here.
   */
  readonly zkKeys?: ZkKeyHashes;
}

/** A pool of recovery workers made only when a batch first needs one, and closed with the service. */
function lazyPool(size: number): BatchRecoverer {
  let pool: BatchRecoverer | undefined;
  return {
    recoverAll: (jobs) => (jobs.length === 0 ? Promise.resolve([]) : (pool ??= createRecoveryPool(size)).recoverAll(jobs)),
    close: async () => {
      await pool?.close();
      pool = undefined;
    },
  };
}

/**
 * Decodes the lines of an imported file; a line's seq for errors is its place after the first
 * entry's. Lets the event loop turn as it goes: a file of thousands of entries takes a while.
 */
async function parseImport(lines: readonly string[]): Promise<Result<Entry[], LedgerError>> {
  const entries: Entry[] = [];
  let base = 0;
  const breathe = eventLoopYielder();
  for (const line of lines) {
    await breathe();
    if (line.trim() === '') continue;
    const parsed = parseEntry(line, base + entries.length);
    if (!parsed.ok) return parsed;
    if (entries.length === 0) base = parsed.value.seq;
    entries.push(parsed.value);
  }
  return entries.length > 0 ? ok(entries) : err({ ...fail('GenesisInvalid', { reason: 'the file holds no entry' }), seq: 0 });
}

/** The entries' stored lines, encoded a few at a time between turns of the event loop. */
async function encodeBreathing(entries: readonly Entry[]): Promise<string[]> {
  const breathe = eventLoopYielder();
  const lines: string[] = [];
  for (const entry of entries) {
    lines.push(encodeEntry(entry));
    await breathe();
  }
  return lines;
}

const summaryOf = (log: CommonsLog, state: CommonsState): CommonsSummary => ({
  commonsId: state.commonsId,
  name: state.name,
  height: state.height,
  headHash: state.headHash,
  verifiedAt: log.verifiedAt,
  setAside: log.recovery.setAside,
});

/** The service, with its contract rows (handlers.ts) beside its interface. */
export function createLedgerService(options: LedgerServiceOptions = {}): LedgerService & LedgerHandlers {
  const pool = lazyPool(options.workers ?? 2);
  const core = createLedgerCore(options, pool);
  return Object.assign(core, ledgerHandlers(core, { demo: options.demo, pool }));
}

function createLedgerCore(options: LedgerServiceOptions, pool: BatchRecoverer): LedgerService {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'c3-ledger-'));
  const folder = join(dataDir, 'commons');
  const verifier = () => options.verifier ?? commonsVerifier();
  const logOptions = (file: string) => ({ file, verifier: options.verifier, projectionEvery: options.projectionEvery, now: options.now });
  const listeners = new Set<(change: LedgerChange) => void>();
  const stored = new Map<string, CommonsLog>();
  const credit = creditHistoryReader(creditProbe, pool);
  let zkKeys = options.zkKeys;
  const ourZkKeys = () => (zkKeys ??= zkKeyHashesOf());

  const announce = (workspace: LedgerWorkspace, state: CommonsState) => {
    const change: LedgerChange = { workspace, commonsId: state.commonsId, height: state.height, headHash: state.headHash };
    for (const listener of listeners) {
      try {
        listener(change);
      } catch {
        // A listener that throws (a closed window) must not stop the others.
      }
    }
  };

  /** The member's stored Commons, read and verified once (at start, in the background). */
  let shelf: Promise<void> | undefined;
  const openShelf = () =>
    (shelf ??= (async () => {
      let names: string[];
      try {
        names = readdirSync(folder).filter((name) => /^0x[0-9a-f]{64}\.jsonl$/.test(name));
      } catch {
        return; // no folder yet: nothing imported
      }
      for (const name of names) {
        try {
          const log = await CommonsLog.open(logOptions(join(folder, name)), pool);
          const state = log.state();
          if (state && `${state.commonsId}.jsonl` === name) stored.set(state.commonsId, log);
        } catch (error) {
          // A log this start could not read or settle (a disk error) is left as it is, for the next start;
          // the others are served.
          console.error(`[c3] the Commons log ${name} could not be opened: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    })());

  // Writes to the member's Commons one at a time (an import verifies on top of the head it read).
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  const findLog = async (workspace: LedgerWorkspace, commonsId: string): Promise<Result<CommonsLog, LedgerServiceError>> => {
    const id = commonsId.toLowerCase();
    if (workspace === 'demo') {
      const log = options.demo?.log();
      return log && log.state()?.commonsId === id ? ok(log) : err(unknownCommons(workspace, id));
    }
    await openShelf();
    const log = stored.get(id);
    return log ? ok(log) : err(unknownCommons(workspace, id));
  };

  /**
   * The stored Commons whose chain `entry` continues: the entry it holds at that place follows the
   * same previous entry (the same, or a fork of it), or its head is the entry's prevHash.
   */
  const continued = (entry: Entry): CommonsLog | undefined =>
    [...stored.values()].find((log) => {
      const state = log.state()!;
      if (entry.seq < state.height) return log.entries(entry.seq, entry.seq + 1)[0]?.prevHash === entry.prevHash;
      return entry.seq === state.height && entry.prevHash === state.headHash;
    });

  /** The hash of a stored Commons' genesis entry (entry 0). */
  const genesisHashOf = (log: CommonsLog): Hex => entryHash(log.state()!.commonsId, log.entries(0, 1)[0]!);

  /**
   * The stored Commons an update file continues, checked against its header: the entries are the
   * ones it announces, ending at its head hash; its Commons (id and genesis hash) is stored here,
   * or the file starts at genesis; it starts no later than the stored head (or names the gap).
   * Undefined: a new Commons, from genesis.
   */
  const placeUpdate = (header: UpdateHeader, entries: readonly Entry[]): Result<CommonsLog | undefined, LedgerServiceError> => {
    const mismatch = headerMismatch(header, entries, (entry) => entryHash(header.commonsId, entry));
    if (mismatch) return err(serviceError('UpdateFileInvalid', { reason: mismatch }));
    const log = stored.get(header.commonsId);
    if (!log || genesisHashOf(log) !== header.genesisHash) {
      if (header.fromSeq > 0 || log) return err(updateNotForThisCommons(header.commonsId, header.genesisHash));
      const genesisAction = entries[0]!.actions[0];
      if (genesisAction?.kind !== 'commons.genesis' || commonsIdOf(genesisAction) !== header.commonsId || entryHash(header.commonsId, entries[0]!) !== header.genesisHash) {
        return err(serviceError('UpdateFileInvalid', { reason: 'its first entry is not the genesis its header names' }));
      }
      return ok(undefined);
    }
    if (header.fromSeq > log.height) return err(updateSkipsEntries(header.commonsId, log.height, header.fromSeq - 1));
    return ok(log);
  };

  const importLog = (text: string) =>
    exclusive(async (): Promise<Result<{ log: CommonsLog; added: number; skipped: number }, Refusal>> => {
      await openShelf();
      const split = splitUpdateFile(text);
      if (!split.ok) return err(serviceError('UpdateFileInvalid', { reason: split.reason }));
      const parsed = await parseImport(split.lines);
      if (!parsed.ok) return parsed;
      const entries = parsed.value;
      const first = entries[0]!;
      let log: CommonsLog | undefined;
      if (split.header) {
        const placed = placeUpdate(split.header, entries);
        if (!placed.ok) return placed;
        log = placed.value;
      } else {
        const genesisAction = first.seq === 0 ? first.actions[0] : undefined;
        if (genesisAction?.kind === 'commons.genesis') log = stored.get(commonsIdOf(genesisAction));
        else if (first.seq > 0) {
          log = continued(first);
          if (!log) return err(updateFollowsNothing(first.seq));
        }
      }
      // Entries already stored must be those very entries; the others are verified on top of the head.
      const height = log?.height ?? 0;
      const overlap = log ? log.lines(first.seq, Math.min(height, first.seq + entries.length)) : [];
      const breathe = eventLoopYielder();
      for (const [i, line] of overlap.entries()) {
        if (encodeEntry(entries[i]!) !== line) return err(await forkOrDiffers(log!, first.seq + i, entries[i]!, { verifier: verifier(), pool }));
        await breathe();
      }
      const fresh = entries.slice(overlap.length);
      if (fresh.length === 0 && log) return ok({ log, added: 0, skipped: overlap.length });
      // A new Commons whose genesis states the keys its proofs are made under: they must be this app's.
      const stated = !log && first.actions[0]?.kind === 'commons.genesis' && 'zkKeys' in first.actions[0].payload ? first.actions[0].payload.zkKeys : undefined;
      if (stated) {
        const differs = zkKeyDifference(stated, ourZkKeys());
        if (differs) return err(stewardsError('ZkKeysDiffer', differs));
      }
      const replay = await replayLines({ start: log?.state() ?? null, lines: fresh }, { verifier: verifier(), pool });
      if (replay.error) return err(replay.error);
      const after = replay.state!;
      log ??= await CommonsLog.open(logOptions(join(folder, `${after.commonsId}.jsonl`)), pool);
      if (log.height !== (fresh[0]?.seq ?? 0)) return err(serviceErrorAt(log.height));
      const committed = log.commit(fresh, after, await encodeBreathing(fresh));
      if (!committed.ok) return committed;
      stored.set(after.commonsId, log);
      announce('real', after);
      return ok({ log, added: fresh.length, skipped: overlap.length });
    });

  const service: LedgerService = {
    commons: createCommonsRegistry({
      demo: options.demo && options.trustDemo ? () => options.demo!.state() : undefined,
      stored: () => [...stored.values()].map((log) => log.state()!),
    }),

    async list(workspace) {
      if (workspace === 'demo') {
        const log = options.demo?.log();
        const state = log?.state();
        return log && state ? [summaryOf(log, state)] : [];
      }
      await openShelf();
      return [...stored.values()].map((log) => summaryOf(log, log.state()!)).sort((a, b) => a.name.localeCompare(b.name) || a.commonsId.localeCompare(b.commonsId));
    },

    async state(workspace, commonsId) {
      const found = await findLog(workspace, commonsId);
      return found.ok ? ok(found.value.state()!) : found;
    },

    async view(workspace, commonsId) {
      const found = await findLog(workspace, commonsId);
      if (!found.ok) return found;
      const demo = workspace === 'demo';
      // In the demo every signer is a key of an emulated device (public test mnemonics).
      const view: CommonsView = toCommonsView(found.value.state()!, { demo, verifiedAt: found.value.verifiedAt, emulated: () => demo });
      return ok(view);
    },

    async history(workspace, commonsId, from, limit) {
      const found = await findLog(workspace, commonsId);
      if (!found.ok) return found;
      return ok({ height: found.value.height, entries: found.value.entries(from, from + limit) });
    },

    async creditHistory(workspace, commonsId, vault) {
      const found = await findLog(workspace, commonsId);
      if (!found.ok) return found;
      const address = vault.toLowerCase();
      if (!found.value.state()!.vaults.has(address)) return err(serviceError('NoCreditLineVault', { commonsId: commonsId.toLowerCase(), vault: address }));
      return credit.history(found.value, address);
    },

    async importLog(text) {
      const imported = await importLog(text);
      if (!imported.ok) return imported;
      const { log, added, skipped } = imported.value;
      const state = log.state()!;
      return ok({ commonsId: state.commonsId, name: state.name, height: state.height, headHash: state.headHash, added, skipped });
    },

    async exportUpdate(workspace, commonsId, fromSeq) {
      const found = await findLog(workspace, commonsId);
      if (!found.ok) return found;
      const log = found.value;
      const state = log.state()!;
      if (fromSeq >= state.height) return err(serviceError('ExportBeyondHead', { fromSeq, height: state.height }));
      // Only what is stored and was verified before it was stored, as far as the head this read saw.
      const header = { commonsId: state.commonsId, genesisHash: genesisHashOf(log), fromSeq, toSeq: state.height - 1, headHash: state.headHash };
      return ok({ header, fileName: updateFileName(state.name, header), text: encodeUpdateLines(header, log.lines(fromSeq, state.height)) });
    },

    async reverify(workspace, commonsId) {
      const found = await findLog(workspace, commonsId);
      if (!found.ok) return found;
      const report = await found.value.reverify(pool);
      if (report.ok) announce(workspace, found.value.state()!);
      return report;
    },

    async preflight(workspace, commonsId, action, time) {
      const found = await findLog(workspace, commonsId);
      if (!found.ok) return found;
      const state = found.value.state()!;
      // The next entry is sealed now at the earliest, and never before the last one (SPEC §0: ledger time only moves on).
      // The demo's stewards seal it an hour after the last one, whatever the clock says: time-driven rules (fees,
      // price staleness, expiry) are checked at that time, as they will be applied.
      const at = workspace === 'demo' && options.demo ? options.demo.nextTime() : Math.max(state.time, time ?? Math.floor((options.now ?? Date.now)() / 1000));
      const result = preflightAction(state, action, { verifier: found.value.verifier(), recoverer: bestRecoverer(), time: at });
      return ok(result.ok ? { allowed: true } : { allowed: false, refusal: result.error });
    },

    submitDemo(action) {
      if (!options.demo) return err(serviceError('DemoDisabled', {}));
      const submitted = options.demo.submit(action);
      if (submitted.ok) announce('demo', options.demo.state());
      return submitted;
    },

    demoClock() {
      if (!options.demo) return err(serviceError('DemoDisabled', {}));
      return ok({ time: options.demo.state().time, nextTime: options.demo.nextTime() });
    },

    waitDemo(seconds) {
      if (!options.demo) return err(serviceError('DemoDisabled', {}));
      const { nextTime } = options.demo.wait(seconds);
      return ok({ time: options.demo.state().time, nextTime });
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async close() {
      await shelf?.catch(() => undefined);
      await queue.catch(() => undefined);
      await pool.close();
    },
  };
  // The member's Commons are read at start, so that the prover and the first query find them.
  void openShelf().catch(() => undefined);
  return service;
}

/** An imported entry that differs from the one stored at its place. */
const serviceErrorAt = (seq: number): LedgerServiceError => serviceError('EntryDiffers', { seq });
