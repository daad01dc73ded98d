/**
 * Test fixtures: fixed keys, a small Commons (treasury 2-of-3, one attestor, members of the three
 * factions) and helpers that sign actions at a vault's current nonce. Used by the tests only.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { type SignatureRecoverer, nobleRecoverer } from '../crypto/recover';
import { type ZkVerifier } from '../zk/types';
import { unwrap } from '../result';
import { type DigestSigner, attest, keySigner, sealEntry, signAction } from './build';
import { type ActionContext } from './context';
import { type Action, type ActionKind, type Entry, LOG_VERSION, type PayloadOf } from './log';
import { type LogVersion } from './schema';
import { DEFAULT_PARAMS, DEFAULT_PARAMS_V2 } from './params';
import { type CommonsState, type Faction, ZERO_HASH } from './state';
import { applyAction, commonsIdOf, genesis } from './apply';
import { deriveVaultAddress } from './vaults';
import { pkhDid } from './identity-did';
import { fieldOfHash } from '../zk/field';

/**
 * Noble recovery is ~2 ms a signature; tests sign thousands. This recoverer remembers what the
 * fixture keys signed (digest, signature → signer) and recovers anything else for real, so a
 * tampered digest or signature is still checked by @noble/curves.
 */
const signed = new Map<string, string>();
export const testRecoverer: SignatureRecoverer = {
  name: 'fixture memo over @noble/curves',
  recover(digest, signature) {
    const known = signed.get(bytesToHex(digest) + bytesToHex(signature));
    return (known as `0x${string}` | undefined) ?? nobleRecoverer.recover(digest, signature);
  },
};

const memoSigner = (inner: DigestSigner): DigestSigner => ({
  address: inner.address,
  sign(digest) {
    const sig = inner.sign(digest);
    signed.set(bytesToHex(digest) + sig.slice(2), inner.address);
    return sig;
  },
});

export const testKey = (name: string): DigestSigner => memoSigner(keySigner(keccak_256(utf8ToBytes(`c3 test key ${name}`))));

export const keys = {
  steward1: testKey('steward 1'),
  steward2: testKey('steward 2'),
  steward3: testKey('steward 3'),
  attestor: testKey('attestor'),
  alice1: testKey('alice ledger'),
  alice2: testKey('alice trezor'),
  bob: testKey('bob'),
  carol: testKey('carol'),
  dave: testKey('dave'),
  mallory: testKey('mallory'),
};

/** A verifier that accepts proofs whose pi_a[0] is "1" and refuses the rest, so both paths are testable. */
export const testVerifier: ZkVerifier = { verify: (_circuit, _signals, proof) => proof.pi_a[0] === '1' };
export const GOOD_PROOF: PayloadOf<'member.enrol'>['proof'] = {
  pi_a: ['1', '0', '0'],
  pi_b: [['0', '0'], ['0', '0'], ['0', '0']],
  pi_c: ['0', '0', '0'],
  protocol: 'groth16',
  curve: 'bn128',
};

export const T0 = 1_767_603_600;
export const DAY = 86_400;
export const TREASURY = deriveVaultAddress(ZERO_HASH, 'commons', 'test-treasury');
export const stewards = [keys.steward1, keys.steward2, keys.steward3];
export const spec = (k: DigestSigner, label = 'key') => ({ address: k.address, device: 'unknown' as const, label, path: "m/44'/60'/0'/0/0" });

export const ctxAt = (time: number): ActionContext => ({ verifier: testVerifier, recoverer: testRecoverer, time });

/** The test Commons' genesis payload, in the current log version (or version 1, as old logs were written). */
export function genesisPayload(threshold = 2, version: LogVersion = LOG_VERSION): PayloadOf<'commons.genesis'> {
  const common = {
    name: 'Test Commons',
    salt: 'test',
    treasury: { address: TREASURY, name: 'Treasury', signers: stewards.map((s) => spec(s)), threshold, salt: 'test-treasury' },
    attestors: [keys.attestor.address],
  };
  return version === 1 ? { ...common, params: DEFAULT_PARAMS } : { ...common, params: DEFAULT_PARAMS_V2, logVersion: version };
}

export function genesisEntry(threshold = 2, version: LogVersion = LOG_VERSION): Entry {
  const payload = genesisPayload(threshold, version);
  const action: Action = { kind: 'commons.genesis', vault: TREASURY, nonce: 0, validUntil: T0 + 1, payload, sigs: [] };
  return sealEntry(commonsIdOf(action), { seq: 0, prevHash: ZERO_HASH, time: T0, actions: [action] }, [keys.steward1, keys.steward2], version);
}

