/**
 * The vault backup file (docs/backup-and-cosigner-files.md): a vault's configuration and its
 * co-signers, no secrets, so that another machine can show the vault. The file is never the
 * source of truth: a restore shows the vault only once `checkVaultBackup` has found it in the
 * verified ledger with exactly the file's signers and threshold (SPEC §3); a mismatch is a typed
 * error naming each field that differs.
 */
import { getAddress } from 'viem';
import { z } from 'zod';
import { type CommonsView, Hex32, type VaultView } from '../contract/commons-view';
import { DerivationPath } from '../contract/devices';
import { type Result, err, ok } from '../result';
import { CheckedAddress, DisplayLabel, Fingerprint, IsoTime } from './cosigner-file';
import { type FileFormat, type FileReadError, readFileOf } from './read-file';

export const VAULT_BACKUP_FORMAT = 'c3-vault-backup';
export const VAULT_BACKUP_VERSION = 1;
/** SPEC §3: a vault has 1 to 15 signers. */
const MAX_SIGNERS = 15;

/** A signer as a co-signer entry; `unknown` for a signer the ledger records without its device kind. */
export const VaultSignerEntry = z.strictObject({
  address: CheckedAddress,
  device: z.enum(['ledger', 'trezor', 'unknown']),
  fingerprint: Fingerprint.nullable(),
  label: DisplayLabel,
  path: DerivationPath,
});
export type VaultSignerEntry = z.output<typeof VaultSignerEntry>;

export const VaultBackupFile = z
  .strictObject({
    format: z.literal(VAULT_BACKUP_FORMAT),
    version: z.literal(VAULT_BACKUP_VERSION),
    commonsId: Hex32,
    vault: z.strictObject({
      address: CheckedAddress,
      name: DisplayLabel,
      kind: z.enum(['member', 'commons']),
      /** The owner's DID for a member vault; null for a Commons vault. */
      owner: z.string().max(200).nullable(),
      signers: z.array(VaultSignerEntry).min(1).max(MAX_SIGNERS),
      threshold: z.number().int().min(1).max(MAX_SIGNERS),
      /** The vault's nonce when the file was made. */
      nonce: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    }),
    exportedAt: IsoTime,
  })
  .superRefine((file, ctx) => {
    const { signers, threshold } = file.vault;
    if (threshold > signers.length) ctx.addIssue({ code: 'custom', path: ['vault', 'threshold'], message: `the threshold ${threshold} is more than the ${signers.length} signers` });
    const seen = new Set<string>();
    for (const [i, signer] of signers.entries()) {
      const key = signer.address.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['vault', 'signers', i, 'address'], message: `the signer ${signer.address} is listed twice` });
      seen.add(key);
    }
  });
export type VaultBackupFile = z.output<typeof VaultBackupFile>;

export const VAULT_BACKUP_FILE: FileFormat<typeof VaultBackupFile> = {
  file: 'vault backup file',
  format: VAULT_BACKUP_FORMAT,
  versions: [VAULT_BACKUP_VERSION],
  maxBytes: 32 * 1024,
  maxDepth: 4,
  schema: VaultBackupFile,
};

