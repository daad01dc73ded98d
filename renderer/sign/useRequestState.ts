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
import { verifiedLedgerOf } from './verified-ledger';

export type RequestStateView = { status: 'checking' } | { status: 'done'; state: RequestState } | { status: 'problem'; problem: RequestProblem };

/** `valid`: the signers whose signatures hold (null while they are being checked); `submittedAt`: when this app handed it over. */
export function useRequestState(commons: CommonsView, request: SigningRequest, valid: readonly string[] | null, submittedAt: number | null): RequestStateView {
  const [result, setResult] = useState<{ key: unknown[]; view: RequestStateView } | null>(null);
  const validKey = valid === null ? null : [...valid].sort().join(',');
  const key = [commons, request, validKey, submittedAt];

  useEffect(() => {
    if (validKey === null) return;
    let cancelled = false;
    void (async () => {
      const ledger = verifiedLedgerOf(commons);
      const state = await ledger.state();
      if (!state || cancelled) return;
      const { vault, nonce } = request.action;
      const current = commons.vaults.find((v) => v.address.toLowerCase() === vault);
      const executed: ExecutedAction | null = current && current.nonce > nonce ? await ledger.executedAt(vault, nonce) : null;
      const answer = requestState(request, { time: state.time, view: commons, executedAt: () => executed }, { valid: validKey === '' ? [] : validKey.split(','), submittedAt });
      if (!cancelled) setResult({ key: [commons, request, validKey, submittedAt], view: answer.ok ? { status: 'done', state: answer.value } : { status: 'problem', problem: answer.error } });
    })();
    return () => {
      cancelled = true;
    };
  }, [commons, request, validKey, submittedAt]);

  // A state found for an earlier request, ledger or set of signatures says nothing about this one.
  return result && result.key.every((k, i) => k === key[i]) ? result.view : { status: 'checking' };
}
