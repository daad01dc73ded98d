/**
 * The Ledger Cardano app (CLA 0xD7) commands our driver uses: GET_VERSION (0x00) and
 * GET_EXTENDED_PUBLIC_KEY (0x10, first key with P1 0x00 and an optional count of more keys,
 * following keys with P1 0x01), as @cardano-foundation/ledgerjs-hw-app-cardano sends them.
 */
import { SW, readPath, reply, status } from './apdu';
import { type AppContext, type AppHandler } from './device';
import { cardanoExtendedPublicKey } from '../cardano-keys';

export function createCardanoApp(ctx: AppContext, version: () => string): AppHandler {
  let remaining = 0;
  return async (apdu) => {
    if (apdu.cla !== 0xd7) return status(SW.CLA_NOT_SUPPORTED);
    switch (apdu.ins) {
      case 0x00: {
        const [major, minor, patch] = version().split('.').map((n) => Number.parseInt(n, 10) & 0xff);
        return reply([major ?? 0, minor ?? 0, patch ?? 0, 0x00]);
      }
      case 0x10: {
        const { path, indices, next } = readPath(apdu.data);
        if (apdu.p1 === 0x00) {
          remaining = apdu.data.length >= next + 4 ? apdu.data.readUInt32BE(next) : 0;
          // The app asks once for the whole batch of keys (unless they are ordinary account keys).
          if (!(await ctx.confirm('export-public-key', ['Export public key', path]))) return status(SW.DENIED);
        } else if (apdu.p1 === 0x01) {
          if (remaining <= 0) return status(SW.WRONG_P1_P2);
          remaining -= 1;
        } else {
          return status(SW.WRONG_P1_P2);
        }
        const { publicKey, chainCode } = cardanoExtendedPublicKey(ctx.mnemonic, indices);
        return reply(Buffer.concat([publicKey, chainCode]));
      }
      default:
        return status(SW.INS_NOT_SUPPORTED);
    }
  };
}
