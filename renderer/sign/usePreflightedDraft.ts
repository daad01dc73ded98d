/**
 * A form's way to a signing request: the draft (or what is wrong with what was typed), then the
 * pre-flight against the verified ledger (preflight.ts). Only a request the ledger could execute
 * reaches `onRequest`; a refusal is kept for the form to show (Notices.tsx's PreflightRefusal:
 * the rule with its numbers, before any device is asked). The flows other than the composer's
 * (the staking page, the Impact board) share it.
 */
import { useState } from 'react';
import { type CommonsView } from '../../shared/contract/commons-view';
import { type SigningRequest } from '../../shared/quorum/request';
import { type Result } from '../../shared/result';
import { type Refusal } from './preflight';
import { usePreflight } from './usePreflight';

export interface PreflightedDraft {
  /** Drafts, checks and, if the ledger would execute it, hands the request on. */
  readonly create: (draft: Result<SigningRequest, string>) => Promise<void>;
  readonly checking: boolean;
  /** What was typed cannot make a request (said in words). */
  readonly problem: string | null;
  /** The ledger would refuse the request. */
  readonly refusal: Refusal | null;
  readonly reset: () => void;
}

export function usePreflightedDraft(commons: CommonsView, onRequest: (request: SigningRequest) => void): PreflightedDraft {
  const preflight = usePreflight(commons);
  const [checking, setChecking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  return {
    checking,
    problem,
    refusal,
    reset: () => (setProblem(null), setRefusal(null)),
    async create(draft) {
      setRefusal(null);
      if (!draft.ok) return setProblem(draft.error);
      setProblem(null);
      setChecking(true);
      const checked = await preflight(draft.value);
      setChecking(false);
      if (!checked.ok) return setRefusal(checked.error);
      onRequest(draft.value);
    },
  };
}
