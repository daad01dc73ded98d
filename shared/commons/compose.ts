/**
 * The ledger composed from a list of modules (SPEC §11): the action and entry schemas, the fold
 * (`genesis`, `apply`, `fold`), the time step, the errors and the views — each derived from the
 * modules, so that adding a module is adding it to the list. `registry.ts` lists the app's
 * modules and `apply.ts`, `log.ts`, `errors.ts`, `view.ts` export its composition; a test may
 * compose its own list.
 */
import { z } from 'zod';
import { canonicalHash, type Hex } from '../crypto/canonical';
import { hexBytes } from '../crypto/recover';
import { type Result, err, ok } from '../result';
import { type Authorized, type ProvidedAuthorities, authorize } from './authority';
import { type ActionContext, type LedgerContext } from './context';
import { type CoreError, coreSentences } from './core-errors';
import {
  type ActionSpec,
  type AnyAction,
  type ErrorsOf,
  type ExtraOf,
  type ModuleDefinition,
  type ModuleError,
  type PayloadSignature,
  type ProofOf,
  type ViewOptions,
} from './module';
import { checkQuorum, entryHash } from './quorum';
import { type ActionWith, GenesisPayload, LOG_VERSIONS, type LogVersion, type WireActionWith, Signature, Uint64, Hash, actionSchema } from './schema';
import { type CommonsState, ZERO_HASH } from './state';
import { Address, Hex32 } from './view-schema';
import { putVault, vaultAt } from './vaults/vault';

export type Modules = readonly ModuleDefinition[];

// ---------------------------------------------------------------------------------------------
// What a list of modules stands for, as types.

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

type KindsOf<D> = D extends { actions: infer A } ? keyof A & string : never;
type SpecOf<D, K> = D extends { actions: infer A } ? (K extends keyof A ? A[K] : never) : never;

/** Every action kind of the modules, and the genesis entry's. */
export type ActionKindOf<M extends Modules> = 'commons.genesis' | KindsOf<M[number]>;

/** The payload schema of each action kind. */
export type PayloadSchemasOf<M extends Modules> = {
  readonly [K in ActionKindOf<M>]: K extends 'commons.genesis' ? typeof GenesisPayload : SpecOf<M[number], K> extends { payload: infer P extends z.ZodType } ? P : never;
};

export type ActionOf<M extends Modules> = { [K in ActionKindOf<M>]: ActionWith<K, PayloadSchemasOf<M>[K]> }[ActionKindOf<M>];
export type WireActionOf<M extends Modules> = { [K in ActionKindOf<M>]: WireActionWith<K, PayloadSchemasOf<M>[K]> }[ActionKindOf<M>];

interface EntryWith<A, S> {
  v: LogVersion;
  seq: number;
  prevHash: `0x${string}`;
  time: number;
  actions: A[];
  sequencerSigs: S[];
}
export type EntryOf<M extends Modules> = EntryWith<ActionOf<M>, Signature>;
export type WireEntryOf<M extends Modules> = EntryWith<WireActionOf<M>, z.input<typeof Signature>>;

/** Every error the ledger of these modules may return: the core's and each module's. */
type ErrorsOfModule<D> = D extends { errors: infer S } ? ErrorsOf<S> : never;
export type ErrorOf<M extends Modules> = CoreError | ErrorsOfModule<M[number]>;
/** Where in the log an error happened: entry `seq`, and the action's index inside it if any. */
export type LedgerErrorOf<M extends Modules> = ErrorOf<M> & { readonly seq: number; readonly action?: number };

type SliceOf<D> = D extends { state: { initial: (...args: never[]) => Result<infer S, ModuleError> } } ? S : never;
/** Every module's slice of the state, together. */
export type SlicesOf<M extends Modules> = UnionToIntersection<SliceOf<M[number]>>;
/** The state: the core's fields and every module's slice. */
export type StateOf<M extends Modules> = CommonsState & SlicesOf<M>;

