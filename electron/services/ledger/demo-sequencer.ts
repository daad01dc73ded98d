/**
 * Demo only: the Demo Commons' stewards, whose keys are the emulators' public test keys, sequence
 * what a newcomer does in the demo (an enrolment, an anonymous ballot) into new entries of the
 * demo log, for this run of the app. A real Commons is sequenced by its own stewards' quorum.
 */
import { type Hex } from '../../../shared/crypto/canonical';
import { type LedgerContext, apply, commonsIdOf, fold } from '../../../shared/commons/apply';
import { keySigner, sealEntry } from '../../../shared/commons/build';
import { type Action, type Entry } from '../../../shared/commons/log';
import { type CommonsState } from '../../../shared/commons/state';
import { type LedgerError } from '../../../shared/commons/errors';
import { type Result, err, ok, unwrap } from '../../../shared/result';
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

export function createDemoSequencer(): DemoSequencer {
  let chain: Entry[] | undefined;
  let state: CommonsState | undefined;
  const ctx = (): LedgerContext => ({ verifier: commonsVerifier(), recoverer: bestRecoverer() });
  const load = () => {
    if (!chain || !state) {
      chain = [...emulatorDemoLog()];
      state = unwrap(fold(chain, ctx()));
    }
    return { chain, state };
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
      return ok({ seq: entry.seq });
    },
  };
}
