/**
 * Prints a signed `c3-signing-request` file for a treasury price attestation (SPEC §4), signed with
 * the emulated devices' keys (public test mnemonics: test and demo keys only), as another steward's
 * app would hand it over. For the stewards' e2e flows (e2e/genesis.spec.ts, e2e/real-commons.spec.ts),
 * which run it with tsx; `--valid-until=<unix seconds>` sets its expiry (30 days from now otherwise):
 *
 *   node --import tsx scripts/signed-request.ts <commonsId> <treasury> <nonce> <price> ledger:0 trezor:0 … [--valid-until=<s>]
 */
import { signAction } from '../shared/commons/build';
import { type Action } from '../shared/commons/log';
import { type Hex } from '../shared/crypto/canonical';
import { encodeRequestFile } from '../shared/quorum/request';
import { emulatorKey } from './emulator-keys';

const args = process.argv.slice(2);
const expiry = args.find((a) => a.startsWith('--valid-until='));
const [commonsId, treasury, nonce, price, ...signers] = args.filter((a) => a !== expiry);
if (!commonsId || !treasury || !nonce || !price || signers.length === 0) throw new Error('usage: signed-request.ts <commonsId> <treasury> <nonce> <price> <device:index>… [--valid-until=<s>]');
const validUntil = expiry ? Number(expiry.slice('--valid-until='.length)) : Math.floor(Date.now() / 1000) + 30 * 86_400;
const action: Action = signAction(commonsId as Hex, { kind: 'price.attest', vault: treasury, nonce: Number(nonce), validUntil, payload: { asset: 'ADA', price: BigInt(price) } }, signers.map(emulatorKey));
const { sigs, ...unsigned } = action;
process.stdout.write(`${JSON.stringify(encodeRequestFile({ commonsId: commonsId as Hex, action: unsigned as never, signatures: sigs }), null, 2)}\n`);
