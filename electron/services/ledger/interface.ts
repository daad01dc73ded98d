/**
 * What callers may ask of the ledger service, the one owner of every Commons log on this machine
 * (ARCHITECTURE: interface, worker, client, as Signal Desktop splits its SQL service). The service
 * (service.ts) stores and verifies, with signatures recovered on worker threads (replay.ts,
 * recover-worker.mjs); the renderer is its client through the contract (handlers.ts here,
 * renderer/ledger/client.ts there); `c3` and the tests call it in-process.
 */
import { type CommonsView } from '../../../shared/contract/commons-view';
import { type CommonsError, type LedgerError } from '../../../shared/commons/errors';
import { type Action, type Entry } from '../../../shared/commons/log';
import { type CommonsState } from '../../../shared/commons/state';
import { type Hex } from '../../../shared/crypto/canonical';
import { type UpdateHeader } from '../../../shared/commons/update-file';
import { type Result } from '../../../shared/result';
import { type LedgerServiceError } from './errors';
import { type StewardsError } from '../../../shared/contract/stewards-errors';
import { type LogRecovery, type ReverifyReport } from './commons-log';
import { type CommonsRegistry } from './verified-commons';
import { type CreditHistory } from './credit-history';

/** The Demo Commons (its sequencer's log) or the member's own Commons (the logs they imported). */
export type LedgerWorkspace = 'demo' | 'real';

/** The demo's clock: the last entry's time and the time the stewards seal the next entry at (seconds). */
export interface DemoClock {
  readonly time: number;
  readonly nextTime: number;
}

export interface CommonsSummary {
  readonly commonsId: Hex;
  readonly name: string;
  readonly height: number;
  readonly headHash: Hex;
  readonly verifiedAt: number | null;
  /** What the start set aside of the stored log, if anything. */
  readonly setAside: LogRecovery['setAside'];
}

/** A Commons' log moved on (an entry stored, a full check done): what the renderer hears. */
export interface LedgerChange {
  readonly workspace: LedgerWorkspace;
  readonly commonsId: Hex;
  readonly height: number;
  readonly headHash: Hex;
}

export interface ImportReport {
  readonly commonsId: Hex;
  readonly name: string;
  readonly height: number;
  readonly headHash: Hex;
  /** Entries verified and stored now. */
  readonly added: number;
  /** Entries of the file that were already stored, byte for byte. */
  readonly skipped: number;
}

/** An update file made from a stored log: its header, the name to offer, its text. */
export interface UpdateExport {
  readonly header: Omit<UpdateHeader, 'format'>;
  readonly fileName: string;
  readonly text: string;
}

/** Whether an action, signatures aside, would execute on the current verified state; if not, the rule it breaks. */
export type Preflight = { readonly allowed: true } | { readonly allowed: false; readonly refusal: CommonsError };

export type Refusal = LedgerError | LedgerServiceError | Extract<StewardsError, { kind: 'ZkKeysDiffer' }>;

export interface LedgerService {
  /** The Commons stored in a workspace. */
  list(workspace: LedgerWorkspace): Promise<CommonsSummary[]>;
  /** The folded state of a stored Commons. */
  state(workspace: LedgerWorkspace, commonsId: string): Promise<Result<CommonsState, LedgerServiceError>>;
  /** What the dashboard shows of it. */
  view(workspace: LedgerWorkspace, commonsId: string): Promise<Result<CommonsView, LedgerServiceError>>;
  /** Stored entries [from, from + limit). */
  history(workspace: LedgerWorkspace, commonsId: string, from: number, limit: number): Promise<Result<{ height: number; entries: Entry[] }, LedgerServiceError>>;
  /**
   * Imports a JSON Lines log into the member's own workspace: a whole log, or entries that follow
   * a stored head. Every new entry is verified before any is stored; entries already stored must
   * be the very same.
   */
  importLog(text: string): Promise<Result<ImportReport, Refusal>>;
  /**
   * An update file (shared/commons/update-file.ts) of a stored Commons' verified entries from
   * `fromSeq` to its head; from 0, the whole log.
   */
  exportUpdate(workspace: LedgerWorkspace, commonsId: string, fromSeq: number): Promise<Result<UpdateExport, LedgerServiceError>>;
  /** Replays a stored log from genesis and checks it reaches the state held. */
  reverify(workspace: LedgerWorkspace, commonsId: string): Promise<Result<ReverifyReport, Refusal>>;
  /** How a vault's credit line stood after each entry that changed it or a price (SPEC §4), read from the verified log. */
  creditHistory(workspace: LedgerWorkspace, commonsId: string, vault: string): Promise<Result<CreditHistory, Refusal>>;
  /** Runs an action, signatures aside, against the current verified state (time: the next entry's, at the earliest now). */
  preflight(workspace: LedgerWorkspace, commonsId: string, action: Omit<Action, 'sigs'>, time?: number): Promise<Result<Preflight, LedgerServiceError>>;
  /** Demo only: the demo's stewards sequence one action into a new entry. */
  submitDemo(action: Action): Result<{ seq: number }, Refusal>;
  /** Demo only: the demo's clock (its last entry's time and when the stewards seal the next one). */
  demoClock(): Result<DemoClock, LedgerServiceError>;
  /** Demo only: the stewards seal the next entry `seconds` later than they would have. */
  waitDemo(seconds: number): Result<DemoClock, LedgerServiceError>;
  /** Hears every change of every stored log. */
  subscribe(listener: (change: LedgerChange) => void): () => void;
  /** The Commons this process has verified itself, for the prover. */
  readonly commons: CommonsRegistry;
  close(): Promise<void>;
}
