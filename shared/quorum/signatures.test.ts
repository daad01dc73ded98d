import { describe, expect, it } from 'vitest';
import { keySigner } from '../commons/build';
import { unwrap } from '../result';
import { alice, aliceLedger, aliceTrezor, bob, commonsId, demoKeys, draft, recover, signatureOf, treasury } from './fixtures';
import { encodeRequestFile, parseRequestFile, withSignature, type SigningRequest } from './request';
import { checkSignatures, signatureSentence, validSigners } from './signatures';

const signedBy = (...signers: (typeof aliceLedger)[]) => signers.reduce<SigningRequest>((r, s) => withSignature(r, s.address, signatureOf(r, s)), draft());
const check = (request: SigningRequest) => checkSignatures(commonsId, alice, request.action, request.signatures, recover);
/** The file as a co-signer receives it, after someone edited its JSON. */
const edited = (request: SigningRequest, edit: (file: ReturnType<typeof encodeRequestFile>) => unknown) =>
  unwrap(parseRequestFile(JSON.stringify(edit(encodeRequestFile(request))))) as SigningRequest<'token.transfer'>;

describe('the signatures a request carries', () => {
  it('a signature over this very action counts for its signer, named as the ledger names them', async () => {
    const checks = await check(signedBy(aliceLedger, aliceTrezor));
    const of = (address: string) => checks.find((c) => c.signer === address);
    expect(of(aliceLedger.address)).toMatchObject({ name: 'Alice · Ledger', status: 'valid', recovered: aliceLedger.address });
    expect(of(aliceTrezor.address)).toMatchObject({ name: 'Alice · Trezor', status: 'valid', recovered: aliceTrezor.address });
    expect(validSigners(checks).sort()).toEqual([aliceLedger.address, aliceTrezor.address].sort());
  });

  it('an amount changed after signing is reported as changed, naming who signed', async () => {
    const request = edited(signedBy(aliceLedger), (file) => ({ ...file, action: { ...file.action, payload: { ...file.action.payload, amount: '99000000' } } }));
    const [only, ...rest] = await check(request);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ signer: aliceLedger.address, name: 'Alice · Ledger', status: 'changed-after-signing' });
    expect(signatureSentence(only!)).toContain(`The action in this file was changed after Alice · Ledger (${aliceLedger.address}) signed it`);
    expect(validSigners([only!])).toEqual([]);
  });

  it('a recipient changed after signing is reported as changed, naming who signed', async () => {
    const request = edited(signedBy(aliceLedger, aliceTrezor), (file) => ({ ...file, action: { ...file.action, payload: { ...file.action.payload, to: treasury.address } } }));
    const checks = await check(request);
    expect(checks.map((c) => [c.name, c.status]).sort()).toEqual([
      ['Alice · Ledger', 'changed-after-signing'],
      ['Alice · Trezor', 'changed-after-signing'],
    ]);
    expect(request.action.payload.to).not.toBe(bob.address);
  });

  it('a damaged signature is reported as damaged, not counted', async () => {
    // v = 29: no key recovers from it (SPEC §3 takes only v 27/28, low s).
    const request = edited(signedBy(aliceLedger), (file) => ({ ...file, signatures: file.signatures.map((s) => ({ ...s, sig: `${s.sig.slice(0, -2)}1d` })) }));
    const [only] = await check(request);
    expect(only).toMatchObject({ name: 'Alice · Ledger', status: 'unreadable', recovered: null });
    expect(signatureSentence(only!)).toContain('damaged');
  });

  it('a signature from a key that is not a signer of the vault counts for nothing', async () => {
    const stranger = keySigner(demoKeys.ledger(40));
    const request = withSignature(draft(), stranger.address, signatureOf(draft(), stranger));
    const [only] = await check(request);
    expect(only).toEqual({ signer: stranger.address, name: null, status: 'not-a-signer', recovered: stranger.address });
    expect(validSigners([only!])).toEqual([]);
  });

  it('a signature filed under another signer does not count for either', async () => {
    // Alice's Trezor signature filed as her Ledger's: it recovers to another key than the one named.
    const request = withSignature(draft(), aliceLedger.address, signatureOf(draft(), aliceTrezor));
    const [only] = await check(request);
    expect(only).toMatchObject({ signer: aliceLedger.address, status: 'changed-after-signing', recovered: aliceTrezor.address });
    expect(validSigners([only!])).toEqual([]);
  });
});
