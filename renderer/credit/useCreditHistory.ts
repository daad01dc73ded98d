/**
 * The open line's health over time, from main's `credit.history` (the states along the verified
 * log are main's: the renderer never folds a log). Asked again whenever the Commons moves on.
 */
import { useEffect, useState } from 'react';
import { type AppError } from '../../shared/contract/errors';
import { type CreditPoint } from '../../shared/contract/credit';
import { type Hex } from '../../shared/crypto/canonical';
import { useApi } from '../app/api/client';
import { useLedger } from '../ledger/LedgerProvider';

export type CreditHistoryState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly points: readonly CreditPoint[]; readonly earlier: number; readonly height: number }
  | { readonly status: 'failed'; readonly error: AppError };

export function useCreditHistory(commonsId: string, vault: string, height: number): CreditHistoryState {
  const api = useApi();
  const { workspace } = useLedger();
  const [state, setState] = useState<{ key: string; value: CreditHistoryState } | null>(null);
  const key = `${workspace}:${commonsId}:${vault}:${height}`;
  useEffect(() => {
    let cancelled = false;
    void api.call('credit.history', { workspace, commonsId: commonsId.toLowerCase() as Hex, vault: vault.toLowerCase() }).then((answer) => {
      if (cancelled) return;
      setState({ key, value: answer.ok ? { status: 'ready', ...answer.value } : { status: 'failed', error: answer.error } });
    });
    return () => {
      cancelled = true;
    };
  }, [api, workspace, commonsId, vault, key]);
  // While a newer height is being asked for, the last answer for this line stays on screen.
  if (state && state.key === key) return state.value;
  if (state && state.key.startsWith(`${workspace}:${commonsId}:${vault}:`)) return state.value;
  return { status: 'loading' };
}
