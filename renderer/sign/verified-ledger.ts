/**
 * The verified ledger as the signing flow reads it: the state after the last verified entry (for
 * the pre-flight) and the action the log executed at a vault's action number (for where a request
 * stands). Today it reads the renderer's own verified copy on dexie (renderer/ledger/store.ts),
 * read only; when the main process owns the log, this is the one file to point at its queries.
 */
import { type CommonsView } from '../../shared/contract/commons-view';
import { type CommonsState } from '../../shared/commons/state';
import { type Hex } from '../../shared/crypto/canonical';
import { type ExecutedAction, findExecuted } from '../../shared/quorum/lifecycle';
import { ledgerDatabaseFor } from '../app/useCommons';
import { LedgerDatabase } from '../ledger/store';

export interface VerifiedLedger {
  /** The state after the last verified entry, or null while none is stored. */
  state(): Promise<CommonsState | null>;
  /** The action the verified log executed as `vault`'s action number `nonce`, or null. */
  executedAt(vault: string, nonce: number): Promise<ExecutedAction | null>;
}

const databases = new Map<string, LedgerDatabase>();
const databaseOf = (name: string): LedgerDatabase => {
  let db = databases.get(name);
  if (!db) databases.set(name, (db = new LedgerDatabase(name)));
  return db;
};

export function verifiedLedgerOf(commons: Pick<CommonsView, 'demo' | 'commonsId'>): VerifiedLedger {
  const db = databaseOf(ledgerDatabaseFor(commons.demo ? 'demo' : 'real'));
  const commonsId = commons.commonsId.toLowerCase() as Hex;
  return {
    async state() {
      const head = await db.projection.get('head');
      return head && head.state.commonsId === commonsId ? head.state : null;
    },
    async executedAt(vault, nonce) {
      const address = vault.toLowerCase();
      const uses = (a: { kind: string; vault: string; nonce: number }) => a.kind !== 'commons.genesis' && a.kind !== 'ballot.anonymous' && a.vault === address && a.nonce === nonce;
      // Newest first: the action at a vault's latest numbers is the one a request usually asks about.
      const row = await db.entries.orderBy('seq').reverse().filter((r) => r.entry.actions.some(uses)).first();
      return row ? findExecuted([row.entry], commonsId, address, nonce) : null;
    },
  };
}
