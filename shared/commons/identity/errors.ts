/** The identity module's errors (SPEC §1), each with its sentence. */
import { type E, type Sentences, failWith } from '../module';
import { short, when } from '../words';
import { type Faction } from './state';

export type IdentityError =
  | E<'NotAMember', { who: string }>
  | E<'AlreadyMember', { did: string }>
  | E<'DuplicateNullifier', { nullifier: string }>
  | E<'DuplicateScopeNullifier', { scope: string; nullifier: string }>
  | E<'UnknownAttestor', { attestor: string }>
  | E<'BadAttestation', { attestor: string }>
  | E<'FactionCooldown', { since: number; until: number; time: number }>
  | E<'SameFaction', { faction: Faction }>
  | E<'AttestorExists', { attestor: string }>;

export const identitySentences: Sentences<IdentityError> = {
  NotAMember: (e) => `${e.who} is not a member of this Commons.`,
  AlreadyMember: (e) => `${e.did} is already a member.`,
  DuplicateNullifier: () => 'This person is already enrolled in this Commons: the uniqueness nullifier has been used.',
  DuplicateScopeNullifier: () => 'This member has already voted (or presented) in this scope: the nullifier has been used.',
  UnknownAttestor: (e) => `${short(e.attestor)} is not an attestor of this Commons.`,
  BadAttestation: (e) => `The attestation does not come from the attestor ${short(e.attestor)}, or is not over this enrolment.`,
  FactionCooldown: (e) => `A member may change faction once per cool-down: the last change was at ${when(e.since)}, the next is allowed from ${when(e.until)}.`,
  SameFaction: (e) => `The member is already in the ${e.faction}.`,
  AttestorExists: (e) => `${short(e.attestor)} is already an attestor.`,
};

export const fail = failWith<IdentityError>(identitySentences);
