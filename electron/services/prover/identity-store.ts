/**
 * The member's identity secret (SPEC §1: `secret`), kept in one file in the app's data folder,
 * readable by this user only, and part of their vault backup. Generated once, at random.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { SNARK_FIELD } from '../../../shared/zk/field';

const IdentityFile = z.strictObject({ version: z.literal(1), secret: z.string().regex(/^[0-9]+$/), createdAt: z.string() });

export interface IdentityStore {
  /** The secret, or null before the member creates an identity. */
  read(): Promise<bigint | null>;
  /** The secret, created (and saved) on first use. */
  ensure(): Promise<bigint>;
}

export function fileIdentityStore(dataDir: string): IdentityStore {
  const path = join(dataDir, 'identity.json');
  const read = async (): Promise<bigint | null> => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      return null;
    }
    const parsed = IdentityFile.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${path} is not a C3 Vault identity file; it was left as it is.`);
    return BigInt(parsed.data.secret);
  };
  return {
    read,
    async ensure() {
      const existing = await read();
      if (existing !== null) return existing;
      // 64 random bytes reduced mod r: no measurable bias.
      const secret = BigInt(`0x${randomBytes(64).toString('hex')}`) % SNARK_FIELD;
      await mkdir(dataDir, { recursive: true, mode: 0o700 });
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify({ version: 1, secret: secret.toString(), createdAt: new Date().toISOString() })}\n`, { mode: 0o600 });
      await rename(temporary, path);
      return secret;
    },
  };
}
