/**
 * The sentences of the stewards' and invitees' errors (shared/contract/stewards-errors.ts), one per
 * kind from the numbers that explain it (a mapped type: no kind without words).
 */
import { type StewardsError, type StewardsErrorKind } from '../../../shared/contract/stewards-errors';

type Details<K extends StewardsErrorKind> = Omit<Extract<StewardsError, { kind: K }>, 'kind' | 'message'>;

const SENTENCES: { [K in StewardsErrorKind]: (d: Details<K>) => string } = {
  InviteInvalid: (d) => `This is not a Commons invite file: ${d.reason}. Nothing was kept.`,
  NoSuchInvite: (d) => `No invite to the Commons ${d.commonsId} was opened in this app.`,
  InviteMismatch: (d) => `This ledger is not the Commons the invite names (${d.commonsId}): ${d.reason}. Nothing from it was stored.`,
  ZkKeysDiffer: (d) =>
    `This Commons' genesis states a ${d.circuit} verification key ${d.stated.slice(0, 16)}…, not this app's ${d.ours.slice(0, 16)}…: no proof made under its keys would verify here, so nothing was stored.`,
  SealNotNext: (d) => `The entry to seal is entry ${d.seq}, but the Commons holds entries 0 to ${d.height - 1}: it does not follow the head (another batch was sealed first). Nothing was stored.`,
};

export function stewardsError<K extends StewardsErrorKind>(kind: K, details: Details<K>): Extract<StewardsError, { kind: K }> {
  return { kind, message: SENTENCES[kind](details as never), ...details } as unknown as Extract<StewardsError, { kind: K }>;
}
