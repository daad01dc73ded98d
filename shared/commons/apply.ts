/**
 * `apply(state, entry, ctx)`: the fold of SPEC §11. An entry is valid when it follows the head
 * (seq, prevHash, time), the treasury quorum signed it as sequencer, and every action in it is
 * valid in order (SPEC §3: quorum of current signers, nonce, validUntil). Any failure rejects the
 * whole entry and returns the error; the state passed in is never modified.
 */
import { canonicalHash, type Hex } from '../crypto/canonical';
import { hexBytes } from '../crypto/recover';
import { type Result, err, ok } from '../result';
import { type CommonsError, type LedgerError, fail } from './errors';
import { type ActionContext, type Handler, type LedgerContext } from './context';
import { type Action, type ActionKind, type Entry, LOG_VERSION } from './log';
import { type CommonsState, type Signer, ZERO_HASH } from './state';
import { actionDigest, checkQuorum, entryHash } from './quorum';
import { changeFaction, enrol, registerAttestor } from './identity';
import { burnToComm, burnToConx, mint, transfer } from './tokens';
import { checkSignerSet, createMemberVault, putVault, setSigners, setThreshold } from './vaults';
import { castAnonymousBallot } from './ballots';
import { requireMemberSigned } from './member-signature';
import { checkParamBounds } from './param-bounds';
import { emptyFrontier } from '../zk/merkle';

export type { LedgerContext } from './context';

type Handlers = { [K in Exclude<ActionKind, 'commons.genesis'>]: Handler<Extract<Action, { kind: K }>> };

const handlers: Handlers = {
  'member.enrol': enrol,
  'member.changeFaction': changeFaction,
  'attestor.register': registerAttestor,
  'vault.create': createMemberVault,
  'vault.setSigners': setSigners,
  'vault.setThreshold': setThreshold,
  'token.mint': mint,
  'token.transfer': transfer,
  'token.burnToComm': burnToComm,
  'token.burnToConx': burnToConx,
  'ballot.anonymous': castAnonymousBallot,
};

/**
 * Who must sign an action: the new vault's signers for kinds that create one, else the vault's
 * current ones; and, for an action that speaks for a member, that member's own key too
 * (member-signature.ts).
 */
function authority(state: CommonsState, action: Action): Result<{ signers: readonly Signer[]; threshold: number; nonce: number }, CommonsError> {
  if (action.kind === 'member.enrol' || action.kind === 'vault.create') {
    if (state.vaults[action.vault]) return err(fail('VaultExists', { vault: action.vault }));
    const setup = action.kind === 'member.enrol' ? action.payload.vault : action.payload;
    return ok({ signers: setup.signers, threshold: Math.max(1, setup.threshold), nonce: 0 });
  }
  const vault = state.vaults[action.vault];
  if (!vault) return err(fail('UnknownVault', { vault: action.vault }));
  return ok(vault);
}

/** Applies one vault action: quorum, nonce, expiry, then its handler, then the nonce moves on. */
export function applyAction(state: CommonsState, action: Action, ctx: ActionContext): Result<CommonsState, CommonsError> {
  return runAction(state, action, ctx, true);
}

/**
 * Runs an action that is still being signed against the current verified state, with every rule
 * but its signatures: what a composer checks before any device is asked (a transfer of a token
 * that never moves, an expired request, a stale nonce), so that no one signs what cannot execute.
 */
export function preflightAction(state: CommonsState, action: Omit<Action, 'sigs'>, ctx: ActionContext): Result<CommonsState, CommonsError> {
  return runAction(state, { ...action, sigs: [] } as Action, ctx, false);
}

function runAction(state: CommonsState, action: Action, ctx: ActionContext, checkSignatures: boolean): Result<CommonsState, CommonsError> {
  if (action.kind === 'commons.genesis') return err(fail('GenesisInvalid', { reason: 'a genesis action outside entry 0' }));
  if (action.kind === 'ballot.anonymous') return applyAnonymous(state, action, ctx);
  const auth = authority(state, action);
  if (!auth.ok) return auth;
  const { signers, threshold, nonce } = auth.value;
  if (action.nonce !== nonce) return err(fail('NonceMismatch', { vault: action.vault, expected: nonce, got: action.nonce }));
  if (ctx.time >= action.validUntil) return err(fail('ActionExpired', { validUntil: action.validUntil, time: ctx.time }));
  if (checkSignatures) {
    const quorum = checkQuorum(actionDigest(state.commonsId, action, ctx.digests), action.sigs, signers, threshold, ctx.recoverer);
    if (!quorum.ok) return quorum;
    // An action that creates or speaks for a member needs the member's own key as well (SPEC §1).
    const member = requireMemberSigned(state, action);
    if (!member.ok) return member;
  }
  const handler = handlers[action.kind] as Handler<Action>;
  const next = handler(state, action, ctx);
  if (!next.ok) return next;
  const vault = next.value.vaults[action.vault];
  // Execution increments the nonce, so no action runs twice (SPEC §3).
  return vault ? ok(putVault(next.value, { ...vault, nonce: vault.nonce + 1 })) : next;
}

/**
 * An anonymous action is authorised by its proof, not by a vault: it names the treasury (which
 * relays it as sequencer), carries nonce 0 and no signatures, and leaves every nonce alone.
 */
function applyAnonymous(state: CommonsState, action: Extract<Action, { kind: 'ballot.anonymous' }>, ctx: ActionContext): Result<CommonsState, CommonsError> {
  if (action.vault !== state.treasury || action.nonce !== 0 || action.sigs.length !== 0) {
    return err(fail('AnonymousActionShape', { reason: 'an anonymous action names the treasury, nonce 0, and carries no signatures' }));
  }
  if (ctx.time >= action.validUntil) return err(fail('ActionExpired', { validUntil: action.validUntil, time: ctx.time }));
  return castAnonymousBallot(state, action, ctx);
}