type ViewShapeOf<D> = D extends { view?: { commons?: { shape: infer S } } } ? S : never;
const CORE_VIEW_SHAPE = {
  commonsId: Hex32,
  name: z.string(),
  demo: z.boolean(),
  height: z.number().int().nonnegative(),
  headHash: Hex32,
  /** The last entry's time (seconds, SPEC §0): what "now" is for the ledger. */
  time: z.number().int().nonnegative(),
  verifiedAt: z.number().int().nonnegative().nullable(),
  /** The treasury vault, which relays anonymous actions as sequencer (SPEC §7, §11). */
  treasury: Address,
};
/** The dashboard's read model: the core's fields and each module's (shared/contract/commons-view.ts). */
export type CommonsViewShapeOf<M extends Modules> = typeof CORE_VIEW_SHAPE & UnionToIntersection<ViewShapeOf<M[number]>>;

export interface ComposedCommons<M extends Modules> {
  readonly modules: M;
  /** The payload schema of each action kind. */
  readonly Payloads: PayloadSchemasOf<M>;
  /** One action of any kind, as the log holds it. */
  readonly Action: z.ZodType<ActionOf<M>, WireActionOf<M>>;
  /** One entry of the log (docs/ledger-format.md). */
  readonly Entry: z.ZodType<EntryOf<M>, WireEntryOf<M>>;
  /** Entry 0: one `commons.genesis` action, signed by the quorum of the treasury it defines. */
  genesis(entry: EntryOf<M>, ctx: LedgerContext): Result<StateOf<M>, LedgerErrorOf<M>>;
  /** Applies entry `state.height` on top of `state`: time passes, then its actions run in order. */
  apply(state: StateOf<M>, entry: EntryOf<M>, ctx: LedgerContext): Result<StateOf<M>, LedgerErrorOf<M>>;
  /** Applies one vault action: its authority (quorum, nonce, expiry), its handler, then the nonce moves on. */
  applyAction(state: StateOf<M>, action: ActionOf<M>, ctx: ActionContext): Result<StateOf<M>, ErrorOf<M>>;
  /**
   * Runs an action that is still being signed against the current verified state, with every rule
   * but its signatures (time passing to `ctx.time` first, as it will when the action is sequenced):
   * what a composer checks before any device is asked, so that no one signs what cannot execute.
   */
  preflightAction(state: StateOf<M>, action: Omit<ActionOf<M>, 'sigs'>, ctx: ActionContext): Result<StateOf<M>, ErrorOf<M>>;
  /** Folds a whole log from genesis. */
  fold(entries: Iterable<EntryOf<M>>, ctx: LedgerContext): Result<StateOf<M>, LedgerErrorOf<M>>;
  /** Time passing from `from` to `to`: every module's time step, in the registry's order. */
  onTime(state: StateOf<M>, from: number, to: number): StateOf<M>;
  /** Builds a typed error; its message says the rule in plain words, with the numbers. */
  fail<K extends ErrorOf<M>['kind']>(kind: K, extra: ExtraOf<ErrorOf<M>, K>): Extract<ErrorOf<M>, { kind: K }>;
  /** The proofs an action carries, to verify ahead of the fold in batches. */
  proofsOfAction(action: ActionOf<M>): readonly ProofOf[];
  /** The signatures an action's payload carries (an attestor's), to recover ahead of the fold with the vault's. */
  payloadSignaturesOf(action: ActionOf<M>, commonsId: Hex): readonly PayloadSignature[];
  /** What `c3 state --json` shows. */
  stateView(state: StateOf<M>): Record<string, unknown>;
  readonly CommonsView: z.ZodObject<CommonsViewShapeOf<M>>;
  toCommonsView(state: StateOf<M>, options: ViewOptions): z.output<z.ZodObject<CommonsViewShapeOf<M>>>;
}

/** The Commons id: the canonical hash of its genesis payload. */
export const commonsIdOf = (genesisAction: { readonly payload: GenesisPayload }): Hex => canonicalHash(genesisAction.payload);

