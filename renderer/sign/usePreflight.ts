/** The pre-flight of the open Commons (preflight.ts), on its verified ledger (verified-ledger.ts). */
import { useCallback } from 'react';
import { type CommonsView } from '../../shared/contract/commons-view';
import { type SigningRequest } from '../../shared/quorum/request';
import { type Preflight, preflightWith } from './preflight';
import { verifiedLedgerOf } from './verified-ledger';

export function usePreflight(commons: Pick<CommonsView, 'demo' | 'commonsId'>): Preflight {
  const { demo, commonsId } = commons;
  return useCallback((request: SigningRequest) => preflightWith(verifiedLedgerOf({ demo, commonsId }))(request), [demo, commonsId]);
}
