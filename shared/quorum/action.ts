/**
 * The action a vault's quorum signs (SPEC §3) and the one way its EIP-712 message is made from it.
 * Everything a co-signer is shown (words, hashes) is derived from this action and the verified
 * ledger, never from anything else a request file carries.
 */
import { hashDomain, hashStruct } from 'viem';
import { type Hex } from '../crypto/canonical';
import { commonsDomain, toHexString, vaultActionDigest, vaultActionTypes, type VaultActionMessage } from '../crypto/eip712';
import { type ActionKind, type ActionOf } from '../commons/log';
import { vaultActionMessage as ledgerActionMessage } from '../commons/quorum';

/**
 * Kinds that no vault quorum signs: the genesis (the treasury's own definition, sealed by the
 * sequencers), anonymous ballots (authorised by a proof, never by a named key, SPEC §7) and
 * the effects of passed proposals (executed by anyone once a proposal passed, SPEC §7).
 */
type NotVaultSigned = 'commons.genesis' | 'ballot.anonymous' | 'params.set' | 'quest.openApproved' | 'treasury.spend' | 'attestor.set' | 'steward.change' | 'loss.share';

/**
 * Every other action kind of the log is one a signing request can carry. Derived from the log's
 * union, so that a new action kind is a request kind at once, and the tables keyed by it (the
 * words of describe.ts, the file schema of request.ts) fail to compile until it has its row.
 */
export type RequestKind = Exclude<ActionKind, NotVaultSigned>;

const KINDS: { readonly [K in RequestKind]: true } = {
  'member.enrol': true,
  'member.changeFaction': true,
  'attestor.register': true,
  'vault.create': true,
  'vault.setSigners': true,
  'vault.setThreshold': true,
  'vault.createCommons': true,
  'vault.setSpendLimit': true,
  'token.mint': true,
  'token.transfer': true,
  'token.burnToComm': true,
  'token.burnToConx': true,
  'quest.open': true,
  'offer.post': true,
  'offer.accept': true,
  'offer.submit': true,
  'offer.complete': true,
  'offer.fail': true,
  'stake.request': true,
  'stake.give': true,
  'stake.release': true,
  'price.attest': true,
  'credit.lock': true,
  'credit.unlock': true,
  'credit.pledge': true,
  'credit.unpledge': true,
  'credit.draw': true,
  'credit.repay': true,
  'credit.setOff': true,
  'credit.setOffByTreasury': true,
  'credit.liquidate': true,
  'proposal.create': true,
  'proposal.vote': true,
  'proposal.cancel': true,
  'dex.list': true,
  'dex.delist': true,
  'dex.order': true,
  'dex.cancel': true,
  'patronage.close': true,
  'patronage.payBill': true,
  'patronage.claimRefund': true,
  'dispute.open': true,
  'dispute.propose': true,
  'dispute.accept': true,
  'dispute.reject': true,
  'dispute.vote': true,
  'dispute.appeal': true,
  'dispute.pay': true,
};
export const REQUEST_KINDS = Object.keys(KINDS) as RequestKind[];

export const isRequestKind = (kind: string): kind is RequestKind => Object.hasOwn(KINDS, kind);

/** A vault action as signed: everything of the ledger's action but its signatures. */
export type SignedAction<K extends RequestKind = RequestKind> = K extends RequestKind ? Omit<ActionOf<K>, 'sigs'> : never;

/** The VaultAction message, exactly as the ledger recomputes it (one function for the ledger, the requests and enrolment). */
export const vaultActionMessage = (commonsId: Hex, action: SignedAction): VaultActionMessage => ledgerActionMessage(commonsId, action);

/** The digest the devices sign: keccak256(0x1901 ‖ domain ‖ hashStruct(VaultAction)). */
export const signedDigest = (commonsId: Hex, action: SignedAction): Uint8Array => vaultActionDigest(vaultActionMessage(commonsId, action));

const EIP712_DOMAIN_FIELDS = [
  { name: 'name', type: 'string' },
  { name: 'version', type: 'string' },
  { name: 'salt', type: 'bytes32' },
] as const;

export interface ActionHashes {
  /** The EIP-712 domain separator a device shows in hashed mode. */
  readonly domainHash: Hex;
  /** hashStruct(VaultAction), the other hash a device shows. */
  readonly messageHash: Hex;
  /** What the device signs: keccak256(0x1901 ‖ domainHash ‖ messageHash). */
  readonly digest: Hex;
}

/** SPEC §3: the hashes shown beside the words, computed from the action, never read from a file. */
export function actionHashes(commonsId: Hex, action: SignedAction): ActionHashes {
  const message = vaultActionMessage(commonsId, action);
  return {
    domainHash: hashDomain({ domain: commonsDomain(commonsId), types: { EIP712Domain: EIP712_DOMAIN_FIELDS } }),
    messageHash: hashStruct({ data: message, primaryType: 'VaultAction', types: vaultActionTypes }),
    digest: toHexString(vaultActionDigest(message)),
  };
}
