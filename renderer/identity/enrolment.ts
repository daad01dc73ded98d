/**
 * Building a member.enrol action (SPEC §1) in the renderer from public parts only: the proof of C
 * and U from the main process, the attestor's signature over (C, U), the member's first vault
 * with their hardware key, and that key's signature over the VaultAction. The enrolment is a
 * signing request like any other vault action (shared/quorum/): its message is the one
 * `vaultActionMessage`, and what goes to a real Commons' stewards is a request file.
 */
import { hexToBytes } from '@noble/hashes/utils.js';
import { type PayloadOf } from '../../shared/commons/log';
import { deriveVaultAddress } from '../../shared/commons/vaults';
import { pkhDid } from '../../shared/commons/identity-did';
import { type Hex } from '../../shared/crypto/canonical';
import { enrolmentDigest, type VaultActionMessage } from '../../shared/crypto/eip712';
import { nobleRecoverer } from '../../shared/crypto/recover';
import { type Faction } from '../../shared/contract/commons-view';
import { signedDigest, vaultActionMessage } from '../../shared/quorum/action';
import { type SigningRequest, unsignedRequest, withSignature } from '../../shared/quorum/request';
import { type Refusal } from '../sign/preflight';
import { type ShownError } from '../ui/describe-error';
import { type FlowError } from '../ui/errors/flows';

export interface EnrolmentProof {
  readonly commitment: string;
  readonly nullifier: string;
  readonly publicSignals: string[];
  readonly proof: PayloadOf<'member.enrol'>['proof'];
}

export interface EnrolmentParts {
  readonly commonsId: Hex;
  readonly proof: EnrolmentProof;
  readonly attestor: { readonly address: string; readonly sig: string };
  readonly label: string;
  readonly faction: Faction;
  readonly key: { readonly address: string; readonly path: string; readonly device: 'ledger' | 'trezor' };
  /** Unix seconds after which the ledger refuses the action. */
  readonly validUntil: number;
}

const recover = (digest: Uint8Array, sig: string) => nobleRecoverer.recover(digest, hexToBytes(sig.replace(/^0x/, '')));

/** True when `sig` is the attestor's signature over this enrolment's C and U. */
export const attestationValid = (commonsId: Hex, proof: EnrolmentProof, attestor: string, sig: string): boolean =>
  recover(hexToBytes(enrolmentDigest(commonsId, BigInt(proof.commitment), BigInt(proof.nullifier)).slice(2)), sig) === attestor.toLowerCase();

/** The unsigned enrolment request and the VaultAction message its key signs. */
export function enrolment(parts: EnrolmentParts): { request: SigningRequest<'member.enrol'>; message: VaultActionMessage } {
  const key = parts.key.address.toLowerCase();
  const did = pkhDid(key);
  const vault = deriveVaultAddress(parts.commonsId, did, 'main');
  const payload: PayloadOf<'member.enrol'> = {
    did,
    label: parts.label,
    faction: parts.faction,
    commitment: parts.proof.commitment,
    nullifier: parts.proof.nullifier,
    publicSignals: parts.proof.publicSignals,
    proof: parts.proof.proof,
    attestor: parts.attestor.address.toLowerCase(),
    attestorSig: parts.attestor.sig.toLowerCase(),
    vault: { name: `${parts.label}'s vault`, signers: [{ address: key, device: parts.key.device, label: `${parts.label} · ${parts.key.device === 'ledger' ? 'Ledger' : 'Trezor'}`, path: parts.key.path }], threshold: 1, salt: 'main' },
  };
  // The new vault is the acting one, at its first action number.
  const request = unsignedRequest({ commonsId: parts.commonsId }, { address: vault, nonce: 0 }, 'member.enrol', payload, parts.validUntil);
  return { request, message: vaultActionMessage(parts.commonsId, request.action) };
}

/** The request with its key's signature, if the signature is that key's over this very action. */
export function signedEnrolment(request: SigningRequest<'member.enrol'>, signer: string, sig: string): SigningRequest<'member.enrol'> | null {
  if (recover(signedDigest(request.commonsId, request.action), sig) !== signer.toLowerCase()) return null;
  return withSignature(request, signer, sig);
}

/**
 * Why the enrolment was not sent to a device, in its own words: a rule the ledger would refuse it
 * by, a ledger not yet loaded, or main not answering (its error, said as such, not as a refusal).
 */
export function enrolmentNotChecked(refusal: Refusal): ShownError {
  switch (refusal.kind) {
    case 'PreflightNotAnswered':
      return refusal.error;
    case 'LedgerNotLoaded':
      return { kind: 'NotChecked', message: refusal.message, nextStep: 'Nothing was signed.' } satisfies FlowError;
    default:
      return { kind: 'EnrolmentWouldBeRefused', message: refusal.message, nextStep: 'Nothing was signed.' } satisfies FlowError;
  }
}
