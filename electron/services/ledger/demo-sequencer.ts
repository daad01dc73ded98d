/**
 * Demo only: the Demo Commons' stewards, whose keys are the emulators' public test keys, sequence
 * what a newcomer does in the demo (an enrolment, an anonymous ballot) into new entries of the
 * demo log. A real Commons is sequenced by its own stewards' quorum.
 *
 * With a `file`, the demo log survives restarts (the member's app keeps its verified copy, and
 * their identity, across restarts too: a sequencer that forgot would fork from them). A file that
 * does not verify, or does not extend the built-in demo history, is set aside and the demo starts
 * again from that history.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Hex } from '../../../shared/crypto/canonical';
import { type LedgerContext, apply, commonsIdOf, fold } from '../../../shared/commons/apply';
import { keySigner, sealEntry } from '../../../shared/commons/build';
import { type Action, type Entry } from '../../../shared/commons/log';
import { type CommonsState } from '../../../shared/commons/state';
import { type LedgerError } from '../../../shared/commons/errors';
import { type Result, err, ok, unwrap } from '../../../shared/result';
import { encodeLog, parseLog } from '../../../shared/commons/verify';
import { emulatorDemoKeys, emulatorDemoLog } from './demo';
import { bestRecoverer } from './native';
import { commonsVerifier } from './zk-verifier';

const HOUR = 3600;

export interface DemoSequencer {
  entries(): Entry[];
  /** The state after the last entry. */
  state(): CommonsState;
  submit(action: Action): Result<{ seq: number }, LedgerError>;
}

export function createDemoSequencer(options: { file?: string } = {}): DemoSequencer {
  let chain: Entry[] | undefined;
  let state: CommonsState | undefined;
  const ctx = (): LedgerContext => ({ verifier: commonsVerifier(), recoverer: bestRecoverer() });

  /** The saved demo log, if it verifies and extends the built-in history; otherwise it is set aside. */
  const saved = (builtIn: readonly Entry[]): { chain: Entry[]; state: CommonsState } | null => {
    const file = options.file;
    if (!file || !existsSync(file)) return null;
    const text = readFileSync(file, 'utf8');
    const parsed = parseLog(text);
    const extends_ = parsed.ok && parsed.value.length >= builtIn.length && encodeLog(parsed.value.slice(0, builtIn.length)) === encodeLog(builtIn);
    const folded = parsed.ok && extends_ ? fold(parsed.value, ctx()) : null;
    if (parsed.ok && folded?.ok) return { chain: parsed.value, state: folded.value };
    renameSync(file, `${file}.set-aside-${Date.now()}`);
    return null;
  };

  const load = () => {
    if (!chain || !state) {
      const builtIn = emulatorDemoLog();
      const restored = saved(builtIn);
      chain = restored?.chain ?? [...builtIn];
      state = restored?.state ?? unwrap(fold(chain, ctx()));
    }
    return { chain, state };
  };

  /** Whole-file replace, so that a crash mid-write leaves the previous log, never half an entry. */
  const persist = (entries: readonly Entry[]) => {
    if (!options.file) return;
    mkdirSync(dirname(options.file), { recursive: true });
    writeFileSync(`${options.file}.tmp`, encodeLog(entries), { mode: 0o600 });
    renameSync(`${options.file}.tmp`, options.file);
  };
  return {
    entries: () => [...load().chain],
    state: () => load().state,
    submit(action) {
      const { chain: entries, state: head } = load();
      const genesis = entries[0]!.actions[0];
      if (genesis?.kind !== 'commons.genesis') throw new Error('the demo log has no genesis');
      const commonsId: Hex = commonsIdOf(genesis);
      const treasury = head.vaults[head.treasury]!;
      const keys = emulatorDemoKeys();
      // The stewards of shared/commons/demo.ts: Ledger 3 and Trezor 3 make the treasury's 2-of-3.
      const stewards = [keySigner(keys.ledger(3)), keySigner(keys.trezor(3))].filter((s) => treasury.signers.some((t) => t.address === s.address));
      const entry = sealEntry(commonsId, { seq: head.height, prevHash: head.headHash, time: head.time + HOUR, actions: [action] }, stewards);
      const next = apply(head, entry, ctx());
      if (!next.ok) return err(next.error);
      chain = [...entries, entry];
      state = next.value;
      persist(chain);
      return ok({ seq: entry.seq });
    },
  };
}
