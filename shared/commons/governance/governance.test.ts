import { describe, expect, it } from 'vitest';
import { unwrap } from '../../result';
import { stateHash } from '../apply';
import { DAY, act, keys, run, spec } from '../fixtures';
import { DEFAULT_PARAMS } from '../params';
import { type CommonsState } from '../state';
import { openQuestPayload } from '../impact/testing';
import { toCommonsView, stateView } from '../view';
import { proposalState, proposalStateOfView, thresholdReached, withdrawProposal } from '.';
import {
  W,
  allVoteYes,
  anonymousBallot,
  cancel,
  execute,
  givenGovernance,
  lifeOf,
  paramChange,
  pid,
  propose,
  vote,
} from './testing';

const refused = (result: { ok: boolean; error?: unknown }) => {
  expect(result.ok).toBe(false);
  return (result as { error: { kind: string; message: string } }).error;
};

/** Raising BTC's draw cap to 7,000: a raise of a collateral ratio (Syndicate in scope, threshold 6667). */
const RAISE = { drawCapBps: { ...DEFAULT_PARAMS.drawCapBps, BTC: 7_000 } };

function proposed(payload = paramChange(pid(1), RAISE)) {
  const world = givenGovernance();
  const t = world.state.time;
  const state = unwrap(propose(world.state, world.alice, payload, t));
  return { world, state, t, life: lifeOf(t), id: payload.id };
}

