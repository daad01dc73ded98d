/** Creating a member's further vault and changing a vault's signers or threshold (SPEC §3). */
import { err, ok } from '../../result';
import { type Handler } from '../module';
import { type ActionWith } from '../schema';
import { fail as failCore } from '../core-errors';
import { fail as failIdentity } from '../identity/errors';
import { fail } from './errors';
import { type CreateCommonsVaultPayload, type CreateVaultPayload, type SetSignersPayload, type SetSpendLimitPayload, type SetThresholdPayload } from './payloads';
import { checkOwnerSigns, checkSignerSet, createVault, putVault, vaultAt } from './vault';

export const createMemberVault: Handler<ActionWith<'vault.create', typeof CreateVaultPayload>> = (state, action) => {
  const { owner, name, signers, threshold, salt } = action.payload;
  const member = state.members.get(owner);
  if (!member) return err(failIdentity('NotAMember', { who: owner }));
  const created = createVault(state, { address: action.vault, name, kind: 'member', owner, signers, threshold, nonce: 0, balances: {} }, salt);
  if (!created.ok) return created;
  return ok({
    ...created.value,
    members: created.value.members.set(owner, { ...member, vaults: [...member.vaults, action.vault] }),
  });
};

export const setSigners: Handler<ActionWith<'vault.setSigners', typeof SetSignersPayload>> = (state, action) => {
  const vault = vaultAt(state, action.vault);
  if (!vault) return err(failCore('UnknownVault', { vault: action.vault }));
  const { signers, threshold } = action.payload;
  const set = checkSignerSet(signers, threshold);
  if (!set.ok) return set;
  const owns = checkOwnerSigns(vault.owner, signers);
  if (!owns.ok) return owns;
  return ok(putVault(state, { ...vault, signers, threshold }));
};

export const setThreshold: Handler<ActionWith<'vault.setThreshold', typeof SetThresholdPayload>> = (state, action) => {
  const vault = vaultAt(state, action.vault);
  if (!vault) return err(failCore('UnknownVault', { vault: action.vault }));
  const set = checkSignerSet(vault.signers, action.payload.threshold);
  if (!set.ok) return set;
  return ok(putVault(state, { ...vault, threshold: action.payload.threshold }));
};

/**
 * A Commons vault (reserve, working funds) held by the signers the treasury quorum names (SPEC §3),
 * with the spend limit it may carry. The action names the treasury, whose quorum signs it.
 */
export const createCommonsVault: Handler<ActionWith<'vault.createCommons', typeof CreateCommonsVaultPayload>> = (state, action) => {
  const { address, name, signers, threshold, salt, spendLimit } = action.payload;
  return createVault(state, { address, name, kind: 'commons', owner: null, signers, threshold, nonce: 0, balances: {}, ...(spendLimit ? { spendLimit } : {}) }, salt);
};

/** Sets or removes a Commons vault's spend limit (SPEC §3), by the treasury quorum; what it spent this period still counts. */
export const setSpendLimit: Handler<ActionWith<'vault.setSpendLimit', typeof SetSpendLimitPayload>> = (state, action) => {
  const vault = vaultAt(state, action.payload.vault);
  if (!vault) return err(failCore('UnknownVault', { vault: action.payload.vault }));
  if (vault.kind !== 'commons') return err(fail('NotACommonsVault', { vault: vault.address }));
  const { spendLimit: _limit, spent: _spent, ...rest } = vault;
  const limit = action.payload.spendLimit;
  return ok(putVault(state, limit ? { ...rest, spendLimit: limit, ...(vault.spent ? { spent: vault.spent } : {}) } : rest));
};
