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
  | { readonly kind: 'DemoDisabled'; readonly message: string };

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

/** Storing entries: an import, or an entry the demo's stewards sequence. */
export const STORE_ERRORS = kindsOf<'EntryDiffers' | 'UpdateFollowsNothing' | 'LogNotWritten'>({ EntryDiffers: true, UpdateFollowsNothing: true, LogNotWritten: true });
