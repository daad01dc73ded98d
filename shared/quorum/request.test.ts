import { describe, expect, it } from 'vitest';
import { signAction } from '../commons/build';
import { actionDigest } from '../commons/quorum';
import { type Hex } from '../crypto/canonical';
import { toHexString, vaultActionDigestReference } from '../crypto/eip712';
import { unwrap } from '../result';
import { actionHashes, vaultActionMessage } from './action';
import { alice, aliceLedger, aliceTrezor, bob, commons, commonsId, demoState, draft, recover, sequence, signatureOf, VALID_UNTIL } from './fixtures';
import { encodeRequestFile, ledgerActionOf, parseRequestFile, transferRequest, unsignedRequest, withSignature, type SigningRequest } from './request';
import { checkSignatures, validSigners } from './signatures';

const roundTrip = (request: SigningRequest) => unwrap(parseRequestFile(JSON.stringify(encodeRequestFile(request))));

describe('a signing request', () => {
  it('asks the devices for the very digest the ledger checks', () => {
    const request = draft();
    const { digest } = actionHashes(commonsId, request.action);
    expect(digest).toBe(vaultActionDigestReference(vaultActionMessage(commonsId, request.action)));
    expect(digest).toBe(toHexString(actionDigest(commonsId, ledgerActionOf(request, []))));
    // The ledger's own signing of the same action gives the same signature (RFC 6979).
    const signed = signAction(commonsId, { kind: 'token.transfer', vault: alice.address, nonce: alice.nonce, validUntil: VALID_UNTIL, payload: { token: 'CONX', to: bob.address, amount: 12_500_000n } }, [aliceLedger]);
    expect(signed.sigs[0]?.sig).toBe(signatureOf(request, aliceLedger));
  });

  it('shows hashes computed from the action, and refuses a file that carries hashes of its own', () => {
    const request = draft();
    const file = encodeRequestFile(request);
    const hashes = actionHashes(commonsId, request.action);
    expect(parseRequestFile(JSON.stringify({ ...file, messageHash: hashes.messageHash }))).toMatchObject({ ok: false });
    // Another amount is another message hash: nothing about the hashes can be carried over.
    const other = { ...request, action: { ...request.action, payload: { ...request.action.payload, amount: 99_000_000n } } };
    expect(actionHashes(commonsId, other.action).messageHash).not.toBe(hashes.messageHash);
    expect(actionHashes(commonsId, other.action).domainHash).toBe(hashes.domainHash);
  });

  it('keeps signatures sorted by signer, one each', () => {
    let request = draft();
    request = withSignature(request, aliceTrezor.address, signatureOf(request, aliceTrezor));
    request = withSignature(request, aliceLedger.address, signatureOf(request, aliceLedger));
    request = withSignature(request, aliceLedger.address, signatureOf(request, aliceLedger));
    expect(request.signatures.map((s) => s.signer)).toEqual([aliceLedger.address, aliceTrezor.address].sort());
  });

  it('becomes the action the ledger applies once the quorum is in, and not before', async () => {
    let request = draft();
    const apply = async (r: SigningRequest) => sequence(demoState, [ledgerActionOf(r, validSigners(await checkSignatures(commonsId, alice, r.action, r.signatures, recover)))]);
    request = withSignature(request, aliceTrezor.address, signatureOf(request, aliceTrezor));
    expect(await apply(request)).toMatchObject({ ok: false, error: { kind: 'ThresholdNotMet', have: 1, need: 2 } });
    request = withSignature(request, aliceLedger.address, signatureOf(request, aliceLedger));
    const next = unwrap(await apply(request));
    const to = bob.address as Hex;
    expect(next.vaults.get(to)!.balances.CONX).toBe(demoState.vaults.get(to)!.balances.CONX! + 12_500_000n);
    // A signature that no longer verifies (a tampered file) is left out rather than sent.
    const tampered = { ...request, signatures: request.signatures.map((s, i) => (i === 0 ? { ...s, sig: `${s.sig.slice(0, -4)}001b` } : s)) };
    expect(validSigners(await checkSignatures(commonsId, alice, tampered.action, tampered.signatures, recover))).toHaveLength(1);
  });

  it('survives a round trip through a file, in the current format, with nothing but the signed action and signatures', () => {
    const request = withSignature(draft(), aliceLedger.address, signatureOf(draft(), aliceLedger));
    expect(roundTrip(request)).toEqual(request);
    const file = encodeRequestFile(request);
    expect(Object.keys(file).sort()).toEqual(['action', 'commons', 'format', 'signatures']);
    expect(file.action).toMatchObject({ kind: 'token.transfer', payload: { amount: '12500000' } });
    expect(parseRequestFile('{"format":"psbt"}')).toMatchObject({ ok: false });
    expect(parseRequestFile('not json')).toEqual({ ok: false, error: 'The file is not JSON.' });
  });

  it('reads a format 1 file and drops the names nobody signed', () => {
    const request = withSignature(draft(), aliceLedger.address, signatureOf(draft(), aliceLedger));
    const v1 = {
      format: 'c3-signing-request/1',
      commons: { id: commonsId, name: 'Demo Commons' },
      vault: { address: alice.address, name: "Alice's vault", threshold: 2, nonce: alice.nonce },
      action: { kind: 'token.transfer', payload: { token: 'CONX', to: bob.address, amount: '12500000' }, toName: "Bob's vault" },
      validUntil: VALID_UNTIL,
      signatures: request.signatures,
    };
    const read = unwrap(parseRequestFile(JSON.stringify(v1)));
    expect(read).toEqual(request);
    expect(JSON.stringify(encodeRequestFile(read))).not.toContain("Bob's vault");
  });

  it('a file naming one signer twice is refused', () => {
    const request = withSignature(draft(), aliceLedger.address, signatureOf(draft(), aliceLedger));
    const file = encodeRequestFile(request);
    expect(parseRequestFile(JSON.stringify({ ...file, signatures: [...file.signatures, ...file.signatures] }))).toMatchObject({
      ok: false,
      error: expect.stringContaining('names one signer twice'),
    });
  });

  it('refuses an amount the vault does not hold, or a transfer to itself', () => {
    expect(transferRequest(commons, alice, { token: 'CONX', to: bob, amount: 10n ** 15n, validUntil: 1 })).toMatchObject({ ok: false });
    expect(transferRequest(commons, alice, { token: 'CONX', to: alice, amount: 1n, validUntil: 1 })).toMatchObject({ ok: false });
  });

  it('reads a format 2 file (transfers only) as the same request, and writes format 3', () => {
    const request = withSignature(draft(), aliceLedger.address, signatureOf(draft(), aliceLedger));
    const v3 = encodeRequestFile(request);
    expect(v3.format).toBe('c3-signing-request/3');
    expect(unwrap(parseRequestFile(JSON.stringify({ ...v3, format: 'c3-signing-request/2' })))).toEqual(request);
    // Format 2 never carried another kind: such a file is not one.
    const threshold = encodeRequestFile(unsignedRequest(commons, alice, 'vault.setThreshold', { threshold: 1 }, VALID_UNTIL));
    expect(parseRequestFile(JSON.stringify({ ...threshold, format: 'c3-signing-request/2' }))).toMatchObject({ ok: false });
    expect(parseRequestFile(JSON.stringify(threshold))).toMatchObject({ ok: true, value: { action: { kind: 'vault.setThreshold', payload: { threshold: 1 } } } });
  });

  it('a file carrying a list of who is still needed is refused: that is the ledger’s to say', () => {
    const file = encodeRequestFile(draft());
    expect(parseRequestFile(JSON.stringify({ ...file, needed: [aliceLedger.address], threshold: 1 }))).toMatchObject({ ok: false });
  });

  it('a file asking for an action no vault quorum signs is refused', () => {
    const file = encodeRequestFile(draft());
    const ballot = { ...file, action: { ...file.action, kind: 'ballot.anonymous' } };
    expect(parseRequestFile(JSON.stringify(ballot))).toMatchObject({ ok: false });
  });
});
