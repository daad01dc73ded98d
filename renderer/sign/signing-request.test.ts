import { describe, expect, it } from 'vitest';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { apply, fold } from '../../shared/commons/apply';
import { keySigner, sealEntry, signAction } from '../../shared/commons/build';
import { demoLog } from '../../shared/commons/demo';
import { UNCHECKED_ZK_VERIFIER } from '../../shared/commons/verify';
import { toCommonsView } from '../../shared/commons/view';
import { type Hex } from '../../shared/crypto/canonical';
import { vaultActionDigest, vaultActionDigestReference } from '../../shared/crypto/eip712';
import { nobleRecoverer } from '../../shared/crypto/recover';
import { unwrap } from '../../shared/result';
import { actionOf, addSignature, describeAction, hashesOf, messageOf, parseRequestFile, transferRequest, typedDataOf, verifiedSigners } from './signing-request';

// The demo generator with fixed test keys (the emulators' own keys are derived in electron/).
const key = (vendor: string) => (index: number) => keccak_256(utf8ToBytes(`${vendor} ${index}`));
const keys = { ledger: key('ledger'), trezor: key('trezor') };
const state = unwrap(fold(demoLog(keys), { verifier: UNCHECKED_ZK_VERIFIER, recoverer: nobleRecoverer }));
const commons = toCommonsView(state, { demo: true, verifiedAt: null, emulated: () => true });
const alice = commons.vaults.find((v) => v.name === "Alice's vault")!;
const bob = commons.vaults.find((v) => v.name === "Bob's vault")!;
const aliceLedger = keySigner(keys.ledger(1));
const aliceTrezor = keySigner(keys.trezor(1));

const draft = () => unwrap(transferRequest(commons, alice, { token: 'CONX', to: bob, amount: 12_500_000n, validUntil: 1_900_000_000 }));

describe('a signing request', () => {
  it('asks the devices for the very digest the ledger checks', () => {
    const request = draft();
    const message = messageOf(request);
    const { digest } = hashesOf(request);
    expect(digest).toBe(vaultActionDigestReference(message));
    // The ledger's own signing of the same action gives the same signatures (RFC 6979).
    const signed = signAction(
      commons.commonsId as Hex,
      { kind: 'token.transfer', vault: alice.address, nonce: alice.nonce, validUntil: 1_900_000_000, payload: { token: 'CONX', to: bob.address as Hex, amount: 12_500_000n } },
      [aliceLedger],
    );
    expect(signed.sigs[0]?.sig).toBe(aliceLedger.sign(vaultActionDigest(message)));
    expect(typedDataOf(request).message).toMatchObject({ nonce: String(alice.nonce), validUntil: '1900000000', kind: 'token.transfer' });
    expect(describeAction(request)).toBe("Send 12.5 CONX from Alice's vault to Bob's vault");
  });

  it('keeps a signature only from the signer it was asked of, sorted by signer', () => {
    let request = draft();
    const digest = vaultActionDigest(messageOf(request));
    const stranger = keySigner(keys.ledger(40));
    expect(addSignature(request, alice, stranger.address, stranger.sign(digest))).toMatchObject({ ok: false, error: { kind: 'NotASigner' } });
    expect(addSignature(request, alice, aliceLedger.address, aliceTrezor.sign(digest))).toMatchObject({ ok: false, error: { kind: 'WrongSigner' } });
    request = unwrap(addSignature(request, alice, aliceTrezor.address, aliceTrezor.sign(digest)));
    request = unwrap(addSignature(request, alice, aliceLedger.address, aliceLedger.sign(digest)));
    expect(request.signatures.map((s) => s.signer)).toEqual([aliceLedger.address, aliceTrezor.address].sort());
    expect(verifiedSigners(request, alice)).toHaveLength(2);
  });

  it('becomes the action the ledger applies once the quorum is in, and not before', () => {
    let request = draft();
    const digest = vaultActionDigest(messageOf(request));
    const ctx = { verifier: UNCHECKED_ZK_VERIFIER, recoverer: nobleRecoverer };
    const stewards = [keySigner(keys.ledger(3)), keySigner(keys.trezor(3))];
    const sequence = (r: typeof request) =>
      apply(state, sealEntry(state.commonsId, { seq: state.height, prevHash: state.headHash, time: state.time + 3600, actions: [actionOf(r, alice)] }, stewards), ctx);

    request = unwrap(addSignature(request, alice, aliceTrezor.address, aliceTrezor.sign(digest)));
    expect(sequence(request)).toMatchObject({ ok: false, error: { kind: 'ThresholdNotMet', have: 1, need: 2 } });
    request = unwrap(addSignature(request, alice, aliceLedger.address, aliceLedger.sign(digest)));
    const next = unwrap(sequence(request));
    const bobAddress = bob.address.toLowerCase() as Hex;
    expect(next.vaults[bobAddress]!.balances.CONX).toBe(state.vaults[bobAddress]!.balances.CONX! + 12_500_000n);
    // A signature that no longer verifies (a tampered file) is left out rather than sent.
    const tampered = { ...request, signatures: request.signatures.map((s, i) => (i === 0 ? { ...s, sig: `${s.sig.slice(0, -4)}0000` } : s)) };
    expect(actionOf(tampered, alice).sigs).toHaveLength(1);
  });

  it('survives a round trip through a file, and a tampered file verifies nothing', () => {
    const digest = vaultActionDigest(messageOf(draft()));
    const request = unwrap(addSignature(draft(), alice, aliceLedger.address, aliceLedger.sign(digest)));
    const back = unwrap(parseRequestFile(JSON.stringify(request)));
    expect(verifiedSigners(back, alice)).toEqual([aliceLedger.address]);
    const tampered = unwrap(parseRequestFile(JSON.stringify({ ...request, action: { ...request.action, payload: { ...request.action.payload, amount: '99000000' } } })));
    expect(verifiedSigners(tampered, alice)).toEqual([]);
    expect(parseRequestFile('{"format":"psbt"}')).toMatchObject({ ok: false });
  });

  it('refuses an amount the vault does not hold, or a transfer to itself', () => {
    expect(transferRequest(commons, alice, { token: 'CONX', to: bob, amount: 10n ** 15n, validUntil: 1 })).toMatchObject({ ok: false });
    expect(transferRequest(commons, alice, { token: 'CONX', to: alice, amount: 1n, validUntil: 1 })).toMatchObject({ ok: false });
  });
});
