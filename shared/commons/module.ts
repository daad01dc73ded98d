/**
 * What a Commons module is (ARCHITECTURE.md, "shared/commons/<module>/"): one concern of SPEC.md
 * as one definition object — its action payload schemas, handlers and authority rule per action
 * kind, its state slice with its initial value, its time step, its error kinds with their
 * sentences, and its view. `registry.ts` lists the modules; `compose.ts` folds them into the
 * ledger. Nothing here reads the registry, so that a module's types never depend on the others'.
 */
import { type z } from 'zod';
import { type Result } from '../result';
import { type ProofItem } from '../zk/groth16';
import { type CircuitName } from '../zk/types';
import { type ActionContext } from './context';
import { type ActionWith, type GenesisPayload } from './schema';
import { type CommonsState, type Signer } from './state';

// ---------------------------------------------------------------------------------------------
// Errors: a kind, a sentence in plain words, and the numbers that explain it (SPEC §0).

/** What every error of every module is: a kind and its sentence; the numbers come beside them. */
export interface ModuleError {
  readonly kind: string;
  readonly message: string;
}

/** An error of kind `K` carrying `Extra`. */
export type E<K extends string, Extra = object> = { readonly kind: K; readonly message: string } & Extra;

export type ExtraOf<U extends ModuleError, K extends string> = Omit<Extract<U, { kind: K }>, 'kind' | 'message'>;

/**
 * Every error kind of a union with its sentence. A mapped type, so that a module cannot declare
 * a kind of error without saying it in words.
 */
export type Sentences<U extends ModuleError> = { readonly [K in U['kind']]: (e: ExtraOf<U, K>) => string };

/** The error union a table of sentences stands for (the inverse of `Sentences`). */
export type ErrorsOf<S> = { [K in keyof S & string]: S[K] extends (e: infer X) => string ? E<K, X> : never }[keyof S & string];

/** A module's `fail`: builds one of its errors, the sentence written from the numbers. */
export const failWith =
  <U extends ModuleError>(sentences: Sentences<U>) =>
  <K extends U['kind']>(kind: K, extra: ExtraOf<U, K>): Extract<U, { kind: K }> => {
    const explain = sentences[kind] as (e: ExtraOf<U, K>) => string;
    return { kind, message: explain(extra), ...extra } as unknown as Extract<U, { kind: K }>;
  };

// ---------------------------------------------------------------------------------------------
// Authority: who must sign an action, declared per kind and enforced in one place (authority.ts).

/** The signers and threshold a new vault states about itself. */
export interface VaultQuorum {
  readonly signers: readonly Signer[];
  readonly threshold: number;
}

/**
 * - `vault-quorum`: the named vault's current signers (SPEC §3).
 * - `treasury`: the treasury's quorum; the action must name the treasury.
 * - `member`: the vault's quorum, plus its owner's own DID key when it is a member's vault (SPEC §1).
 * - `new-vault`: the signers of the vault the action creates, plus the key of its owner's DID.
 * - `zk-proof`: anonymous, authorised by the proof it carries: no signatures, names the treasury
 *   (which relays it as sequencer), nonce 0, and no nonce moves.
 * - `passed-proposal`: a proposal that passed (SPEC §7); provided by the governance module, and
 *   refused until a registered module provides it.
 */
export type Authority<P = unknown> =
  | { readonly kind: 'vault-quorum' }
  | { readonly kind: 'treasury' }
  | { readonly kind: 'member' }
  | { readonly kind: 'new-vault'; readonly vault: (payload: P) => VaultQuorum; readonly owner: (payload: P) => string }
  | { readonly kind: 'zk-proof' }
  | { readonly kind: 'passed-proposal'; readonly proposal: (payload: P) => string };
export type AuthorityKind = Authority['kind'];

export const VAULT_QUORUM = { kind: 'vault-quorum' } as const;
export const TREASURY = { kind: 'treasury' } as const;
export const MEMBER = { kind: 'member' } as const;
export const ZK_PROOF = { kind: 'zk-proof' } as const;
export const newVault = <P>(vault: (payload: P) => VaultQuorum, owner: (payload: P) => string): Authority<P> => ({ kind: 'new-vault', vault, owner });
export const passedProposal = <P>(proposal: (payload: P) => string): Authority<P> => ({ kind: 'passed-proposal', proposal });

/** Any action, as the core handles it before it knows the kind. */
export type AnyAction = ActionWith<string, z.ZodType>;

