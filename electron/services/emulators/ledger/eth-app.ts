/**
 * The Ledger Ethereum app's APDUs (CLA 0xE0) that our driver uses, answered as app-ethereum
 * answers them: GET APP CONFIGURATION, GET ADDRESS (with on-screen verification), SIGN PERSONAL
 * MESSAGE, SIGN EIP-712 (hashed and full), and the EIP-712 struct definition/implementation and
 * filtering commands. Signatures are RFC 6979 deterministic, so they repeat a real device's bytes.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, getAddress } from 'viem';
import { ApduStatus, SW, readPath, reply, status } from './apdu';
import { type AppContext, type AppHandler } from './device';
import { Eip712Session } from './eip712';
import { deriveKey } from '../mnemonics';

const INS = {
  GET_ADDRESS: 0x02,
  SIGN_TX: 0x04,
  GET_CONFIGURATION: 0x06,
  SIGN_PERSONAL: 0x08,
  SIGN_EIP712: 0x0c,
  EIP712_STRUCT_DEF: 0x1a,
  EIP712_STRUCT_IMPL: 0x1c,
  EIP712_FILTERING: 0x1e,
} as const;

/** Signs a 32-byte digest; returns v (27/28) || r || s as the app does for messages. */
export function signDigest(mnemonic: string, path: string, digest: Uint8Array): Buffer {
  const key = deriveKey(mnemonic, path).privateKey;
  if (!key) throw new ApduStatus(SW.WRONG_DATA);
  const sig = secp256k1.sign(digest, key, { prehash: false, lowS: true, format: 'recovered' });
  // noble's 'recovered' format is recovery || r || s
  const recovery = sig[0] ?? 0;
  return Buffer.concat([Buffer.from([27 + recovery]), Buffer.from(sig.subarray(1, 65))]);
}

export function ethereumAddressOf(mnemonic: string, path: string): { publicKey: Uint8Array; address: string; chainCode: Uint8Array } {
  const node = deriveKey(mnemonic, path);
  if (!node.publicKey || !node.chainCode) throw new ApduStatus(SW.WRONG_DATA);
  const publicKey = secp256k1.Point.fromBytes(node.publicKey).toBytes(false);
  const address = getAddress(bytesToHex(keccak_256(publicKey.subarray(1)).subarray(12)));
  return { publicKey, address, chainCode: node.chainCode };
}

/** Total length of a raw transaction from its first bytes (type byte, RLP list header), or null if too short. */
function rawTransactionLength(data: Buffer): number | null {
  const typed = (data[0] ?? 0xff) < 0x80 ? 1 : 0;
  const b = data[typed];
  if (b === undefined) return null;
  if (b >= 0xc0 && b <= 0xf7) return typed + 1 + (b - 0xc0);
  if (b >= 0xf8) {
    const n = b - 0xf7;
    if (data.length < typed + 1 + n) return null;
    return typed + 1 + n + data.readUIntBE(typed + 1, n);
  }
  return null;
}

/** The RLP items of a list payload (one level). */
function rlpItems(data: Buffer): Buffer[] {
  const items: Buffer[] = [];
  let o = 0;
  while (o < data.length) {
    const b = data[o] ?? 0;
    if (b < 0x80) {
      items.push(data.subarray(o, o + 1));
      o += 1;
    } else if (b <= 0xb7) {
      items.push(data.subarray(o + 1, o + 1 + (b - 0x80)));
      o += 1 + (b - 0x80);
    } else if (b <= 0xbf || b >= 0xf8) {
      const n = b <= 0xbf ? b - 0xb7 : b - 0xf7;
      const len = data.readUIntBE(o + 1, n);
      items.push(data.subarray(o + 1 + n, o + 1 + n + len));
      o += 1 + n + len;
    } else {
      const len = b - 0xc0;
      items.push(data.subarray(o + 1, o + 1 + len));
      o += 1 + len;
    }
  }
  return items;
}

/** v as the app returns it: parity for typed transactions, 27/28 or EIP-155 (low byte) for legacy. */
function transactionV(tx: Buffer, parity: number): number {
  if ((tx[0] ?? 0xff) < 0x80) return parity;
  const b = tx[0] ?? 0xc0;
  const payload = b <= 0xf7 ? tx.subarray(1) : tx.subarray(1 + (b - 0xf7));
  const items = rlpItems(payload);
  const chainId = items.length >= 9 && items[6] && items[6].length > 0 ? BigInt(`0x${items[6].toString('hex')}`) : null;
  if (chainId === null) return 27 + parity;
  return Number((chainId * 2n + 35n + BigInt(parity)) & 0xffn);
}

