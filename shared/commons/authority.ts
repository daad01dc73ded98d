/**
 * Who must sign an action (SPEC §1, §3), enforced in this one place for every module: each action
 * kind declares its authority as data (module.ts `Authority`), and `authorize` checks it before
 * the kind's handler runs.
 *
 * A vault's quorum authorises what the vault does. An action that creates a member, gives a member
 * a vault, or changes who a member is speaks for that member as a person, and a quorum of keys
 * that merely include the member's key among others is not the member: such an action executes
 * only when, besides its quorum, the member's own key signed it — the address of a did:pkh, the
 * secp256k1 key of a did:key (identity-did.ts).
 */
import { type Result, err, ok } from '../result';
import { type ActionContext } from './context';
import { fail } from './core-errors';
import { memberKeyAddress } from './identity-did';
import { type AnyAction, type Authority, type ModuleError, type ProvidedAuthority } from './module';
import { actionDigest, checkQuorum } from './quorum';
import { type CommonsState, type Signer } from './state';
import { vaultAt } from './vaults/vault';

export interface Authorized {
  /** The state the handler runs on (a passed proposal is consumed here). */
  readonly state: CommonsState;
  /** Whether the vault's nonce moves on after the handler (SPEC §3: no action runs twice). */
  readonly bumpsNonce: boolean;
}

/** Authorities that modules provide (governance provides `passed-proposal`). */
export type ProvidedAuthorities = { readonly 'passed-proposal'?: ProvidedAuthority };

interface Quorum {
  readonly signers: readonly Signer[];
  readonly threshold: number;
  readonly nonce: number;
  /** The DID of the member the action speaks for, whose own key must sign too; or null. */
  readonly member: string | null;
}

/**
 * Checks the action's authority; with `checkSignatures` false (a composer's pre-flight, before
 * any device is asked), every rule but the signatures.
 */
export function authorize(
  state: CommonsState,
  action: AnyAction,
  authority: Authority,
  ctx: ActionContext,
  checkSignatures: boolean,
  provided: ProvidedAuthorities,
): Result<Authorized, ModuleError> {
  switch (authority.kind) {
    case 'vault-quorum':
    case 'member':
    case 'treasury': {
      if (authority.kind === 'treasury' && action.vault !== state.treasury) return err(fail('NotTreasury', { vault: action.vault }));
      const vault = vaultAt(state, action.vault);
      if (!vault) return err(fail('UnknownVault', { vault: action.vault }));
      // An action on a member's vault that changes who the member is speaks for them (SPEC §1).
      const member = authority.kind === 'member' ? vault.owner : null;
      return signedBy(state, action, { signers: vault.signers, threshold: vault.threshold, nonce: vault.nonce, member }, ctx, checkSignatures);
    }
    case 'new-vault': {
      if (vaultAt(state, action.vault)) return err(fail('VaultExists', { vault: action.vault }));
      const setup = authority.vault(action.payload);
      // The handler holds the new vault to every rule of a vault; here its stated quorum signs.
      const quorum = { signers: setup.signers, threshold: Math.max(1, setup.threshold), nonce: 0, member: authority.owner(action.payload) };
      return signedBy(state, action, quorum, ctx, checkSignatures);
    }
    case 'zk-proof':
      // Authorised by its proof, not by a vault: it names the treasury (which relays it as
      // sequencer), carries nonce 0 and no signatures, and leaves every nonce alone.
      if (action.vault !== state.treasury || action.nonce !== 0 || action.sigs.length !== 0) {
        return err(fail('AnonymousActionShape', { reason: 'an anonymous action names the treasury, nonce 0, and carries no signatures' }));
      }
      if (ctx.time >= action.validUntil) return err(fail('ActionExpired', { validUntil: action.validUntil, time: ctx.time }));
      return ok({ state, bumpsNonce: false });
    case 'passed-proposal': {
      const provider = provided['passed-proposal'];
      if (!provider) return err(fail('AuthorityUnavailable', { action: action.kind, authority: authority.kind }));
      if (ctx.time >= action.validUntil) return err(fail('ActionExpired', { validUntil: action.validUntil, time: ctx.time }));
      const consumed = provider(state, action, authority.proposal(action.payload), ctx);
      return consumed.ok ? ok({ state: consumed.value, bumpsNonce: false }) : consumed;
    }
  }
}

/** SPEC §3: the nonce, the expiry, then at least `threshold` valid signatures of current signers (and the member's key). */
function signedBy(state: CommonsState, action: AnyAction, quorum: Quorum, ctx: ActionContext, checkSignatures: boolean): Result<Authorized, ModuleError> {
  if (action.nonce !== quorum.nonce) return err(fail('NonceMismatch', { vault: action.vault, expected: quorum.nonce, got: action.nonce }));
  if (ctx.time >= action.validUntil) return err(fail('ActionExpired', { validUntil: action.validUntil, time: ctx.time }));
  if (checkSignatures) {
    const signed = checkQuorum(actionDigest(state.commonsId, action, ctx.digests), action.sigs, quorum.signers, quorum.threshold, ctx.recoverer);
    if (!signed.ok) return signed;
    if (quorum.member !== null) {
      const own = memberSigned(quorum.member, action);
      if (!own.ok) return own;
    }
  }
  return ok({ state, bumpsNonce: true });
}

/**
 * Refuses an action that speaks for a member unless the member's own key is among its signatures.
 * Runs after the quorum check, which has already verified that every signature recovers to the
 * signer it names; here it only remains to see that one of them is the member's key.
 */
function memberSigned(did: string, action: AnyAction): Result<null, ModuleError> {
  const key = memberKeyAddress(did);
  if (!key.ok) return key;
  if (!action.sigs.some((s) => s.signer === key.value)) return err(fail('MemberDidNotSign', { did, key: key.value }));
  return ok(null);
}