/**
 * How a module that keeps proposals (governance) authorises an action of a passed proposal: it
 * checks the proposal and returns the state with the proposal consumed, or refuses.
 */
export type ProvidedAuthority = (state: CommonsState, action: AnyAction, proposal: string, ctx: ActionContext) => Result<CommonsState, ModuleError>;

// ---------------------------------------------------------------------------------------------
// Actions, state, time, view.

/** A handler: given this state and this action, the next state or a typed error (decide/evolve). */
export type Handler<A, Slice = unknown> = (state: CommonsState & Slice, action: A, ctx: ActionContext) => Result<CommonsState & Slice, ModuleError>;

/** A zero-knowledge proof an action carries, to verify ahead of the fold in batches (proofs.ts). */
export type ProofOf = ProofItem & { readonly circuit: CircuitName };

export interface ActionSpec<K extends string = string, P extends z.ZodType = z.ZodType, Slice = unknown> {
  readonly payload: P;
  readonly authority: Authority<z.output<P>>;
  readonly handle: Handler<ActionWith<K, P>, Slice>;
  /** The proofs the action carries, if any. */
  readonly proofs?: (payload: z.output<P>) => readonly ProofOf[];
  /**
   * Signatures the payload carries besides the vault's (an attestor's), each with the digest it
   * signs: recovered ahead of the fold with the vault's, on worker threads. The handler still
   * checks each one; this only lets its answer be ready.
   */
  readonly payloadSignatures?: (payload: z.output<P>, commonsId: `0x${string}`) => readonly PayloadSignature[];
}

/** A signature inside a payload and the 32-byte digest it signs. */
export interface PayloadSignature {
  readonly digest: Uint8Array;
  readonly sig: string;
}

/** What the dashboard view (`toCommonsView`) is told besides the state. */
export interface ViewOptions {
  readonly demo: boolean;
  readonly verifiedAt: number | null;
  /** Whether a signer's key is an emulator's (demo). */
  readonly emulated: (address: string) => boolean;
}

export interface ModuleView<Slice, Shape extends z.ZodRawShape> {
  /** Its part of `c3 state --json` (`stateView`). */
  readonly state?: (state: CommonsState & Slice) => Record<string, unknown>;
  /** Its part of the dashboard's CommonsView (shared/contract/commons-view.ts): the fields' schemas and values. */
  readonly commons?: { readonly shape: Shape; readonly of: (state: CommonsState & Slice, options: ViewOptions) => z.output<z.ZodObject<Shape>> };
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the slice of each module is checked by `defineModule`, not here */
export interface ModuleDefinition {
  readonly name: string;
  /** Keyed by action kind: payload schema, authority, handler. */
  readonly actions: { readonly [kind: string]: ActionSpec<any, any, any> };
  /** The module's slice of the state, made at genesis (its fields are added to CommonsState from the module's folder). */
  readonly state: { readonly initial: (genesis: GenesisPayload, logVersion: number) => Result<object, ModuleError> };
  /**
   * Time passing from `from` to `to` (SPEC §0: the entries' times), before an entry's actions.
   * Pure and total; it must compute from absolute times, so that one step from a to c equals a
   * step to b then a step to c.
   */
  readonly onTime?: (state: any, from: number, to: number) => CommonsState;
  /**
   * The next time after `time` at which the module's own rules change its state (a pending change
   * coming into force: params, SPEC §4), or null. The Commons' time step is cut there, so that every
   * module's step runs up to that time and on from it.
   */
  readonly nextChangeAt?: (state: any, time: number) => number | null;
  /** Its error kinds with their sentences. */
  readonly errors: { readonly [kind: string]: (e: never) => string };
  readonly view?: ModuleView<any, z.ZodRawShape>;
  /** Authorities the module provides to every module (governance: `passed-proposal`). */
  readonly provides?: { readonly 'passed-proposal'?: ProvidedAuthority };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * Declares one action kind: its payload schema, authority and handler. The handler reads the
 * action its own payload schema decodes (checked here), whichever module it belongs to.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the kind is the key it is declared under; the slice is the module's
export const action = <P extends z.ZodType>(spec: ActionSpec<any, P, any>) => spec;

/** Declares a module; the type of the definition is kept exactly, for the registry to derive the unions from. */
export const defineModule = <const D extends ModuleDefinition>(definition: D): D => definition;
