/** Merging two copies of a signing request: a union of the signatures that hold, never of two actions. */
import fc from 'fast-check';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { keySigner } from '../commons/build';
import { type Signature } from '../commons/log';
import { type Hex } from '../crypto/canonical';
import { type SignatureRecoverer, hexBytes, nobleRecoverer } from '../crypto/recover';
import { signedDigest } from './action';
import { alice, aliceLedger, aliceTrezor, bob, commonsId, demoKeys, draft, signatureOf, treasury } from './fixtures';
import { mergeRequests } from './merge';
import { type SigningRequest } from './request';

/** Recovery is ~2 ms a signature on @noble/curves; the properties recover the same few hundred times over. */
const memo = new Map<string, Hex | null>();
const recoverer: SignatureRecoverer = {
  name: 'memo over @noble/curves',
  recover(digest, signature) {
    const key = bytesToHex(digest) + bytesToHex(signature);
    if (!memo.has(key)) memo.set(key, nobleRecoverer.recover(digest, signature));
    return memo.get(key) ?? null;
  },
};

const base = draft();
const digest = signedDigest(commonsId, base.action);
/** A second valid signature of the same key over the same digest (a device that signs with fresh randomness). */
const freshSignature = (privateKey: Uint8Array): string => {
  const recovered = secp256k1.sign(digest, privateKey, { prehash: false, format: 'recovered', lowS: true, extraEntropy: true });
  return `0x${bytesToHex(recovered.subarray(1, 65))}${(27 + (recovered[0] ?? 0)).toString(16)}`;
};
const other = { ...base, action: { ...base.action, payload: { ...base.action.payload, amount: 99_000_000n } } };
const bobTrezor = keySigner(demoKeys.trezor(2));

/** Signatures a copy may carry: valid ones of the vault's signers and of someone else, a second valid one of a signer, and ones that do not hold. */
const pool: Signature[] = [
  { signer: aliceLedger.address, sig: signatureOf(base, aliceLedger) },
  { signer: aliceTrezor.address, sig: signatureOf(base, aliceTrezor) },
  { signer: aliceTrezor.address, sig: freshSignature(demoKeys.trezor(1)) },
  { signer: bobTrezor.address, sig: signatureOf(base, bobTrezor) },
  // Made over another amount: it does not recover to its signer over this action.
  { signer: aliceLedger.address, sig: signatureOf(other, aliceLedger) },
  // Alice's Trezor's signature, claimed for Alice's Ledger.
  { signer: aliceLedger.address, sig: signatureOf(base, aliceTrezor) },
];
const holds = (s: Signature) => recoverer.recover(digest, hexBytes(s.sig)) === s.signer;

/** A copy as a file carries it: some of the pool, one signature per signer, in any order. */
const copy = fc
  .shuffledSubarray(pool)
  .map((sigs): SigningRequest => ({ ...base, signatures: sigs.filter((s, i) => sigs.findIndex((t) => t.signer === s.signer) === i) }));
