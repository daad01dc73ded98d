import { describe, expect, it } from 'vitest';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { addressOfPrivateKey } from '../crypto/recover';
import { isDid, memberKeyAddress, pkhDid, secp256k1KeyDid } from './identity-did';

describe('the key behind a member DID', () => {
  it('a did:pkh is its own address', () => {
    const address = `0x${'ab'.repeat(20)}`;
    expect(memberKeyAddress(pkhDid(address))).toEqual({ ok: true, value: address });
  });

  it('a secp256k1 did:key is the address of its key (multicodec 0xe7, base58btc: "zQ3s…")', () => {
    const privateKey = keccak_256(utf8ToBytes('did:key test'));
    const did = secp256k1KeyDid(secp256k1.getPublicKey(privateKey, true));
    expect(did).toMatch(/^did:key:zQ3s/);
    expect(isDid(did)).toBe(true);
    expect(memberKeyAddress(did)).toEqual({ ok: true, value: addressOfPrivateKey(privateKey) });
    // The did:key specification's secp256k1 example decodes to a point on the curve.
    expect(memberKeyAddress('did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme').ok).toBe(true);
  });

  it('refuses other key types, truncated keys and points off the curve', () => {
    expect(memberKeyAddress('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK')).toMatchObject({ ok: false, error: { kind: 'UnsupportedDid' } });
    const key = secp256k1.getPublicKey(keccak_256(utf8ToBytes('x')), true);
    expect(memberKeyAddress(secp256k1KeyDid(key.subarray(0, 32)))).toMatchObject({ ok: false, error: { kind: 'InvalidDid' } });
    const offCurve = Uint8Array.from(key);
    offCurve[0] = 0x05;
    expect(memberKeyAddress(secp256k1KeyDid(offCurve))).toMatchObject({ ok: false, error: { kind: 'InvalidDid' } });
    expect(memberKeyAddress('did:web:example.org')).toMatchObject({ ok: false, error: { kind: 'InvalidDid' } });
  });
});
