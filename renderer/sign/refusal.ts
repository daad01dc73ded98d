/**
 * A ledger rule that refused a member's own action, as an error a flow shows. The demo's stewards
 * answer a refused action with the ledger's error, which names the entry it was tried in; shown
 * as is, it would read as a ledger that did not verify, and send the member to the stewards for
 * "an untampered copy". The rule is the member's request's to keep: it is said as such.
 */
import { type AppError } from '../../shared/contract/errors';

export function refusedByRules(error: AppError, what: string): AppError {
  if (typeof error['seq'] !== 'number') return error;
  const { seq: _seq, action: _action, ...rule } = error;
  return { ...rule, message: `The stewards did not sequence ${what}: the ledger’s rules refuse it. ${error.message}`, nextStep: 'Nothing was sequenced and nothing changed.' };
}
