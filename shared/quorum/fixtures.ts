/**
 * Test fixtures for signing requests: the Demo Commons folded from fixed keys (the emulators' own
 * keys are derived in electron/), its view as the dashboard holds it, and Alice's 2-of-2 vault
 * sending 12.5 CONX to Bob's. Used by the tests only.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { apply, fold } from '../commons/apply';
import { type DigestSigner, keySigner, sealEntry } from '../commons/build';
import { demoLog } from '../commons/demo';
import { type Action } from '../commons/log';
import { type CommonsState } from '../commons/state';
import { UNCHECKED_ZK_VERIFIER } from '../commons/verify';
import { toCommonsView } from '../commons/view';
import { type CommonsView } from '../contract/commons-view';
import { type Hex } from '../crypto/canonical';
import { vaultActionDigest } from '../crypto/eip712';
import { nobleRecoverer } from '../crypto/recover';
import { unwrap } from '../result';
import { vaultActionMessage } from './action';
import { type SigningRequest, transferRequest } from './request';
import { recoverWith } from './signatures';

const key = (vendor: string) => (index: number) => keccak_256(utf8ToBytes(`${vendor} ${index}`));
export const demoKeys = { ledger: key('ledger'), trezor: key('trezor') };
export const ctx = { verifier: UNCHECKED_ZK_VERIFIER, recoverer: nobleRecoverer };
export const demoState = unwrap(fold(demoLog(demoKeys), ctx));
export const viewOf = (state: CommonsState): CommonsView => toCommonsView(state, { demo: true, verifiedAt: null, emulated: () => true });
export const commons = viewOf(demoState);
export const commonsId = commons.commonsId as Hex;
export const vaultNamed = (view: CommonsView, name: string) => {
  const vault = view.vaults.find((v) => v.name === name);
  if (!vault) throw new Error(`no vault named ${name}`);
  return vault;
};
export const alice = vaultNamed(commons, "Alice's vault");
export const bob = vaultNamed(commons, "Bob's vault");
export const treasury = vaultNamed(commons, 'Commons treasury');
export const aliceLedger = keySigner(demoKeys.ledger(1));
export const aliceTrezor = keySigner(demoKeys.trezor(1));
export const stewards = [keySigner(demoKeys.ledger(3)), keySigner(demoKeys.trezor(3))];
export const recover = recoverWith(nobleRecoverer);

export const VALID_UNTIL = 1_900_000_000;

/** 12.5 CONX from Alice's vault to Bob's, unsigned. */
export const draft = (): SigningRequest<'token.transfer'> => unwrap(transferRequest(commons, alice, { token: 'CONX', to: bob, amount: 12_500_000n, validUntil: VALID_UNTIL }));

/** What `signer`'s device returns for the request's action. */
export const signatureOf = (request: SigningRequest, signer: DigestSigner) => signer.sign(vaultActionDigest(vaultActionMessage(request.commonsId, request.action)));

/** The stewards sequence `actions` on top of `state` an hour after its last entry. */
export const sequence = (state: CommonsState, actions: Action[]) =>
  apply(state, sealEntry(state.commonsId, { seq: state.height, prevHash: state.headHash, time: state.time + 3600, actions }, stewards, state.version), ctx);
