/** Creating a member's further vault and changing a vault's signers or threshold (SPEC §3). */
import { err, ok } from '../../result';
import { type Handler } from '../module';
import { type ActionWith } from '../schema';
import { fail as failCore } from '../core-errors';
import { fail as failIdentity } from '../identity/errors';
import { type CreateVaultPayload, type SetSignersPayload, type SetThresholdPayload } from './payloads';
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
