/**
 * The Ledger Ethereum app's APDUs (CLA 0xE0) that our driver uses, answered as app-ethereum 1.13.0
 * answers them (src_features/*, src/main.c): GET APP CONFIGURATION, GET ADDRESS (with on-screen
 * verification), SIGN TRANSACTION, SIGN PERSONAL MESSAGE, SIGN EIP-712 (by hashes and field by
 * field) with the struct definition/implementation and filtering commands. What needs the "Blind
 * signing" setting is refused with the app's own status word and error screen while it is off;
 * paths outside the app's own are refused as BOLOS refuses them. Signatures are RFC 6979
 * deterministic, so they repeat a real device's bytes.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, getAddress } from 'viem';
import { ApduStatus, SW, readPath, reply, status } from './apdu';
import { type AppContext, type AppHandler } from './device';
import { Eip712Session } from './eip712';
import {
  blindSigningErrorFlow,
  personalMessageReview,
  transactionReview,
  typedDataFieldsReview,
  typedDataHashesReview,
  verifyAddressReview,
} from './eth-screens';
import { EIP712_FRICTION_SINCE, PATH_REFUSED, appConfigurationFlags, formatAmount, networkName, networkTicker, pathAllowed, versionAtLeast } from './eth-policy';
import { ERC20_SELECTORS, SW_TX_TYPE_NOT_SUPPORTED, TX_TYPE, dataField, parseTransaction, signatureV, totalLength, txType, valueBeforeData } from './eth-tx';
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

const hashText = (bytes: Uint8Array): string => `0x${Buffer.from(bytes).toString('hex').toUpperCase()}`;

interface TxSession {
  readonly path: string;
  readonly indices: number[];
  data: Buffer;
  /** The data field was looked at (the app decides about its plugin and blind signing there, once). */
  dataChecked: boolean;
}

