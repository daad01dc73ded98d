/**
 * The verified ledger as the signing flow reads it. The main process owns, verifies and folds
 * every log (electron/services/ledger); the signing flow asks it to run an action against the
 * current state (signatures aside), reads the ledger's time and a vault's signers from the open
 * Commons' view, and looks up the action the log executed at a vault's action number.
 */
import { useMemo } from 'react';
import { type CommonsError } from '../../shared/commons/errors';
import { type Action } from '../../shared/commons/log';
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { type Hex } from '../../shared/crypto/canonical';
import { type ExecutedAction, findExecuted } from '../../shared/quorum/lifecycle';
import { type Channels } from '../../shared/contract/channels';
import { type RowError } from '../../shared/contract/define';
import { type Result, ok } from '../../shared/result';
import { useApi } from '../app/api/client';
import { ledgerClient } from '../ledger/client';
import { useLedger } from '../ledger/LedgerProvider';

/**
 * What main answered a pre-flight with: allowed, refused by a rule, not checked because it holds
 * no verified state yet, or not checked because the question did not get an answer (the services
 * not answering, a Commons it does not store) — each said in its own words, never one for another.
 */
export type Checked =
  | { readonly status: 'allowed' }
  | { readonly status: 'refused'; readonly rule: CommonsError }
  | { readonly status: 'not-loaded' }
  | { readonly status: 'unanswered'; readonly error: RowError<Channels, 'ledger.preflight'> };

export interface VerifiedLedger {
  readonly commonsId: Hex;
  /** The last verified entry's time (seconds), or null while main has no verified state. */
  time(): Promise<number | null>;
  /** Runs `action` against the current verified state at `time` with every rule but its signatures. */
  check(action: Omit<Action, 'sigs'>, time: number): Promise<Checked>;
  /**
   * The action the verified log executed as `vault`'s action number `nonce`, or null; an error
   * when main did not answer (a request must not read as superseded because its history was not read).
   */
  executedAt(vault: string, nonce: number): Promise<Result<ExecutedAction | null, RowError<Channels, 'ledger.history'>>>;
  /** A vault's signers as the verified ledger holds them (with their derivation paths), or null. */
  signersOf(vault: string): VaultView['signers'] | null;
}

const PAGE = 100;

/** The open Commons' verified ledger, in the main process. */
export function useVerifiedLedger(commons: CommonsView): VerifiedLedger {
  const api = useApi();
  const { workspace } = useLedger();
  return useMemo(() => {
    const client = ledgerClient(api, workspace);
    const commonsId = commons.commonsId.toLowerCase() as Hex;
    return {
      commonsId,
      time: async () => commons.time,
      async check(action, time) {
        const answer = await client.preflight(commonsId, { ...action, sigs: [] } as Action, time);
        if (!answer.ok) return { status: 'unanswered', error: answer.error };
        // Main answers with the ledger's own typed error (shared/commons/errors.ts).
        return answer.value.allowed ? { status: 'allowed' } : { status: 'refused', rule: answer.value.refusal as unknown as CommonsError };
      },
      async executedAt(vault, nonce) {
        const address = vault.toLowerCase();
        // Newest first: the action at a vault's latest numbers is the one a request usually asks about.
        for (let to = commons.height; to > 0; to -= PAGE) {
          const from = Math.max(0, to - PAGE);
          const page = await client.history(commonsId, from, to - from);
          if (!page.ok) return page;
          for (const entry of [...page.value.entries].reverse()) {
            const found = findExecuted([entry], commonsId, address, nonce);
            if (found) return ok(found);
          }
        }
        return ok(null);
      },
      signersOf: (vault) => commons.vaults.find((v) => v.address.toLowerCase() === vault.toLowerCase())?.signers ?? null,
    };
  }, [api, workspace, commons]);
}
