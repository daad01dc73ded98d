/**
 * The Commons' rules (shared/commons/<module>/errors.ts, one sentence per kind, written by the
 * ledger into `message`). An error that names an entry (`seq`) is a log that did not verify; one
 * that does not is an action the rules refuse — the member's request to change, said as such,
 * never as a fault of the ledger or of its stewards (renderer/sign/refusal.ts drops the entry of an
 * action the demo's stewards refused).
 */
import { COMMONS_ERRORS, type CommonsWireError } from '../../../shared/contract/ledger-errors';
import { type ErrorWords, withNext } from './words';

/** Rules a member meets with their own action, in their own words. */
const MEMBER_RULES: { readonly [K in CommonsWireError['kind']]?: (e: Extract<CommonsWireError, { kind: K }>) => ErrorWords } = {
  DuplicateScopeNullifier: () => ({
    title: 'You have already voted on this proposal',
    detail: 'Each member has one ballot per proposal, and ballots are final. Your ballot is anonymous, so this one was refused by its nullifier, not by your name.',
  }),
  DuplicateNullifier: () => ({
    title: 'This person is already enrolled in this Commons',
    detail: 'The uniqueness nullifier of this capture is already in the ledger: one person, one membership per Commons.',
    next: 'If you lost access to your first membership, ask the stewards to recover it rather than enrolling again.',
  }),
};

const RULES: ReadonlySet<string> = new Set(COMMONS_ERRORS);

/** Whether an error is a rule of the Commons (not the app's, a device's or this machine's disk). */
export const isCommonsRule = (error: { readonly kind: string }): error is CommonsWireError => RULES.has(error.kind);

export function commonsWords(error: CommonsWireError & { readonly nextStep?: unknown }): ErrorWords {
  if (typeof error.seq === 'number') {
    const action = typeof error.action === 'number' ? `, action ${error.action}` : '';
    return {
      title: 'The Commons ledger did not verify',
      detail: `Entry ${error.seq}${action}: ${error.message}`,
      next: 'Nothing from this log was stored. Ask the Commons’ stewards for an untampered copy.',
    };
  }
  const own = MEMBER_RULES[error.kind] as ((e: CommonsWireError) => ErrorWords) | undefined;
  if (own) return own(error);
  return withNext('The ledger’s rules refuse this action', error.message, typeof error.nextStep === 'string' ? error.nextStep : 'Nothing was signed or sequenced, and nothing changed.');
}
