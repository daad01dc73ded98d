/**
 * The ledger service's own errors (the ledger's rules have theirs in shared/commons/errors.ts):
 * what a start found in a stored log, and what a query or an import was refused for. Each kind
 * has its sentence here, written once; the numbers that explain it travel with it.
 */
import { type LedgerServiceError } from '../../../shared/contract/ledger-errors';

/** The kinds, declared in the contract (shared/contract/ledger-errors.ts), where the rows that answer them name them. */
export type { LedgerServiceError };

export type LedgerServiceErrorKind = LedgerServiceError['kind'];
type Details<K extends LedgerServiceErrorKind> = Omit<Extract<LedgerServiceError, { kind: K }>, 'kind' | 'message'>;

/** One sentence per kind, from the numbers that explain it (a mapped type: no kind without words). */
const SENTENCES: { [K in LedgerServiceErrorKind]: (d: Details<K>) => string } = {
  NotTheDemoHistory: (d) => `Entry ${d.seq} of the saved demo log is not the Demo Commons’ own entry ${d.seq}; the saved log was made by another version or was altered.`,
  NotCommitted: (d) => `Entries from ${d.seq} on (${d.lines} line${d.lines === 1 ? '' : 's'}) were written but never committed: the app stopped before it recorded them, so they were not accepted.`,
  TornEntry: (d) => `Entry ${d.seq} was cut off before its end (the app stopped while writing it), so it was not accepted.`,
  LogNotWritten: (d) => `The log could not be written (${d.cause}), so entry ${d.seq} was not stored. Nothing changed; try again.`,
  UnknownCommons: (d) => `No Commons with the id ${d.commonsId} is stored in the ${d.workspace === 'demo' ? 'Demo' : 'member’s own'} workspace of this app.`,
  EntryDiffers: (d) => `Entry ${d.seq} of this file differs from entry ${d.seq} stored here: the two logs have forked, and nothing from the file was stored.`,
  UpdateFollowsNothing: (d) => `These entries (from ${d.fromSeq} on) continue no Commons stored here, and nothing from them was stored.`,
  StateMismatch: (d) => `Replaying the log from genesis reached head ${d.got} at entry ${d.seq}, not the ${d.expected} this app holds.`,
  DemoDisabled: () => 'The Demo Commons is turned off in this build.',
  NoCreditLineVault: (d) => `The Commons ${d.commonsId} holds no vault ${d.vault}, so it has no credit line to show.`,
  Fork: (d) =>
    `Two different entries were sealed at height ${d.seq}: ${d.storedHash} (stored here, sealed by ${d.storedSigners.join(', ')}) and ${d.importedHash} (in this file, sealed by ${d.importedSigners.join(', ')}). The stewards signed both; this Commons has forked. Nothing was imported.`,
  UpdateSkipsEntries: (d) => `This update starts after entries ${d.fromSeq} to ${d.toSeq} of the Commons ${d.commonsId}, which this app does not hold, so nothing from it was stored.`,
  UpdateNotForThisCommons: (d) => `This update is for the Commons ${d.commonsId} (genesis ${d.genesisHash}), which is not stored here, so nothing from it was stored.`,
  UpdateFileInvalid: (d) => `This is not a valid update file: ${d.reason}. Nothing from it was stored.`,
  ExportBeyondHead: (d) => `The log holds entries 0 to ${d.height - 1}, so there is no entry ${d.fromSeq} to export from.`,
};

export function serviceError<K extends LedgerServiceErrorKind>(kind: K, details: Details<K>): Extract<LedgerServiceError, { kind: K }> {
  return { kind, message: SENTENCES[kind](details as never), ...details } as unknown as Extract<LedgerServiceError, { kind: K }>;
}

export const unknownCommons = (workspace: string, commonsId: string) =>
  serviceError('UnknownCommons', { workspace, commonsId, nextStep: 'Import the Commons’ ledger file (the dashboard offers it), or open the Demo Commons.' });

export const updateFollowsNothing = (fromSeq: number) =>
  serviceError('UpdateFollowsNothing', { fromSeq, nextStep: 'Import the Commons’ whole ledger file first; updates can follow it after.' });

export const updateSkipsEntries = (commonsId: string, fromSeq: number, toSeq: number) =>
  serviceError('UpdateSkipsEntries', { commonsId, fromSeq, toSeq, nextStep: `Import the update (or the whole ledger file) that holds entries ${fromSeq} to ${toSeq} first, then this one.` });

export const updateNotForThisCommons = (commonsId: string, genesisHash: string) =>
  serviceError('UpdateNotForThisCommons', { commonsId, genesisHash, nextStep: 'Check that the file is for your Commons; a new Commons is joined with its whole ledger file.' });