describe('governance: OpenZeppelin-style acceptance (SPEC §7)', () => {
  it('the nominal workflow: proposed, burn-voted, queued, executed by anyone after the timelock', () => {
    const { world, state, life, id } = proposed();
    const p = state.proposals.get(id)!;
    expect(proposalState(p, life.startsAt - 1)).toBe('pending');
    expect(p.thresholdBps).toBe(6_667);
    expect(p.voting.mode === 'burn' && p.voting.supply).toEqual({ Union: W(1_000), Guild: W(1_000), Syndicate: W(1_000) });
    const voted = allVoteYes(world, state, id, W(200), life.startsAt);
    expect(voted.supplies.PPT).toBe(state.supplies.PPT! - W(600));
    expect(proposalState(voted.proposals.get(id)!, life.endsAt - 1)).toBe('active');
    expect(proposalState(voted.proposals.get(id)!, life.endsAt)).toBe('queued');
    const done = unwrap(execute(voted, 'params.set', { proposal: id, params: RAISE }, life.eta));
    expect(done.params.drawCapBps.BTC).toBe(7_000);
    expect(proposalState(done.proposals.get(id)!, life.eta)).toBe('executed');
    expect(done.proposals.get(id)!.executedBy).toBe(voted.treasury);
    // Relayed: no nonce moves.
    expect(done.vaults.get(voted.treasury)!.nonce).toBe(voted.vaults.get(voted.treasury)!.nonce);
  });

  it('voting before the start or after the deadline is refused', () => {
    const { world, state, life, id } = proposed();
    expect(refused(vote(state, world.bob, id, 'PPT', W(10), 'yes', life.startsAt - 1))).toMatchObject({ kind: 'VotingNotOpen', state: 'pending' });
    expect(refused(vote(state, world.bob, id, 'PPT', W(10), 'yes', life.endsAt))).toMatchObject({ kind: 'VotingNotOpen', state: 'defeated' });
  });

  it('a second ballot by the same member is refused', () => {
    const { world, state, life, id } = proposed();
    const once = unwrap(vote(state, world.bob, id, 'PPT', W(10), 'yes', life.startsAt));
    const error = refused(vote(once, world.bob, id, 'PPT', W(10), 'no', life.startsAt + 1));
    expect(error).toMatchObject({ kind: 'AlreadyVoted', member: 'Bob' });
    expect(once.vaults.get(world.bob.vault)!.balances.PPT).toBe(W(990));
  });

  it('quorum not reached → defeated', () => {
    const { world, state, life, id } = proposed();
    // 10 % of each faction's 1,000 is 100; the Guild casts 99.
    let s = unwrap(vote(state, world.alice, id, 'PPT', W(100), 'yes', life.startsAt));
    s = unwrap(vote(s, world.carol, id, 'PPT', W(100), 'yes', life.startsAt));
    s = unwrap(vote(s, world.bob, id, 'PPT', W(99), 'yes', life.startsAt));
    expect(proposalState(s.proposals.get(id)!, life.endsAt)).toBe('defeated');
    expect(refused(execute(s, 'params.set', { proposal: id, params: RAISE }, life.eta))).toMatchObject({ kind: 'ProposalNotQueued', state: 'defeated' });
  });

  it('threshold not reached → defeated', () => {
    // Every faction reaches its quorum, but the Syndicate's weight is all no: it does not reach 6667 bps of yes.
    const { world, state, life, id } = proposed();
    let s = unwrap(vote(state, world.alice, id, 'PPT', W(200), 'yes', life.startsAt));
    s = unwrap(vote(s, world.bob, id, 'PPT', W(200), 'yes', life.startsAt));
    s = unwrap(vote(s, world.carol, id, 'PPT', W(200), 'no', life.startsAt));
    expect(proposalState(s.proposals.get(id)!, life.endsAt)).toBe('defeated');
    // At the edge: 6,667 of 10,000 reaches 6667 bps, 6,666 does not; abstentions count towards quorum only.
    expect(thresholdReached(6_667n, 3_333n, 6_667)).toBe(true);
    expect(thresholdReached(6_666n, 3_334n, 6_667)).toBe(false);
    expect(thresholdReached(0n, 0n, 5_000)).toBe(false);
  });

  it('cancel before voting starts; not once voting started, nor by another member', () => {
    const { world, state, life, id } = proposed();
    expect(refused(cancel(state, world.bob, id, life.startsAt - 1))).toMatchObject({ kind: 'NotProposalAuthor' });
    expect(refused(cancel(state, world.alice, id, life.startsAt))).toMatchObject({ kind: 'ProposalNotPending', state: 'active' });
    const canceled = unwrap(cancel(state, world.alice, id, life.startsAt - 1));
    expect(proposalState(canceled.proposals.get(id)!, life.eta)).toBe('canceled');
    expect(refused(vote(canceled, world.bob, id, 'PPT', W(10), 'yes', life.startsAt))).toMatchObject({ kind: 'VotingNotOpen', state: 'canceled' });
  });

  it('execution before the timelock is over is refused', () => {
    const { world, state, life, id } = proposed();
    const voted = allVoteYes(world, state, id, W(200), life.startsAt);
    const error = refused(execute(voted, 'params.set', { proposal: id, params: RAISE }, life.eta - 1));
    expect(error).toMatchObject({ kind: 'TimelockNotOver', eta: life.eta, time: life.eta - 1 });
    expect(error.message).toContain('timelock runs until');
  });

  it('execution twice is refused', () => {
    const { world, state, life, id } = proposed();
    const voted = allVoteYes(world, state, id, W(200), life.startsAt);
    const done = unwrap(execute(voted, 'params.set', { proposal: id, params: RAISE }, life.eta));
    expect(refused(execute(done, 'params.set', { proposal: id, params: RAISE }, life.eta + 1))).toMatchObject({ kind: 'ProposalAlreadyExecuted', executedAt: life.eta });
  });

  it('a proposal that would break a §4 bound at execution is refused even though it passed, and changes nothing', () => {
    // Two proposals pass: raise BTC's cap to 7,900 (below its 8,000 threshold), and lower the threshold to 7,800.
    const world = givenGovernance();
    const t = world.state.time;
    const life = lifeOf(t);
    const cap = { drawCapBps: { ...DEFAULT_PARAMS.drawCapBps, BTC: 7_900 } };
    const threshold = { liquidationThresholdBps: { ...DEFAULT_PARAMS.liquidationThresholdBps, BTC: 7_800 } };
    let s = unwrap(propose(world.state, world.alice, paramChange(pid(1), cap), t));
    s = unwrap(propose(s, world.bob, paramChange(pid(2), threshold), t));
    s = allVoteYes(world, s, pid(1), W(200), life.startsAt);
    s = allVoteYes(world, s, pid(2), W(200), life.startsAt);
    s = unwrap(execute(s, 'params.set', { proposal: pid(2), params: threshold }, life.eta));
    const before = stateHash(s);
    const error = refused(execute(s, 'params.set', { proposal: pid(1), params: cap }, life.eta));
    expect(error).toMatchObject({ kind: 'ParamOutOfBounds', param: 'drawCapBps.BTC', value: 7_900, relation: '<', bound: 7_800 });
    expect(stateHash(s)).toBe(before);
    expect(proposalState(s.proposals.get(pid(1))!, life.eta)).toBe('queued');
  });
});

