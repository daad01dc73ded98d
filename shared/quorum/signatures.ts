/**
 * What each signature a request carries is worth, checked against the digest recomputed from the
 * signed action (SPEC §3): nothing a file says about its signatures is taken on trust. A signature
 * that recovers to another key than the signer it names means the action was changed after that
 * signer signed it (a signature made over these very fields recovers to its signer), and the
 * co-signer is told so, by name, rather than shown a silent "0 of 2".
 */
import { type Hex } from '../crypto/canonical';
import { vaultActionDigest } from '../crypto/eip712';
import { type SignatureRecoverer, hexBytes } from '../crypto/recover';
import { type Signature } from '../commons/log';
import { type RecoveryJob } from '../commons/verify';
import { type VaultView } from '../contract/commons-view';
import { type SignedAction, vaultActionMessage } from './action';

/** Recovers who signed each job, in order (the renderer asks the main process: renderer/ledger/main-recoverer.ts). */
export type RecoverBatch = (jobs: readonly RecoveryJob[]) => Promise<(string | null)[]>;

/** A RecoverBatch on a local recoverer (tests, and anywhere the main process is not there). */
export const recoverWith =
  (recoverer: SignatureRecoverer): RecoverBatch =>
  async (jobs) =>
    jobs.map((job) => (recoverer.recoverHex ? recoverer.recoverHex(job.digest, job.sigHex) : recoverer.recover(job.digest, hexBytes(job.sigHex))));

export type SignatureStatus =
  /** Recovers to the current signer of the vault it names: it counts. */
  | 'valid'
  /** Names a current signer but recovers to another key: the signed fields changed after they signed. */
  | 'changed-after-signing'
  /** Names a current signer but recovers to no key at all (a damaged or malformed signature). */
  | 'unreadable'
  /** Names an address that is not a current signer of the vault. */
  | 'not-a-signer';

export interface SignatureCheck {
  /** The signer the file names. */
  readonly signer: string;
  /** That signer's label in the verified ledger; null when they are not a signer of the vault. */
  readonly name: string | null;
  readonly status: SignatureStatus;
  /** Whom the signature recovers to over this action's digest, or null. */
  readonly recovered: string | null;
}

/** The signers a request is checked against: address and label are all that is read. */
export type Signers = { readonly signers: readonly Omit<VaultView['signers'][number], 'path'>[] };

/** Checks every carried signature against the action's digest under this Commons. */
export async function checkSignatures(commonsId: Hex, vault: Signers, action: SignedAction, signatures: readonly Signature[], recover: RecoverBatch): Promise<SignatureCheck[]> {
  if (signatures.length === 0) return [];
  const digest = vaultActionDigest(vaultActionMessage(commonsId, action));
  const recovered = await recover(signatures.map(({ sig }) => ({ digest, sigHex: sig })));
  return signatures.map(({ signer }, i) => judge(vault, signer, recovered[i] ?? null));
}

function judge(vault: Signers, claimed: string, recovered: string | null): SignatureCheck {
  const signer = claimed.toLowerCase();
  const by = recovered?.toLowerCase() ?? null;
  const known = vault.signers.find((s) => s.address.toLowerCase() === signer);
  if (!known) return { signer, name: null, status: 'not-a-signer', recovered: by };
  const status: SignatureStatus = by === null ? 'unreadable' : by === signer ? 'valid' : 'changed-after-signing';
  return { signer, name: known.label, status, recovered: by };
}

/** The distinct current signers whose signatures hold: what counts towards the threshold. */
export const validSigners = (checks: readonly SignatureCheck[]): string[] => [...new Set(checks.filter((c) => c.status === 'valid').map((c) => c.signer))];

/** The sentence a co-signer reads about one signature. */
export function signatureSentence(check: SignatureCheck): string {
  const who = check.name === null ? check.signer : `${check.name} (${check.signer})`;
  switch (check.status) {
    case 'valid':
      return `Signed by ${who}: the signature recovers to this signer’s key.`;
    case 'changed-after-signing':
      return `The action in this file was changed after ${who} signed it (or their signature was altered): it does not match what the file now asks, so it does not count.`;
    case 'unreadable':
      return `The signature of ${who} in this file is damaged: it recovers to no key, so it does not count.`;
    case 'not-a-signer':
      return `A signature in this file names ${check.signer}, which is not a signer of this vault: it does not count.`;
  }
}