export function createEthereumApp(ctx: AppContext, version: () => string, blindSigning: () => boolean = () => false): AppHandler {
  let eip712 = new Eip712Session();
  let personal: { path: string; total: number; chunks: Buffer[]; received: number } | null = null;
  let transaction: { path: string; data: Buffer } | null = null;

  return async (apdu) => {
    if (apdu.cla !== 0xe0) return status(SW.CLA_NOT_SUPPORTED);
    switch (apdu.ins) {
      case INS.GET_CONFIGURATION: {
        const [major, minor, patch] = version().split('.').map((n) => Number.parseInt(n, 10) & 0xff);
        // flags: 0x01 blind signing ("arbitrary data"), off on a fresh device.
        return reply([blindSigning() ? 0x01 : 0x00, major ?? 0, minor ?? 0, patch ?? 0]);
      }
      case INS.GET_ADDRESS: {
        if (apdu.p1 > 1 || apdu.p2 > 1) return status(SW.WRONG_P1_P2);
        const { path } = readPath(apdu.data);
        const { publicKey, address, chainCode } = ethereumAddressOf(ctx.mnemonic, path);
        if (apdu.p1 === 1 && !(await ctx.confirm('verify-address', ['Verify address', address]))) return status(SW.DENIED);
        const ascii = Buffer.from(address.slice(2), 'ascii');
        const parts = [Buffer.from([publicKey.length]), Buffer.from(publicKey), Buffer.from([ascii.length]), ascii];
        if (apdu.p2 === 1) parts.push(Buffer.from(chainCode));
        return reply(Buffer.concat(parts));
      }
      case INS.SIGN_PERSONAL: {
        if (apdu.p1 === 0x00) {
          const { path, next } = readPath(apdu.data);
          const total = apdu.data.readUInt32BE(next);
          const chunk = apdu.data.subarray(next + 4);
          personal = { path, total, chunks: [chunk], received: chunk.length };
        } else if (apdu.p1 === 0x80 && personal) {
          personal.chunks.push(apdu.data);
          personal.received += apdu.data.length;
        } else {
          return status(SW.WRONG_P1_P2);
        }
        if (personal.received < personal.total) return status(SW.OK);
        const session = personal;
        personal = null;
        if (session.received !== session.total) return status(SW.WRONG_DATA);
        const message = Buffer.concat(session.chunks);
        const prefixed = Buffer.concat([Buffer.from(`\x19Ethereum Signed Message:\n${message.length}`, 'utf8'), message]);
        const text = /^[\x20-\x7e\n]*$/.test(message.toString('latin1')) ? message.toString('utf8') : `0x${message.toString('hex')}`;
        if (!(await ctx.confirm('sign-message', ['Sign message', text]))) return status(SW.DENIED);
        return reply(signDigest(ctx.mnemonic, session.path, keccak_256(prefixed)));
      }
      case INS.SIGN_TX: {
        // Blind signing of a raw transaction (legacy or typed), chunked with P1 0x00 / 0x80.
        if (apdu.p1 === 0x00) {
          const { path, next } = readPath(apdu.data);
          transaction = { path, data: Buffer.from(apdu.data.subarray(next)) };
        } else if (apdu.p1 === 0x80 && transaction) {
          transaction.data = Buffer.concat([transaction.data, apdu.data]);
        } else {
          return status(SW.WRONG_P1_P2);
        }
        const expected = rawTransactionLength(transaction.data);
        if (expected === null || transaction.data.length < expected) return status(SW.OK);
        const tx = transaction;
        transaction = null;
        if (tx.data.length !== expected) return status(SW.WRONG_DATA);
        if (!(await ctx.confirm('sign-transaction', ['Review transaction', `0x${tx.data.toString('hex')}`]))) return status(SW.DENIED);
        const signature = signDigest(ctx.mnemonic, tx.path, keccak_256(tx.data));
        const parity = (signature[0] ?? 27) - 27;
        signature[0] = transactionV(tx.data, parity);
        return reply(signature);
      }
      case INS.EIP712_STRUCT_DEF:
        eip712.structDefinition(apdu.p2, apdu.data);
        return status(SW.OK);
      case INS.EIP712_STRUCT_IMPL:
        eip712.structImplementation(apdu.p1, apdu.p2, apdu.data);
        return status(SW.OK);
      case INS.EIP712_FILTERING:
        // Filters only change what the screen shows; the signature is the same.
        return status(SW.OK);
      case INS.SIGN_EIP712: {
        if (apdu.p1 !== 0x00) return status(SW.WRONG_P1_P2);
        const { path, next } = readPath(apdu.data);
        let domainHash: Uint8Array;
        let messageHash: Uint8Array;
        let primaryType = '';
        const rest = apdu.data.subarray(next);
        if (apdu.p2 === 0x00 && rest.length === 64) {
          domainHash = rest.subarray(0, 32);
          messageHash = rest.subarray(32, 64);
        } else if (rest.length === 0) {
          const session = eip712;
          eip712 = new Eip712Session();
          const result = session.finish();
          domainHash = Buffer.from(result.domainHash.slice(2), 'hex');
          messageHash = Buffer.from(result.messageHash.slice(2), 'hex');
          primaryType = result.primaryType;
        } else {
          return status(SW.WRONG_DATA);
        }
        const lines = [
          primaryType ? `Review typed message: ${primaryType}` : 'Review typed message (hashes only)',
          `Domain hash 0x${Buffer.from(domainHash).toString('hex')}`,
          `Message hash 0x${Buffer.from(messageHash).toString('hex')}`,
        ];
        if (!(await ctx.confirm('sign-typed-data', lines))) return status(SW.DENIED);
        const digest = keccak_256(Buffer.concat([Buffer.from([0x19, 0x01]), domainHash, messageHash]));
        return reply(signDigest(ctx.mnemonic, path, digest));
      }
      default:
        return status(SW.INS_NOT_SUPPORTED);
    }
  };
}