const actTreasury = (state: CommonsState, to: string, amount: bigint) => act(state, 'token.mint', state.treasury, { token: 'PPT', to, amount }, [keys.steward1, keys.steward2]);

describe('burn voting (SPEC §7)', () => {
  it('a burn beyond what the member held at the snapshot is refused, even when they hold more now', () => {
    const { world, state, life, id } = proposed();
    const richer = unwrap(run(state, actTreasury(state, world.bob.vault, W(5_000))));
    const error = refused(vote(richer, world.bob, id, 'PPT', W(1_001), 'yes', life.startsAt));
    expect(error).toMatchObject({ kind: 'BeyondSnapshot', held: W(1_000), amount: W(1_001) });
    expect(error.message).toBe(`You held 1,000 PPT when proposal 0x000000…0001 was created, and only that may be burned for it; 1,001 PPT is more.`);
    // Quorum is measured against the supply at the snapshot, not the supply now.
    expect(richer.proposals.get(id)!.voting).toMatchObject({ supply: { Guild: W(1_000) } });
  });

  it('a token of a faction out of scope is refused; PPT counts in the voter’s faction', () => {
    const world = givenGovernance();
    const t = world.state.time;
    const s = unwrap(propose(world.state, world.alice, paramChange(pid(3), { factionCooldownSeconds: 30 * DAY }, ['Union', 'Guild']), t));
    expect(refused(vote(s, world.carol, pid(3), 'PPT', W(10), 'yes', lifeOf(t).startsAt))).toMatchObject({ kind: 'TokenNotInScope', token: 'PPT' });
    expect(refused(vote(s, world.alice, pid(3), 'PMT', W(10), 'yes', lifeOf(t).startsAt))).toMatchObject({ kind: 'TokenNotInScope', token: 'PMT' });
    const voted = unwrap(vote(s, world.bob, pid(3), 'PPT', W(10), 'no', lifeOf(t).startsAt));
    expect(voted.proposals.get(pid(3))!.voting).toMatchObject({ tallies: { Guild: { yes: 0n, no: W(10), abstain: 0n } } });
    expect(voted.patronage.get(world.bob.did)!.votesCast).toBeGreaterThan(0n);
  });

  it('a change that raises a draw ratio or cap without the Syndicate in scope is refused', () => {
    const world = givenGovernance();
    const error = refused(propose(world.state, world.alice, paramChange(pid(4), RAISE, ['Union', 'Guild'])));
    expect(error).toMatchObject({ kind: 'SyndicateNotInScope', param: 'drawCapBps.BTC' });
  });

  it('a proposal whose effect names another proposal, or the wrong action for its kind, is refused', () => {
    const world = givenGovernance();
    const other = paramChange(pid(5), { factionCooldownSeconds: DAY });
    expect(refused(propose(world.state, world.alice, { ...other, effect: { action: 'params.set', payload: { proposal: pid(6), params: { factionCooldownSeconds: DAY } } } }))).toMatchObject({ kind: 'EffectNamesAnotherProposal' });
    expect(refused(propose(world.state, world.alice, { ...other, kind: 'treasurySpend' }))).toMatchObject({ kind: 'EffectKindMismatch', expected: 'treasury.spend' });
    expect(refused(propose(world.state, world.alice, { ...other, id: `0x${'ff'.repeat(32)}`, effect: { action: 'params.set', payload: { proposal: `0x${'ff'.repeat(32)}`, params: { factionCooldownSeconds: DAY } } } }))).toMatchObject({ kind: 'NonCanonicalField' });
  });

  it('an execution whose payload differs from what was voted is refused', () => {
    const { world, state, life, id } = proposed();
    const voted = allVoteYes(world, state, id, W(200), life.startsAt);
    const error = refused(execute(voted, 'params.set', { proposal: id, params: { drawCapBps: { ...DEFAULT_PARAMS.drawCapBps, BTC: 7_500 } } }, life.eta));
    expect(error).toMatchObject({ kind: 'EffectMismatch', expectedAction: 'params.set' });
  });

  it('a passed proposal not executed within its grace period expires', () => {
    const { world, state, life, id } = proposed();
    const voted = allVoteYes(world, state, id, W(200), life.startsAt);
    expect(proposalState(voted.proposals.get(id)!, life.expiresAt)).toBe('expired');
    expect(refused(execute(voted, 'params.set', { proposal: id, params: RAISE }, life.expiresAt))).toMatchObject({ kind: 'ProposalNotQueued', state: 'expired' });
  });

  it('cancelling re-mints exactly what each ballot burned, to the vault that burned it', () => {
    const { world, state, life, id } = proposed();
    const voted = allVoteYes(world, state, id, W(123), life.startsAt);
    const withdrawn = unwrap(withdrawProposal(voted, voted.proposals.get(id)!, life.startsAt + 1));
    expect(withdrawn.supplies).toEqual(state.supplies);
    for (const m of world.members) expect(withdrawn.vaults.get(m.vault)!.balances.PPT).toBe(state.vaults.get(m.vault)!.balances.PPT);
    expect(proposalState(withdrawn.proposals.get(id)!, life.endsAt)).toBe('canceled');
  });
});

