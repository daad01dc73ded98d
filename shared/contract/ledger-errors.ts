/**
 * The ledger's errors as they cross the contract: the ledger service's own (a stored log, a query,
 * an import; electron/services/ledger/errors.ts writes their sentences) and the Commons' rules
 * (shared/commons/errors.ts, one sentence per kind in each module), amounts as decimal strings.
 */
import { type CommonsError, type CommonsErrorKind } from '../commons/errors';
import { coreSentences } from '../commons/core-errors';
import { modules } from '../commons/registry';
import { type Hex } from '../crypto/canonical';
import { type Wire, kindsOf } from './error-kinds';

export type LedgerServiceError =
  /** A saved entry of the demo's log is not the Demo Commons' built-in entry at that place. */
  | { readonly kind: 'NotTheDemoHistory'; readonly message: string; readonly seq: number }
  /** Lines past the head record: written, never committed (the app stopped between the two). */
  | { readonly kind: 'NotCommitted'; readonly message: string; readonly seq: number; readonly lines: number }
  /** A line cut off before its end (no newline): half-written. */
  | { readonly kind: 'TornEntry'; readonly message: string; readonly seq: number }
  /** The disk refused an append; nothing was stored and nothing changed. */
  | { readonly kind: 'LogNotWritten'; readonly message: string; readonly seq: number; readonly cause: string }
  | { readonly kind: 'UnknownCommons'; readonly message: string; readonly nextStep: string; readonly workspace: string; readonly commonsId: string }
  /** An imported entry is not the entry stored at its place: the two logs have forked. */
  | { readonly kind: 'EntryDiffers'; readonly message: string; readonly seq: number }
  /** Imported entries that follow no Commons stored here. */
  | { readonly kind: 'UpdateFollowsNothing'; readonly message: string; readonly nextStep: string; readonly fromSeq: number }
  /** A replay from genesis did not reach the state this machine holds. */
  | { readonly kind: 'StateMismatch'; readonly message: string; readonly seq: number; readonly expected: Hex; readonly got: Hex }
  /** The demo's log is written by its sequencer only. */
  | { readonly kind: 'DemoDisabled'; readonly message: string }
  /** A question about a vault the Commons does not hold (credit.history). */
  | { readonly kind: 'NoCreditLineVault'; readonly message: string; readonly commonsId: string; readonly vault: string }
  /**
   * Two different entries at one height, both sealed by the treasury quorum as it stood before that
   * height: the stewards signed both, and the Commons has forked (an imported entry that differs but
   * is not validly sealed is a forgery, refused as `EntryDiffers`).
   */
  | { readonly kind: 'Fork'; readonly message: string; readonly seq: number; readonly storedHash: Hex; readonly importedHash: Hex; readonly storedSigners: string[]; readonly importedSigners: string[] }
  /** An update that starts past the stored head: the entries between are missing (fromSeq..toSeq, inclusive). */
  | { readonly kind: 'UpdateSkipsEntries'; readonly message: string; readonly nextStep: string; readonly commonsId: string; readonly fromSeq: number; readonly toSeq: number }
  /** An update file whose header names a Commons (id and genesis hash) not stored here. */
  | { readonly kind: 'UpdateNotForThisCommons'; readonly message: string; readonly nextStep: string; readonly commonsId: string; readonly genesisHash: string }
  /** An update file whose header is malformed, or does not describe the entries it holds. */
  | { readonly kind: 'UpdateFileInvalid'; readonly message: string; readonly reason: string }
  /** An export asked to start past the last stored entry. */
  | { readonly kind: 'ExportBeyondHead'; readonly message: string; readonly fromSeq: number; readonly height: number };

export type LedgerServiceErrorKind = LedgerServiceError['kind'];

/**
 * The prover is asked for an enrolment proof for a Commons this app has not verified: the same
 * kind as the ledger's, without a workspace (the prover knows only the Commons it may prove for).
 */
export type ProverUnknownCommons = { kind: 'UnknownCommons'; message: string; nextStep: string; commonsId: string };

/**
 * A rule of the Commons, as the ledger refused an entry (`seq`, and `action` inside it) or an
 * action (neither): the module's sentence in `message`, amounts as decimal strings.
 */
export type CommonsWireError = Wire<CommonsError> & { readonly seq?: number; readonly action?: number };

/** Every rule of the registered Commons modules and of the core, by kind. */
export const COMMONS_ERRORS: readonly CommonsErrorKind[] = [...Object.keys(coreSentences), ...modules.flatMap((module) => Object.keys(module.errors))] as CommonsErrorKind[];

/** Asking for one stored Commons (state, history, pre-flight). */
export const QUERY_ERRORS = kindsOf<'UnknownCommons'>({ UnknownCommons: true });

/** Asking how one vault's credit line moved (credit.history). */
export const CREDIT_HISTORY_ERRORS = kindsOf<'UnknownCommons' | 'NoCreditLineVault'>({ UnknownCommons: true, NoCreditLineVault: true });

/** Storing entries: an import, or an entry the demo's stewards sequence. */
export const STORE_ERRORS = kindsOf<'EntryDiffers' | 'UpdateFollowsNothing' | 'LogNotWritten'>({ EntryDiffers: true, UpdateFollowsNothing: true, LogNotWritten: true });

/** Importing an update file (docs/invite-and-update-files.md): its header, its place, a fork. */
export const UPDATE_ERRORS = kindsOf<'Fork' | 'UpdateSkipsEntries' | 'UpdateNotForThisCommons' | 'UpdateFileInvalid'>({ Fork: true, UpdateSkipsEntries: true, UpdateNotForThisCommons: true, UpdateFileInvalid: true });

/** Exporting entries of a stored Commons. */
export const EXPORT_ERRORS = kindsOf<'UnknownCommons' | 'ExportBeyondHead'>({ UnknownCommons: true, ExportBeyondHead: true });
