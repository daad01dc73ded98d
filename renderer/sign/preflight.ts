/**
 * The composer's pre-flight in the renderer (shared/quorum/preflight.ts): one function,
 * `preflight(request)`, that runs the action against the current verified state before any device
 * is asked, and answers with the rule it would break in words. Where the state comes from is
 * verified-ledger.ts's business, so that it can move without touching the composers.
 */
import { nobleRecoverer } from '../../shared/crypto/recover';
import { type PreflightRefusal, preflightRequest, sequencingTime } from '../../shared/quorum/preflight';
import { type SigningRequest } from '../../shared/quorum/request';
import { type Result, err } from '../../shared/result';
import { commonsVerifier } from '../ledger/zk-verifier';
import { type VerifiedLedger } from './verified-ledger';

export type Refusal = PreflightRefusal | { readonly kind: 'LedgerNotLoaded'; readonly message: string };

export type Preflight = (request: SigningRequest) => Promise<Result<null, Refusal>>;

const notLoaded: Refusal = {
  kind: 'LedgerNotLoaded',
  message: 'This app has not finished verifying the Commons’ ledger, so it cannot yet check this action against it. Wait for the ledger to load, then try again.',
};

/** `preflight` over a given source of verified state (tests hand in their own). */
export const preflightWith =
  (ledger: VerifiedLedger, now: () => number = Date.now): Preflight =>
  async (request) => {
    const state = await ledger.state();
    if (!state) return err(notLoaded);
    const time = sequencingTime(state.time, Math.floor(now() / 1000));
    // A handful of signatures at most (an attestor's, in an enrolment): recovered here, synchronously.
    return preflightRequest(state, request, { verifier: commonsVerifier(), recoverer: nobleRecoverer, time });
  };
