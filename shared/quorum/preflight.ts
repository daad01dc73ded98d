/**
 * The composer's pre-flight (SPEC §3): before any device is asked to sign, the request's action is
 * run against the current verified state with every rule of the ledger but the signatures
 * (shared/commons/apply.ts `preflightAction`). A rule it would break is said in words, and nobody
 * is asked for a hardware signature over an action that can never execute: a PPT transfer, an
 * amount the vault does not hold, a threshold above its signers, a request that expired.
 */
import { type ActionContext } from '../commons/context';
import { preflightAction } from '../commons/apply';
import { type CommonsError } from '../commons/errors';
import { type CommonsState } from '../commons/state';
import { type Result, err, ok } from '../result';
import { type RequestProblem, requestProblem } from './errors';
import { type SigningRequest } from './request';

export type PreflightRefusal =
  /** The ledger would refuse the action by `rule`; `message` says the rule in words, for the member about to sign. */
  | { readonly kind: 'LedgerWouldRefuse'; readonly rule: CommonsError; readonly message: string }
  | RequestProblem;

const when = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

/**
 * The rule's sentence as the member reads it before signing. The ledger's sentences speak of an
 * action already sequenced; the two that depend on when it is sequenced are said for a request.
 */
function beforeSigning(rule: CommonsError): string {
  switch (rule.kind) {
    case 'ActionExpired':
      return `This request was valid until ${when(rule.validUntil)}; the ledger refuses it from then on. Start a new request.`;
    case 'NonceMismatch':
      return rule.got < rule.expected
        ? `The vault has already executed its action number ${rule.got}, which this request was for: another action was sequenced first. Start a new request.`
        : `This request is the vault's action number ${rule.got}, but the vault's next action is number ${rule.expected}: actions before it have not been sequenced yet.`;
    default:
      return rule.message;
  }
}

/**
 * The earliest time the stewards could sequence the action: not before the ledger's last entry
 * (entry times never go back), nor, on this machine's best knowledge, before now.
 */
export const sequencingTime = (ledgerTime: number, nowSeconds: number): number => Math.max(ledgerTime, nowSeconds);

/** Runs the request's action against `state` at `ctx.time`; nothing changes either way. */
export function preflightRequest(state: CommonsState, request: SigningRequest, ctx: ActionContext): Result<null, PreflightRefusal> {
  if (request.commonsId !== state.commonsId) return err(requestProblem('OtherCommons', { ours: state.commonsId, theirs: request.commonsId }));
  const dry = preflightAction(state, request.action, ctx);
  if (dry.ok) return ok(null);
  return err({ kind: 'LedgerWouldRefuse', rule: dry.error, message: beforeSigning(dry.error) });
}
