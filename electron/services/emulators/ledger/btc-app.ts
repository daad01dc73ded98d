/**
 * The Ledger Bitcoin app (2.x, CLA 0xE1, protocol version 1) commands our driver uses:
 * GET_MASTER_FINGERPRINT (0x05) and GET_EXTENDED_PUBKEY (0x00, optionally shown on screen),
 * as documented in LedgerHQ/app-bitcoin-new doc/bitcoin.md.
 */
import { HDKey } from '@scure/bip32';
import { ApduStatus, SW, readPath, reply, status } from './apdu';
import { type AppContext, type AppHandler } from './device';
import { deriveKey, rootKey } from '../mnemonics';

const MAINNET = { private: 0x0488ade4, public: 0x0488b21e };
const TESTNET = { private: 0x04358394, public: 0x043587cf };

/** The xpub (or tpub for coin type 1') at `path`, serialised as the app does. */
export function extendedPublicKey(mnemonic: string, path: string, indices: readonly number[]): string {
  const node = deriveKey(mnemonic, path);
  const testnet = indices[1] === 0x80000001;
  if (!node.publicKey || !node.chainCode) throw new ApduStatus(SW.WRONG_DATA);
  return new HDKey({
    versions: testnet ? TESTNET : MAINNET,
    depth: node.depth,
    index: node.index,
    parentFingerprint: node.parentFingerprint,
    chainCode: node.chainCode,
    publicKey: node.publicKey,
  }).publicExtendedKey;
}

/** The master key fingerprint (first 4 bytes of HASH160 of the root public key), big-endian. */
export function masterFingerprint(mnemonic: string): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(rootKey(mnemonic).fingerprint >>> 0);
  return out;
}

export function createBitcoinApp(ctx: AppContext): AppHandler {
  return async (apdu) => {
    if (apdu.cla !== 0xe1) return status(SW.CLA_NOT_SUPPORTED);
    if (apdu.p2 !== 0x01 && apdu.p2 !== 0x00) return status(SW.WRONG_P1_P2);
    switch (apdu.ins) {
      case 0x05:
        return reply(masterFingerprint(ctx.mnemonic));
      case 0x00: {
        const display = apdu.data[0];
        if (display !== 0 && display !== 1) return status(SW.WRONG_DATA);
        const { path, indices } = readPath(apdu.data, 1);
        if (indices.length > 6) return status(SW.WRONG_DATA);
        const xpub = extendedPublicKey(ctx.mnemonic, path, indices);
        if (display === 1 && !(await ctx.confirm('export-public-key', ['Public key', path, xpub]))) return status(SW.DENIED);
        return reply(Buffer.from(xpub, 'ascii'));
      }
      default:
        return status(SW.INS_NOT_SUPPORTED);
    }
  };
}
