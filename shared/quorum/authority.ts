/**
 * Who must sign a request (SPEC §1, §3), read from the verified ledger, never from the file: the
 * current signers and threshold of the vault that acts, or, for an action that creates a vault
 * (member.enrol, vault.create), the new vault's signers as the signed action sets them. An action
 * that speaks for a member (enrolment, a new vault of theirs, a change of faction) needs the
 * member's own key among the signatures as well (shared/commons/member-signature.ts).
 */
import { type CommonsView } from '../contract/commons-view';
import { memberKeyAddress } from '../commons/identity-did';
import { type Result, err, ok } from '../result';
import { type RequestKind, type SignedAction } from './action';
import { type RequestProblem, requestProblem } from './errors';

/** What the authority needs of the verified ledger (the dashboard's CommonsView has it). */
export type LedgerAuthorityView = Pick<CommonsView, 'vaults' | 'members'>;

export interface RequiredSigner {
  readonly address: string;
  /** The ledger's label for a current signer; the signed action's for a new vault's signer. */
  readonly label: string;
  readonly device: 'ledger' | 'trezor' | 'unknown';
}

export interface Authority {
  /** Whose signers these are: the acting vault's, as the ledger holds them, or the vault the action creates. */
  readonly source: 'vault' | 'new-vault';
  readonly signers: readonly RequiredSigner[];
  readonly threshold: number;
  /** The member the action speaks for, whose own key must sign it too; null when it only acts on a vault. */
  readonly member: { readonly did: string; readonly label: string | null; readonly key: string } | null;
}

/** The kinds whose vault does not exist yet: the action creates it, under the new vault's signers. */
const CREATES_VAULT: { readonly [K in RequestKind]: boolean } = {
  'member.enrol': true,
  'vault.create': true,
  'member.changeFaction': false,
  'attestor.register': false,
  'vault.setSigners': false,
  'vault.setThreshold': false,
  // The treasury acts (its quorum signs); the new vault's address is in the payload.
  'vault.createCommons': false,
  'vault.setSpendLimit': false,
  'token.mint': false,
  'token.transfer': false,
  'token.burnToComm': false,
  'token.burnToConx': false,
  'quest.open': false,
  'offer.post': false,
  'offer.accept': false,
  'offer.submit': false,
  'offer.complete': false,
  'offer.fail': false,
  'stake.request': false,
  'stake.give': false,
  'stake.release': false,
  'price.attest': false,
  'credit.lock': false,
  'credit.unlock': false,
  'credit.pledge': false,
  'credit.unpledge': false,
  'credit.draw': false,
  'credit.repay': false,
  'credit.setOff': false,
  'credit.setOffByTreasury': false,
  'credit.liquidate': false,
  'proposal.create': false,
  'proposal.vote': false,
  'proposal.cancel': false,
  'dex.list': false,
  'dex.delist': false,
  'dex.order': false,
  'dex.cancel': false,
  'patronage.close': false,
  'patronage.payBill': false,
  'patronage.claimRefund': false,
  'dispute.open': false,
  'dispute.propose': false,
  'dispute.accept': false,
  'dispute.reject': false,
  'dispute.vote': false,
  'dispute.appeal': false,
  'dispute.pay': false,
};

export const createsVault = (kind: RequestKind): boolean => CREATES_VAULT[kind];

function memberSpokenFor(ledger: LedgerAuthorityView, action: SignedAction): string | null {
  switch (action.kind) {
    case 'member.enrol':
      return action.payload.did;
    case 'vault.create':
      return action.payload.owner;
    case 'member.changeFaction':
    case 'offer.post':
    case 'offer.submit':
    case 'stake.request':
    case 'stake.release':
    case 'proposal.create':
    case 'proposal.vote':
    case 'proposal.cancel':
    case 'dex.list':
    case 'dex.delist':
    case 'dex.order':
    case 'dex.cancel':
    case 'patronage.payBill':
    case 'patronage.claimRefund':
    case 'dispute.open':
    case 'dispute.accept':
    case 'dispute.reject':
    case 'dispute.vote':
    case 'dispute.appeal':
    case 'dispute.pay':
      return ledger.vaults.find((v) => v.address.toLowerCase() === action.vault)?.owner ?? null;
    default:
      return null;
  }
}

export function authorityOf(ledger: LedgerAuthorityView, action: SignedAction): Result<Authority, RequestProblem> {
  const existing = ledger.vaults.find((v) => v.address.toLowerCase() === action.vault);
  let source: Authority['source'];
  let signers: readonly RequiredSigner[];
  let threshold: number;
  if (action.kind === 'member.enrol' || action.kind === 'vault.create') {
    if (existing) return err(requestProblem('VaultAlreadyExists', { vault: action.vault }));
    const setup = action.kind === 'member.enrol' ? action.payload.vault : action.payload;
    source = 'new-vault';
    signers = setup.signers.map(({ address, label, device }) => ({ address, label, device }));
    threshold = Math.max(1, setup.threshold);
  } else {
    if (!existing) return err(requestProblem('VaultNotInLedger', { vault: action.vault }));
    source = 'vault';
    signers = existing.signers.map(({ address, label, device }) => ({ address: address.toLowerCase(), label, device }));
    threshold = existing.threshold;
  }
  const did = memberSpokenFor(ledger, action);
  if (did === null) return ok({ source, signers, threshold, member: null });
  const key = memberKeyAddress(did);
  if (!key.ok) return err(requestProblem('MemberKeyUnknown', { did }));
  const label = action.kind === 'member.enrol' ? action.payload.label : (ledger.members.find((m) => m.did === did)?.label ?? null);
  return ok({ source, signers, threshold, member: { did, label, key: key.value } });
}

export interface StillNeeded {
  /** Distinct required signers whose signature holds. */
  readonly have: number;
  readonly need: number;
  /** Required signers who have not signed (any `need - have` of them will do). */
  readonly unsigned: readonly RequiredSigner[];
  /** The member's own key, when the action speaks for a member and it has not signed yet. */
  readonly memberKey: string | null;
  /** Quorum met, and the member's key in it where one is needed. */
  readonly met: boolean;
}

/** Who is still needed, given the signers whose signatures hold over this action (signatures.ts). */
export function stillNeeded(authority: Authority, valid: readonly string[]): StillNeeded {
  const signed = new Set(valid.map((v) => v.toLowerCase()));
  const counted = authority.signers.filter((s) => signed.has(s.address));
  const unsigned = authority.signers.filter((s) => !signed.has(s.address));
  const memberKey = authority.member && !signed.has(authority.member.key) ? authority.member.key : null;
  return { have: counted.length, need: authority.threshold, unsigned, memberKey, met: counted.length >= authority.threshold && memberKey === null };
}
