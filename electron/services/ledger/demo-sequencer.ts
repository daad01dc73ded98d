/**
 * Demo only: the Demo Commons' stewards, whose keys are the emulators' public test keys, sequence
 * what a newcomer does in the demo (an enrolment, an anonymous ballot) into new entries of the
 * demo log. A real Commons is sequenced by its own stewards' quorum.
 *
 * With a `file`, the demo log survives restarts (the member's app keeps its verified copy, and
 * their identity, across restarts too: a sequencer that forgot would fork from them). A new entry
 * is on disk before it is in memory (log-file.ts), so that a failed write changes nothing. At
 * start, the file is read as far as it verifies and extends the built-in demo history; only the
 * rest is set aside, in a file of its own, and `recovery()` says what was set aside and why.
 */
import { type Hex } from '../../../shared/crypto/canonical';
import { type LedgerContext, apply, commonsIdOf, fold } from '../../../shared/commons/apply';
import { keySigner, sealEntry } from '../../../shared/commons/build';
import { type Action, type Entry, encodeEntry } from '../../../shared/commons/log';
import { type CommonsState } from '../../../shared/commons/state';
import { type LedgerError } from '../../../shared/commons/errors';
import { type Result, bigintReplacer, err, ok, unwrap } from '../../../shared/result';
import { encodeLog, parseEntry } from '../../../shared/commons/verify';
import { emulatorDemoKeys, emulatorDemoLog } from './demo';
import { type LogFs, fileName, longestValidPrefix, nodeLogFs, setAsidePath, writeFileDurably } from './log-file';
import { bestRecoverer } from './native';
import { commonsVerifier } from './zk-verifier';

const HOUR = 3600;

/** The new entry could not be written to the demo log; it was not sequenced and nothing changed. */
export interface LogNotWritten {
  readonly kind: 'LogNotWritten';
  readonly message: string;
  /** The entry that was not sequenced. */
  readonly seq: number;
  readonly cause: string;
}

/** A saved entry that is not the built-in demo history's entry at that place. */
export interface NotTheDemoHistory {
  readonly kind: 'NotTheDemoHistory';
  readonly message: string;
  readonly seq: number;
}

/** What the start found in the saved log and set aside (the file's name, not its folder). */
export interface DemoLogRecovery {
  /** Entries of the saved log that were kept. */
  readonly kept: number;
  readonly setAside: { readonly file: string; readonly entries: number; readonly fromSeq: number; readonly reason: LedgerError | NotTheDemoHistory } | null;
}

export interface DemoSequencer {
  entries(): Entry[];
  /** The state after the last entry. */
  state(): CommonsState;
  /** The Demo Commons' id (the hash of its genesis). */
  commonsId(): Hex;
  submit(action: Action): Result<{ seq: number }, LedgerError | LogNotWritten>;
  /** What the start did with the saved log; null without a saved log. */
  recovery(): DemoLogRecovery | null;
}

export interface DemoSequencerOptions {
  readonly file?: string;
  /** The file system the log is written through (tests hand in one that fails). */
  readonly fs?: LogFs;
  /** Names the set-aside file; the wall clock by default. */
  readonly now?: () => number;
}

/** Any of the sequencer's errors for the wire (amounts as decimal strings). */
export const demoWireError = (error: LedgerError | LogNotWritten | NotTheDemoHistory): Record<string, unknown> & { kind: string; message: string } =>
  JSON.parse(JSON.stringify(error, bigintReplacer)) as Record<string, unknown> & { kind: string; message: string };

const notTheDemoHistory = (seq: number): NotTheDemoHistory => ({
  kind: 'NotTheDemoHistory',
  message: `Entry ${seq} of the saved demo log is not the Demo Commons’ own entry ${seq}; the saved log was made by another version or was altered.`,
  seq,
});

