/**
 * The member's MEID secret backup (docs/backup-and-cosigner-files.md; SPEC §1: losing the secret
 * loses the identity). The secret is sealed with a passphrase the member chooses:
 *   scrypt(passphrase, salt; N = 2^logN, r = 8, p = 1) → 64 bytes: the first 32 are the
 *   XChaCha20-Poly1305 key, the last 32 give a passphrase check (SHA-256, first 16 bytes) that
 *   lets a wrong passphrase be told apart from an altered file;
 *   XChaCha20-Poly1305 with a random 24-byte nonce, its associated data binding the format,
 *   version, Commons id, commitment, KDF parameters and salt: a file for another Commons, or with a
 *   swapped commitment, fails authentication.
 * The KDF's cost is bounded by the schema (logN 15..20, r 8, p 1) before scrypt runs, so a hostile
 * file cannot make the app spend minutes or gigabytes.
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { Hex32 } from '../contract/commons-view';
import { type IdentityBackupError } from '../contract/zk-errors';
import { type Result, err, ok } from '../result';
import { SNARK_FIELD } from '../zk/field';
import { IsoTime } from './cosigner-file';
import { type FileReadError, type FileFormat, readFileOf } from './read-file';

export const MEID_BACKUP_FORMAT = 'c3-meid-backup';
export const MEID_BACKUP_VERSION = 1;

/** scrypt N = 2^17, r = 8, p = 1: 128 MiB and ~0.6 s on the reference machine (docs). */
export const DEFAULT_KDF = { name: 'scrypt', logN: 17, r: 8, p: 1 } as const;
export const MIN_LOG_N = 15;
export const MAX_LOG_N = 20;
export const MIN_PASSPHRASE_LENGTH = 12;
const MAX_PASSPHRASE_LENGTH = 1024;

