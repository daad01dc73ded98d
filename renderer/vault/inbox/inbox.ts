/**
 * A vault's request inbox (SPEC §3): the signing requests this machine holds for one vault, one
 * per action, each copy that comes in (a file, a QR code, a co-signer's signed copy) merged into
 * the one it asks the same as, PSBT-style (shared/quorum/merge.ts). Pure: the store is store.ts.
 *
 * - A request is known by its action's digest (what its signers sign): two copies with the same
 *   digest merge; two different actions at one vault's action number are two requests, and once
 *   the ledger executes one, the other is superseded (shared/quorum/lifecycle.ts).
 * - A request for another vault, or another Commons, is refused before anything is merged.
 * - A request the ledger has decided (superseded, expired) is never offered for signing.
 */
import { type Hex } from '../../../shared/crypto/canonical';
import { toHexString } from '../../../shared/crypto/eip712';
import { type SignatureRecoverer } from '../../../shared/crypto/recover';
import { describeAction, type LedgerNames } from '../../../shared/quorum/describe';
import { type Entry } from '../../../shared/commons/log';
import { signedDigest, isRequestKind, type SignedAction } from '../../../shared/quorum/action';
import { type RequestProblem, requestProblem } from '../../../shared/quorum/errors';
import { type RequestState } from '../../../shared/quorum/lifecycle';
import { mergeRequests } from '../../../shared/quorum/merge';
import { type SigningRequest } from '../../../shared/quorum/request';
import { type Result, err, ok } from '../../../shared/result';

/** A request's id in the inbox: its action's VaultAction digest. */
export const requestId = (request: SigningRequest): Hex => toHexString(signedDigest(request.commonsId, request.action)) as Hex;

export interface InboxOf {
  readonly commonsId: string;
  /** The vault whose quorum signs the inbox's requests (for a new vault's creation, the new vault). */
  readonly vault: string;
}

export interface Admitted {
  readonly request: SigningRequest;
  /** Signatures the incoming copy added to what the inbox held. */
  readonly added: number;
  /** Signatures of either copy that do not hold over this action: left out. */
  readonly dropped: number;
  /** A new request in the inbox (no copy of it was held). */
  readonly isNew: boolean;
}

/**
 * What the inbox holds once `incoming` comes in: merged with the copy it held of the same action
 * (`held`), or as a new request. Refused, with nothing changed, for another Commons or vault.
 */
export function admitToInbox(inbox: InboxOf, incoming: SigningRequest, held: SigningRequest | undefined, recoverer: SignatureRecoverer): Result<Admitted, RequestProblem> {
  const ours = inbox.commonsId.toLowerCase();
  if (incoming.commonsId !== ours) return err(requestProblem('OtherCommons', { ours, theirs: incoming.commonsId }));
  const vault = inbox.vault.toLowerCase();
  if (incoming.action.vault !== vault) return err(requestProblem('OtherVault', { inbox: vault, theirs: incoming.action.vault }));
  // With no copy held, the incoming one is merged with itself: its signatures are checked the same way.
  const merged = mergeRequests(held ?? incoming, incoming, recoverer);
  if (!merged.ok) return merged;
  const before = new Set((held?.signatures ?? []).map((s) => `${s.signer} ${s.sig}`));
  const added = merged.value.request.signatures.filter((s) => !before.has(`${s.signer} ${s.sig}`)).length;
  return ok({ request: merged.value.request, added, dropped: merged.value.dropped.length, isNew: held === undefined });
}

/** Whether a co-signer may be offered a device for this request: never once the ledger decided it (SPEC §3: an action runs once). */
export function signable(request: SigningRequest, state: RequestState): Result<null, RequestProblem> {
  switch (state.state) {
    case 'superseded':
      return err(requestProblem('RequestSuperseded', { vault: request.action.vault, nonce: state.nonce, seq: state.seq }));
    case 'expired':
      return err(requestProblem('RequestExpired', { validUntil: state.validUntil, ledgerTime: state.ledgerTime }));
    case 'executed':
      return err(requestProblem('RequestExecuted', { seq: state.seq }));
    default:
      return ok(null);
  }
}

/**
 * Which entry spent a superseded request's action number, and on what, in words from the verified
 * ledger: "Entry 7 spent action number 2 of Reserve on: Send 5 CONX from …".
 */
export function supersededWords(ledger: LedgerNames, entry: Pick<Entry, 'seq' | 'actions'>, vault: string, nonce: number): string {
  const address = vault.toLowerCase();
  const spent = entry.actions.find((a) => a.kind !== 'commons.genesis' && a.kind !== 'ballot.anonymous' && a.vault === address && a.nonce === nonce);
  const name = ledger.vaults.find((v) => v.address.toLowerCase() === address)?.name ?? address;
  if (!spent) return `Entry ${entry.seq} does not hold action number ${nonce} of ${name}.`;
  const what = isRequestKind(spent.kind) ? describeAction(ledger, spent as unknown as SignedAction).text : `a ${spent.kind} action`;
  return `Entry ${entry.seq} spent action number ${nonce} of ${name} on: ${what}.`;
}
