/**
 * The verified log as a member reads it (the history browser): one row per action, in words from
 * the verified ledger (describe.ts), with who signed it and who sealed its entry, searchable by
 * what a member would type — a member's name, a vault's name or address, a kind, an amount as
 * written ("12.5 CONX"). Pure: main builds the rows from its verified log (electron/services/
 * ledger/history-search.ts) and answers a page of those that match (`ledger.searchHistory`).
 */
import { type Entry } from '../commons/log';
import { isRequestKind, type SignedAction } from './action';
import { type LedgerNames, describeAction, partyOf, partyText } from './describe';

export interface HistoryRow {
  readonly seq: number;
  /** The action's place in its entry. */
  readonly index: number;
  /** The entry's time (seconds). */
  readonly time: number;
  readonly kind: string;
  readonly vault: string;
  /** The action in words, from the verified ledger. */
  readonly words: string;
  /** Its signers, by the ledger's label where it has one. */
  readonly signedBy: string[];
  /** Who sealed the entry as sequencers. */
  readonly sealedBy: string[];
}

/** A key by the label the ledger gives it as a signer of some vault, with its address. */
function keyName(ledger: Pick<LedgerNames, 'vaults'>, address: string): string {
  const lower = address.toLowerCase();
  for (const vault of ledger.vaults) {
    const signer = vault.signers.find((s) => s.address.toLowerCase() === lower);
    if (signer) return `${signer.label} (${lower})`;
  }
  return lower;
}

/** Words for the kinds no vault quorum signs (describe.ts covers every other). */
function otherWords(ledger: LedgerNames, action: Entry['actions'][number]): string {
  switch (action.kind) {
    case 'commons.genesis':
      return `The Commons “${action.payload.name}” begins, with its treasury ${partyText(partyOf(ledger, action.payload.treasury.address))}, any ${action.payload.treasury.threshold} of ${action.payload.treasury.signers.length} stewards`;
    case 'ballot.anonymous':
      return 'An anonymous ballot, cast with a membership proof (no name is in the ledger)';
    case 'params.set':
      return `Parameters changed by passed proposal ${action.payload.proposal}`;
    default:
      return `A ${action.kind} action on ${partyText(partyOf(ledger, action.vault))}`;
  }
}

export function historyRows(ledger: LedgerNames, entries: readonly Entry[]): HistoryRow[] {
  const rows: HistoryRow[] = [];
  for (const entry of entries) {
    const sealedBy = entry.sequencerSigs.map((s) => keyName(ledger, s.signer));
    entry.actions.forEach((action, index) => {
      const words = isRequestKind(action.kind) ? describeAction(ledger, action as unknown as SignedAction).text : otherWords(ledger, action);
      rows.push({ seq: entry.seq, index, time: entry.time, kind: action.kind, vault: action.vault, words, signedBy: action.sigs.map((s) => keyName(ledger, s.signer)), sealedBy });
    });
  }
  return rows;
}

/** Every word of the query (any case, any order) is somewhere in the row: its words, kind, vault, signers or entry number. */
export function matchesQuery(row: HistoryRow, query: string): boolean {
  const terms = query.toLowerCase().split(/\s+/).filter((t) => t.length > 0);
  if (terms.length === 0) return true;
  const text = [row.words, row.kind, row.vault, ...row.signedBy, `entry ${row.seq}`].join(' ').toLowerCase();
  return terms.every((term) => text.includes(term));
}

export interface HistoryPage {
  /** Matching rows, newest first, from `offset`. */
  readonly rows: HistoryRow[];
  /** How many rows match in all. */
  readonly total: number;
}

/** A page of the rows matching `query`, newest first. */
export function searchHistory(rows: readonly HistoryRow[], query: string, offset: number, limit: number): HistoryPage {
  const matching: HistoryRow[] = [];
  for (let i = rows.length - 1; i >= 0; i--) if (matchesQuery(rows[i]!, query)) matching.push(rows[i]!);
  return { rows: matching.slice(offset, offset + limit), total: matching.length };
}
