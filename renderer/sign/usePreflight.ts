/** The pre-flight of the open Commons (preflight.ts), on its verified ledger in the main process (verified-ledger.ts). */
import { useCallback } from 'react';
import { type CommonsView } from '../../shared/contract/commons-view';
import { type SigningRequest } from '../../shared/quorum/request';
import { type Preflight, preflightWith } from './preflight';
import { useVerifiedLedger } from './verified-ledger';

export function usePreflight(commons: CommonsView): Preflight {
  const ledger = useVerifiedLedger(commons);
  return useCallback((request: SigningRequest) => preflightWith(ledger)(request), [ledger]);
}
