/**
 * The Demo Commons' members' identities: secret and "biometric" key derived from their names, so
 * that anyone can recompute them. Demo only — they show the flows (enrolment proofs, anonymous
 * ballots, presentations) on data that protects nothing.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { SNARK_FIELD, fieldOfHash } from './field';
import { identityCommitment, uniquenessNullifier } from './poseidon';

const fieldOf = (text: string): bigint => BigInt(`0x${bytesToHex(keccak_256(utf8ToBytes(text)))}`) % SNARK_FIELD;

export interface DemoIdentity {
  readonly secret: bigint;
  readonly bioKey: bigint;
}

export const demoIdentity = (label: string): DemoIdentity => ({ secret: fieldOf(`c3 demo secret ${label}`), bioKey: fieldOf(`c3 demo biometric ${label}`) });

/** C and U of a demo member in a Commons, as decimal strings. */
export function demoEnrolmentSignals(label: string, commonsId: string): { commitment: string; nullifier: string; publicSignals: string[] } {
  const { secret, bioKey } = demoIdentity(label);
  const commonsField = fieldOfHash(commonsId);
  const commitment = String(identityCommitment(secret, bioKey));
  const nullifier = String(uniquenessNullifier(bioKey, commonsField));
  return { commitment, nullifier, publicSignals: [commitment, nullifier, String(commonsField)] };
}
