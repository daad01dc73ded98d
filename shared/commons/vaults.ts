/**
 * Vaults (SPEC §3): signers, a threshold 1 ≤ M ≤ N ≤ 15 and a nonce. Creating a vault and
 * changing its signers or threshold are vault actions under the (new or current) quorum.
 */
import { canonicalHash, type Hex } from '../crypto/canonical';
import { type Result, err, ok } from '../result';
import { type CommonsError, fail } from './errors';
import { type Handler } from './context';
import { type ActionOf } from './log';
import { type Address, type CommonsState, type Signer, type Vault } from './state';
import { memberKeyAddress } from './identity-did';

export const MAX_SIGNERS = 15;

/** A vault's address: the last 20 bytes of the canonical hash of (commons, owner, salt). */
export const deriveVaultAddress = (commonsId: Hex, owner: string, salt: string): Address =>
  `0x${canonicalHash({ commons: commonsId, owner, salt }).slice(-40)}`;

export function checkSignerSet(signers: readonly Signer[], threshold: number): Result<null, CommonsError> {
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
function checkOwnerSigns(owner: string | null, signers: readonly Signer[]): Result<null, CommonsError> {
  if (owner === null) return ok(null);
  const address = memberKeyAddress(owner);
  if (!address.ok) return address;
  if (!signers.some((s) => s.address === address.value)) return err(fail('OwnerNotSigner', { owner }));
  return ok(null);
}

export const putVault = (state: CommonsState, vault: Vault): CommonsState => ({
  ...state,
  vaults: { ...state.vaults, [vault.address]: vault },
});

/** Creates a vault at `address` after the rules that every new vault obeys. */
export function createVault(state: CommonsState, vault: Vault, salt: string): Result<CommonsState, CommonsError> {
  if (state.vaults[vault.address]) return err(fail('VaultExists', { vault: vault.address }));
  const expected = deriveVaultAddress(state.commonsId, vault.owner ?? 'commons', salt);
  if (expected !== vault.address) return err(fail('VaultAddressMismatch', { expected, got: vault.address }));
  const set = checkSignerSet(vault.signers, vault.threshold);
  if (!set.ok) return set;
  const owns = checkOwnerSigns(vault.owner, vault.signers);
  if (!owns.ok) return owns;
  return ok(putVault(state, vault));
}

export const createMemberVault: Handler<ActionOf<'vault.create'>> = (state, action) => {
  const { owner, name, signers, threshold, salt } = action.payload;
  const member = state.members[owner];
  if (!member) return err(fail('NotAMember', { who: owner }));
  const created = createVault(state, { address: action.vault, name, kind: 'member', owner, signers, threshold, nonce: 0, balances: {} }, salt);
  if (!created.ok) return created;
  return ok({
    ...created.value,
    members: { ...created.value.members, [owner]: { ...member, vaults: [...member.vaults, action.vault] } },
  });
};

export const setSigners: Handler<ActionOf<'vault.setSigners'>> = (state, action) => {
  const vault = state.vaults[action.vault];
  if (!vault) return err(fail('UnknownVault', { vault: action.vault }));
  const { signers, threshold } = action.payload;
  const set = checkSignerSet(signers, threshold);
  if (!set.ok) return set;
  const owns = checkOwnerSigns(vault.owner, signers);
  if (!owns.ok) return owns;
  return ok(putVault(state, { ...vault, signers, threshold }));
};

export const setThreshold: Handler<ActionOf<'vault.setThreshold'>> = (state, action) => {
  const vault = state.vaults[action.vault];
  if (!vault) return err(fail('UnknownVault', { vault: action.vault }));
  const set = checkSignerSet(vault.signers, action.payload.threshold);
  if (!set.ok) return set;
  return ok(putVault(state, { ...vault, threshold: action.payload.threshold }));
};