const at = (error: CommonsError, seq: number, action?: number): LedgerError => (action === undefined ? { ...error, seq } : { ...error, seq, action });

/** The Commons id: the canonical hash of its genesis payload. */
export const commonsIdOf = (genesisAction: Extract<Action, { kind: 'commons.genesis' }>): Hex => canonicalHash(genesisAction.payload);

/** Entry 0: one `commons.genesis` action, signed by the quorum of the treasury it defines. */
export function genesis(entry: Entry, ctx: LedgerContext): Result<CommonsState, LedgerError> {
  if (entry.v !== LOG_VERSION) return err(at(fail('UnsupportedVersion', { version: entry.v, supported: LOG_VERSION }), entry.seq));
  if (entry.seq !== 0) return err(at(fail('SeqMismatch', { expected: 0, got: entry.seq }), entry.seq));
  if (entry.prevHash !== ZERO_HASH) return err(at(fail('PrevHashMismatch', { expected: ZERO_HASH, got: entry.prevHash }), 0));
  const action = entry.actions[0];
  if (entry.actions.length !== 1 || action?.kind !== 'commons.genesis') {
    return err(at(fail('GenesisInvalid', { reason: 'entry 0 must hold exactly one commons.genesis action' }), 0));
  }
  const { treasury, name, attestors, params } = action.payload;
  if (action.vault !== treasury.address || action.nonce !== 0 || action.sigs.length !== 0) {
    return err(at(fail('GenesisInvalid', { reason: 'the genesis action names the treasury, nonce 0, and carries no vault signatures' }), 0, 0));
  }
  const set = checkSignerSet(treasury.signers, treasury.threshold);
  if (!set.ok) return err(at(set.error, 0, 0));
  // A Commons starts inside the bounds its parameters must always keep (SPEC §4).
  const bounded = checkParamBounds(params);
  if (!bounded.ok) return err(at(bounded.error, 0, 0));
  const commonsId = commonsIdOf(action);
  const head = entryHash(commonsId, entry, ctx.digests);
  const sequenced = checkQuorum(hexBytes(head), entry.sequencerSigs, treasury.signers, treasury.threshold, ctx.recoverer, 'SequencerQuorumNotMet');
  if (!sequenced.ok) return err(at(sequenced.error, 0));
  return ok({
    version: 1,
    commonsId,
    name,
    height: 1,
    headHash: head,
    time: entry.time,
    params,
    treasury: treasury.address,
    attestors: Object.fromEntries(attestors.map((a) => [a, true as const])),
    members: {},
    vaults: {
      [treasury.address]: {
        address: treasury.address,
        name: treasury.name,
        kind: 'commons',
        owner: null,
        signers: treasury.signers,
        threshold: treasury.threshold,
        nonce: 0,
        balances: {},
      },
    },
    supplies: {},
    escrows: {},
    uniqueness: {},
    scopeNullifiers: {},
    memberTree: { leaves: [], frontier: emptyFrontier(), recentRoots: [emptyFrontier().root] },
    ballots: {},
  });
}

/** Applies entry `state.height` on top of `state`. */
export function apply(state: CommonsState, entry: Entry, ctx: LedgerContext): Result<CommonsState, LedgerError> {
  const seq = entry.seq;
  if (entry.v !== LOG_VERSION) return err(at(fail('UnsupportedVersion', { version: entry.v, supported: LOG_VERSION }), seq));
  if (seq !== state.height) return err(at(fail('SeqMismatch', { expected: state.height, got: seq }), seq));
  if (entry.prevHash !== state.headHash) return err(at(fail('PrevHashMismatch', { expected: state.headHash, got: entry.prevHash }), seq));
  if (entry.time < state.time) return err(at(fail('TimeWentBackwards', { previous: state.time, time: entry.time }), seq));
  // Each action's digest is needed twice (entry hash, its quorum): hash it once.
  const digests = ctx.digests ?? new WeakMap<object, Uint8Array>();
  const head = entryHash(state.commonsId, entry, digests);
  // The sequencer quorum is the treasury's as it stands before this entry.
  const treasury = state.vaults[state.treasury];
  if (!treasury) return err(at(fail('UnknownVault', { vault: state.treasury }), seq));
  const sequenced = checkQuorum(hexBytes(head), entry.sequencerSigs, treasury.signers, treasury.threshold, ctx.recoverer, 'SequencerQuorumNotMet');
  if (!sequenced.ok) return err(at(sequenced.error, seq));
  const actionCtx: ActionContext = { ...ctx, digests, time: entry.time };
  let next = state;
  for (const [index, action] of entry.actions.entries()) {
    const result = applyAction(next, action, actionCtx);
    if (!result.ok) return err(at(result.error, seq, index));
    next = result.value;
  }
  return ok({ ...next, height: seq + 1, headHash: head, time: entry.time });
}

/** Folds a whole log from genesis. */
export function fold(entries: Iterable<Entry>, ctx: LedgerContext): Result<CommonsState, LedgerError> {
  let state: CommonsState | undefined;
  for (const entry of entries) {
    const result = state ? apply(state, entry, ctx) : genesis(entry, ctx);
    if (!result.ok) return result;
    state = result.value;
  }
  if (!state) return err({ ...fail('GenesisInvalid', { reason: 'the log is empty' }), seq: 0 });
  return ok(state);
}

/** A hash of the whole state, to compare two replays (canonical encoding, amounts as strings). */
export const stateHash = (state: CommonsState): Hex => canonicalHash(state);
