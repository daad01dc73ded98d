/**
 * Prints a signed `c3-signing-request` file for a treasury price attestation (SPEC §4), signed with
 * the emulated devices' keys (public test mnemonics: test and demo keys only), as another steward's
 * app would hand it over. For the stewards' e2e flow (e2e/genesis.spec.ts), which runs it with tsx:
 *
 *   node --import tsx scripts/signed-request.ts <commonsId> <treasury> <nonce> <price> ledger:0 trezor:0 …
 */
import { keySigner, signAction } from '../shared/commons/build';
import { type Action } from '../shared/commons/log';
import { type Hex } from '../shared/crypto/canonical';
import { encodeRequestFile } from '../shared/quorum/request';
import { SPECULOS_MNEMONIC, TREZOR_MNEMONIC, deriveKey, ethereumPath } from '../electron/services/emulators/mnemonics';

function emulatorKey(spec: string) {
  const [device, index] = spec.split(':');
  const key = deriveKey(device === 'trezor' ? TREZOR_MNEMONIC : SPECULOS_MNEMONIC, ethereumPath(Number(index))).privateKey;
  if (!key) throw new Error(`no key for ${spec}`);
  return keySigner(key);
}

const [commonsId, treasury, nonce, price, ...signers] = process.argv.slice(2);
if (!commonsId || !treasury || !nonce || !price || signers.length === 0) throw new Error('usage: signed-request.ts <commonsId> <treasury> <nonce> <price> <device:index>…');
const validUntil = Math.floor(Date.now() / 1000) + 30 * 86_400;
const action: Action = signAction(commonsId as Hex, { kind: 'price.attest', vault: treasury, nonce: Number(nonce), validUntil, payload: { asset: 'ADA', price: BigInt(price) } }, signers.map(emulatorKey));
const { sigs, ...unsigned } = action;
process.stdout.write(`${JSON.stringify(encodeRequestFile({ commonsId: commonsId as Hex, action: unsigned as never, signatures: sigs }), null, 2)}\n`);
