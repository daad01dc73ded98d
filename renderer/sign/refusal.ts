/**
 * A ledger rule that refused a member's own action, as an error a flow shows. The demo's stewards
 * answer a refused action with the ledger's error, which names the entry it was tried in; shown
 * as is, it would read as a ledger that did not verify, and send the member to the stewards for
 * "an untampered copy". The rule is the member's request's to keep: it is said as such.
 */
import { type ShownError } from '../ui/describe-error';
import { isCommonsRule } from '../ui/errors/commons';

export function refusedByRules<E extends ShownError>(error: E, what: string): ShownError {
  // Only a rule of the Commons is the request's to keep; a disk that failed is not (LogNotWritten has a seq too).
  if (!isCommonsRule(error) || typeof error.seq !== 'number') return error;
  const { seq: _seq, action: _action, ...rule } = error as E & { seq: number; action?: number };
  return { ...rule, message: `The stewards did not sequence ${what}: the ledger’s rules refuse it. ${error.message}`, nextStep: 'Nothing was sequenced and nothing changed.' };
}
