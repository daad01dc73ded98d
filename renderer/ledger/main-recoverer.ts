/**
 * Signature recovery for what the renderer checks itself (a signing request's signatures), done by
 * the main process through the contract (`ledger.verifySignatures`, libsecp256k1 there, ~20×
 * @noble/curves here). Batches are split to the contract's limit; the caller still decides what
 * each recovered address means. (The ledger itself is verified and folded in main.)
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import { MAX_SIGNATURE_BATCH } from '../../shared/contract/ledger';
import { type AppError } from '../../shared/contract/errors';
import { type RecoveryJob } from '../../shared/commons/verify';
import { type Api } from '../app/api/client';

export class RecoveryUnavailable extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

export interface RecoveryReport {
  signatures: number;
  recoverer: string;
}

/** A batch recoverer that asks main; `onReport` hears how many and by what. */
export function mainProcessRecoverer(api: Api, onReport?: (report: RecoveryReport) => void) {
  return async (jobs: readonly RecoveryJob[]): Promise<(string | null)[]> => {
    const signers: (string | null)[] = [];
    let recoverer = 'none';
    for (let start = 0; start < jobs.length; start += MAX_SIGNATURE_BATCH) {
      const batch = jobs.slice(start, start + MAX_SIGNATURE_BATCH).map((job) => ({
        digest: `0x${bytesToHex(job.digest)}` as `0x${string}`,
        signature: job.sigHex.toLowerCase() as `0x${string}`,
      }));
      const answer = await api.call('ledger.verifySignatures', { jobs: batch });
      if (!answer.ok) throw new RecoveryUnavailable(answer.error);
      signers.push(...answer.value.signers);
      recoverer = answer.value.recoverer;
    }
    onReport?.({ signatures: jobs.length, recoverer });
    return signers;
  };
}
