/**
 * What an imported entry that differs from the stored one at its height is: a fork, when the
 * treasury quorum as it stood before that height sealed it too (the stewards signed two different
 * entries at one height, SPEC §11: the sequencer quorum is the treasury's before the entry), or a
 * forgery otherwise (`EntryDiffers`). Only this rare path replays the stored prefix, to learn who
 * could seal at that height.
 */
import { checkQuorum, entryHash } from '../../../shared/commons/quorum';
import { type Entry } from '../../../shared/commons/log';
import { type CommonsState } from '../../../shared/commons/state';
import { hexBytes } from '../../../shared/crypto/recover';
import { type ZkVerifier } from '../../../shared/zk/types';
import { type BatchZkVerifier } from '../../../shared/zk/groth16';
import { type CommonsLog } from './commons-log';
import { type LedgerServiceError, serviceError } from './errors';
import { bestRecoverer } from './native';
import { type BatchRecoverer, replayLines } from './replay';

const signersOf = (entry: Entry) => entry.sequencerSigs.map((s) => s.signer);

/** Whether the imported entry at `seq` carries the sequencer quorum of `before` (the state at height `seq`). */
function sealedOn(before: CommonsState, imported: Entry): boolean {
  const treasury = before.vaults.get(before.treasury);
  if (!treasury) return false;
  const digest = hexBytes(entryHash(before.commonsId, imported));
  return checkQuorum(digest, imported.sequencerSigs, treasury.signers, treasury.threshold, bestRecoverer(), 'SequencerQuorumNotMet').ok;
}

/**
 * `Fork` when the imported entry differs from the stored entry `seq` and is validly sealed at that
 * height; `EntryDiffers` otherwise. The stored entry was verified before it was stored.
 */
export async function forkOrDiffers(log: CommonsLog, seq: number, imported: Entry, options: { verifier: ZkVerifier | BatchZkVerifier; pool: BatchRecoverer }): Promise<LedgerServiceError> {
  const differs = serviceError('EntryDiffers', { seq });
  const stored = log.entries(seq, seq + 1)[0];
  const held = log.state();
  if (!stored || !held || imported.seq !== seq) return differs;
  const storedHash = entryHash(held.commonsId, stored);
  const importedHash = entryHash(held.commonsId, imported);
  if (storedHash === importedHash) return differs; // the same sealed content written otherwise: not two entries
  let sealed: boolean;
  if (seq === 0) {
    // A second genesis of the same Commons: sealed by the treasury quorum its own payload names, as genesis is.
    const action = imported.actions[0];
    if (action?.kind !== 'commons.genesis') return differs;
    const { signers, threshold } = action.payload.treasury;
    sealed = checkQuorum(hexBytes(importedHash), imported.sequencerSigs, signers, threshold, bestRecoverer(), 'SequencerQuorumNotMet').ok;
  } else {
    const before = await replayLines({ start: null, lines: log.lines(0, seq) }, options);
    if (before.error || !before.state) return differs;
    sealed = sealedOn(before.state, imported);
  }
  if (!sealed) return differs;
  return serviceError('Fork', { seq, storedHash, importedHash, storedSigners: signersOf(stored), importedSigners: signersOf(imported) });
}
