/**
 * The composer's pre-flight in the renderer (shared/quorum/preflight.ts): one function,
 * `preflight(request)`, that runs the action against the current verified state before any device
 * is asked, and answers with the rule it would break in words. Where the state comes from is
 * verified-ledger.ts's business, so that it can move without touching the composers.
 */
import { type PreflightRefusal, sequencingTime, wouldRefuse } from '../../shared/quorum/preflight';
import { requestProblem } from '../../shared/quorum/errors';
import { type SigningRequest } from '../../shared/quorum/request';
import { type Result, err, ok } from '../../shared/result';
import { type Checked, type VerifiedLedger } from './verified-ledger';

export type Refusal =
  | PreflightRefusal
  /** Main holds no verified state of this Commons yet. */
  | { readonly kind: 'LedgerNotLoaded'; readonly message: string }
  /** Main did not answer the pre-flight: said with that error's own words, not as a ledger still loading. */
  | { readonly kind: 'PreflightNotAnswered'; readonly message: string; readonly error: Extract<Checked, { status: 'unanswered' }>['error'] };

export type Preflight = (request: SigningRequest) => Promise<Result<null, Refusal>>;

const notLoaded: Refusal = {
  kind: 'LedgerNotLoaded',
  message: 'This app has not finished verifying the Commons’ ledger, so it cannot yet check this action against it. Wait for the ledger to load, then try again.',
};

/** `preflight` over a given verified ledger (tests hand in their own). */
export const preflightWith =
  (ledger: VerifiedLedger, now: () => number = Date.now): Preflight =>
  async (request) => {
    if (request.commonsId !== ledger.commonsId) return err(requestProblem('OtherCommons', { ours: ledger.commonsId, theirs: request.commonsId }));
    const ledgerTime = await ledger.time();
    if (ledgerTime === null) return err(notLoaded);
    const checked = await ledger.check(request.action, sequencingTime(ledgerTime, Math.floor(now() / 1000)));
    switch (checked.status) {
      case 'allowed':
        return ok(null);
      case 'refused':
        return err(wouldRefuse(checked.rule));
      case 'not-loaded':
        return err(notLoaded);
      case 'unanswered':
        return err({ kind: 'PreflightNotAnswered', message: 'This app could not check the action against the Commons’ verified ledger, so no device is asked to sign it.', error: checked.error });
    }
  };
