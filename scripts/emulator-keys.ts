/** The emulated devices' keys (public test mnemonics: test and demo keys only), named `ledger:<index>` or `trezor:<index>`, for the e2e scripts. */
import { privateKeyToAddress } from 'viem/accounts';
import { bytesToHex } from 'viem';
import { type DigestSigner, keySigner } from '../shared/commons/build';
import { SPECULOS_MNEMONIC, TREZOR_MNEMONIC, deriveKey, ethereumPath } from '../electron/services/emulators/mnemonics';

function privateKey(spec: string): Uint8Array {
  const [device, index] = spec.split(':');
  const key = deriveKey(device === 'trezor' ? TREZOR_MNEMONIC : SPECULOS_MNEMONIC, ethereumPath(Number(index))).privateKey;
  if (!key) throw new Error(`no key for ${spec}`);
  return key;
}

export const emulatorKey = (spec: string): DigestSigner => keySigner(privateKey(spec));

export const emulatorAddress = (spec: string): string => privateKeyToAddress(bytesToHex(privateKey(spec)));
