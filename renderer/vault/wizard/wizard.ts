/**
 * The vault wizard's rules (SPEC §3), pure: a member vault or a Commons vault (reserve, working
 * funds) from signers each confirmed on their device, a threshold said in plain words, and for a
 * Commons vault a spend limit per period. The result is a signing request (shared/quorum/request.ts)
 * like any other: a member vault's `vault.create`, signed by its own signers and the member's key;
 * a Commons vault's `vault.createCommons`, signed by the treasury quorum. The ledger checks it all
 * again; this only keeps a request that could never execute from being made.
 */
import { getAddress } from 'viem';
import { type CosignerFile } from '../../../shared/backup/cosigner-file';
import { type CommonsView } from '../../../shared/contract/commons-view';
import { memberKeyAddress } from '../../../shared/commons/identity-did';
import { MAX_SIGNERS, deriveVaultAddress } from '../../../shared/commons/vaults';
import { type Hex } from '../../../shared/crypto/canonical';
import { type SigningRequest, unsignedRequest } from '../../../shared/quorum/request';
import { type Result, err, ok } from '../../../shared/result';

/** A signer as the wizard holds it: where it came from, and whether its device showed its address. */
export interface WizardSigner {
  readonly address: string;
  readonly device: 'ledger' | 'trezor' | 'unknown';
  readonly label: string;
  readonly path: string;
  /** A device connected here, another member's co-signer file, or (a change of signers) the vault's current signer as the ledger holds it. */
  readonly source: 'connected' | 'cosigner-file' | 'ledger';
  /** The device itself showed this address at this path (devices.getAddress with display). */
  readonly confirmed: true;
}

type P<K extends string, X = object> = { readonly kind: K; readonly message: string } & X;
export type WizardProblem =
  | P<'CosignerNotConfirmed', { address: string; shown: string | null; path: string }>
  | P<'SignerTwice', { address: string }>
  | P<'NoSigners'>
  | P<'TooManySigners', { signers: number; max: number }>
  | P<'BadThreshold', { threshold: number; signers: number }>
  | P<'OwnerKeyMissing', { owner: string; key: string }>
  | P<'NoName'>
  | P<'NameTaken', { name: string }>
  | P<'VaultExistsHere', { address: string }>
  | P<'BadSpendLimit', { reason: string }>;

const words = {
  CosignerNotConfirmed: (e: { address: string; shown: string | null; path: string }) =>
    e.shown === null
      ? `The device did not show ${e.address} at ${e.path} for you to confirm, so the co-signer file's address was not added.`
      : `At ${e.path} the device holds ${e.shown}, not the co-signer file's ${e.address}: the file was not added as a signer.`,
  SignerTwice: (e: { address: string }) => `${e.address} is a signer already: a key counts once.`,
  NoSigners: () => 'A vault needs at least one signer.',
  TooManySigners: (e: { signers: number; max: number }) => `A vault has at most ${e.max} signers, not ${e.signers}.`,
  BadThreshold: (e: { threshold: number; signers: number }) => `The number of signatures needed must be between 1 and the ${e.signers} signers, not ${e.threshold}.`,
  OwnerKeyMissing: (e: { owner: string; key: string }) => `A member's vault keeps the member's own key (${e.key}, of ${e.owner}) among its signers: add it.`,
  NoName: () => 'Give the vault a name.',
  NameTaken: (e: { name: string }) => `A vault named “${e.name}” exists already in this Commons: choose another name.`,
  VaultExistsHere: (e: { address: string }) => `The ledger already holds a vault at ${e.address}: choose another name.`,
  BadSpendLimit: (e: { reason: string }) => `The spend limit is not one the ledger takes: ${e.reason}.`,
} as const;

export function wizardProblem<K extends WizardProblem['kind']>(kind: K, extra: Omit<Extract<WizardProblem, { kind: K }>, 'kind' | 'message'>): Extract<WizardProblem, { kind: K }> {
  const say = words[kind] as (e: typeof extra) => string;
  return { kind, message: say(extra), ...extra } as unknown as Extract<WizardProblem, { kind: K }>;
}

/**
 * A co-signer file's account as a signer, once the device of its kind showed the address at its
 * path: refused unless the device confirmed the very address the file names (docs/backup-and-cosigner-files.md).
 */
export function signerFromCosignerFile(file: CosignerFile, device: { address: string; verifiedOnDevice: boolean } | null): Result<WizardSigner, WizardProblem> {
  const shown = device ? getAddress(device.address) : null;
  if (!device || !device.verifiedOnDevice || shown !== file.address) return err(wizardProblem('CosignerNotConfirmed', { address: file.address, shown, path: file.path }));
  return ok({ address: file.address.toLowerCase(), device: file.device, label: file.label, path: file.path, source: 'cosigner-file', confirmed: true });
}