describe('the effects of passed proposals', () => {
  function passed(payload: Parameters<typeof propose>[2]) {
    const world = givenGovernance();
    const t = world.state.time;
    const life = lifeOf(t);
    const inScope = { ...world, members: world.members.filter((m) => payload.scope === 'all' || payload.scope.includes(m.faction)) };
    const s = allVoteYes(inScope, unwrap(propose(world.state, world.alice, payload, t)), payload.id, W(200), life.startsAt);
    return { world, s, life };
  }

  it('treasury.spend pays CONX from the treasury', () => {
    const world0 = givenGovernance();
    const payload = { proposal: pid(7), to: world0.bob.vault, token: 'CONX' as const, amount: W(1_000) };
    const { s, life } = passed({ id: pid(7), kind: 'treasurySpend', scope: 'all', title: 'Pay Bob', text: '', effect: { action: 'treasury.spend', payload } });
    const done = unwrap(execute(s, 'treasury.spend', payload, life.eta));
    expect(done.vaults.get(world0.bob.vault)!.balances.CONX).toBe(s.vaults.get(world0.bob.vault)!.balances.CONX! + W(1_000));
    expect(done.supplies.CONX).toBe(s.supplies.CONX);
  });

  it('quest.openApproved opens a quest of the factions that voted for it, budget from the treasury', () => {
    const world0 = givenGovernance();
    const quest = { ...openQuestPayload(world0.state, 'garden', W(10_000)) };
    const payload = { proposal: pid(8), quest };
    expect(refused(propose(world0.state, world0.alice, { id: pid(8), kind: 'questApproval', scope: ['Union'], title: 'Garden', text: '', effect: { action: 'quest.openApproved', payload } }))).toMatchObject({
      kind: 'SponsorNotInScope',
      faction: 'Syndicate',
    });
    const { s, life } = passed({ id: pid(8), kind: 'questApproval', scope: ['Union', 'Syndicate'], title: 'Garden', text: '', effect: { action: 'quest.openApproved', payload } });
    const done = unwrap(execute(s, 'quest.openApproved', payload, life.eta));
    expect(done.quests.get('garden')).toMatchObject({ budget: W(10_000), sponsor: 'Union' });
    expect(done.escrows.get('quest:garden')!.amount).toBe(W(10_000));
  });

  it('steward.change gives the treasury its new signers', () => {
    const payload = { proposal: pid(9), signers: [spec(keys.steward1), spec(keys.steward2)], threshold: 2 };
    const { s, life } = passed({ id: pid(9), kind: 'stewardChange', scope: 'all', title: 'Two stewards', text: '', effect: { action: 'steward.change', payload } });
    const done = unwrap(execute(s, 'steward.change', payload, life.eta));
    expect(done.vaults.get(s.treasury)!.signers.map((x) => x.address)).toEqual([keys.steward1.address, keys.steward2.address]);
  });
});

