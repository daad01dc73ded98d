import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hashTypedData, recoverTypedDataAddress } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { bytesToHex } from '@noble/hashes/utils.js';
import { type Hex, canonicalHash, canonicalHashBytes, canonicalJson } from './canonical';
import { enrolmentDigest, enrolmentDigestReference, ledgerEntryDigest, ledgerEntryDigestReference, vaultActionDigest, vaultActionDigestOf, vaultActionDigestOfJson, vaultActionDigestReference, vaultActionTypedData } from './eip712';
import { addressOfPrivateKey, hexBytes, nobleRecoverer, signDigest } from './recover';

describe('EIP-712', () => {
  it('reproduces the EIP-712 specification’s own Mail example digest', () => {
    const digest = hashTypedData({
      domain: { name: 'Ether Mail', version: '1', chainId: 1, verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC' },
      types: {
        Person: [{ name: 'name', type: 'string' }, { name: 'wallet', type: 'address' }],
        Mail: [{ name: 'from', type: 'Person' }, { name: 'to', type: 'Person' }, { name: 'contents', type: 'string' }],
      },
      primaryType: 'Mail',
      message: {
        from: { name: 'Cow', wallet: '0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826' },
        to: { name: 'Bob', wallet: '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB' },
        contents: 'Hello, Bob!',
      },
    });
    expect(digest).toBe('0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2');
  });

  const hex = (bytes: number) => fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((b) => `0x${bytesToHex(b)}` as Hex);
  const message = fc.record({
    commons: hex(32),
    vault: hex(20),
    nonce: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
    kind: fc.string({ maxLength: 40 }),
    payloadHash: hex(32),
    validUntil: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
  });

  it('computes the VaultAction digest exactly as viem’s hashTypedData does', () => {
    fc.assert(
      fc.property(message, (m) => {
        expect(`0x${bytesToHex(vaultActionDigest(m))}`).toBe(vaultActionDigestReference(m));
      }),
      { numRuns: 200 },
    );
  });

  it('computes the digest of an action as the log holds it (numbers, payload) exactly as viem does', () => {
    const action = fc.record({
      commons: hex(32),
      vault: hex(20),
      nonce: fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.maxSafeNat()),
      kind: fc.string({ maxLength: 40 }),
      payload: fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.maxSafeNat(), fc.bigInt({ min: 0n, max: 1n << 80n }))),
      validUntil: fc.oneof(fc.integer({ min: 0, max: 2 ** 32 + 5 }), fc.maxSafeNat()),
    });
    fc.assert(
      fc.property(action, (a) => {
        const m = { commons: a.commons, vault: a.vault, nonce: BigInt(a.nonce), kind: a.kind, payloadHash: canonicalHash(a.payload), validUntil: BigInt(a.validUntil) };
        const reference = vaultActionDigestReference(m);
        expect(`0x${bytesToHex(vaultActionDigestOf(a.commons, a.vault, a.nonce, a.kind, canonicalHashBytes(a.payload), a.validUntil))}`).toBe(reference);
        // The payload's text hashed into the struct where it stands: the same digest.
        expect(`0x${bytesToHex(vaultActionDigestOfJson(a.commons, a.vault, a.nonce, a.kind, canonicalJson(a.payload), a.validUntil))}`).toBe(reference);
      }),
      { numRuns: 300 },
    );
    // What is not a uint64 is refused as the general path refuses it.
    const payload = canonicalHashBytes({});
    expect(() => vaultActionDigestOf(`0x${'c3'.repeat(32)}`, `0x${'ab'.repeat(20)}`, -1, 'k', payload, 5)).toThrow(RangeError);
    expect(() => vaultActionDigestOf(`0x${'c3'.repeat(32)}`, `0x${'ab'.repeat(20)}`, 1.5, 'k', payload, 5)).toThrow(RangeError);
    expect(() => vaultActionDigestOfJson(`0x${'c3'.repeat(32)}`, `0x${'ab'.repeat(20)}`, -1, 'k', '{}', 5)).toThrow(RangeError);
    expect(() => vaultActionDigestOfJson(`0x${'c3'.repeat(32)}`, `0x${'ab'.repeat(20)}`, 1, 'k', '{}', 2 ** 64)).toThrow(RangeError);
  });

  it('computes the LedgerEntry digest exactly as viem’s hashTypedData does', () => {
    const entry = fc.record({
      commons: hex(32),
      seq: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
      prevHash: hex(32),
      time: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
      actionsHash: hex(32),
    });
    fc.assert(
      fc.property(entry, (m) => {
        expect(ledgerEntryDigest(m)).toBe(ledgerEntryDigestReference(m));
      }),
      { numRuns: 200 },
    );
  });

  it('computes the Enrolment digest exactly as viem’s hashTypedData does, and refuses what is not a uint256', () => {
    const u256 = fc.bigInt({ min: 0n, max: (1n << 256n) - 1n });
    fc.assert(
      fc.property(hex(32), u256, u256, (commons, commitment, nullifier) => {
        expect(enrolmentDigest(commons, commitment, nullifier)).toBe(enrolmentDigestReference(commons, commitment, nullifier));
      }),
      { numRuns: 200 },
    );
    const commons = `0x${'c3'.repeat(32)}` as Hex;
    expect(() => enrolmentDigest(commons, -1n, 1n)).toThrow(RangeError);
    expect(() => enrolmentDigest(commons, 1n, 1n << 256n)).toThrow(RangeError);
    expect(() => enrolmentDigest(`0x${'c3'.repeat(31)}`, 1n, 1n)).toThrow(RangeError);
  });

  it('refuses to hash a LedgerEntry whose seq or time is not a uint64, or whose hash is not 32 bytes', () => {
    const m = { commons: `0x${'c3'.repeat(32)}` as Hex, seq: 1n, prevHash: `0x${'00'.repeat(32)}` as Hex, time: 5n, actionsHash: `0x${'ab'.repeat(32)}` as Hex };
    expect(() => ledgerEntryDigest({ ...m, seq: -1n })).toThrow(RangeError);
    expect(() => ledgerEntryDigest({ ...m, time: 1n << 64n })).toThrow(RangeError);
    expect(() => ledgerEntryDigest({ ...m, prevHash: `0x${'00'.repeat(31)}` })).toThrow(RangeError);
  });

  it('recovers the signer of typed data signed by viem (as a device would sign it)', async () => {
    const privateKey = `0x${'11'.repeat(32)}` as const;
    const account = privateKeyToAccount(privateKey);
    const m = { commons: `0x${'c3'.repeat(32)}` as Hex, vault: `0x${'ab'.repeat(20)}` as Hex, nonce: 7n, kind: 'token.transfer', payloadHash: canonicalHash({ a: 1 }), validUntil: 1_800_000_000n };
    const signature = await account.signTypedData(vaultActionTypedData(m));
    expect(nobleRecoverer.recover(vaultActionDigest(m), hexBytes(signature))).toBe(account.address.toLowerCase());
    expect(await recoverTypedDataAddress({ ...vaultActionTypedData(m), signature: signDigest(hexBytes(privateKey), vaultActionDigest(m)) })).toBe(account.address);
  });
});

