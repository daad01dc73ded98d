/**
 * Demo only: the Demo Commons' stewards, whose keys are the emulators' public test keys, sequence
 * what a newcomer does in the demo (an enrolment, an anonymous ballot, a co-signed transfer) into
 * new entries of the demo log. A real Commons is sequenced by its own stewards' quorum.
 *
 * The demo log is a Commons log like any other (commons-log.ts, one code path): it survives
 * restarts (the member's identity does too, and a sequencer that forgot would fork from it), a new
 * entry is on disk before it is in memory, and at start the file is read as far as it verifies and
 * is the built-in demo history; the rest is set aside, and `recovery()` says what and why. A log
 * shorter than the built-in history (a first start, or one damaged early) gets the rest of it.
 */
import { type Hex } from '../../../shared/crypto/canonical';
import { type LedgerContext, apply, genesis } from '../../../shared/commons/apply';
import { keySigner, sealEntry } from '../../../shared/commons/build';
import { type Action, type Entry, encodeEntry } from '../../../shared/commons/log';
import { type CommonsState } from '../../../shared/commons/state';
import { type LedgerError } from '../../../shared/commons/errors';
import { type Result, err, ok, unwrap } from '../../../shared/result';
import { emulatorDemoKeys, emulatorDemoLog } from './demo';
import { type LogFs } from './log-file';
import { bestRecoverer } from './native';
import { CommonsLog, type LogRecovery } from './commons-log';
import { type LedgerServiceError, serviceError } from './errors';

const HOUR = 3600;

/** The new entry could not be written to the demo log; it was not sequenced and nothing changed. */
export type LogNotWritten = Extract<LedgerServiceError, { kind: 'LogNotWritten' }>;

/** What the start found in the saved log and set aside (the file's name, not its folder). */
export type DemoLogRecovery = LogRecovery;

export interface DemoSequencer {
  entries(): Entry[];
  /** The state after the last entry. */
  state(): CommonsState;
  /** The Demo Commons' id (the hash of its genesis). */
  commonsId(): Hex;
  submit(action: Action): Result<{ seq: number }, LedgerError | LogNotWritten>;
  /** The time the stewards seal the next entry at (an hour after the last, and any wait later): what a pre-flight checks against. */
  nextTime(): number;
  /**
   * Demo only: the stewards seal the next entry `seconds` later than they would have, so that a
   * newcomer can see time-driven rules (a vote's week, a 48 h timelock) without waiting for them.
   * Kept in memory until the next entry is sealed (a restart forgets a wait nothing was sealed after).
   */
  wait(seconds: number): { nextTime: number };
  /** What the start did with the saved log. */
  recovery(): DemoLogRecovery;
  /** The verified log the sequencer writes, which the ledger service serves. */
  log(): CommonsLog;
}

export interface DemoSequencerOptions {
  readonly file: string;
  /** The file system the log is written through (tests hand in one that fails). */
  readonly fs?: LogFs;
  /** Names the set-aside file; the wall clock by default. */
  readonly now?: () => number;
}

export function createDemoSequencer(options: DemoSequencerOptions): DemoSequencer {
  let loaded: CommonsLog | undefined;

  const load = (): CommonsLog => {
    if (loaded) return loaded;
    const builtIn = emulatorDemoLog();
    const builtInLines = builtIn.map(encodeEntry);
    const log = CommonsLog.openSync({
      file: options.file,
      fs: options.fs,
      now: options.now,
      // The saved copy of the built-in history must be that very history.
      expect: (line, seq) => (seq < builtInLines.length && line !== builtInLines[seq] ? serviceError('NotTheDemoHistory', { seq }) : null),
    });
    if (log.height < builtIn.length) {
      // A first start, or a log damaged inside the history: the history is verified and stored whole.
      const ctx: LedgerContext = { verifier: log.verifier(), recoverer: bestRecoverer() };
      let state = log.state();
      for (const entry of builtIn.slice(log.height)) state = unwrap(state ? apply(state, entry, ctx) : genesis(entry, ctx));
      const stored = log.commit(builtIn.slice(log.height), state!);
      if (!stored.ok) throw new Error(stored.error.message);
    }
    loaded = log;
    return log;
  };

  const commonsId = (): Hex => load().state()!.commonsId;
  /** Seconds the demo's clock was moved on since the last entry (demo.wait). */
  let waited = 0;
  const nextTime = () => load().state()!.time + HOUR + waited;

  return {
    entries: () => load().entries(),
    state: () => load().state()!,
    commonsId,
    recovery: () => load().recovery,
    log: load,
    nextTime,
    wait(seconds) {
      waited += Math.max(0, Math.floor(seconds));
      return { nextTime: nextTime() };
    },
    submit(action) {
      const log = load();
      const head = log.state()!;
      const treasury = head.vaults.get(head.treasury)!;
      const keys = emulatorDemoKeys();
      // The stewards of shared/commons/demo.ts: Ledger 3 and Trezor 3 make the treasury's 2-of-3.
      const stewards = [keySigner(keys.ledger(3)), keySigner(keys.trezor(3))].filter((s) => treasury.signers.some((t) => t.address === s.address));
      const entry = sealEntry(commonsId(), { seq: head.height, prevHash: head.headHash, time: nextTime(), actions: [action] }, stewards, head.version);
      const next = apply(head, entry, { verifier: log.verifier(), recoverer: bestRecoverer() });
      if (!next.ok) return err(next.error);
      // On disk first: memory moves only once the entry is written (a failed write changes nothing).
      const stored = log.commit([entry], next.value);
      if (!stored.ok) return stored;
      waited = 0;
      return ok({ seq: entry.seq });
    },
  };
}
