/**
 * The member's identity secret (SPEC §1: `secret`), kept in one file in the app's data folder and
 * part of their vault backup. Generated once, at random.
 *
 * How the file is protected depends on the `SecretBox` it is given:
 *   - the desktop app's box encrypts the secret with the OS keychain (Electron's safeStorage);
 *   - browser mode, and a desktop with no usable keychain, keep it in plain JSON in a file only
 *     this user may read (mode 0600), and say so (`protection: 'file-permissions'`).
 * A plain file found by a keychain box (made by an older version) is read and saved again encrypted.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ServiceError } from '../../../shared/contract/errors';
import { SNARK_FIELD } from '../../../shared/zk/field';
import { type IdentityBackupError, type IdentityStoreError } from '../../../shared/contract/zk-errors';

export type SecretProtection = 'os-keychain' | 'file-permissions';

/** Seals the secret's text for the file, and opens it again. */
export interface SecretBox {
  readonly protection: SecretProtection;
  seal(plain: string): Promise<string>;
  /** The text, and whether the keychain asks for it to be sealed again (a rotated key). */
  open(sealed: string): Promise<{ plain: string; reseal: boolean }>;
}

/** No encryption: the file's permissions (0600) are the only protection, and the UI says so. */
export const filePermissionsBox: SecretBox = {
  protection: 'file-permissions',
  seal: async (plain) => plain,
  open: async (sealed) => ({ plain: sealed, reseal: false }),
};

const Decimal = z.string().regex(/^[0-9]{1,80}$/);
const PlainIdentityFile = z.strictObject({ version: z.literal(1), secret: Decimal, createdAt: z.string() });
const SealedIdentityFile = z.strictObject({ version: z.literal(2), protection: z.literal('os-keychain'), sealed: z.string().min(1), createdAt: z.string() });
const IdentityFile = z.discriminatedUnion('version', [PlainIdentityFile, SealedIdentityFile]);

export type { IdentityStoreError };

const fail = (error: IdentityStoreError | IdentityBackupError): never => {
  throw new ServiceError(error);
};

export interface IdentityStore {
  /** How the secret is protected on disk, for Settings to say plainly. */
  readonly protection: SecretProtection;
  /** The secret, or null before the member creates an identity. */
  read(): Promise<bigint | null>;
  /** The secret, created (and saved) on first use. */
  ensure(): Promise<bigint>;
  /** The secret and when it was created, or null: what an identity backup seals. */
  details(): Promise<{ secret: bigint; createdAt: string } | null>;
  /**
   * Saves a secret restored from a backup. Refuses (`IdentityWouldBeReplaced`, nothing written)
   * when another identity is here: restoring never overwrites one. The same secret is `unchanged`.
   */
  install(secret: bigint, createdAt: string): Promise<'installed' | 'unchanged'>;
}

export function fileIdentityStore(dataDir: string, box: SecretBox = filePermissionsBox): IdentityStore {
  const path = join(dataDir, 'identity.json');

  const save = async (secret: bigint, createdAt: string): Promise<void> => {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const file: z.infer<typeof IdentityFile> =
      box.protection === 'os-keychain'
        ? { version: 2, protection: 'os-keychain', sealed: await box.seal(secret.toString()), createdAt }
        : { version: 1, secret: secret.toString(), createdAt };
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(file)}\n`, { mode: 0o600 });
    await rename(temporary, path);
  };

  const unreadable = (why: string): never =>
    fail({
      kind: 'IdentityFileUnreadable',
      message: `${path} is not a C3 Vault identity file (${why}); it was left as it is.`,
      nextStep: 'Restore identity.json from your vault backup, or move it aside to create a new identity.',
      path,
    });

  const read = async (): Promise<bigint | null> => (await details())?.secret ?? null;

  const details = async (): Promise<{ secret: bigint; createdAt: string } | null> => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      return null;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return unreadable('not JSON');
    }
    const parsed = IdentityFile.safeParse(json);
    if (!parsed.success) return unreadable('unexpected contents');
    const file = parsed.data;
    if (file.version === 1) {
      await keepPrivate(path);
      const secret = BigInt(file.secret);
      // Written by browser mode or an older version: the desktop app seals it from now on.
      if (box.protection === 'os-keychain') await save(secret, file.createdAt);
      return { secret, createdAt: file.createdAt };
    }
    if (box.protection !== 'os-keychain') {
      return fail({
        kind: 'IdentityKeychainUnavailable',
        message: `${path} is encrypted with the system keychain, which is not available to C3 Vault now.`,
        nextStep: 'Open C3 Vault as the desktop app, as the same user, with the system keychain unlocked.',
        path,
      });
    }
    let opened: { plain: string; reseal: boolean };
    try {
      opened = await box.open(file.sealed);
    } catch {
      return fail({
        kind: 'IdentityKeychainUnavailable',
        message: `The system keychain could not decrypt ${path} (another user, another machine, or a reset keychain); it was left as it is.`,
        nextStep: 'Restore identity.json from your vault backup on the machine and user account that made it.',
        path,
      });
    }
    if (!Decimal.safeParse(opened.plain).success) return unreadable('the decrypted secret is not a number');
    const secret = BigInt(opened.plain);
    if (opened.reseal) await save(secret, file.createdAt);
    return { secret, createdAt: file.createdAt };
  };

  return {
    protection: box.protection,
    read,
    details,
    async install(secret, createdAt) {
      if (secret <= 0n || secret >= SNARK_FIELD) throw new RangeError('an identity secret is a non-zero field element');
      const existing = await read();
      if (existing === secret) return 'unchanged';
      if (existing !== null) {
        return fail({
          kind: 'IdentityWouldBeReplaced',
          message: `This machine already holds another identity (${path}); restoring would replace it and lose it.`,
          nextStep: 'Export a backup of the identity here first; then, to restore the other one, move identity.json out of the data folder and restore again.',
        });
      }
      await save(secret, createdAt);
      return 'installed';
    },
    async ensure() {
      const existing = await read();
      if (existing !== null) return existing;
      // 64 random bytes reduced mod r: no measurable bias.
      const secret = BigInt(`0x${randomBytes(64).toString('hex')}`) % SNARK_FIELD;
      await save(secret, new Date().toISOString());
      return secret;
    },
  };
}

/** A plain secret file readable by others (copied in, made by an old version) is made 0600 again. */
async function keepPrivate(path: string): Promise<void> {
  if (process.platform === 'win32') return;
  const { mode } = await stat(path);
  if ((mode & 0o077) !== 0) await chmod(path, 0o600);
}