const at = <E extends ModuleError>(error: E, seq: number, action?: number) => (action === undefined ? { ...error, seq } : { ...error, seq, action });

/** One table of everything the modules declare; a kind named twice is a bug, refused at load. */
function tables(modules: Modules) {
  const specs = new Map<string, ActionSpec>();
  const sentences: Record<string, (e: never) => string> = { ...coreSentences };
  const provided: { 'passed-proposal'?: ProvidedAuthorities['passed-proposal'] } = {};
  for (const module of modules) {
    for (const [kind, spec] of Object.entries(module.actions)) {
      if (specs.has(kind) || kind === 'commons.genesis') throw new Error(`Commons modules: the action kind ${kind} is declared twice (${module.name})`);
      specs.set(kind, spec);
    }
    for (const [kind, sentence] of Object.entries(module.errors)) {
      if (kind in sentences) throw new Error(`Commons modules: the error kind ${kind} is declared twice (${module.name})`);
      sentences[kind] = sentence;
    }
    const provides = module.provides?.['passed-proposal'];
    if (provides) {
      if (provided['passed-proposal']) throw new Error(`Commons modules: two modules provide the passed-proposal authority (${module.name})`);
      provided['passed-proposal'] = provides;
    }
  }
  return { specs, sentences, provided };
}

