/**
 * A re-verification of a stored log that breaks a rule names an entry, like an import that does;
 * but the log was verified when it was stored, so it is said as the copy on this machine, not as a
 * file to ask the Commons' stewards for again.
 */
import { type Channels } from '../../shared/contract/channels';
import { type RowError } from '../../shared/contract/define';
import { type ShownError } from '../ui/describe-error';
import { isCommonsRule } from '../ui/errors/commons';
import { type FlowError } from '../ui/errors/flows';

export function reverifyError(error: RowError<Channels, 'ledger.reverify'>): ShownError {
  if (!isCommonsRule(error) || typeof error.seq !== 'number') return error;
  const action = typeof error.action === 'number' ? `, action ${error.action}` : '';
  const stored: FlowError = { kind: 'StoredLogDoesNotVerify', message: `Entry ${error.seq}${action}: ${error.message}`, seq: error.seq, rule: error.kind };
  return stored;
}
