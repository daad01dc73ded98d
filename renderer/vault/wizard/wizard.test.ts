import { describe, expect, it } from 'vitest';
import { getAddress } from 'viem';
import { type CosignerFile } from '../../../shared/backup/cosigner-file';
import { pkhDid } from '../../../shared/commons/identity-did';
import { apply } from '../../../shared/commons/apply';
import { sealEntry } from '../../../shared/commons/build';
import { aliceLedger, aliceTrezor, commons, ctx, demoState, signatureOf, stewards, treasury, viewOf } from '../../../shared/quorum/fixtures';
import { ledgerActionOf, withSignature } from '../../../shared/quorum/request';
import { unwrap } from '../../../shared/result';
import { type WizardSigner, addSigner, signerFromCosignerFile, thresholdExplanation, vaultCreationRequest } from './wizard';

const WEEK = 7 * 86_400;
const bobKey = `0x${'b0'.repeat(20)}`;
const file = (address: string): CosignerFile => ({ format: 'c3-cosigner', version: 1, address: getAddress(address), device: 'trezor', fingerprint: null, label: 'Bob · Trezor', path: "m/44'/60'/0'/0/2", createdAt: '2026-11-29T12:00:00.000Z' });
const connected = (signer: { address: string }, label: string, device: 'ledger' | 'trezor' = 'ledger'): WizardSigner => ({ address: signer.address.toLowerCase(), device, label, path: "m/44'/60'/0'/0/1", source: 'connected', confirmed: true });

describe('the vault wizard', () => {
  it('a co-signer file whose address the device does not confirm is refused (CosignerNotConfirmed), nothing added', () => {
    const other = `0x${'c4'.repeat(20)}`;
    expect(signerFromCosignerFile(file(bobKey), { address: other, verifiedOnDevice: true })).toMatchObject({ ok: false, error: { kind: 'CosignerNotConfirmed', address: getAddress(bobKey), shown: getAddress(other) } });
    // The right address, but read without the device showing it: not confirmed either.
    expect(signerFromCosignerFile(file(bobKey), { address: bobKey, verifiedOnDevice: false })).toMatchObject({ ok: false, error: { kind: 'CosignerNotConfirmed' } });
    expect(signerFromCosignerFile(file(bobKey), null)).toMatchObject({ ok: false, error: { kind: 'CosignerNotConfirmed', shown: null } });
    expect(unwrap(signerFromCosignerFile(file(bobKey), { address: bobKey, verifiedOnDevice: true }))).toMatchObject({ address: bobKey, source: 'cosigner-file', device: 'trezor' });
  });

  it('a signer added twice is refused', () => {
    const one = unwrap(addSigner([], connected(aliceLedger, 'Alice · Ledger')));
    expect(addSigner(one, connected(aliceLedger, 'again'))).toMatchObject({ ok: false, error: { kind: 'SignerTwice' } });
  });

  it('says the trade-off of M of N in plain words', () => {
    expect(thresholdExplanation(2, 3)).toBe('Any 2 of the 3 signers must approve each action. The vault still works if one device is lost or broken. A thief needs 2 of the devices: one stolen or tricked device is not enough.');
    expect(thresholdExplanation(3, 3)).toContain('losing any one of them locks the vault for good');
    expect(thresholdExplanation(1, 3)).toContain('any single one of the devices can move everything');
  });

  it('a 2-of-3 member vault with a co-signer from a file: a vault.create request the ledger executes', () => {
    const owner = pkhDid(aliceLedger.address);
    const signers = [connected(aliceLedger, 'Alice · Ledger'), connected(aliceTrezor, 'Alice · Trezor', 'trezor'), unwrap(signerFromCosignerFile(file(bobKey), { address: bobKey, verifiedOnDevice: true }))];
    const request = unwrap(vaultCreationRequest(commons, { kind: 'member', name: 'Family', owner, signers, threshold: 2, spendLimit: null, validUntil: commons.time + WEEK }));
    expect(request.action).toMatchObject({ kind: 'vault.create', nonce: 0, payload: { owner, name: 'Family', threshold: 2, salt: 'family' } });
    const signed = [aliceLedger, aliceTrezor].reduce((r, s) => withSignature(r, s.address, signatureOf(r, s)), request);
    const entry = sealEntry(demoState.commonsId, { seq: demoState.height, prevHash: demoState.headHash, time: demoState.time + 60, actions: [ledgerActionOf(signed, [aliceLedger.address, aliceTrezor.address])] }, stewards, demoState.version);
    const after = viewOf(unwrap(apply(demoState, entry, ctx)));
    const vault = after.vaults.find((v) => v.name === 'Family')!;
    expect(vault).toMatchObject({ kind: 'member', threshold: 2, owner });
    expect(vault.signers.map((s) => s.address.toLowerCase())).toContain(bobKey);
  });

  it('a member vault without the member’s own key is refused before any device is asked (OwnerKeyMissing)', () => {
    const signers = [connected(aliceTrezor, 'Alice · Trezor', 'trezor')];
    expect(vaultCreationRequest(commons, { kind: 'member', name: 'Family', owner: pkhDid(aliceLedger.address), signers, threshold: 1, spendLimit: null, validUntil: 0 })).toMatchObject({ ok: false, error: { kind: 'OwnerKeyMissing' } });
  });

  it('a Commons vault with a spend limit is a vault.createCommons request on the treasury, which the stewards’ quorum executes', () => {
    const signers = [connected(aliceLedger, 'Alice · Ledger'), connected(aliceTrezor, 'Alice · Trezor', 'trezor'), unwrap(signerFromCosignerFile(file(bobKey), { address: bobKey, verifiedOnDevice: true }))];
    const request = unwrap(vaultCreationRequest(commons, { kind: 'commons', name: 'Reserve', owner: null, signers, threshold: 2, spendLimit: { amount: 1_000_000_000n, periodSeconds: 30 * 86_400 }, validUntil: commons.time + WEEK }));
    expect(request.action).toMatchObject({ kind: 'vault.createCommons', vault: treasury.address.toLowerCase(), nonce: treasury.nonce });
    const signed = stewards.reduce((r, s) => withSignature(r, s.address, signatureOf(r, s)), request);
    const valid = signed.signatures.map((s) => s.signer);
    const entry = sealEntry(demoState.commonsId, { seq: demoState.height, prevHash: demoState.headHash, time: demoState.time + 60, actions: [ledgerActionOf(signed, valid)] }, stewards, demoState.version);
    const after = viewOf(unwrap(apply(demoState, entry, ctx)));
    expect(after.vaults.find((v) => v.name === 'Reserve')).toMatchObject({ kind: 'commons', threshold: 2, spendLimit: { amount: 1_000_000_000n, periodSeconds: 30 * 86_400, spent: 0n } });
  });

  it('a name the ledger has is refused (NameTaken), and a threshold above the signers (BadThreshold)', () => {
    const signers = [connected(aliceLedger, 'Alice · Ledger')];
    expect(vaultCreationRequest(commons, { kind: 'commons', name: 'Commons treasury', owner: null, signers, threshold: 1, spendLimit: null, validUntil: 0 })).toMatchObject({ ok: false, error: { kind: 'NameTaken' } });
    expect(vaultCreationRequest(commons, { kind: 'commons', name: 'Reserve', owner: null, signers, threshold: 2, spendLimit: null, validUntil: 0 })).toMatchObject({ ok: false, error: { kind: 'BadThreshold', threshold: 2, signers: 1 } });
  });
});
