/**
 * The governance page's signing requests (SPEC §7), drafted from what the member chose: a proposal
 * created, a burn vote, a cancellation, each signed by the member's own vault (the member's key
 * among the signatures); and the action that executes a passed proposal, which no vault signs (the
 * proposal authorises it) and anyone relays. Each answers with the request or what is wrong with
 * the input, in words; the ledger's own rules are the pre-flight's (renderer/sign/), never guessed.
 */
import { type Effect, type ProposalKind, type ProposalView, type Support } from '../../shared/commons/governance';
import { type Action } from '../../shared/commons/log';
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { canonicalHash, type Hex } from '../../shared/crypto/canonical';
import { DECIMALS, formatAmount, parseAmount } from '../../shared/money';
import { type SigningRequest, unsignedRequest } from '../../shared/quorum/request';
import { type Result, err, ok } from '../../shared/result';
import { fieldId } from '../../shared/zk/field';
import { type FactionName, type VotingToken } from './figures';

/**
 * A new proposal's id: unique to the Commons, the author's vault and its action number, reduced
 * into the circuits' field (the one form an anonymous ballot's scope takes, shared/zk/field.ts).
 */
export const newProposalId = (commonsId: string, author: Pick<VaultView, 'address' | 'nonce'>, title: string): Hex =>
  fieldId(canonicalHash({ commons: commonsId.toLowerCase(), author: author.address.toLowerCase(), nonce: author.nonce, title: title.trim() }));

export interface ProposalDraft {
  readonly kind: ProposalKind;
  readonly scope: 'all' | readonly FactionName[];
  readonly title: string;
  readonly text: string;
  /** What executes once it passed, naming this proposal (the composer makes it with the id below). */
  readonly effect: (proposal: Hex) => Result<Effect, string>;
}

export function proposalCreateRequest(commons: Pick<CommonsView, 'commonsId'>, author: VaultView, draft: ProposalDraft, validUntil: number): Result<SigningRequest, string> {
  const title = draft.title.trim();
  if (!title) return err('Give the proposal a title: it is what members read first.');
  if (title.length > 200) return err(`The title is at most 200 characters (this one has ${title.length}).`);
  if (draft.scope !== 'all' && draft.scope.length === 0) return err('Choose at least one faction to vote on it, or all members.');
  const id = newProposalId(commons.commonsId, author, title);
  const effect = draft.effect(id);
  if (!effect.ok) return effect;
  const scope = draft.scope === 'all' ? ('all' as const) : [...draft.scope];
  return ok(unsignedRequest(commons, author, 'proposal.create', { id, kind: draft.kind, scope, title, text: draft.text.trim(), effect: effect.value }, validUntil));
}

/** Minor units of a voting token from what was typed, or what is wrong with it in words. */
export function burnAmount(text: string, token: VotingToken, held: bigint): Result<bigint, string> {
  let amount: bigint;
  try {
    amount = parseAmount(text, DECIMALS[token]);
  } catch (error) {
    return err(`The amount to burn: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (amount <= 0n) return err('The amount to burn must be more than zero: a ballot’s weight is what it burns.');
  if (amount > held) return err(`You held ${formatAmount(held, DECIMALS[token])} ${token} at the proposal’s snapshot: at most that may be burned for it.`);
  return ok(amount);
}

export const proposalVoteRequest = (commons: Pick<CommonsView, 'commonsId'>, voter: VaultView, proposal: Hex, token: VotingToken, amount: bigint, support: Support, validUntil: number): SigningRequest =>
  unsignedRequest(commons, voter, 'proposal.vote', { proposal, token, amount, support }, validUntil);

export const proposalCancelRequest = (commons: Pick<CommonsView, 'commonsId'>, author: VaultView, proposal: Hex, validUntil: number): SigningRequest =>
  unsignedRequest(commons, author, 'proposal.cancel', { proposal }, validUntil);

/**
 * The action that executes a passed proposal: its effect, exactly as voted (the ledger holds it
 * to the recorded payload hash), named by the vault that relays it; no signature, no nonce moves.
 */
export const executeAction = (proposal: Pick<ProposalView, 'effect'>, relayer: string, validUntil: number): Action =>
  ({ kind: proposal.effect.action, vault: relayer.toLowerCase(), nonce: 0, validUntil, payload: proposal.effect.payload, sigs: [] }) as Action;