const merged = (a: SigningRequest, b: SigningRequest) => {
  const result = mergeRequests(a, b, recoverer);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

describe('merging two copies of a signing request', () => {
  it('is commutative: whichever copy comes first, the same signatures', () => {
    fc.assert(fc.property(copy, copy, (a, b) => {
        expect(merged(a, b)).toEqual(merged(b, a));
      }), { numRuns: 200 });
  });

  it('is associative: copies merged in any grouping give the same request', () => {
    fc.assert(fc.property(copy, copy, copy, (a, b, c) => {
        expect(merged(merged(a, b).request, c).request).toEqual(merged(a, merged(b, c).request).request);
      }), { numRuns: 200 });
  });

  it('is idempotent: merging a merged copy with itself changes nothing', () => {
    fc.assert(
      fc.property(copy, copy, (a, b) => {
        const once = merged(a, b).request;
        expect(merged(once, once)).toEqual({ request: once, dropped: [] });
      }),
      { numRuns: 200 },
    );
  });

  it('never counts a signer twice, keeps only signatures that hold, and loses none that hold', () => {
    fc.assert(
      fc.property(copy, copy, (a, b) => {
        const { request, dropped } = merged(a, b);
        const signers = request.signatures.map((s) => s.signer);
        // Strictly ascending, as the ledger requires (SPEC §3): one signature a signer.
        for (let i = 1; i < signers.length; i++) expect(signers[i - 1]! < signers[i]!).toBe(true);
        expect(request.signatures.every(holds)).toBe(true);
        const valid = new Set([...a.signatures, ...b.signatures].filter(holds).map((s) => s.signer));
        expect(new Set(signers)).toEqual(valid);
        expect(dropped.every((s) => !holds(s))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('a copy whose action differs in any field is refused, naming the field', () => {
    const changes: [string, (r: SigningRequest<'token.transfer'>) => SigningRequest][] = [
      ['nonce', (r) => ({ ...r, action: { ...r.action, nonce: r.action.nonce + 1 } })],
      ['validUntil', (r) => ({ ...r, action: { ...r.action, validUntil: r.action.validUntil - 1 } })],
      ['vault', (r) => ({ ...r, action: { ...r.action, vault: treasury.address.toLowerCase() } })],
      ['payload.amount', (r) => ({ ...r, action: { ...r.action, payload: { ...r.action.payload, amount: r.action.payload.amount + 1n } } })],
      ['payload.to', (r) => ({ ...r, action: { ...r.action, payload: { ...r.action.payload, to: alice.address.toLowerCase() } } })],
      ['payload.token', (r) => ({ ...r, action: { ...r.action, payload: { ...r.action.payload, token: 'PPT' } } })],
      ['kind', (r) => ({ ...r, action: { kind: 'token.burnToConx', vault: r.action.vault, nonce: r.action.nonce, validUntil: r.action.validUntil, payload: { amount: 1n } } })],
    ];
    fc.assert(
      fc.property(copy, copy, fc.constantFrom(...changes), fc.boolean(), (a, b, [field, change], swap) => {
        const changed = change({ ...base, signatures: b.signatures });
        const result = swap ? mergeRequests(changed, a, recoverer) : mergeRequests(a, changed, recoverer);
        expect(result).toMatchObject({ ok: false, error: { kind: 'DifferentAction', field } });
        if (!result.ok) expect(result.error.message).toContain(`their ${field} is`);
      }),
      { numRuns: 100 },
    );
  });

  it('names the amount when an attacker’s copy asks for more, with both values', () => {
    const result = mergeRequests(base, { ...other, signatures: [{ signer: aliceLedger.address, sig: signatureOf(other, aliceLedger) }] }, recoverer);
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'DifferentAction',
        field: 'payload.amount',
        ours: '12500000',
        theirs: '99000000',
        message: 'The two copies ask for different actions: their payload.amount is 12500000 in one and 99000000 in the other. They are not the same request, so their signatures cannot be merged.',
      },
    });
  });

  it('a copy for another Commons is refused', () => {
    const elsewhere = { ...base, commonsId: `0x${'11'.repeat(32)}` as Hex };
    expect(mergeRequests(base, elsewhere, recoverer)).toMatchObject({ ok: false, error: { kind: 'DifferentCommons' } });
  });

  it('two halves of a 2-of-2 make the whole quorum, and a signature that does not hold is reported, not kept', () => {
    const ledgerHalf = { ...base, signatures: [pool[0]!] };
    const trezorHalf = { ...base, signatures: [pool[1]!, { signer: bob.signers[0]!.address.toLowerCase(), sig: pool[4]!.sig }] };
    const { request, dropped } = merged(ledgerHalf, trezorHalf);
    expect(request.signatures).toEqual([pool[0]!, pool[1]!].sort((x, y) => (x.signer < y.signer ? -1 : 1)));
    expect(dropped).toEqual([{ signer: bob.signers[0]!.address.toLowerCase(), sig: pool[4]!.sig }]);
  });
});