/** A ledger's label made fit for the file: one line, no direction overrides, 64 characters at most. */
const displayable = (text: string): string => text.replace(/[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu, ' ').slice(0, 64);

/**
 * The backup of one vault as the verified ledger shows it. `fingerprints` adds the master
 * fingerprints this app knows (by address, lowercase); the ledger does not record them.
 */
export function writeVaultBackup(commonsId: string, vault: VaultView, exportedAt: Date, fingerprints: ReadonlyMap<string, string> = new Map()): string {
  const file = {
    format: VAULT_BACKUP_FORMAT,
    version: VAULT_BACKUP_VERSION,
    commonsId,
    vault: {
      address: getAddress(vault.address),
      name: displayable(vault.name),
      kind: vault.kind,
      owner: vault.owner,
      signers: vault.signers.map((s) => ({
        address: getAddress(s.address),
        device: s.device,
        fingerprint: fingerprints.get(s.address.toLowerCase()) ?? null,
        label: displayable(s.label),
        path: s.path,
      })),
      threshold: vault.threshold,
      nonce: vault.nonce,
    },
    exportedAt: exportedAt.toISOString(),
  };
  return `${JSON.stringify(VaultBackupFile.parse(file), null, 2)}\n`;
}

export function readVaultBackup(text: string): Result<VaultBackupFile, FileReadError> {
  return readFileOf(text, VAULT_BACKUP_FILE);
}

/** One field on which the file and the verified ledger disagree, both values in words. */
export interface VaultDifference {
  readonly field: 'name' | 'kind' | 'owner' | 'threshold' | 'signers' | 'nonce';
  readonly backup: string;
  readonly ledger: string;
}

export type VaultBackupMismatch =
  | { readonly kind: 'VaultBackupOtherCommons'; readonly message: string; readonly backupCommonsId: string; readonly ledgerCommonsId: string }
  | { readonly kind: 'VaultBackupVaultMissing'; readonly message: string; readonly vault: string; readonly height: number }
  | { readonly kind: 'VaultBackupDiffers'; readonly message: string; readonly vault: string; readonly differences: readonly VaultDifference[] };

const signerWords = (s: { address: string; path: string; device: string }) => `${getAddress(s.address)} (${s.device}, ${s.path})`;

/**
 * The vault as the verified ledger shows it, when the backup describes it exactly (same Commons,
 * same vault, same signers with their paths and device kinds, same threshold, name, kind and owner,
 * and a ledger no older than the file); otherwise every difference. Labels are display only and
 * not compared. Pure: it reads only the file and the CommonsView.
 */
export function checkVaultBackup(backup: VaultBackupFile, ledger: CommonsView): Result<VaultView, VaultBackupMismatch> {
  if (backup.commonsId.toLowerCase() !== ledger.commonsId.toLowerCase()) {
    return err({
      kind: 'VaultBackupOtherCommons',
      message: `This vault backup is for the Commons ${backup.commonsId}, not for ${ledger.name} (${ledger.commonsId}) open here.`,
      backupCommonsId: backup.commonsId,
      ledgerCommonsId: ledger.commonsId,
    });
  }
  const address = backup.vault.address.toLowerCase();
  const vault = ledger.vaults.find((v) => v.address.toLowerCase() === address);
  if (!vault) {
    return err({
      kind: 'VaultBackupVaultMissing',
      message: `The verified ledger of ${ledger.name} (height ${ledger.height}) has no vault ${backup.vault.address}: the backup is not shown.`,
      vault: backup.vault.address,
      height: ledger.height,
    });
  }
  const differences: VaultDifference[] = [];
  const differ = (field: VaultDifference['field'], inBackup: string, inLedger: string) => {
    if (inBackup !== inLedger) differences.push({ field, backup: inBackup, ledger: inLedger });
  };
  differ('name', backup.vault.name, displayable(vault.name));
  differ('kind', backup.vault.kind, vault.kind);
  differ('owner', backup.vault.owner ?? 'none', vault.owner ?? 'none');
  differ('threshold', String(backup.vault.threshold), String(vault.threshold));
  const sorted = (signers: readonly { address: string; path: string; device: string }[]) => signers.map(signerWords).sort().join(', ');
  differ('signers', sorted(backup.vault.signers), sorted(vault.signers));
  if (backup.vault.nonce > vault.nonce) differences.push({ field: 'nonce', backup: String(backup.vault.nonce), ledger: `${vault.nonce} (this ledger is older than the backup: import the newer updates first)` });
  if (differences.length === 0) return ok(vault);
  return err({
    kind: 'VaultBackupDiffers',
    message: `The verified ledger does not show vault ${backup.vault.address} as the backup describes it: ${differences.map((d) => `${d.field} is ${d.backup} in the backup but ${d.ledger} in the ledger`).join('; ')}.`,
    vault: backup.vault.address,
    differences,
  });
}
