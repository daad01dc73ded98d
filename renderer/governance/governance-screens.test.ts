/**
 * The governance screens' figures and requests (SPEC §7), on a Commons built with the ledger's own
 * fixtures and folded by the ledger's own rules: what the composer drafts is what the ledger
 * accepts, the preview's capacity is what the credit line has once executed, the page's states
 * and countdowns follow the module's machine, a burn above the snapshot is refused before any
 * device is asked, and the execution the page sends is the voted effect, byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { type ProposalView } from '../../shared/commons/governance';
import { type CommonsState } from '../../shared/commons/state';
import { DAY, act, givenCommons, run } from '../../shared/commons/fixtures';
import { toCommonsView } from '../../shared/commons/view';
import { canonicalHash } from '../../shared/crypto/canonical';
import { type CommonsView } from '../../shared/contract/commons-view';
import { unwrap } from '../../shared/result';
import { electorateLeaves } from './AnonymousBallot';
import { capacityPreview, changesOf, parseParamValue } from './Composer';
import { effectWords, paramDiffs } from './effect';
import { burnableTokens, byState, durationText, nextStep, stateAt, tallyFigures } from './figures';
import { burnAmount, executeAction, proposalCreateRequest } from './requests';

const view = (state: CommonsState): CommonsView => toCommonsView(state, { demo: false, verifiedAt: null, emulated: () => false });

/** Alice (Union) locks 1,000 COMM and proposes COMM's draw ratio and cap at 90 %, voted by the Union. */
function lowered() {
  const given = givenCommons();
  let state = given.state;
  const { alice, sign } = given;
  state = unwrap(run(state, act(state, 'token.burnToComm', alice.vault, { amount: 1_000_000_000n }, sign(alice))));
  state = unwrap(run(state, act(state, 'token.mint', state.treasury, { token: 'PPT', to: alice.vault, amount: 500_000_000n }, given.quorum)));
  state = unwrap(run(state, act(state, 'credit.lock', alice.vault, { amount: 1_000_000_000n }, sign(alice))));
  const commons = view(state);
  const vault = commons.vaults.find((v) => v.address.toLowerCase() === alice.vault)!;
  const changes = unwrap(
    changesOf(commons.params, [
      { path: 'drawRatioBps.COMM', value: '90' },
      { path: 'drawCapBps.COMM', value: '90' },
    ]),
  );
  const request = unwrap(
    proposalCreateRequest(commons, vault, { kind: 'paramChange', scope: ['Union'], title: 'Lower COMM to 90 %', text: '', effect: (proposal) => ({ ok: true, value: { action: 'params.set', payload: { proposal, params: changes } } }) }, state.time + 30 * DAY),
  );
  state = unwrap(run(state, act(state, 'proposal.create', alice.vault, request.action.payload as never, sign(alice))));
  return { ...given, state, vault, changes, commons: view(state), proposal: view(state).proposals[0]! };
}

describe('the proposal composer', () => {
  it('a percentage becomes basis points, and a nested parameter keeps its siblings (params.set replaces a field whole)', () => {
    const { commons, changes } = lowered();
    expect(parseParamValue('drawRatioBps.COMM', 10_000, '90.5')).toEqual({ ok: true, value: 9_050 });
    expect(changes.drawCapBps).toEqual({ ...commons.params.drawCapBps, COMM: 9_000 });
    expect(changes.drawRatioBps).toEqual({ ...commons.params.drawRatioBps, COMM: 9_000 });
    expect(paramDiffs(commons.params, changes).map((d) => [d.param, d.before, d.after])).toEqual([
      ['drawRatioBps.COMM', '100 %', '90 %'],
      ['drawCapBps.COMM', '100 %', '90 %'],
    ]);
  });

  it('the effect says each parameter from its value now to its value after, and an executed one what it set', () => {
    const { commons, proposal, changes } = lowered();
    expect(effectWords(commons, proposal.effect)).toBe('Changes drawRatioBps.COMM from 100 % to 90 %; drawCapBps.COMM from 100 % to 90 %.');
    const executed = { ...commons, params: { ...commons.params, ...changes } };
    expect(effectWords(executed, proposal.effect)).toMatch(/^Sets drawRatioBps\.COMM 90 %, drawRatioBps\.ADA 90 %, .* \(the values in force now\)\.$/);
  });

  it('a change without any new value is said in words, and makes no request', () => {
    const { commons } = lowered();
    expect(changesOf(commons.params, [{ path: 'drawRatioBps.COMM', value: '' }])).toMatchObject({ ok: false, error: 'Give at least one parameter a new value.' });
    expect(parseParamValue('votingPeriodSeconds', 604_800, '-3')).toMatchObject({ ok: false });
  });

  it('the preview’s capacity is the one the credit line has once the change executed', () => {
    const { commons, vault, changes } = lowered();
    const line = commons.credit.lines.find((l) => l.vault.toLowerCase() === vault.address.toLowerCase())!;
    const { now, after } = capacityPreview(commons, line, { ...commons.params, ...changes });
    expect(now.capacity).toBe(1_000_000_000n);
    expect(after.capacity).toBe(900_000_000n);
    expect(line.capacity).toBe(now.capacity);
  });
});

