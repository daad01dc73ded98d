/**
 * Bitcoin addresses of every single-key script type the Trezor firmware derives in `GetAddress`:
 * P2PKH (SPENDADDRESS), P2SH-P2WPKH (SPENDP2SHWITNESS, BIP-49), P2WPKH (SPENDWITNESS, BIP-84,
 * bech32 per BIP-173) and P2TR (SPENDTAPROOT, BIP-86 key-path output, bech32m per BIP-350,
 * tweak per BIP-341). Written from the BIPs; checked against trezor-firmware's device tests.
 */
import { schnorr, secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { ripemd160 } from '@noble/hashes/legacy.js';
import { bytesToHex } from 'viem';

export type BtcScriptType = 'SPENDADDRESS' | 'SPENDP2SHWITNESS' | 'SPENDWITNESS' | 'SPENDTAPROOT';
export type BtcCoin = 'Bitcoin' | 'Testnet';

const NETWORKS: Record<BtcCoin, { p2pkh: number; p2sh: number; hrp: string }> = {
  Bitcoin: { p2pkh: 0x00, p2sh: 0x05, hrp: 'bc' },
  Testnet: { p2pkh: 0x6f, p2sh: 0xc4, hrp: 'tb' },
};

export const isBtcCoin = (coin: string): coin is BtcCoin => Object.hasOwn(NETWORKS, coin);
export const isBtcScriptType = (script: string): script is BtcScriptType =>
  script === 'SPENDADDRESS' || script === 'SPENDP2SHWITNESS' || script === 'SPENDWITNESS' || script === 'SPENDTAPROOT';

/** The address of `publicKey` (33-byte compressed) for `script` on `coin`. */
export function btcAddress(publicKey: Uint8Array, coin: BtcCoin, script: BtcScriptType): string {
  const network = NETWORKS[coin];
  const keyHash = hash160(publicKey);
  switch (script) {
    case 'SPENDADDRESS':
      return base58check(Uint8Array.of(network.p2pkh, ...keyHash));
    case 'SPENDP2SHWITNESS': {
      const redeemScript = Uint8Array.of(0x00, 0x14, ...keyHash);
      return base58check(Uint8Array.of(network.p2sh, ...hash160(redeemScript)));
    }
    case 'SPENDWITNESS':
      return segwitAddress(network.hrp, 0, keyHash);
    case 'SPENDTAPROOT':
      return segwitAddress(network.hrp, 1, taprootOutputKey(publicKey));
  }
}

const hash160 = (data: Uint8Array): Uint8Array => ripemd160(sha256(data));

/** BIP-86: the internal key (x only, even y) tweaked by its own TapTweak hash, no script tree. */
function taprootOutputKey(publicKey: Uint8Array): Uint8Array {
  const internalX = publicKey.subarray(1, 33);
  const tweak = BigInt(bytesToHex(schnorr.utils.taggedHash('TapTweak', internalX)));
  const internal = schnorr.utils.lift_x(BigInt(bytesToHex(internalX)));
  const output = internal.add(secp256k1.Point.BASE.multiply(tweak));
  return output.toBytes(true).subarray(1);
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

export function base58check(payload: Uint8Array): string {
  const bytes = Uint8Array.of(...payload, ...sha256(sha256(payload)).subarray(0, 4));
  let n = BigInt(bytesToHex(bytes));
  let out = '';
  while (n > 0n) {
    out = BASE58[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const byte of bytes) {
    if (byte !== 0) break;
    out = `1${out}`;
  }
  return out;
}

const BECH32_ALPHABET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BECH32_GENERATORS = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
/** The checksum constant: 1 for bech32 (witness v0), 0x2bc830a3 for bech32m (v1 and up). */
const checksumConstant = (version: number): number => (version === 0 ? 1 : 0x2bc830a3);

function polymod(values: readonly number[]): number {
  let chk = 1;
  for (const value of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ value;
    for (const [i, generator] of BECH32_GENERATORS.entries()) if ((top >>> i) & 1) chk ^= generator;
  }
  return chk >>> 0;
}

/** 8-bit bytes to 5-bit groups, zero-padded at the end (BIP-173 convertbits with pad). */
function toFiveBits(data: Uint8Array): number[] {
  const out: number[] = [];
  let accumulator = 0;
  let bits = 0;
  for (const byte of data) {
    accumulator = (accumulator << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push((accumulator >>> bits) & 31);
    }
  }
  if (bits > 0) out.push((accumulator << (5 - bits)) & 31);
  return out;
}

export function segwitAddress(hrp: string, version: number, program: Uint8Array): string {
  const data = [version, ...toFiveBits(program)];
  const expandedHrp = [...hrp].map((c) => c.charCodeAt(0) >> 5).concat(0, [...hrp].map((c) => c.charCodeAt(0) & 31));
  const mod = polymod([...expandedHrp, ...data, 0, 0, 0, 0, 0, 0]) ^ checksumConstant(version);
  const checksum = [0, 1, 2, 3, 4, 5].map((i) => (mod >>> (5 * (5 - i))) & 31);
  return `${hrp}1${[...data, ...checksum].map((v) => BECH32_ALPHABET[v]).join('')}`;
}
