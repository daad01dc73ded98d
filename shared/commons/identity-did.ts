/**
 * Member DIDs (SPEC §1) and the key behind each: a `did:pkh` names its key's address, a `did:key`
 * carries its public key. Whatever speaks for a member is signed by that key (authority.ts),
 * so a DID is usable only when the ledger can tell which address its key signs as: did:pkh, and
 * did:key of a secp256k1 key (the curve of the hardware keys that sign vault actions).
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { type Result, err, ok } from '../result';
import { addressOfPublicKey } from '../crypto/recover';
import { type CoreError, fail } from './core-errors';
import { type Address } from './state';

const PKH = /^did:pkh:eip155:1:(0x[0-9a-f]{40})$/;
const KEY = /^did:key:z([1-9A-HJ-NP-Za-km-z]{20,200})$/;

/** SPEC §1: a DID is `did:pkh:eip155:1:<address>` of the primary hardware key, or a `did:key`. */
export const isDid = (did: string): boolean => PKH.test(did) || KEY.test(did);

/** The primary key's address of a did:pkh, or null for a did:key. */
export const didAddress = (did: string): Address | null => (PKH.exec(did)?.[1] as Address | undefined) ?? null;

export const pkhDid = (address: string): string => `did:pkh:eip155:1:${address.toLowerCase()}`;

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58Decode(text: string): Uint8Array {
  let n = 0n;
  for (const char of text) n = n * 58n + BigInt(BASE58.indexOf(char));
  const bytes: number[] = [];
  for (; n > 0n; n >>= 8n) bytes.unshift(Number(n & 0xffn));
  let zeros = 0;
  while (text[zeros] === '1') zeros++;
  return Uint8Array.from([...new Array<number>(zeros).fill(0), ...bytes]);
}

function base58Encode(bytes: Uint8Array): string {
  let n = 0n;
  for (const byte of bytes) n = (n << 8n) | BigInt(byte);
  let text = '';
  for (; n > 0n; n /= 58n) text = BASE58[Number(n % 58n)]! + text;
  let zeros = 0;
  while (bytes[zeros] === 0) zeros++;
  return '1'.repeat(zeros) + text;
}

/** The multicodec prefix of a secp256k1 public key (0xe7, as a varint), followed by its 33 compressed bytes. */
const SECP256K1_PUB = [0xe7, 0x01] as const;

/** The did:key of a compressed secp256k1 public key (33 bytes). */
export const secp256k1KeyDid = (compressed: Uint8Array): string => `did:key:z${base58Encode(Uint8Array.from([...SECP256K1_PUB, ...compressed]))}`;

/**
 * The address whose signature speaks for the member `did`: a did:pkh's own address, or the
 * Ethereum address of a did:key's secp256k1 key. Other DIDs are refused.
 */
export function memberKeyAddress(did: string): Result<Address, CoreError> {
  const pkh = didAddress(did);
  if (pkh) return ok(pkh);
  const key = KEY.exec(did)?.[1];
  if (!key) return err(fail('InvalidDid', { did }));
  const bytes = base58Decode(key);
  if (bytes[0] !== SECP256K1_PUB[0] || bytes[1] !== SECP256K1_PUB[1]) {
    return err(fail('UnsupportedDid', { did, reason: 'only a did:key of a secp256k1 key can sign vault actions' }));
  }
  // One key, one DID: the 33 compressed bytes exactly, written as base58btc writes them.
  if (bytes.length !== 35 || base58Encode(bytes) !== key) return err(fail('InvalidDid', { did }));
  try {
    return ok(addressOfPublicKey(secp256k1.Point.fromBytes(bytes.subarray(2)).toBytes(false)));
  } catch {
    return err(fail('InvalidDid', { did }));
  }
}