describe('the governance page’s figures', () => {
  it('states and countdowns follow the module’s machine: pending, active, queued in its timelock, then executable', () => {
    const { proposal } = lowered();
    const t = proposal.createdAt;
    expect(stateAt(proposal, t)).toBe('pending');
    expect(nextStep(proposal, t).text).toMatch(/^Voting starts in 1 d /);
    expect(stateAt(proposal, proposal.startsAt)).toBe('active');
    expect(nextStep(proposal, proposal.startsAt).text).toMatch(/^Voting ends in 7 d /);
    // No ballot: the Union misses its quorum, and the proposal is defeated at the end of the vote.
    expect(stateAt(proposal, proposal.endsAt)).toBe('defeated');
    expect(durationText(2 * DAY + 3_600)).toBe('2 d 1 h');
    expect(durationText(59)).toBe('less than a minute');
  });

  it('a faction’s page lists the proposals its members vote on, by state', () => {
    const { commons, proposal } = lowered();
    expect(byState(commons.proposals, 'Union', proposal.createdAt).map((g) => [g.state, g.proposals.length])).toEqual([['pending', 1]]);
    expect(byState(commons.proposals, 'Guild', proposal.createdAt)).toEqual([]);
  });

  it('only PPT and the role tokens of factions in scope are offered, at most what was held at the snapshot', () => {
    const { proposal, alice } = lowered();
    const offered = burnableTokens(proposal, alice.did);
    expect(offered.map((t) => t.token)).toEqual(['PPT']);
    expect(offered[0]!.held).toBe(500_000_000n);
    expect(burnAmount('500.000001', 'PPT', offered[0]!.held)).toMatchObject({ ok: false, error: expect.stringContaining('You held 500 PPT at the proposal’s snapshot') });
    expect(burnAmount('0', 'PPT', offered[0]!.held)).toMatchObject({ ok: false });
    expect(burnAmount('200', 'PPT', offered[0]!.held)).toEqual({ ok: true, value: 200_000_000n });
  });

  it('a burn vote, executed by the ledger, shows in the tally against quorum and threshold', () => {
    const lowered_ = lowered();
    const { alice, sign } = lowered_;
    let state = lowered_.state;
    const proposal = lowered_.proposal;
    state = unwrap(run(state, act(state, 'proposal.vote', alice.vault, { proposal: proposal.id as `0x${string}`, token: 'PPT', amount: 200_000_000n, support: 'yes' }, sign(alice)), proposal.startsAt));
    const tally = tallyFigures(view(state).proposals[0] as ProposalView);
    expect(tally).toHaveLength(1);
    expect(tally[0]).toMatchObject({ faction: 'Union', yes: 200_000_000n, yesShareBps: 10_000n, thresholdBps: 6_667, quorumReached: true, thresholdReached: true });
  });

  it('the execution the page sends is the voted effect byte for byte, relayed by the member’s vault without a signature', () => {
    const { proposal, vault } = lowered();
    const action = executeAction(proposal, vault.address, 123);
    expect(action).toMatchObject({ kind: 'params.set', vault: vault.address.toLowerCase(), nonce: 0, sigs: [] });
    expect(canonicalHash(action.payload)).toBe(proposal.payloadHash);
  });

  it('an anonymous ballot is proved over the members at the proposal’s creation, not those enrolled since', () => {
    expect(electorateLeaves({ memberLeaves: ['1', '2', '3', '4'] }, { anonymous: { root: '9', members: 3, quorum: 1, ballots: 0, tally: null } })).toEqual(['1', '2', '3']);
  });
});
