/**
 * Logs for the store's tests, made with the project's own builders (shared/commons/fixtures.ts):
 * a genesis, Bob's enrolment, then one PPT mint per entry, each sealed by the treasury's quorum.
 * Real signatures (recovered natively by the store); the fixtures' proof verifier.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { apply } from '../../../shared/commons/apply';
import { type DigestSigner, sealEntry } from '../../../shared/commons/build';
import { TREASURY, act, enrolAction, genesisEntry, genesisState, keys, member, testRecoverer, testVerifier } from '../../../shared/commons/fixtures';
import { type Entry } from '../../../shared/commons/log';
import { type CommonsState } from '../../../shared/commons/state';
import { unwrap } from '../../../shared/result';
import { type Hex } from '../../../shared/crypto/canonical';
import { type SignatureRecoverer } from '../../../shared/crypto/recover';
import { loadNative, nativeRecoverer } from './native';

export const verifier = testVerifier;

export interface TestLogSigning {
  /** The treasury's quorum (stewards 1 and 2), signing the entries and the mints. */
  readonly quorum: readonly DigestSigner[];
  readonly recoverer: SignatureRecoverer;
}

/** The fixtures' stewards 1 and 2 (same keys, shared/commons/fixtures.ts), signing and recovering with libsecp256k1: thousands of entries in a second or two. */
export function nativeSigning(): TestLogSigning {
  const native = loadNative();
  if (!native) throw new Error('libsecp256k1 did not load');
  const signer = (name: string): DigestSigner => {
    const privateKey = keccak_256(utf8ToBytes(`c3 test key ${name}`));
    return {
      address: `0x${bytesToHex(keccak_256(native.publicKeyCreate(privateKey, false).subarray(1)).subarray(12))}`,
      sign(digest) {
        const { signature, recid } = native.ecdsaSign(digest, privateKey);
        return `0x${bytesToHex(signature)}${(27 + recid).toString(16)}` as Hex;
      },
    };
  };
  return { quorum: [signer('steward 1'), signer('steward 2')], recoverer: nativeRecoverer(native) };
}

/** A valid log of `length` entries (at least 2), and the state after each (states[i]: after entries[0..i]). */
export function testLog(length: number, signing: TestLogSigning = { quorum: [keys.steward1, keys.steward2], recoverer: testRecoverer }): { entries: Entry[]; states: CommonsState[] } {
  const ctx = { verifier: testVerifier, recoverer: signing.recoverer };
  let state = genesisState();
  const entries: Entry[] = [genesisEntry()];
  const states: CommonsState[] = [state];
  const quorum = signing.quorum;
  const seal = (actions: Entry['actions']) => {
    const entry = sealEntry(state.commonsId, { seq: state.height, prevHash: state.headHash, time: state.time + 60, actions }, quorum, state.version);
    state = unwrap(apply(state, entry, ctx));
    entries.push(entry);
    states.push(state);
  };
  const bob = member('Bob', 'Guild', [keys.bob], 1, state.commonsId);
  seal([enrolAction(state, bob)]);
  while (entries.length < length) seal([act(state, 'token.mint', TREASURY, { token: 'PPT', to: bob.vault, amount: BigInt(entries.length) * 1_000n }, quorum)]);
  return { entries, states };
}
