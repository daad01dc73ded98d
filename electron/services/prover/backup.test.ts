import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEventHub } from '../events';
import { createTaskRegistry } from '../tasks';
import { identityCommitment } from '../../../shared/zk/poseidon';
import { bioKeyOf, developmentBiometrics } from './biometrics';
import { fileIdentityStore } from './identity-store';
import { createProver } from './prover';
import { type KnownCommons, createProverService } from './service';

const COMMONS = '0x5670b5df87410c4dc417633e471743a4e13504c69a805d75ebb54d722d008af1';
const commons: KnownCommons = { find: (id) => (id === COMMONS ? { commonsId: COMMONS } : null) };
const PASS = 'a long enough passphrase';

/** One machine: its own data folder and identity store. */
function machine() {
  const dataDir = mkdtempSync(join(tmpdir(), 'c3-backup-'));
  const prover = createProver({ artifactsDir: 'resources/zk' });
  const store = fileIdentityStore(dataDir);
  const biometrics = developmentBiometrics('backup seed');
  const service = createProverService({ artifactsDir: 'resources/zk', prover, identity: store, biometrics, tasks: createTaskRegistry(createEventHub()), commons });
  return { dataDir, prover, store, service, biometrics, identityFile: join(dataDir, 'identity.json') };
}
const machines: ReturnType<typeof machine>[] = [];
const newMachine = () => {
  const m = machine();
  machines.push(m);
  return m;
};
afterAll(async () => {
  for (const m of machines) await m.prover.close();
});

async function exported(m: ReturnType<typeof machine>) {
  const answer = await m.service['identity.exportBackup']({ commonsId: COMMONS, passphrase: PASS });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

describe('identity backup rows (main)', () => {
  it('exports the secret sealed, and another machine restores the same identity', async () => {
    const first = newMachine();
    const secret = await first.store.ensure();
    const backup = await exported(first);
    expect(backup.file).not.toContain(secret.toString());
    expect(backup.commitment).toBe(String(identityCommitment(secret, bioKeyOf(await first.biometrics.capture('test')))));

    const second = newMachine();
    const restored = await second.service['identity.restoreBackup']({ file: backup.file, passphrase: PASS });
    expect(restored).toEqual({ ok: true, value: { restored: true, commonsId: COMMONS, commitment: backup.commitment } });
    expect(await second.store.read()).toBe(secret);
    // Restoring the same backup again changes nothing.
    expect(await second.service['identity.restoreBackup']({ file: backup.file, passphrase: PASS })).toMatchObject({ ok: true, value: { restored: false } });
  });

  it('a wrong passphrase restores nothing and writes no file', async () => {
    const first = newMachine();
    await first.store.ensure();
    const backup = await exported(first);
    const second = newMachine();
    expect(await second.service['identity.restoreBackup']({ file: backup.file, passphrase: 'not the passphrase' })).toMatchObject({ ok: false, error: { kind: 'BackupPassphraseWrong', message: 'That passphrase does not open this backup.' } });
    expect(existsSync(second.identityFile)).toBe(false);
  });

  it('a backup restored over another identity is refused and the identity here is unchanged', async () => {
    const first = newMachine();
    await first.store.ensure();
    const backup = await exported(first);
    const second = newMachine();
    await second.store.ensure();
    const before = readFileSync(second.identityFile, 'utf8');
    expect(await second.service['identity.restoreBackup']({ file: backup.file, passphrase: PASS })).toMatchObject({ ok: false, error: { kind: 'IdentityWouldBeReplaced' } });
    expect(readFileSync(second.identityFile, 'utf8')).toBe(before);
  });

  it('a weak passphrase, no identity, or a Commons this app never verified: no backup', async () => {
    const m = newMachine();
    expect(await m.service['identity.exportBackup']({ commonsId: COMMONS, passphrase: PASS })).toMatchObject({ ok: false, error: { kind: 'IdentityMissing' } });
    await m.store.ensure();
    expect(await m.service['identity.exportBackup']({ commonsId: COMMONS, passphrase: 'short' })).toMatchObject({ ok: false, error: { kind: 'BackupPassphraseTooWeak' } });
    expect(await m.service['identity.exportBackup']({ commonsId: `0x${'99'.repeat(32)}`, passphrase: PASS })).toMatchObject({ ok: false, error: { kind: 'UnknownCommons' } });
  });

  it('a tampered backup is refused with a typed error and writes no file', async () => {
    const first = newMachine();
    await first.store.ensure();
    const backup = await exported(first);
    const json = JSON.parse(backup.file) as Record<string, string>;
    const forged = JSON.stringify({ ...json, commitment: '7' });
    const second = newMachine();
    expect(await second.service['identity.restoreBackup']({ file: forged, passphrase: PASS })).toMatchObject({ ok: false, error: { kind: 'BackupTampered' } });
    expect(existsSync(second.identityFile)).toBe(false);
  });
});
