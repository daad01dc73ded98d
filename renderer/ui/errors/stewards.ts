/**
 * The stewards' and invitees' errors (shared/contract/stewards-errors.ts) in words: an invite that
 * is not one, a ledger that is not the invited Commons, other verification keys, a batch sealed
 * after another.
 */
import { type StewardsError } from '../../../shared/contract/stewards-errors';
import { type WordsFor } from './words';

export const stewardsWords: WordsFor<StewardsError> = {
  InviteInvalid: (e) => ({ title: 'This is not a Commons invite', detail: e.message, next: 'Ask the stewards for the invite file again, as their app exported it.' }),
  NoSuchInvite: (e) => ({ title: 'No invite to this Commons was opened here', detail: e.message, next: 'Open the invite file first, then its ledger file.' }),
  InviteMismatch: (e) => ({ title: 'This ledger is not the Commons you were invited to', detail: e.message, next: 'Check that the file came with this invite; ask the stewards for the Commons’ whole ledger file.' }),
  ZkKeysDiffer: (e) => ({
    title: `This Commons uses another ${e.circuit} verification key`,
    detail: e.message,
    next: 'Compare your app’s version with the stewards’; a Commons can only be joined with the verification keys its genesis states.',
  }),
  SealNotNext: (e) => ({ title: 'This batch no longer follows the ledger’s head', detail: e.message, next: 'Check the inbox again: it builds the next entry on the current head, then seal that.' }),
};
