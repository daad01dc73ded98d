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

export const vaultAt = (state: CommonsState, address: Address): Vault | undefined => state.vaults.get(address);

export const putVault = <S extends CommonsState>(state: S, vault: Vault): S => ({
  ...state,
  vaults: state.vaults.set(vault.address, vault),
});

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