const hexOf = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`), `${bytes} bytes as lowercase hex`);
const Decimal = z.string().regex(/^[0-9]{1,78}$/).refine((s) => BigInt(s) < SNARK_FIELD, 'a field element');

export const KdfParams = z.strictObject({
  name: z.literal('scrypt'),
  logN: z
    .number()
    .int()
    .min(MIN_LOG_N, `the key-derivation cost is below 2^${MIN_LOG_N}, too weak for a passphrase backup`)
    .max(MAX_LOG_N, `the key-derivation cost is above 2^${MAX_LOG_N}, more than C3 Vault runs for a backup (it would stall the app)`),
  r: z.literal(8),
  p: z.literal(1),
});
export type KdfParams = z.output<typeof KdfParams>;

export const MeidBackupFile = z.strictObject({
  format: z.literal(MEID_BACKUP_FORMAT),
  version: z.literal(MEID_BACKUP_VERSION),
  commonsId: Hex32,
  /** The member's MEID commitment C in that Commons (public; bound in the associated data). */
  commitment: Decimal,
  kdf: KdfParams,
  salt: hexOf(16),
  passphraseCheck: hexOf(16),
  nonce: hexOf(24),
  /** The sealed secret: {"secret","createdAt"} as JSON and a 16-byte tag, at most 512 bytes. */
  ciphertext: z.string().regex(/^([0-9a-f]{2}){17,512}$/, 'the sealed secret as lowercase hex, at most 512 bytes'),
  exportedAt: IsoTime,
});
export type MeidBackupFile = z.output<typeof MeidBackupFile>;

export const MEID_BACKUP_FILE: FileFormat<typeof MeidBackupFile> = {
  file: 'identity backup file',
  format: MEID_BACKUP_FORMAT,
  versions: [MEID_BACKUP_VERSION],
  maxBytes: 4 * 1024,
  maxDepth: 2,
  schema: MeidBackupFile,
};

const Sealed = z.strictObject({ secret: Decimal, createdAt: z.string().max(64) });

/** What is wrong with a passphrase for a new backup, in words; null when it is fit. */
export function passphraseProblem(passphrase: string): string | null {
  const length = [...passphrase].length;
  if (length < MIN_PASSPHRASE_LENGTH) return `The passphrase has ${length} characters; a backup passphrase needs at least ${MIN_PASSPHRASE_LENGTH} (a few unrelated words work well).`;
  if (length > MAX_PASSPHRASE_LENGTH) return `The passphrase has ${length} characters; at most ${MAX_PASSPHRASE_LENGTH} are taken.`;
  if (new Set(passphrase).size < 5) return 'The passphrase repeats too few different characters to be hard to guess; use a few unrelated words.';
  if (passphrase.trim() !== passphrase) return 'The passphrase starts or ends with spaces, which are easy to lose when typing it again; remove them.';
  return null;
}

/** The associated data: everything in the file a reader acts on, besides the nonce and the ciphertext. */
const associatedData = (f: Pick<MeidBackupFile, 'commonsId' | 'commitment' | 'kdf' | 'salt'>): Uint8Array =>
  utf8ToBytes(JSON.stringify([MEID_BACKUP_FORMAT, MEID_BACKUP_VERSION, f.commonsId.toLowerCase(), f.commitment, f.kdf.name, f.kdf.logN, f.kdf.r, f.kdf.p, f.salt]));

/** scryptAsync yields every 10 ms: the main process stays responsive for the ~0.6 s it runs. */
async function deriveKeys(passphrase: string, salt: Uint8Array, kdf: KdfParams): Promise<{ key: Uint8Array; check: string }> {
  const out = await scryptAsync(utf8ToBytes(passphrase.normalize('NFC')), salt, { N: 2 ** kdf.logN, r: kdf.r, p: kdf.p, dkLen: 64 });
  return { key: out.slice(0, 32), check: bytesToHex(sha256(out.slice(32)).slice(0, 16)) };
}

export interface MeidSecret {
  readonly secret: bigint;
  /** When the identity was created (the identity file's createdAt). */
  readonly createdAt: string;
}

export interface SealOptions {
  readonly commonsId: string;
  readonly commitment: string;
  readonly passphrase: string;
  readonly exportedAt: Date;
  readonly kdf?: KdfParams;
  /** For tests only: the salt and nonce's source. */
  readonly random?: (bytes: number) => Uint8Array;
}

const tooWeak = (problem: string): IdentityBackupError => ({
  kind: 'BackupPassphraseTooWeak',
  message: problem,
  nextStep: `Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters that you do not use anywhere else, and keep it apart from the file.`,
  minLength: MIN_PASSPHRASE_LENGTH,
});

/** The backup file's text for the member's secret, or why the passphrase is refused. */
export async function sealMeidBackup(identity: MeidSecret, options: SealOptions): Promise<Result<string, IdentityBackupError>> {
  const problem = passphraseProblem(options.passphrase);
  if (problem) return err(tooWeak(problem));
  const kdf = KdfParams.parse(options.kdf ?? DEFAULT_KDF);
  const random = options.random ?? randomBytes;
  const salt = random(16);
  const nonce = random(24);
  const { key, check } = await deriveKeys(options.passphrase, salt, kdf);
  const header = { commonsId: options.commonsId.toLowerCase(), commitment: options.commitment, kdf, salt: bytesToHex(salt) };
  const plain = utf8ToBytes(JSON.stringify({ secret: identity.secret.toString(), createdAt: identity.createdAt }));
  const ciphertext = xchacha20poly1305(key, nonce, associatedData(header)).encrypt(plain);
  const file: MeidBackupFile = {
    format: MEID_BACKUP_FORMAT,
    version: MEID_BACKUP_VERSION,
    ...header,
    passphraseCheck: check,
    nonce: bytesToHex(nonce),
    ciphertext: bytesToHex(ciphertext),
    exportedAt: options.exportedAt.toISOString(),
  };
  return ok(`${JSON.stringify(MeidBackupFile.parse(file), null, 2)}\n`);
}

export const fileRefused = (problem: FileReadError): IdentityBackupError => ({
  kind: 'BackupFileRefused',
  message: problem.message,
  nextStep: 'Choose the identity backup file C3 Vault exported (c3-identity-….json), or another copy of it.',
  reason: problem.kind,
});

/** Reads the file's public part (Commons id, commitment) without a passphrase, or why it is refused. */
export function readMeidBackup(text: string): Result<MeidBackupFile, IdentityBackupError> {
  const read = readFileOf(text, MEID_BACKUP_FILE);
  return read.ok ? read : err(fileRefused(read.error));
}

export interface OpenedMeidBackup extends MeidSecret {
  readonly commonsId: string;
  readonly commitment: string;
}

/** The secret in the file, or a typed refusal: a file refused before the KDF runs, a wrong passphrase, or an altered file. */
export async function openMeidBackup(text: string, passphrase: string): Promise<Result<OpenedMeidBackup, IdentityBackupError>> {
  const read = readMeidBackup(text);
  if (!read.ok) return read;
  const file = read.value;
  if (passphrase.length === 0 || passphrase.length > MAX_PASSPHRASE_LENGTH * 4) return err(wrongPassphrase());
  const { key, check } = await deriveKeys(passphrase, hexToBytes(file.salt), file.kdf);
  if (check !== file.passphraseCheck) return err(wrongPassphrase());
  let plain: Uint8Array;
  try {
    plain = xchacha20poly1305(key, hexToBytes(file.nonce), associatedData(file)).decrypt(hexToBytes(file.ciphertext));
  } catch {
    return err(tampered('its contents do not authenticate under this passphrase: the sealed secret, the nonce, the Commons id or the commitment was changed after it was made'));
  }
  let sealed: z.output<typeof Sealed>;
  try {
    sealed = Sealed.parse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain)));
  } catch {
    return err(tampered('the sealed secret is not one C3 Vault wrote'));
  }
  return ok({ secret: BigInt(sealed.secret), createdAt: sealed.createdAt, commonsId: file.commonsId, commitment: file.commitment });
}

const wrongPassphrase = (): IdentityBackupError => ({
  kind: 'BackupPassphraseWrong',
  message: 'That passphrase does not open this backup.',
  nextStep: 'Type the passphrase you chose when you exported it (capitals and spaces count). If you are sure of it, this copy of the file may have been altered: try another copy.',
});

const tampered = (why: string): IdentityBackupError => ({
  kind: 'BackupTampered',
  message: `This identity backup was altered: ${why}. Nothing was restored.`,
  nextStep: 'Use another copy of the backup file, one that has not passed through untrusted hands.',
});

/** The suggested file name: the commitment's first digits, nothing secret. */
export const meidBackupFileName = (commitment: string): string => `c3-identity-${commitment.slice(0, 10)}.json`;
