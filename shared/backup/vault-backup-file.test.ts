import fc from 'fast-check';
import { getAddress } from 'viem';
import { describe, expect, it } from 'vitest';
import { type CommonsView } from '../contract/commons-view';
import { givenCommons, keys } from '../commons/fixtures';
import { toCommonsView } from '../commons/view';
import { checkVaultBackup, readVaultBackup, type VaultBackupFile, writeVaultBackup } from './vault-backup-file';

const T = new Date('2026-01-05T09:00:00.000Z');
const { state, alice } = givenCommons();
const ledger: CommonsView = toCommonsView(state, { demo: false, verifiedAt: null, emulated: () => false });
const aliceVault = ledger.vaults.find((v) => v.address.toLowerCase() === alice.vault.toLowerCase())!;
const backupText = writeVaultBackup(ledger.commonsId, aliceVault, T, new Map([[keys.alice1.address.toLowerCase(), '73c5da0a']]));

const read = (text: string): VaultBackupFile => {
  const r = readVaultBackup(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const withVault = (change: Partial<VaultBackupFile['vault']>): VaultBackupFile => {
  const file = read(backupText);
  return { ...file, vault: { ...file.vault, ...change } };
};

describe('vault backup file', () => {
  it('round-trips a vault of the verified ledger, and the check shows it', () => {
    const file = read(backupText);
    expect(file.vault.signers.map((s) => s.address)).toEqual(aliceVault.signers.map((s) => getAddress(s.address)));
    expect(file.vault.signers[0]!.fingerprint).toBe('73c5da0a');
    expect(file.vault.threshold).toBe(2);
    expect(checkVaultBackup(file, ledger)).toEqual({ ok: true, value: aliceVault });
  });

  it('round-trips any threshold and signer order (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: aliceVault.signers.length }), fc.boolean(), fc.nat({ max: 1000 }), (threshold, reverse, nonce) => {
        const vault = { ...aliceVault, threshold, nonce, signers: reverse ? [...aliceVault.signers].reverse() : aliceVault.signers };
        const file = read(writeVaultBackup(ledger.commonsId, vault, T));
        expect(file.vault).toMatchObject({ threshold, nonce, signers: vault.signers.map((s) => ({ address: getAddress(s.address), path: s.path, label: s.label })) });
      }),
      { numRuns: 100 },
    );
  });

  it('a backup that lowers the threshold is refused, naming the threshold', () => {
    const checked = checkVaultBackup(withVault({ threshold: 1 }), ledger);
    expect(checked).toMatchObject({ ok: false, error: { kind: 'VaultBackupDiffers', differences: [{ field: 'threshold', backup: '1', ledger: '2' }] } });
  });

  it('a backup with a swapped signer (an attacker’s key in place of one of the member’s) is refused, naming the signers', () => {
    const file = read(backupText);
    const signers = [{ ...file.vault.signers[0]!, address: getAddress(keys.bob.address) }, ...file.vault.signers.slice(1)];
    const checked = checkVaultBackup({ ...file, vault: { ...file.vault, signers } }, ledger);
    expect(checked.ok).toBe(false);
    if (!checked.ok && checked.error.kind === 'VaultBackupDiffers') {
      expect(checked.error.differences.map((d) => d.field)).toEqual(['signers']);
      expect(checked.error.message).toContain(getAddress(keys.bob.address));
    } else throw new Error('expected VaultBackupDiffers');
  });

  it('a backup with a signer’s path changed is refused', () => {
    const file = read(backupText);
    const signers = file.vault.signers.map((s, i) => (i === 0 ? { ...s, path: "m/44'/60'/0'/0/9" } : s));
    expect(checkVaultBackup({ ...file, vault: { ...file.vault, signers } }, ledger)).toMatchObject({ ok: false, error: { kind: 'VaultBackupDiffers' } });
  });

  it('a backup for another Commons, or of a vault the ledger does not hold, is refused', () => {
    expect(checkVaultBackup({ ...read(backupText), commonsId: `0x${'ab'.repeat(32)}` }, ledger)).toMatchObject({ ok: false, error: { kind: 'VaultBackupOtherCommons' } });
    expect(checkVaultBackup(withVault({ address: getAddress(keys.carol.address) }), ledger)).toMatchObject({ ok: false, error: { kind: 'VaultBackupVaultMissing' } });
  });

  it('a backup newer than this ledger says to import the newer updates first', () => {
    expect(checkVaultBackup(withVault({ nonce: aliceVault.nonce + 5 }), ledger)).toMatchObject({ ok: false, error: { kind: 'VaultBackupDiffers', differences: [{ field: 'nonce' }] } });
  });

  it('labels are display only: a changed label still restores the vault', () => {
    const file = read(backupText);
    const signers = file.vault.signers.map((s) => ({ ...s, label: 'someone else' }));
    expect(checkVaultBackup({ ...file, vault: { ...file.vault, signers } }, ledger).ok).toBe(true);
  });

  it('hostile files are refused: a threshold above the signers, a signer twice, unknown fields, duplicate keys, huge', () => {
    const json = JSON.parse(backupText) as { vault: Record<string, unknown> } & Record<string, unknown>;
    const text = (o: unknown) => JSON.stringify(o);
    expect(readVaultBackup(text({ ...json, vault: { ...json.vault, threshold: 3 } }))).toMatchObject({ ok: false, error: { kind: 'FileInvalid', path: 'vault.threshold' } });
    const signers = json.vault.signers as unknown[];
    expect(readVaultBackup(text({ ...json, vault: { ...json.vault, signers: [signers[0], signers[0]] } }))).toMatchObject({ ok: false, error: { kind: 'FileInvalid' } });
    expect(readVaultBackup(text({ ...json, secret: '1' }))).toMatchObject({ ok: false, error: { kind: 'FileInvalid' } });
    expect(readVaultBackup(text({ ...json, vault: { ...json.vault, spendLimit: 1 } }))).toMatchObject({ ok: false, error: { kind: 'FileInvalid' } });
    expect(readVaultBackup(backupText.replace('"threshold": 2', '"threshold": 2, "threshold": 1'))).toMatchObject({ ok: false, error: { kind: 'FileDuplicateKey', key: 'threshold' } });
    expect(readVaultBackup(text({ ...json, pad: 'x'.repeat(40_000) }))).toMatchObject({ ok: false, error: { kind: 'FileTooLarge' } });
    expect(readVaultBackup(text({ ...json, vault: { ...json.vault, signers: Array.from({ length: 100 }, () => signers[0]) } }))).toMatchObject({ ok: false });
  });
});