export function createDemoSequencer(options: DemoSequencerOptions = {}): DemoSequencer {
  const fs = options.fs ?? nodeLogFs;
  let loaded: { chain: Entry[]; state: CommonsState; recovery: DemoLogRecovery | null } | undefined;
  const ctx = (): LedgerContext => ({ verifier: commonsVerifier(), recoverer: bestRecoverer() });

  /** The saved log as far as it is the built-in history and, after it, entries that verify. */
  const restore = (file: string, builtIn: readonly Entry[], builtInState: () => CommonsState) => {
    const text = fs.readFileSync(file, 'utf8');
    const context = ctx();
    const chain: Entry[] = [];
    const reading = longestValidPrefix<CommonsState | null, LedgerError | NotTheDemoHistory>(text, null, (state, line, seq) => {
      const parsed = parseEntry(line, seq);
      if (!parsed.ok) return parsed;
      const entry = parsed.value;
      let next: Result<CommonsState | null, LedgerError | NotTheDemoHistory>;
      if (seq < builtIn.length) {
        // The built-in history is folded once; the saved copy of it must be that very history.
        next = encodeEntry(entry) !== encodeEntry(builtIn[seq]!) ? err(notTheDemoHistory(seq)) : ok(seq === builtIn.length - 1 ? builtInState() : null);
      } else {
        next = apply(state!, entry, context);
      }
      if (next.ok) chain.push(entry);
      return next;
    });
    return { ...reading, chain };
  };

  const load = () => {
    if (loaded) return loaded;
    const builtIn = emulatorDemoLog();
    let builtInState: CommonsState | undefined;
    const stateOfBuiltIn = () => (builtInState ??= unwrap(fold(builtIn, ctx())));
    const file = options.file;
    if (!file || !fs.existsSync(file)) {
      loaded = { chain: [...builtIn], state: stateOfBuiltIn(), recovery: null };
      return loaded;
    }
    const reading = restore(file, builtIn, stateOfBuiltIn);
    // A saved log shorter than the built-in history is a prefix of it: the history is kept whole.
    const chain = reading.kept >= builtIn.length ? reading.chain : [...builtIn];
    const state = reading.kept >= builtIn.length ? reading.state! : stateOfBuiltIn();
    let setAside: DemoLogRecovery['setAside'] = null;
    if (reading.reason) {
      const aside = setAsidePath(file, (options.now ?? Date.now)());
      // Keep the rest before dropping it from the log; a failure here leaves the log untouched.
      writeFileDurably(aside, reading.rest, fs);
      writeFileDurably(file, encodeLog(chain), fs);
      setAside = { file: fileName(aside), entries: reading.restLines, fromSeq: reading.kept, reason: reading.reason };
    }
    loaded = { chain, state, recovery: { kept: reading.kept, setAside } };
    return loaded;
  };

  const commonsId = (): Hex => {
    const genesis = load().chain[0]!.actions[0];
    if (genesis?.kind !== 'commons.genesis') throw new Error('the demo log has no genesis');
    return commonsIdOf(genesis);
  };

  return {
    entries: () => [...load().chain],
    state: () => load().state,
    commonsId,
    recovery: () => load().recovery,
    submit(action) {
      const current = load();
      const head = current.state;
      const treasury = head.vaults.get(head.treasury)!;
      const keys = emulatorDemoKeys();
      // The stewards of shared/commons/demo.ts: Ledger 3 and Trezor 3 make the treasury's 2-of-3.
      const stewards = [keySigner(keys.ledger(3)), keySigner(keys.trezor(3))].filter((s) => treasury.signers.some((t) => t.address === s.address));
      const entry = sealEntry(commonsId(), { seq: head.height, prevHash: head.headHash, time: head.time + HOUR, actions: [action] }, stewards);
      const next = apply(head, entry, ctx());
      if (!next.ok) return err(next.error);
      const chain = [...current.chain, entry];
      // On disk first: memory moves only once the entry is written (a failed write changes nothing).
      if (options.file) {
        try {
          writeFileDurably(options.file, encodeLog(chain), fs);
        } catch (cause) {
          const why = cause instanceof Error ? cause.message : String(cause);
          return err({ kind: 'LogNotWritten', message: `The demo log could not be written (${why}), so entry ${entry.seq} was not sequenced. Nothing changed; try again.`, seq: entry.seq, cause: why });
        }
      }
      loaded = { ...current, chain, state: next.value };
      return ok({ seq: entry.seq });
    },
  };
}
