/** The ballots module's errors (SPEC §7), each with its sentence. */
import { type E, type Sentences, failWith } from '../module';
import { short } from '../words';

export type BallotsError = E<'UnknownMemberRoot', { root: string }>;

export const ballotsSentences: Sentences<BallotsError> = {
  UnknownMemberRoot: (e) => `The proof is against member tree root ${short(e.root)}, which is not one of the Commons' recent roots.`,
};

export const fail = failWith<BallotsError>(ballotsSentences);
