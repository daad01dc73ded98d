/**
 * The co-signer file (docs/backup-and-cosigner-files.md): one device account a member offers as a
 * vault signer, exported by their app and imported by whoever builds the vault. It carries only
 * public facts: the address, the device kind, the device's BIP32 master fingerprint where known,
 * the derivation path, a label and when it was made.
 *
 * Nothing in it is trusted because the file says so: the address is checked (EIP-55 checksum, or
 * all lowercase) and then verified on the device where it is connected; the label is shown, never
 * matched or used to pick anything.
 */
import { getAddress, isAddress } from 'viem';
import { z } from 'zod';
import { DerivationPath } from '../contract/devices';
import { type Result } from '../result';
import { type FileFormat, type FileReadError, readFileOf } from './read-file';

export const COSIGNER_FORMAT = 'c3-cosigner';
export const COSIGNER_VERSION = 1;

/** An address with a valid EIP-55 checksum, or all lowercase (no checksum to check); read as its checksummed form. */
export const CheckedAddress = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'an address is 0x and 40 hex digits')
  .refine((address) => isAddress(address, { strict: true }), 'the address’s capital letters do not match its EIP-55 checksum (a mistyped or altered address)')
  .transform((address): string => getAddress(address));

/**
 * A label for display: short, one line, and free of control and direction-override characters
 * (which could make a label look like another signer's on screen).
 */
export const DisplayLabel = z
  .string()
  .max(64, 'a label is at most 64 characters')
  .refine((label) => !/[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/u.test(label), 'a label may not hold control or text-direction characters');

/** The device's BIP32 master fingerprint, 8 lowercase hex digits, as `devices.getXpub` reads it. */
export const Fingerprint = z.string().regex(/^[0-9a-f]{8}$/, 'a fingerprint is 8 lowercase hex digits');

/** An ISO 8601 UTC time, as `Date.prototype.toISOString` writes it. */
export const IsoTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/, 'a time as 2026-01-31T12:00:00.000Z')
  .refine((time) => !Number.isNaN(Date.parse(time)), 'not a real date');

/** One co-signer: the fields a co-signer file and a vault backup's signer entry share. */
export const CosignerEntry = z.strictObject({
  address: CheckedAddress,
  device: z.enum(['ledger', 'trezor']),
  /** null where the app could not read it (a Ledger without the Bitcoin app, say). */
  fingerprint: Fingerprint.nullable(),
  label: DisplayLabel,
  path: DerivationPath,
});
export type CosignerEntry = z.output<typeof CosignerEntry>;

export const CosignerFile = z.strictObject({
  format: z.literal(COSIGNER_FORMAT),
  version: z.literal(COSIGNER_VERSION),
  ...CosignerEntry.shape,
  createdAt: IsoTime,
});
export type CosignerFile = z.output<typeof CosignerFile>;

export const COSIGNER_FILE: FileFormat<typeof CosignerFile> = {
  file: 'co-signer file',
  format: COSIGNER_FORMAT,
  versions: [COSIGNER_VERSION],
  maxBytes: 4 * 1024,
  maxDepth: 2,
  schema: CosignerFile,
};

/** The file's text for one device account (the address written checksummed). */
export function writeCosignerFile(entry: CosignerEntry, createdAt: Date): string {
  const file: CosignerFile = {
    format: COSIGNER_FORMAT,
    version: COSIGNER_VERSION,
    address: getAddress(entry.address),
    device: entry.device,
    fingerprint: entry.fingerprint,
    label: entry.label,
    path: entry.path,
    createdAt: createdAt.toISOString(),
  };
  // Validated on the way out too: the app never writes a file it would refuse to read.
  return `${JSON.stringify(CosignerFile.parse(file), null, 2)}\n`;
}

/** A co-signer file's contents, or why it is refused. The address is returned checksummed. */
export function readCosignerFile(text: string): Result<CosignerFile, FileReadError> {
  return readFileOf(text, COSIGNER_FILE);
}

/** The suggested file name: the device kind and the address's first and last digits, never the label. */
export const cosignerFileName = (entry: Pick<CosignerEntry, 'address' | 'device'>): string =>
  `c3-cosigner-${entry.device}-${entry.address.slice(2, 8).toLowerCase()}-${entry.address.slice(-4).toLowerCase()}.json`;
