/**
 * Who must sign an action, in words, before it is composed: the acting vault's signers and
 * threshold as the verified ledger holds them (authority.ts decides the same once the request
 * exists), and the member's own key where the action speaks for a member (offers, stake requests).
 * Forms show it beside their button, so that nobody drafts what their quorum cannot sign.
 */
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { memberKeyAddress } from '../../shared/commons/identity-did';

/** “A”, “A and B”, “A, B and C”. */
export const list = (names: readonly string[]) => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

/** “Dee's vault’s”, “Solar verifiers’”. */
const whose = (name: string) => (name.endsWith('s') ? `${name}’` : `${name}’s`);

export function quorumWords(commons: Pick<CommonsView, 'members'>, vault: VaultView, speaksForMember: boolean): string {
  const signers = list(vault.signers.map((s) => s.label));
  const base =
    vault.signers.length === 1
      ? `${whose(vault.name)} one signer, ${signers}`
      : vault.threshold === vault.signers.length
        ? `all ${vault.signers.length} of ${whose(vault.name)} signers (${signers})`
        : `any ${vault.threshold} of ${whose(vault.name)} ${vault.signers.length} signers (${signers})`;
  if (!speaksForMember || vault.owner === null) return `Needs ${base}.`;
  const name = commons.members.find((m) => m.did === vault.owner)?.label ?? 'the member';
  const key = memberKeyAddress(vault.owner);
  const holder = key.ok ? vault.signers.find((s) => s.address.toLowerCase() === key.value.toLowerCase()) : undefined;
  const why = `${name}’s own key (the action speaks for her or him)`;
  if (vault.signers.length === 1 && holder) return `Needs ${base}, ${why}.`;
  return `Needs ${base}; ${holder?.label ?? 'the member’s key'} must be among them, as ${why}.`;
}
