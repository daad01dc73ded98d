/**
 * `proposal.create` (SPEC §7): a member registers a proposal with its effect. What it records
 * then, it keeps: the snapshot and each faction's supply (burn votes), or the member-tree root
 * and the number of members (one member, one vote); the parameters in force (quorum, threshold,
 * delay, period, timelock, grace), as times.
 */
import { OrderedMap } from 'immutable';
import { canonicalHash } from '../../crypto/canonical';
import { type Result, err, ok } from '../../result';
import { isCanonicalFieldId } from '../../zk/field';
import { fail as failCore } from '../core-errors';
import { FACTIONS, type Faction } from '../identity/state';
import { type Handler, type ModuleError } from '../module';
import { type ActionWith } from '../schema';
import { type CommonsState } from '../state';
import { fail as failTokens } from '../tokens/errors';
import { fail as failVaults } from '../vaults/errors';
import { checkSignerSet, vaultAt } from '../vaults/vault';
import { fail } from './errors';
import { EFFECT_OF, type Effect, ONE_MEMBER_ONE_VOTE, type ProposalCreatePayload, type Scope } from './payloads';
import { previewParamChange } from './preview';
import { factionSupply, holdingsAt } from './snapshot';
import { type AnonymousVoting, type BurnVoting, type Proposal } from './state';

/** The factions a scope stands for, in FACTIONS order; a faction named twice is refused. */
export function scopeFactions(scope: Scope): Result<Faction[], ModuleError> {
  if (scope === 'all') return ok([...FACTIONS]);
  if (new Set(scope).size !== scope.length) return err(fail('ScopeInvalid', { reason: `a faction is named twice (${scope.join(', ')})` }));
  return ok(FACTIONS.filter((f) => scope.includes(f)));
}

/** The member tree's current root: the last of its recent roots. */
export const currentRoot = (state: CommonsState): string => state.memberTree.recentRoots[state.memberTree.recentRoots.length - 1] ?? '0';

interface EffectRules {
  /** Whether the vote needs collateralVoteThresholdBps. */
  readonly collateral: boolean;
}

/** What each effect must be to be proposed at all (execution checks again, against the state then). */
function checkEffect(state: CommonsState, effect: Effect, factions: readonly Faction[]): Result<EffectRules, ModuleError> {
  switch (effect.action) {
    case 'params.set': {
      const preview = previewParamChange(state.params, effect.payload.params);
      if (!preview.bounds.ok) return preview.bounds;
      const raised = preview.raises[0];
      if (raised !== undefined && !factions.includes('Syndicate')) return err(fail('SyndicateNotInScope', { param: raised }));
      return ok({ collateral: preview.collateral });
    }
    case 'quest.openApproved': {
      // SPEC §6: a quest opens after a vote of its sponsoring factions.
      const { sponsor, coSponsors } = effect.payload.quest;
      const missing = [sponsor, ...coSponsors].find((f) => !factions.includes(f));
      if (missing !== undefined) return err(fail('SponsorNotInScope', { faction: missing }));
      return ok({ collateral: false });
    }
    case 'treasury.spend':
      if (effect.payload.amount <= 0n) return err(failTokens('InvalidAmount', { amount: effect.payload.amount }));
      if (!vaultAt(state, effect.payload.to)) return err(failCore('UnknownVault', { vault: effect.payload.to }));
      return ok({ collateral: false });
    case 'loss.share':
      if (effect.payload.amount <= 0n) return err(failTokens('InvalidAmount', { amount: effect.payload.amount }));
      return ok({ collateral: false });
    case 'attestor.set': {
      const checked = checkAttestorChange(state.attestors, effect.payload.add, effect.payload.remove);
      return checked.ok ? ok({ collateral: false }) : checked;
    }
    case 'steward.change': {
      const checked = checkSignerSet(effect.payload.signers, effect.payload.threshold);
      return checked.ok ? ok({ collateral: false }) : checked;
    }
  }
}