describe('one member, one vote on a registered proposal (SPEC §7)', () => {
  const lossPayload = (id: `0x${string}`) => ({ id, kind: 'lossSharing' as const, scope: 'all' as const, title: 'Share the bakery loss', text: '', effect: { action: 'loss.share' as const, payload: { proposal: id, amount: W(900), reason: 'bakery default' } } });

  it('a burn vote on it is refused; anonymous ballots against the recorded root count, hidden until the vote closes', () => {
    const world = givenGovernance();
    const t = world.state.time;
    const life = lifeOf(t);
    const s = unwrap(propose(world.state, world.alice, lossPayload(pid(10)), t));
    const p = s.proposals.get(pid(10))!;
    expect(p.voting).toMatchObject({ mode: 'anonymous', members: 3 });
    expect(refused(vote(s, world.bob, pid(10), 'PPT', W(1), 'yes', life.startsAt))).toMatchObject({ kind: 'OneMemberOneVote' });
    const root = p.voting.mode === 'anonymous' ? p.voting.root : '';
    expect(refused(run(s, anonymousBallot(s, pid(10), '11', 'yes', root), life.startsAt - 1))).toMatchObject({ kind: 'VotingNotOpen', state: 'pending' });
    expect(refused(run(s, anonymousBallot(s, pid(10), '11', 'yes', '12345'), life.startsAt))).toMatchObject({ kind: 'BallotRootMismatch', recorded: root });
    let v = unwrap(run(s, anonymousBallot(s, pid(10), '11', 'yes', root), life.startsAt));
    expect(refused(run(v, anonymousBallot(v, pid(10), '11', 'no', root), life.startsAt))).toMatchObject({ kind: 'DuplicateScopeNullifier' });
    v = unwrap(run(v, anonymousBallot(v, pid(10), '12', 'no', root), life.startsAt));
    // While open: the count shows, the tally does not (neither in the proposal nor in the ballots map of the dashboard).
    const open = toCommonsView({ ...v, time: life.startsAt } as never, { demo: false, verifiedAt: null, emulated: () => false }) as unknown as { proposals: { id: string; anonymous: unknown; passed: unknown }[]; ballots: Record<string, unknown> };
    expect(open.proposals.find((x) => x.id === pid(10))).toMatchObject({ anonymous: { ballots: 2, tally: null }, passed: null });
    expect(open.ballots[pid(10)]).toBeUndefined();
    const closed = stateView({ ...v, time: life.endsAt } as never) as { proposals: { id: string; anonymous: unknown; state: string }[] };
    expect(closed.proposals.find((x) => x.id === pid(10))).toMatchObject({ anonymous: { ballots: 2, quorum: 1, tally: { yes: 1, no: 1, abstain: 0 } }, state: 'queued' });
    const done = unwrap(execute(v, 'loss.share', lossPayload(pid(10)).effect.payload, life.eta));
    expect(done.lossReserve.sharedLossDue).toBe(v.lossReserve.sharedLossDue + W(900));
  });

  it('in a version 1 Commons (the Demo Commons), a ballot on a registered proposal keeps its rules and is counted in it', () => {
    const world = givenGovernance();
    const t = world.state.time;
    const life = lifeOf(t);
    // A version 1 state with a registered proposal: old logs have none, so their free-text ballots read as before.
    const s: CommonsState = { ...unwrap(propose(world.state, world.alice, lossPayload(pid(11)), t)), version: 1 };
    const p = s.proposals.get(pid(11))!;
    const root = p.voting.mode === 'anonymous' ? p.voting.root : '';
    expect(refused(run(s, anonymousBallot(s, pid(11), '31', 'yes', root), life.startsAt - 1))).toMatchObject({ kind: 'VotingNotOpen', state: 'pending' });
    expect(refused(run(s, anonymousBallot(s, pid(11), '31', 'yes', '12345'), life.startsAt))).toMatchObject({ kind: 'BallotRootMismatch', recorded: root });
    const v = unwrap(run(s, anonymousBallot(s, pid(11), '31', 'yes', root), life.startsAt));
    const counted = v.proposals.get(pid(11))!.voting;
    expect(counted.mode === 'anonymous' ? counted.tally : null).toEqual({ yes: 1, no: 0, abstain: 0 });
  });

  it('an anonymous ballot on a burn-vote proposal, or on no registered proposal, is refused', () => {
    const { state, life, id } = proposed();
    const root = state.memberTree.recentRoots.at(-1)!;
    expect(refused(run(state, anonymousBallot(state, id, '21', 'yes', root), life.startsAt))).toMatchObject({ kind: 'NotAnonymousProposal' });
    expect(refused(run(state, anonymousBallot(state, pid(99), '22', 'yes', root), life.startsAt))).toMatchObject({ kind: 'UnknownProposal' });
  });

  it('a one-member-one-vote proposal must be voted by all members', () => {
    const world = givenGovernance();
    expect(refused(propose(world.state, world.alice, { ...lossPayload(pid(11)), scope: ['Union'] }))).toMatchObject({ kind: 'ScopeInvalid' });
  });
});

