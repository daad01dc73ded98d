/**
 * Who speaks for a member (SPEC §1, §3). A vault's quorum authorises what the vault does; an action
 * that creates a member, gives a member a vault, or changes who a member is speaks for that member
 * as a person, and a quorum of keys that merely include the member's key among others is not the
 * member. Such an action executes only when, besides its quorum, the member's own key signed it:
 * the address of a did:pkh, the secp256k1 key of a did:key (identity-did.ts).
 */
import { type Result, err, ok } from '../result';
import { type CommonsError, fail } from './errors';
import { type Action } from './log';
import { type CommonsState } from './state';
import { memberKeyAddress } from './identity-did';

/** The DID of the member an action speaks for, or null for actions that only act on a vault. */
export function memberSpokenFor(state: CommonsState, action: Action): string | null {
  switch (action.kind) {
    case 'member.enrol':
      return action.payload.did;
    case 'vault.create':
      return action.payload.owner;
    case 'member.changeFaction':
      return state.vaults[action.vault]?.owner ?? null;
    default:
      return null;
  }
}

/**
 * Refuses an action that speaks for a member unless the member's own key is among its signatures.
 * Runs after the quorum check, which has already verified that every signature recovers to the
 * signer it names; here it only remains to see that one of them is the member's key.
 */
export function requireMemberSigned(state: CommonsState, action: Action): Result<null, CommonsError> {
  const did = memberSpokenFor(state, action);
  if (did === null) return ok(null);
  const key = memberKeyAddress(did);
  if (!key.ok) return key;
  if (!action.sigs.some((s) => s.signer === key.value)) return err(fail('MemberDidNotSign', { did, key: key.value }));
  return ok(null);
}
