/**
 * What the signing flow says when an action cannot go ahead, in words that put the cause where it
 * is: a request the ledger would refuse is the request's problem (said before any device is asked),
 * an action the stewards did not sequence is refused by a rule of the ledger, not a fault of the
 * ledger or of its stewards; and a request that is done is said to be done, never as an error.
 */
import { ErrorNotice } from '../ui/components';
import { type ShownError, describeError } from '../ui/describe-error';
import { isCommonsRule } from '../ui/errors/commons';
import { type Refusal } from './preflight';

/** Before any device is asked: the rule the action would break, and that nothing was signed. */
export function PreflightRefusal({ refusal }: { refusal: Refusal }) {
  if (refusal.kind === 'LedgerNotLoaded')
    return (
      <div className="notice" role="status" data-testid="preflight-refusal" data-rule={refusal.kind}>
        <strong>Not checked yet.</strong>
        <p>{refusal.message}</p>
      </div>
    );
  if (refusal.kind === 'PreflightNotAnswered') return <NotAnswered refusal={refusal} />;
  const rule = refusal.kind === 'LedgerWouldRefuse' ? refusal.rule.kind : refusal.kind;
  return (
    <div className="notice notice-error" role="alert" data-testid="preflight-refusal" data-rule={rule}>
      <strong>The ledger would refuse this action, so no device is asked to sign it.</strong>
      <p data-testid="preflight-rule">{refusal.message}</p>
      <p className="notice-next">Nothing was signed. Change the request, or start another.</p>
    </div>
  );
}

/**
 * Main did not answer the pre-flight (its services not answering, a Commons it does not store):
 * said as that, in the words of the error it answered, not as a ledger still loading, and not as a
 * rule the action breaks.
 */
function NotAnswered({ refusal }: { refusal: Extract<Refusal, { kind: 'PreflightNotAnswered' }> }) {
  const words = describeError(refusal.error);
  return (
    <div className="notice notice-error" role="alert" data-testid="preflight-refusal" data-rule={refusal.kind}>
      <strong>{refusal.message}</strong>
      <p>
        {words.title}. {words.detail}
      </p>
      <p className="notice-next">{words.next ?? 'Nothing was signed. Try again in a moment.'}</p>
    </div>
  );
}

/**
 * The stewards did not sequence the action. A rule of the ledger (an error carrying the entry it
 * was tried in) is said as the rule the action broke: the ledger is fine, and nobody but the
 * request is at fault. Anything else (the services not answering, a full disk) is an ordinary error.
 */
export function SubmitRefusal({ error, onRetry }: { error: ShownError; onRetry: () => void }) {
  // Only a rule of the Commons is the action's; a disk that failed under the stewards (LogNotWritten, which names an entry too) is not.
  if (!isCommonsRule(error) || typeof error.seq !== 'number') return <ErrorNotice error={error} onRetry={onRetry} />;
  return (
    <div className="notice notice-error" role="alert" data-testid="submit-refused" data-rule={error.kind}>
      <strong>The stewards did not sequence this action: the ledger’s rules refuse it.</strong>
      <p>{error.message}</p>
      <p className="notice-next">Nothing was sequenced and nothing changed. Start a new request that keeps this rule.</p>
    </div>
  );
}

/** Whether the request executed could not be read from main: said as that, in the error's words, not as a request superseded. */
export function StateNotChecked({ error }: { error: ShownError }) {
  const words = describeError(error);
  return (
    <div className="notice" role="status" data-testid="request-state-unchecked">
      <strong>Where this request stands could not be checked.</strong>
      <p>
        {words.title}. {words.detail}
      </p>
      {words.next && <p className="notice-next">{words.next}</p>}
    </div>
  );
}
