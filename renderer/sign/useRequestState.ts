/**
 * Where a request stands (shared/quorum/lifecycle.ts), checked against the verified ledger each
 * time it or the request changes: the ledger's time and the action it executed at the request's
 * vault and number come from verified-ledger.ts, the vaults from the dashboard's view of it.
 */
import { useEffect, useState } from 'react';
import { type CommonsView } from '../../shared/contract/commons-view';
import { type RequestProblem } from '../../shared/quorum/errors';
import { type ExecutedAction, type RequestState, requestState } from '../../shared/quorum/lifecycle';
import { type SigningRequest } from '../../shared/quorum/request';
import { type VerifiedLedger, useVerifiedLedger } from './verified-ledger';

export type RequestStateView =
  | { status: 'checking' }
  | { status: 'done'; state: RequestState }
  | { status: 'problem'; problem: RequestProblem }
  /** Main did not answer what the state depends on: said as that, never guessed as superseded. */
  | { status: 'unanswered'; error: Extract<Awaited<ReturnType<VerifiedLedger['executedAt']>>, { ok: false }>['error'] };

/** Where `request` stands on the verified ledger; null while the ledger has no time yet. */
export async function requestStateView(
  ledger: Pick<VerifiedLedger, 'time' | 'executedAt'>,
  commons: CommonsView,
  request: SigningRequest,
  local: { valid: readonly string[]; submittedAt: number | null },
): Promise<RequestStateView | null> {
  const time = await ledger.time();
  if (time === null) return null;
  const { vault, nonce } = request.action;
  const current = commons.vaults.find((v) => v.address.toLowerCase() === vault);
  let executed: ExecutedAction | null = null;
  if (current && current.nonce > nonce) {
    const found = await ledger.executedAt(vault, nonce);
    if (!found.ok) return { status: 'unanswered', error: found.error };
    executed = found.value;
  }
  const answer = requestState(request, { time, view: commons, executedAt: () => executed }, { valid: [...local.valid], submittedAt: local.submittedAt });
  return answer.ok ? { status: 'done', state: answer.value } : { status: 'problem', problem: answer.error };
}

/** `valid`: the signers whose signatures hold (null while they are being checked); `submittedAt`: when this app handed it over. */
export function useRequestState(commons: CommonsView, request: SigningRequest, valid: readonly string[] | null, submittedAt: number | null): RequestStateView {
  const [result, setResult] = useState<{ key: unknown[]; view: RequestStateView } | null>(null);
  const validKey = valid === null ? null : [...valid].sort().join(',');
  const key = [commons, request, validKey, submittedAt];
  const ledger = useVerifiedLedger(commons);

  useEffect(() => {
    if (validKey === null) return;
    let cancelled = false;
    void (async () => {
      const view = await requestStateView(ledger, commons, request, { valid: validKey === '' ? [] : validKey.split(','), submittedAt });
      if (view && !cancelled) setResult({ key: [commons, request, validKey, submittedAt], view });
    })();
    return () => {
      cancelled = true;
    };
  }, [commons, request, validKey, submittedAt, ledger]);

  // A state found for an earlier request, ledger or set of signatures says nothing about this one.
  return result && result.key.every((k, i) => k === key[i]) ? result.view : { status: 'checking' };
}