export function composeCommons<const M extends Modules>(modules: M): ComposedCommons<M> {
  const { specs, sentences, provided } = tables(modules);
  type State = CommonsState;

  // The schemas: each kind's payload inside the envelope every action shares (SPEC §3).
  const Payloads = { 'commons.genesis': GenesisPayload, ...Object.fromEntries([...specs].map(([kind, spec]) => [kind, spec.payload])) };
  const actionSchemas = Object.entries(Payloads).map(([kind, payload]) => actionSchema(kind, payload));
  const Action = z.discriminatedUnion('kind', actionSchemas as unknown as [(typeof actionSchemas)[number], ...(typeof actionSchemas)[number][]]);
  const Entry = z.strictObject({
    v: z.union([z.literal(LOG_VERSIONS[0]), z.literal(LOG_VERSIONS[1])]),
    seq: Uint64,
    prevHash: Hash,
    time: Uint64,
    actions: z.array(Action).min(1).max(10_000),
    sequencerSigs: z.array(Signature).max(15),
  });

  const fail = (kind: string, extra: object): ModuleError => {
    const explain = sentences[kind] as (e: object) => string;
    return { kind, message: explain(extra), ...extra };
  };

  const stepAll = (state: State, from: number, to: number): State => modules.reduce((next, module) => (module.onTime ? module.onTime(next, from, to) : next), state);
  /** The earliest time in (from, to) at which a module's state changes by its own rule (module.ts `nextChangeAt`), or `to`. */
  const cutAt = (state: State, from: number, to: number): number =>
    modules.reduce((cut, module) => {
      const at = module.nextChangeAt?.(state, from) ?? null;
      return at !== null && at > from && at < cut ? at : cut;
    }, to);
  const onTime = (state: State, from: number, to: number): State => {
    let next = state;
    for (let at = from; at < to; ) {
      const cut = cutAt(next, at, to);
      next = stepAll(next, at, cut);
      at = cut;
    }
    return next;
  };

  function runAction(state: State, action: AnyAction, ctx: ActionContext, checkSignatures: boolean): Result<State, ModuleError> {
    if (action.kind === 'commons.genesis') return err(fail('GenesisInvalid', { reason: 'a genesis action outside entry 0' }));
    const spec = specs.get(action.kind);
    // The schema admits only the kinds of the registered modules; this guards a caller that skipped it.
    if (!spec) return err(fail('MalformedEntry', { issues: [`kind: no module handles ${action.kind}`] }));
    const authorized: Result<Authorized, ModuleError> = authorize(state, action, spec.authority, ctx, checkSignatures, provided);
    if (!authorized.ok) return authorized;
    const next = spec.handle(authorized.value.state, action, ctx);
    if (!next.ok || !authorized.value.bumpsNonce) return next;
    // Execution increments the nonce, so no action runs twice (SPEC §3).
    const vault = vaultAt(next.value, action.vault);
    return vault ? ok(putVault(next.value, { ...vault, nonce: vault.nonce + 1 })) : next;
  }

  const applyAction = (state: State, action: AnyAction, ctx: ActionContext) => runAction(state, action, ctx, true);

  const preflightAction = (state: State, action: Omit<AnyAction, 'sigs'>, ctx: ActionContext) =>
    runAction(onTime(state, state.time, ctx.time), { ...action, sigs: [] }, ctx, false);

  type AnyEntry = z.output<typeof Entry>;

  function genesis(entry: AnyEntry, ctx: LedgerContext): Result<State, ModuleError> {
    if (!(LOG_VERSIONS as readonly number[]).includes(entry.v)) return err(at(fail('UnsupportedVersion', { version: entry.v, supported: LOG_VERSIONS.join(', ') }), entry.seq));
    if (entry.seq !== 0) return err(at(fail('SeqMismatch', { expected: 0, got: entry.seq }), entry.seq));
    if (entry.prevHash !== ZERO_HASH) return err(at(fail('PrevHashMismatch', { expected: ZERO_HASH, got: entry.prevHash }), 0));
    const action = entry.actions[0];
    if (entry.actions.length !== 1 || action?.kind !== 'commons.genesis') {
      return err(at(fail('GenesisInvalid', { reason: 'entry 0 must hold exactly one commons.genesis action' }), 0));
    }
    const payload = action.payload as GenesisPayload;
    const stated = 'logVersion' in payload ? payload.logVersion : 1;
    if (entry.v !== stated) return err(at(fail('GenesisInvalid', { reason: `the genesis entry is version ${entry.v} but its payload states version ${stated}` }), 0, 0));
    const { treasury, name } = payload;
    if (action.vault !== treasury.address || action.nonce !== 0 || action.sigs.length !== 0) {
      return err(at(fail('GenesisInvalid', { reason: 'the genesis action names the treasury, nonce 0, and carries no vault signatures' }), 0, 0));
    }
    // Each module makes its slice from the genesis payload, and may refuse it (the treasury's
    // signer set, parameters outside SPEC §4's bounds).
    const slices: Record<string, unknown> = {};
    for (const module of modules) {
      const slice = module.state.initial(payload, entry.v);
      if (!slice.ok) return err(at(slice.error, 0, 0));
      Object.assign(slices, slice.value);
    }
    const commonsId = commonsIdOf({ payload });
    const head = entryHash(commonsId, entry, ctx.digests);
    const sequenced = checkQuorum(hexBytes(head), entry.sequencerSigs, treasury.signers, treasury.threshold, ctx.recoverer, 'SequencerQuorumNotMet');
    if (!sequenced.ok) return err(at(sequenced.error, 0));
    const core = { version: entry.v, commonsId, name, height: 1, headHash: head, time: entry.time, treasury: treasury.address } as const;
    return ok({ ...core, ...slices } as State);
  }

  function apply(state: State, entry: AnyEntry, ctx: LedgerContext): Result<State, ModuleError> {
    const seq = entry.seq;
    // A Commons keeps its genesis entry's version for life (schema.ts LOG_VERSION).
    if (entry.v !== state.version) return err(at(fail('UnsupportedVersion', { version: entry.v, supported: String(state.version) }), seq));
    if (seq !== state.height) return err(at(fail('SeqMismatch', { expected: state.height, got: seq }), seq));
    if (entry.prevHash !== state.headHash) return err(at(fail('PrevHashMismatch', { expected: state.headHash, got: entry.prevHash }), seq));
    if (entry.time < state.time) return err(at(fail('TimeWentBackwards', { previous: state.time, time: entry.time }), seq));
    // Each action's digest is needed twice (entry hash, its quorum): hash it once.
    const digests = ctx.digests ?? new WeakMap<object, Uint8Array>();
    const head = entryHash(state.commonsId, entry, digests);
    // The sequencer quorum is the treasury's as it stands before this entry.
    const treasury = vaultAt(state, state.treasury);
    if (!treasury) return err(at(fail('UnknownVault', { vault: state.treasury }), seq));
    const sequenced = checkQuorum(hexBytes(head), entry.sequencerSigs, treasury.signers, treasury.threshold, ctx.recoverer, 'SequencerQuorumNotMet');
    if (!sequenced.ok) return err(at(sequenced.error, seq));
    const actionCtx: ActionContext = { ...ctx, digests, time: entry.time };
    // Time passes up to the entry's time before its actions run (fees accrue, periods close).
    let next = onTime(state, state.time, entry.time);
    // Within the entry the vaults map is written in place (an immutable.js transient): an entry
    // applies whole or not at all, the state it started from keeps its own map (a transient copies
    // whatever it did not make), and the map is frozen before the entry's state is returned. Each
    // action's writes to 20,000 vaults then cost no new path through the map's tries.
    next = { ...next, vaults: next.vaults.asMutable() };
    for (const [index, action] of entry.actions.entries()) {
      const result = applyAction(next, action, actionCtx);
      if (!result.ok) return err(at(result.error, seq, index));
      next = result.value;
    }
    return ok({ ...next, vaults: next.vaults.asImmutable(), height: seq + 1, headHash: head, time: entry.time });
  }

  function fold(entries: Iterable<AnyEntry>, ctx: LedgerContext): Result<State, ModuleError> {
    let state: State | undefined;
    for (const entry of entries) {
      const result = state ? apply(state, entry, ctx) : genesis(entry, ctx);
      if (!result.ok) return result;
      state = result.value;
    }
    if (!state) return err(at(fail('GenesisInvalid', { reason: 'the log is empty' }), 0));
    return ok(state);
  }

  // The views: the core's fields, then each module's, in the registry's order.
  const stateView = (state: State): Record<string, unknown> => {
    const view: Record<string, unknown> = {
      commonsId: state.commonsId,
      name: state.name,
      height: state.height,
      headHash: state.headHash,
      time: state.time,
      treasury: state.treasury,
    };
    for (const module of modules) Object.assign(view, module.view?.state?.(state));
    return view;
  };

  const viewShape: z.ZodRawShape = { ...CORE_VIEW_SHAPE };
  for (const module of modules) Object.assign(viewShape, module.view?.commons?.shape);
  const CommonsView = z.object(viewShape);

  const toCommonsView = (state: State, options: ViewOptions): Record<string, unknown> => {
    const view: Record<string, unknown> = {
      commonsId: state.commonsId,
      name: state.name,
      demo: options.demo,
      height: state.height,
      headHash: state.headHash,
      time: state.time,
      verifiedAt: options.verifiedAt,
      treasury: state.treasury,
    };
    for (const module of modules) Object.assign(view, module.view?.commons?.of(state, options));
    return view;
  };

  const proofsOfAction = (action: AnyAction): readonly ProofOf[] => specs.get(action.kind)?.proofs?.(action.payload) ?? [];
  const payloadSignaturesOf = (action: AnyAction, commonsId: Hex): readonly PayloadSignature[] =>
    specs.get(action.kind)?.payloadSignatures?.(action.payload, commonsId) ?? [];

  // The composition is checked by the tests of each function; its types are those of the modules.
  return {
    modules,
    Payloads,
    Action,
    Entry,
    genesis,
    apply,
    applyAction,
    preflightAction,
    fold,
    onTime,
    fail,
    proofsOfAction,
    payloadSignaturesOf,
    stateView,
    CommonsView,
    toCommonsView,
  } as unknown as ComposedCommons<M>;
}