/** An attestor change adds keys that are not attestors and removes keys that are, and leaves at least one (SPEC §1: enrolment needs one). */
export function checkAttestorChange(attestors: Readonly<Record<string, true>>, add: readonly string[], remove: readonly string[]): Result<Readonly<Record<string, true>>, ModuleError> {
  if (add.length + remove.length === 0) return err(fail('AttestorChangeInvalid', { reason: 'it adds and removes no key' }));
  if (new Set([...add, ...remove]).size !== add.length + remove.length) return err(fail('AttestorChangeInvalid', { reason: 'a key is named twice' }));
  const next: Record<string, true> = { ...attestors };
  for (const key of remove) {
    if (!Object.hasOwn(next, key)) return err(fail('AttestorChangeInvalid', { reason: `${key} is not an attestor` }));
    delete next[key];
  }
  for (const key of add) {
    if (Object.hasOwn(next, key)) return err(fail('AttestorChangeInvalid', { reason: `${key} already is an attestor` }));
    next[key] = true;
  }
  if (Object.keys(next).length === 0) return err(fail('AttestorChangeInvalid', { reason: 'no attestor would be left, and no one could enrol' }));
  return ok(next);
}

export const createProposal: Handler<ActionWith<'proposal.create', typeof ProposalCreatePayload>> = (state, action, ctx) => {
  const p = action.payload;
  // The id is an anonymous ballot's scope: one field element per proposal (shared/zk/field.ts).
  if (!isCanonicalFieldId(p.id)) return err(failCore('NonCanonicalField', { what: 'proposal id', value: p.id }));
  if (state.proposals.has(p.id)) return err(fail('ProposalExists', { proposal: p.id }));
  const vault = vaultAt(state, action.vault);
  if (!vault) return err(failCore('UnknownVault', { vault: action.vault }));
  if (vault.kind !== 'member' || vault.owner === null || !state.members.has(vault.owner)) return err(failVaults('NotAMemberVault', { vault: action.vault }));
  const expected = EFFECT_OF[p.kind];
  if (p.effect.action !== expected) return err(fail('EffectKindMismatch', { proposalKind: p.kind, expected, got: p.effect.action }));
  if (p.effect.payload.proposal !== p.id) return err(fail('EffectNamesAnotherProposal', { proposal: p.id, named: p.effect.payload.proposal }));
  const factions = scopeFactions(p.scope);
  if (!factions.ok) return factions;
  const anonymous = ONE_MEMBER_ONE_VOTE[p.kind];
  // SPEC §7: what concerns all members alike is voted by all members, one vote each.
  if (anonymous && p.scope !== 'all') return err(fail('ScopeInvalid', { reason: `a ${p.kind} proposal concerns all members alike: its scope is "all"` }));
  const rules = checkEffect(state, p.effect, factions.value);
  if (!rules.ok) return rules;

  const params = state.params;
  let voting: BurnVoting | AnonymousVoting;
  if (anonymous) {
    voting = { mode: 'anonymous', root: currentRoot(state), members: state.members.size, tally: { yes: 0, no: 0, abstain: 0 } };
  } else {
    const snapshot = holdingsAt(state);
    const supply: Partial<Record<Faction, bigint>> = {};
    for (const faction of factions.value) {
      const s = factionSupply(snapshot, faction);
      if (s === 0n) return err(fail('FactionWithoutSupply', { faction }));
      supply[faction] = s;
    }
    voting = { mode: 'burn', snapshot, supply, tallies: {}, ballots: OrderedMap() };
  }
  const startsAt = ctx.time + params.votingDelaySeconds;
  const endsAt = startsAt + params.votingPeriodSeconds;
  const eta = endsAt + params.timelockSeconds;
  const proposal: Proposal = {
    id: p.id,
    kind: p.kind,
    author: vault.owner,
    authorVault: vault.address,
    title: p.title,
    text: p.text,
    scope: p.scope === 'all' ? 'all' : [...p.scope],
    factions: factions.value,
    effect: p.effect,
    payloadHash: canonicalHash(p.effect.payload),
    createdAt: ctx.time,
    startsAt,
    endsAt,
    eta,
    expiresAt: eta + params.executionGraceSeconds,
    quorumBps: params.quorumBps,
    thresholdBps: rules.value.collateral ? params.collateralVoteThresholdBps : params.voteThresholdBps,
    collateral: rules.value.collateral,
    voting,
    canceledAt: null,
    executedAt: null,
    executedBy: null,
  };
  return ok({ ...state, proposals: state.proposals.set(p.id, proposal) });
};