describe('the views', () => {
  it('c3 state --json lists proposals with state, tallies per faction, snapshot supply, quorum and eta; the screens’ clock agrees', () => {
    const { world, state, life, id } = proposed();
    const voted = allVoteYes(world, state, id, W(200), life.startsAt);
    const view = stateView({ ...voted, time: life.startsAt + 1 } as never) as { proposals: Record<string, unknown>[] };
    const pj = view.proposals.find((x) => x.id === id)!;
    expect(pj).toMatchObject({ id, state: 'active', eta: life.eta, ballotsCounted: 3, quorumBps: 1_000, thresholdBps: 6_667 });
    expect(pj.tallies).toContainEqual(expect.objectContaining({ faction: 'Union', supply: W(1_000), quorum: W(100), yes: W(200), quorumReached: true, thresholdReached: true }));
    const commons = toCommonsView({ ...voted, time: life.startsAt + 1 } as never, { demo: false, verifiedAt: null, emulated: () => false }) as unknown as { proposals: (Parameters<typeof proposalStateOfView>[0] & { id: string })[] };
    const pv = commons.proposals.find((x) => x.id === id)!;
    for (const time of [life.startsAt - 1, life.startsAt, life.endsAt, life.eta, life.expiresAt]) expect(proposalStateOfView(pv, time)).toBe(proposalState(voted.proposals.get(id)!, time));
  });
});