/** Adds a signer, refusing one already there. */
export function addSigner(signers: readonly WizardSigner[], signer: WizardSigner): Result<WizardSigner[], WizardProblem> {
  const address = signer.address.toLowerCase();
  if (signers.some((s) => s.address === address)) return err(wizardProblem('SignerTwice', { address }));
  if (signers.length >= MAX_SIGNERS) return err(wizardProblem('TooManySigners', { signers: signers.length + 1, max: MAX_SIGNERS }));
  return ok([...signers, { ...signer, address }]);
}

/** The trade-off of M of N in plain words (SPEC §3). */
export function thresholdExplanation(threshold: number, signers: number): string {
  if (signers === 0) return 'Add the signers first.';
  if (threshold < 1 || threshold > signers) return `Choose between 1 and ${signers}.`;
  const lose = signers - threshold;
  const steal = threshold;
  const access =
    lose === 0
      ? `Every one of the ${signers} devices must sign: losing any one of them locks the vault for good.`
      : `The vault still works if ${lose === 1 ? 'one device is' : `${lose} devices are`} lost or broken.`;
  const safety =
    steal === 1
      ? 'Whoever holds any single one of the devices can move everything on their own.'
      : `A thief needs ${steal} of the devices: one stolen or tricked device is not enough.`;
  return `Any ${threshold} of the ${signers} signers must approve each action. ${access} ${safety}`;
}

export interface VaultDraft {
  readonly kind: 'member' | 'commons';
  readonly name: string;
  /** The owning member's DID (member vaults). */
  readonly owner: string | null;
  readonly signers: readonly WizardSigner[];
  readonly threshold: number;
  /** Commons vaults: CONX base units per period, or null for none. */
  readonly spendLimit: { readonly amount: bigint; readonly periodSeconds: number } | null;
  readonly validUntil: number;
}

/** A vault's salt from its name: the address is the hash of (Commons, owner, salt), so one name, one vault per owner. */
export const saltOf = (name: string) => name.trim().toLowerCase().replace(/\s+/g, '-').slice(0, 100);

/** The vault's address as the ledger will derive it. */
export const draftAddress = (commons: Pick<CommonsView, 'commonsId'>, draft: Pick<VaultDraft, 'kind' | 'owner' | 'name'>): string =>
  deriveVaultAddress(commons.commonsId.toLowerCase() as Hex, draft.kind === 'commons' ? 'commons' : (draft.owner ?? ''), saltOf(draft.name));

/** The creation request, or the first reason it could never execute. */
export function vaultCreationRequest(commons: CommonsView, draft: VaultDraft): Result<SigningRequest<'vault.create'> | SigningRequest<'vault.createCommons'>, WizardProblem> {
  const name = draft.name.trim();
  if (name.length === 0) return err(wizardProblem('NoName', {}));
  if (commons.vaults.some((v) => v.name === name)) return err(wizardProblem('NameTaken', { name }));
  const n = draft.signers.length;
  if (n === 0) return err(wizardProblem('NoSigners', {}));
  if (n > MAX_SIGNERS) return err(wizardProblem('TooManySigners', { signers: n, max: MAX_SIGNERS }));
  if (!Number.isInteger(draft.threshold) || draft.threshold < 1 || draft.threshold > n) return err(wizardProblem('BadThreshold', { threshold: draft.threshold, signers: n }));
  const address = draftAddress(commons, { ...draft, name });
  if (commons.vaults.some((v) => v.address.toLowerCase() === address)) return err(wizardProblem('VaultExistsHere', { address }));
  const signers = draft.signers.map(({ address: a, device, label, path }) => ({ address: a.toLowerCase(), device, label, path }));
  const setup = { name, signers, threshold: draft.threshold, salt: saltOf(name) };
  if (draft.kind === 'member') {
    const owner = draft.owner ?? '';
    const key = memberKeyAddress(owner);
    if (!key.ok || !signers.some((s) => s.address === key.value)) return err(wizardProblem('OwnerKeyMissing', { owner, key: key.ok ? key.value : 'unknown' }));
    return ok(unsignedRequest(commons, { address, nonce: 0 }, 'vault.create', { owner, ...setup }, draft.validUntil));
  }
  const limit = draft.spendLimit;
  if (limit && limit.amount <= 0n) return err(wizardProblem('BadSpendLimit', { reason: 'the amount must be more than zero' }));
  if (limit && (limit.periodSeconds < 3_600 || limit.periodSeconds > 366 * 86_400)) return err(wizardProblem('BadSpendLimit', { reason: 'the period is between an hour and a year' }));
  const treasury = commons.vaults.find((v) => v.address.toLowerCase() === commons.treasury.toLowerCase());
  const payload = { address, ...setup, ...(limit ? { spendLimit: { amount: limit.amount, periodSeconds: limit.periodSeconds } } : {}) };
  return ok(unsignedRequest(commons, { address: commons.treasury, nonce: treasury?.nonce ?? 0 }, 'vault.createCommons', payload, draft.validUntil));
}
