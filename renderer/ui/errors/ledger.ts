/**
 * The ledger service's own errors (shared/contract/ledger-errors.ts) in words: what a start found
 * in a stored log, what a query or an import was refused for. Where the cause is on this machine
 * (a full disk, the app stopped while writing) or in the member's choice of file, the words say
 * so, rather than send the member to the Commons' stewards.
 */
import { type LedgerServiceError, type ProverUnknownCommons } from '../../../shared/contract/ledger-errors';
import { type WordsFor, withNext } from './words';

export const ledgerWords: WordsFor<LedgerServiceError | ProverUnknownCommons> = {
  NotTheDemoHistory: (e) => withNext('The saved demo log is not the Demo Commons’ own', e.message, 'The Demo Commons starts again from its built-in history; nothing of your own Commons is affected.'),
  NotCommitted: (e) => withNext('Entries written but never committed were set aside', e.message, 'Nothing is lost that was ever shown as stored; do again what you did last, if it is missing.'),
  TornEntry: (e) => withNext('An entry cut off while it was written was set aside', e.message, 'Nothing is lost that was ever shown as stored; do again what you did last, if it is missing.'),
  LogNotWritten: (e) => withNext('The log could not be written on this machine', e.message, 'Check that the disk has room and the app’s data folder can be written, then try again.'),
  UnknownCommons: (e) =>
    withNext(
      'This Commons is not stored in this app',
      'workspace' in e ? e.message : `This app has not verified a Commons with the id ${e.commonsId}, so it makes no proof for it.`,
      e.nextStep,
    ),
  EntryDiffers: (e) => withNext('This file’s log has forked from the one stored here', e.message, 'Ask the Commons’ stewards which log is the Commons’ own before importing anything more from this file.'),
  UpdateFollowsNothing: (e) => withNext('These entries continue no Commons stored here', e.message, e.nextStep),
  StateMismatch: (e) => withNext('The re-verification did not reach the state this app holds', e.message, 'Import the Commons’ whole ledger file again, so that this app rebuilds its state from it.'),
  DemoDisabled: (e) => ({ title: 'The Demo Commons is turned off', detail: e.message }),
  NoCreditLineVault: (e) => withNext('No such vault in this Commons', e.message, 'Choose one of the Commons’ vaults; a credit line belongs to a member vault.'),
  Fork: (e) =>
    withNext(
      `This Commons has forked at height ${e.seq}`,
      e.message,
      'Import nothing more and keep both files: show the stewards the two entry hashes above; a forked Commons needs its members to agree which history is theirs.',
    ),
  UpdateSkipsEntries: (e) => withNext(`Entries ${e.fromSeq} to ${e.toSeq} are missing before this update`, e.message, e.nextStep),
  UpdateNotForThisCommons: (e) => withNext('This update is for another Commons', e.message, e.nextStep),
  UpdateFileInvalid: (e) => withNext('This is not a valid update file', e.message, 'Ask whoever sent it for the file again, as it was exported.'),
  ExportBeyondHead: (e) => withNext('There is nothing to export from that entry', e.message, `Choose an entry from 0 to ${e.height - 1}.`),
};