export const genesisState = (version: LogVersion = LOG_VERSION): CommonsState =>
  unwrap(genesis(genesisEntry(2, version), { verifier: testVerifier, recoverer: testRecoverer }));

/** Signs `kind` on `vault` at its current nonce (or `nonce`), valid for a week after `time`. */
export function act<K extends ActionKind>(
  state: CommonsState,
  kind: K,
  vault: string,
  payload: PayloadOf<K>,
  signers: readonly DigestSigner[],
  options: { nonce?: number; validUntil?: number } = {},
): Action {
  const nonce = options.nonce ?? state.vaults.get(vault)?.nonce ?? 0;
  return signAction(state.commonsId, { kind, vault, nonce, validUntil: options.validUntil ?? state.time + 365 * DAY, payload }, signers);
}

export interface TestMember {
  readonly label: string;
  readonly faction: Faction;
  readonly keys: readonly DigestSigner[];
  readonly threshold: number;
  readonly did: string;
  readonly vault: string;
}

export const member = (label: string, faction: Faction, memberKeys: readonly DigestSigner[], threshold: number, commonsId: `0x${string}`): TestMember => {
  const did = pkhDid(memberKeys[0]!.address);
  return { label, faction, keys: memberKeys, threshold, did, vault: deriveVaultAddress(commonsId, did, 'main') };
};

let fieldCounter = 100;
export interface EnrolOptions {
  commitment?: string;
  nullifier?: string;
  /** Defaults to what the identity circuit outputs for this Commons: [C, U, field(commonsId)]. */
  publicSignals?: string[];
  proof?: PayloadOf<'member.enrol'>['proof'];
  attestor?: DigestSigner;
  salt?: string;
  /** The keys that sign the enrolment; by default the member's first `threshold` keys. */
  signers?: readonly DigestSigner[];
}

export function enrolAction(state: CommonsState, m: TestMember, options: EnrolOptions = {}): Action {
  const salt = options.salt ?? 'main';
  const commitment = options.commitment ?? String(fieldCounter++);
  const nullifier = options.nullifier ?? String(fieldCounter++);
  return act(
    state,
    'member.enrol',
    deriveVaultAddress(state.commonsId, m.did, salt),
    {
      did: m.did,
      label: m.label,
      faction: m.faction,
      commitment,
      nullifier,
      publicSignals: options.publicSignals ?? [commitment, nullifier, String(fieldOfHash(state.commonsId))],
      proof: options.proof ?? GOOD_PROOF,
      attestor: (options.attestor ?? keys.attestor).address,
      attestorSig: attest(state.commonsId, commitment, nullifier, options.attestor ?? keys.attestor),
      vault: { name: `${m.label}'s vault`, signers: m.keys.map((k) => spec(k, m.label)), threshold: m.threshold, salt },
    },
    options.signers ?? m.keys.slice(0, m.threshold),
    { nonce: 0 },
  );
}

export const run = (state: CommonsState, action: Action, time = state.time) => applyAction(state, action, ctxAt(time));

/** Given: a Commons with Alice (Union, 2-of-2), Bob (Guild, 1-of-1) and Carol (Syndicate, 1-of-1), each holding 1,000 PPT. */
/** Alice (Union, 2-of-2), Bob (Guild), Carol (Syndicate), enrolled with 1,000 PPT each. */
export function givenCommons(version: LogVersion = LOG_VERSION) {
  let state = genesisState(version);
  const alice = member('Alice', 'Union', [keys.alice1, keys.alice2], 2, state.commonsId);
  const bob = member('Bob', 'Guild', [keys.bob], 1, state.commonsId);
  const carol = member('Carol', 'Syndicate', [keys.carol], 1, state.commonsId);
  for (const m of [alice, bob, carol]) state = unwrap(run(state, enrolAction(state, m)));
  for (const m of [alice, bob, carol]) {
    state = unwrap(run(state, act(state, 'token.mint', TREASURY, { token: 'PPT', to: m.vault, amount: 1_000_000_000n }, [keys.steward1, keys.steward3])));
  }
  return { state, alice, bob, carol, sign: (m: TestMember) => m.keys.slice(0, m.threshold), quorum: [keys.steward1, keys.steward2] };
}
