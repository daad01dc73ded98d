/**
 * Vaults (SPEC §3): signers, a threshold 1 ≤ M ≤ N ≤ 15 and a nonce. The rules every vault obeys,
 * for the vaults module's handlers and for the modules that create vaults (enrolment) or move
 * what they hold (tokens).
 */
import { canonicalHash, type Hex } from '../../crypto/canonical';
import { type Result, err, ok } from '../../result';
import { type ModuleError } from '../module';
import { fail as failCore } from '../core-errors';
import { memberKeyAddress } from '../identity-did';
import { type Address, type CommonsState, type Signer } from '../state';
import { fail } from './errors';
import { type Vault } from './state';

export const MAX_SIGNERS = 15;

/** A vault's address: the last 20 bytes of the canonical hash of (commons, owner, salt). */
export const deriveVaultAddress = (commonsId: Hex, owner: string, salt: string): Address =>
  `0x${canonicalHash({ commons: commonsId, owner, salt }).slice(-40)}`;

export function checkSignerSet(signers: readonly Signer[], threshold: number): Result<null, ModuleError> {
  const seen = new Set<string>();
  for (const { address } of signers) {
    if (seen.has(address)) return err(fail('DuplicateSigner', { signer: address }));
    seen.add(address);
  }
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > signers.length || signers.length > MAX_SIGNERS) {
    return err(fail('InvalidThreshold', { threshold, signers: signers.length, max: MAX_SIGNERS }));
  }
  return ok(null);
}

/** A member vault keeps its owner's own key (the DID's: did:pkh or secp256k1 did:key) among its signers. */
export function checkOwnerSigns(owner: string | null, signers: readonly Signer[]): Result<null, ModuleError> {
  if (owner === null) return ok(null);
  const address = memberKeyAddress(owner);
  if (!address.ok) return address;
  if (!signers.some((s) => s.address === address.value)) return err(fail('OwnerNotSigner', { owner }));
  return ok(null);
}

type VaultMap = CommonsState['vaults'];

/**
 * The vaults last read from or written into one map. An action reads its vault to check its
 * quorum, again in its handler, and again to move its nonce on; a lookup in a map of 20,000 vaults
 * (hashing the address, then two tries) costs more than the rest of a transfer. A map is either
 * persistent, never changed, or one entry's transient (compose.ts `apply`), changed in place only
 * here in putVault, which keeps the memo in step: so what was read from this very map object is
 * still its answer, and the memo only skips a lookup whose answer it already holds.
 */
const MEMO_SIZE = 4;
let memoMap: VaultMap | null = null;
const memoAddresses: Address[] = [];
const memoVaults: Vault[] = [];

function remember(map: VaultMap, vault: Vault): void {
  if (memoMap !== map) {
    memoMap = map;
    memoAddresses.length = 0;
    memoVaults.length = 0;
  }
  const at = memoAddresses.indexOf(vault.address);
  if (at >= 0) {
    memoVaults[at] = vault;
    return;
  }
  if (memoAddresses.length === MEMO_SIZE) {
    memoAddresses.shift();
    memoVaults.shift();
  }
  memoAddresses.push(vault.address);
  memoVaults.push(vault);
}

export function vaultAt(state: CommonsState, address: Address): Vault | undefined {
  const map = state.vaults;
  if (map === memoMap) {
    const at = memoAddresses.indexOf(address);
    if (at >= 0) return memoVaults[at];
  }
  const vault = map.get(address);
  if (vault) remember(map, vault);
  return vault;
}

/**
 * The state with `vaults` written (one copy of the state for all of them). Within an entry the map
 * is its transient, written in place: the state object already holds it and is returned as it is
 * (a copy of every slice's reference per write was a fair share of a transfer's cost).
 */
export function putVault<S extends CommonsState>(state: S, ...vaults: readonly Vault[]): S {
  let map = state.vaults;
  for (const vault of vaults) {
    const before = map;
    map = map.set(vault.address, vault);
    // What the memo holds for the map before still holds for the one after, but for this address.
    if (memoMap === before) memoMap = map;
    remember(map, vault);
  }
  return map === state.vaults ? state : { ...state, vaults: map };
}

/** Creates a vault at `address` after the rules that every new vault obeys. */
export function createVault<S extends CommonsState>(state: S, vault: Vault, salt: string): Result<S, ModuleError> {
  if (vaultAt(state, vault.address)) return err(failCore('VaultExists', { vault: vault.address }));
  const expected = deriveVaultAddress(state.commonsId, vault.owner ?? 'commons', salt);
  if (expected !== vault.address) return err(fail('VaultAddressMismatch', { expected, got: vault.address }));
  const set = checkSignerSet(vault.signers, vault.threshold);
  if (!set.ok) return set;
  const owns = checkOwnerSigns(vault.owner, vault.signers);
  if (!owns.ok) return owns;
  return ok(putVault(state, vault));
}