export function createEthereumApp(ctx: AppContext, version: () => string): AppHandler {
  const settings = ctx.ethereumSettings;
  let eip712 = new Eip712Session();
  /** The blind-signing check of a field-by-field message is made at its first shown field. */
  let eip712Shown = false;
  let personal: { path: string; indices: number[]; total: number; chunks: Buffer[]; received: number } | null = null;
  let transaction: TxSession | null = null;

  /** BOLOS derives only below the app's own paths; a signature's key is derived once it is approved. */
  const checkPath = (indices: readonly number[]): void => {
    if (!pathAllowed(indices, version())) throw new ApduStatus(PATH_REFUSED);
  };
  /** ui_error_blind_signing() and APDU_RESPONSE_INVALID_DATA. */
  const blindSigningRefused = (): Buffer => {
    ctx.show(blindSigningErrorFlow());
    return status(SW.WRONG_DATA);
  };
  const friction = (): boolean => versionAtLeast(version(), EIP712_FRICTION_SINCE);
  const resetEip712 = (): void => {
    eip712 = new Eip712Session();
    eip712Shown = false;
  };

  /** Any error status word resets the app's context (src/main.c). */
  const fail = (sw: number): Buffer => {
    transaction = null;
    return status(sw);
  };

  const signTransaction = async (apdu: { p1: number; p2: number; data: Buffer }): Promise<Buffer> => {
    if (apdu.p1 === 0x00) {
      const { path, indices, next } = readPath(apdu.data);
      const rest = Buffer.from(apdu.data.subarray(next));
      if (rest.length < 1) return status(SW.WRONG_DATA);
      const type = txType(rest);
      if (type !== null && type !== TX_TYPE.EIP2930 && type !== TX_TYPE.EIP1559) return status(SW_TX_TYPE_NOT_SUPPORTED);
      transaction = { path, indices, data: rest, dataChecked: false };
    } else if (apdu.p1 !== 0x80) {
      return status(SW.WRONG_P1_P2);
    } else if (!transaction) {
      return status(SW.DENIED); // "Signature not initialized": CONDITION_NOT_SATISFIED
    } else {
      transaction.data = Buffer.concat([transaction.data, apdu.data]);
    }
    if (apdu.p2 !== 0) return fail(SW.WRONG_P1_P2);
    const tx = transaction;

    // customProcessor: when the data field's first bytes arrive, a built-in plugin takes ERC-20
    // transfer/approve (and refuses them with ether attached); anything else needs blind signing.
    const field = dataField(tx.data);
    if (!tx.dataChecked && field && field.length > 0 && tx.data.length > field.start) {
      tx.dataChecked = true;
      const available = tx.data.subarray(field.start);
      if (available.length < 4) return fail(SW.WRONG_DATA); // "Missing function selector"
      const selector = available.subarray(0, 4).toString('hex');
      const erc20 = (ERC20_SELECTORS as readonly string[]).includes(selector);
      if (erc20) {
        if (valueBeforeData(tx.data) !== 0n) return fail(SW.WRONG_DATA); // "Transaction amount is not 0": plugin error
      } else if (!settings.blindSigning) {
        transaction = null;
        return blindSigningRefused();
      }
    }

    const expected = totalLength(tx.data);
    if (expected === null || tx.data.length < expected) return status(SW.OK);
    transaction = null;
    if (tx.data.length !== expected) return status(SW.WRONG_DATA);
    const parsed = parseTransaction(tx.data);
    // finalizeParsing: without token metadata (APDU 0x0A, which hw-app-eth sends only with its
    // services on) the ERC-20 plugin falls back, and data that is still there needs blind signing.
    const blind = parsed.data.length > 0;
    if (blind && !settings.blindSigning) return blindSigningRefused();
    checkPath(tx.indices); // the "From" address is derived before the review
    const chainId = parsed.chainId ?? 1n;
    const ticker = networkTicker(chainId);
    const review = transactionReview({
      from: ethereumAddressOf(ctx.mnemonic, tx.path).address,
      amount: formatAmount(parsed.value, 18, ticker),
      to: parsed.to.length === 20 ? getAddress(bytesToHex(parsed.to)) : 'Contract',
      ...(settings.displayNonce ? { nonce: parsed.nonce.toString() } : {}),
      ...(chainId !== 1n ? { network: networkName(chainId) } : {}),
      maxFees: formatAmount(parsed.gasLimit * parsed.feePerGas, 18, ticker),
      blind,
    });
    if (!(await ctx.confirm('sign-transaction', review))) return status(SW.DENIED);
    const signature = signDigest(ctx.mnemonic, tx.path, keccak_256(tx.data));
    signature[0] = signatureV(parsed, (signature[0] ?? 27) - 27);
    return reply(signature);
  };

  const signTypedData = async (apdu: { p1: number; p2: number; data: Buffer }): Promise<Buffer> => {
    if (apdu.p2 === 0x00) {
      // handleSignEIP712Message_v0: the domain and message hashes only.
      if (apdu.p1 !== 0x00) return status(SW.WRONG_P1_P2);
      if (friction() && !settings.blindSigning) return blindSigningRefused();
      const { path, indices, next } = readPath(apdu.data);
      const rest = apdu.data.subarray(next);
      if (rest.length < 64) return status(SW.WRONG_DATA);
      const domainHash = rest.subarray(0, 32);
      const messageHash = rest.subarray(32, 64);
      if (!(await ctx.confirm('sign-typed-data', typedDataHashesReview(hashText(domainHash), hashText(messageHash))))) return status(SW.DENIED);
      return signTyped(path, indices, domainHash, messageHash);
    }
    if (apdu.p2 !== 0x01) return status(SW.WRONG_P1_P2);
    // handle_eip712_sign: after the domain and the message were sent field by field.
    const session = eip712;
    const shownBefore = eip712Shown;
    resetEip712();
    if (!session.complete) return status(SW.DENIED);
    const { path, indices } = readPath(apdu.data);
    if (friction() && !shownBefore && !settings.blindSigning && !settings.verboseEip712) return blindSigningRefused();
    const result = session.finish();
    const domainHash = Buffer.from(result.domainHash.slice(2), 'hex');
    const messageHash = Buffer.from(result.messageHash.slice(2), 'hex');
    // On a Nano the app shows the domain's fields and the message hash, or every field with "Raw messages" on.
    const fields = settings.verboseEip712
      ? [...session.displayFields('domain'), ...session.displayFields('message')]
      : [...session.displayFields('domain'), { title: 'Message hash', value: hashText(messageHash) }];
    if (!(await ctx.confirm('sign-typed-data', typedDataFieldsReview(fields)))) return status(SW.DENIED);
    return signTyped(path, indices, domainHash, messageHash);
  };

  const signTyped = (path: string, indices: number[], domainHash: Uint8Array, messageHash: Uint8Array): Buffer => {
    checkPath(indices);
    const digest = keccak_256(Buffer.concat([Buffer.from([0x19, 0x01]), domainHash, messageHash]));
    return reply(signDigest(ctx.mnemonic, path, digest));
  };

  return async (apdu) => {
    if (apdu.cla !== 0xe0) return status(SW.CLA_NOT_SUPPORTED);
    switch (apdu.ins) {
      case INS.GET_CONFIGURATION: {
        const [major, minor, patch] = version().split('.').map((n) => Number.parseInt(n, 10) & 0xff);
        return reply([appConfigurationFlags(version(), settings), major ?? 0, minor ?? 0, patch ?? 0]);
      }
      case INS.GET_ADDRESS: {
        if (apdu.p1 > 1 || apdu.p2 > 1) return status(SW.WRONG_P1_P2);
        const { path, indices, next } = readPath(apdu.data);
        // an optional 8-byte chain id may follow the path; anything else is refused
        const extra = apdu.data.length - next;
        if (extra !== 0 && extra !== 8) return status(SW.WRONG_DATA);
        checkPath(indices);
        const { publicKey, address, chainCode } = ethereumAddressOf(ctx.mnemonic, path);
        if (apdu.p1 === 1 && !(await ctx.confirm('verify-address', verifyAddressReview(address)))) return status(SW.DENIED);
        const ascii = Buffer.from(address.slice(2), 'ascii');
        const parts = [Buffer.from([publicKey.length]), Buffer.from(publicKey), Buffer.from([ascii.length]), ascii];
        if (apdu.p2 === 1) parts.push(Buffer.from(chainCode));
        return reply(Buffer.concat(parts));
      }
      case INS.SIGN_PERSONAL: {
        if (apdu.p1 === 0x00) {
          const { path, indices, next } = readPath(apdu.data);
          const total = apdu.data.readUInt32BE(next);
          const chunk = apdu.data.subarray(next + 4);
          personal = { path, indices, total, chunks: [chunk], received: chunk.length };
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
        if (!(await ctx.confirm('sign-message', personalMessageReview(text)))) return status(SW.DENIED);
        checkPath(session.indices);
        return reply(signDigest(ctx.mnemonic, session.path, keccak_256(prefixed)));
      }
      case INS.SIGN_TX:
        return signTransaction(apdu);
      case INS.EIP712_STRUCT_DEF:
        try {
          eip712.structDefinition(apdu.p2, apdu.data);
        } catch (error) {
          resetEip712();
          throw error;
        }
        return status(SW.OK);
      case INS.EIP712_STRUCT_IMPL: {
        let root: string | null;
        try {
          root = eip712.structImplementation(apdu.p1, apdu.p2, apdu.data);
        } catch (error) {
          resetEip712();
          throw error;
        }
        // ui_712_redraw_generic_step: the first field the app shows is where it stops an unfiltered
        // message when neither "Blind signing" nor "Raw messages" is on (the domain's, on a Nano).
        if (root !== null && !eip712Shown && (root === 'EIP712Domain' || settings.verboseEip712)) {
          eip712Shown = true;
          if (friction() && !settings.blindSigning && !settings.verboseEip712) {
            resetEip712();
            return blindSigningRefused();
          }
        }
        return status(SW.OK);
      }
      case INS.EIP712_FILTERING:
        // Filters come signed by Ledger's services, which hw-app-eth reaches only with its network on.
        return status(SW.OK);
      case INS.SIGN_EIP712:
        return signTypedData(apdu);
      default:
        return status(SW.INS_NOT_SUPPORTED);
    }
  };
}
