/**
 * The checks of a request's signatures (shared/quorum/signatures.ts), recovered by the main
 * process through the contract like the ledger's own (renderer/ledger/main-recoverer.ts). A file's
 * signatures count for nothing until they are back.
 */
import { useEffect, useMemo, useState } from 'react';
import { type AppError } from '../../shared/contract/errors';
import { type VaultView } from '../../shared/contract/commons-view';
import { type Hex } from '../../shared/crypto/canonical';
import { type SigningRequest } from '../../shared/quorum/request';
import { type RecoverBatch, type SignatureCheck, checkSignatures } from '../../shared/quorum/signatures';
import { useApi } from '../app/api/client';
import { RecoveryUnavailable, mainProcessRecoverer } from '../ledger/main-recoverer';

export type ChecksState = { status: 'checking' } | { status: 'done'; checks: SignatureCheck[] } | { status: 'failed'; error: AppError };

export function useRecoverBatch(): RecoverBatch {
  const api = useApi();
  return useMemo(() => mainProcessRecoverer(api), [api]);
}

export const recoveryError = (error: unknown): AppError =>
  error instanceof RecoveryUnavailable ? error.error : { kind: 'ServiceFailed', message: error instanceof Error ? error.message : String(error), channel: 'ledger.verifySignatures' };

export function useSignatureChecks(commonsId: Hex, vault: Pick<VaultView, 'signers'>, request: SigningRequest): ChecksState {
  const recover = useRecoverBatch();
  const [result, setResult] = useState<{ request: SigningRequest; state: ChecksState } | null>(null);

  useEffect(() => {
    let cancelled = false;
    checkSignatures(commonsId, vault, request.action, request.signatures, recover).then(
      (checks) => !cancelled && setResult({ request, state: { status: 'done', checks } }),
      (error: unknown) => !cancelled && setResult({ request, state: { status: 'failed', error: recoveryError(error) } }),
    );
    return () => {
      cancelled = true;
    };
  }, [commonsId, vault, request, recover]);

  // Checks of an earlier request say nothing about this one.
  return result?.request === request ? result.state : { status: 'checking' };
}