describe('signature recovery', () => {
  const key = hexBytes('22'.repeat(32));
  const digest = hexBytes('33'.repeat(32));

  it('recovers the address of the key that signed', () => {
    expect(nobleRecoverer.recover(digest, hexBytes(signDigest(key, digest)))).toBe(addressOfPrivateKey(key));
  });

  it('refuses the high-s twin of a valid signature (EIP-2), and v other than 27/28', () => {
    const sig = hexBytes(signDigest(key, digest));
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const s = BigInt(`0x${bytesToHex(sig.subarray(32, 64))}`);
    const twin = new Uint8Array(sig);
    twin.set(hexBytes((n - s).toString(16).padStart(64, '0')), 32);
    twin[64] = sig[64] === 27 ? 28 : 27;
    expect(nobleRecoverer.recover(digest, twin)).toBeNull();
    const badV = new Uint8Array(sig);
    badV[64] = 1;
    expect(nobleRecoverer.recover(digest, badV)).toBeNull();
  });

  it('gives another address (not the signer) for another digest', () => {
    const other = hexBytes('34'.repeat(32));
    expect(nobleRecoverer.recover(other, hexBytes(signDigest(key, digest)))).not.toBe(addressOfPrivateKey(key));
  });
});

describe('canonical encoding', () => {
  it('sorts keys, writes bigint as decimal strings and drops undefined members', () => {
    expect(canonicalJson({ b: 1n, a: [true, null, 'x"'], c: undefined })).toBe('{"a":[true,null,"x\\""],"b":"1"}');
  });

  it('writes what the map/filter/join encoder wrote, for any JSON-like value', () => {
    const reference = (value: unknown): string => {
      if (value === null) return 'null';
      if (typeof value === 'bigint') return `"${value.toString()}"`;
      if (typeof value !== 'object') return JSON.stringify(value);
      if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(record[k])}`).join(',')}}`;
    };
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.bigInt(), fc.constant(undefined));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node').filter((v) => v !== undefined)), fc.dictionary(fc.string(), tie('node'))),
    })).node;
    fc.assert(
      // Keys of any UTF-16 code units (sorted by code unit), and records both small and larger than 16 keys.
      fc.property(fc.dictionary(fc.string({ unit: 'binary' }), value, { maxKeys: 40 }), (v) => {
        expect(canonicalJson(v)).toBe(reference(v));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses numbers that are not safe integers', () => {
    expect(() => canonicalJson({ a: 1.5 })).toThrow(RangeError);
  });

  it('hashes the same value the same way whatever the key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.integer()), (d) => {
        const reversed = Object.fromEntries(Object.entries(d).reverse());
        expect(canonicalHash(reversed)).toBe(canonicalHash(d));
      }),
      { numRuns: 50 },
    );
  });
});
