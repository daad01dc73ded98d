/**
 * The staking page's and the Impact board's requests and figures, against a real Commons built
 * with the ledger's own builders (shared/commons/impact/testing.ts): every request the screens
 * draft is one the ledger's pre-flight accepts (or refuses with its typed rule), and the figures
 * they draw are the view's, step by step from a posted offer to a repaid stake with PMT credited.
 */
import { describe, expect, it } from 'vitest';
import { preflightAction } from '../../shared/commons/apply';
import { ctxAt } from '../../shared/commons/fixtures';
import { W, givenWork, must, type WorkWorld } from '../../shared/commons/impact/testing';
import { type CommonsState } from '../../shared/commons/state';
import { toCommonsView } from '../../shared/commons/view';
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { type SigningRequest } from '../../shared/quorum/request';
import { type Result } from '../../shared/result';
import { offerProgress, questRow, treasuryOf, verifierTasks } from '../impact/figures';
import { offerPostRequest, offerSubmitRequest, questOpenRequest, verifierRequest, verifiersAddress } from '../impact/requests';
import { quorumWords } from '../sign/quorum-words';
import { loanRow, openRequests, pmtCredit, pmtRow, stakeRow, stakeableOffers, stakesOf, stillAsked } from './figures';
import { stakeGiveRequest, stakeRequestRequest } from './requests';

const UNTIL = 4_000_000_000;
const viewOf = (state: CommonsState): CommonsView => toCommonsView(state, { demo: false, verifiedAt: null, emulated: () => false });
const vaultOf = (view: CommonsView, address: string): VaultView => view.vaults.find((v) => v.address === address)!;

/** The drafted request, checked by the ledger's own pre-flight, then applied as its quorum would sign it. */
function through(world: WorkWorld, state: CommonsState, drafted: Result<SigningRequest, string>): CommonsState {
  if (!drafted.ok) throw new Error(drafted.error);
  const { action } = drafted.value;
  const checked = preflightAction(state, action, ctxAt(state.time + 60));
  if (!checked.ok) throw new Error(`${checked.error.kind}: ${checked.error.message}`);
  return must(world, state, action.kind, action.vault, action.payload as never);
}

describe('a staked offer from request to repayment, as the screens draft and draw it', () => {
  it('runs every drafted request through the ledger, and the staker sees PMT credited once repaid', () => {
    const world = givenWork({ budget: W(150_000) });
    const { alice, bob } = world;
    let state = world.state;
    let view = viewOf(state);

    // Alice posts an offer: 100,000 CONX, 500 PPT, 50 of her role token.
    state = through(world, state, offerPostRequest(view, vaultOf(view, alice.vault), { quest: 'q', id: 'site', deliverable: 'The site', conx: '100,000', ppt: '500', role: '50' }, UNTIL));
    view = viewOf(state);
    expect(offerProgress(view.offers[0]!).step).toBe(0);
    const task = verifierTasks(view);
    expect(task.map((t) => [t.quest.id, t.verifiers.address, t.offers.map((o) => o.id)])).toEqual([['q', world.verifiers, ['site']]]);

    // The verifiers accept it: the reward is reserved in the quest's bar.
    state = through(world, state, verifierRequest(view, task[0]!.verifiers, 'offer.accept', 'site', '', UNTIL));
    view = viewOf(state);
    expect(questRow(view.quests[0]!).parts.map((p) => [p.label, p.value])).toEqual([
      ['paid', 0n],
      ['reserved', W(100_000)],
    ]);
    expect(stakeableOffers(view, vaultOf(view, alice.vault)).map((o) => [o.offer.id, o.left])).toEqual([['site', W(100_000)]]);

    // Alice asks for 50,000; Bob stakes it all: released to Alice at once.
    state = through(world, state, stakeRequestRequest(view, vaultOf(view, alice.vault), 'site', '50000', UNTIL));
    view = viewOf(state);
    const [request] = openRequests(view);
    expect(request && [request.id, stillAsked(request)]).toEqual(['site/1', W(50_000)]);
    expect(loanRow(request!).display).toBe('0 / 50,000 CONX staked');
    state = through(world, state, stakeGiveRequest(view, vaultOf(view, bob.vault), 'site/1', '50000', UNTIL));
    view = viewOf(state);
    expect(openRequests(view)).toEqual([]);
    const [stake] = stakesOf(view, vaultOf(view, bob.vault));
    expect(stake && [stake.state, stake.principal, stake.pmtExpected, stake.pmtMinted]).toEqual(['released', W(50_000), W(1_000), 0n]);

    // Alice submits; the verifiers complete: Bob repaid first, 1,000 PMT credited (the whitepaper's figures).
    state = through(world, state, { ok: true, value: offerSubmitRequest(view, vaultOf(view, alice.vault), 'site', UNTIL) });
    view = viewOf(state);
    state = through(world, state, verifierRequest(view, vaultOf(view, world.verifiers), 'offer.complete', 'site', '', UNTIL));
    view = viewOf(state);
    const [repaid] = stakesOf(view, vaultOf(view, bob.vault));
    expect(repaid && [repaid.state, repaid.repaid, repaid.pmtMinted]).toEqual(['repaid', W(50_000), W(1_000)]);
    expect(stakeRow(repaid!).display).toBe('50,000 / 50,000 CONX');
    expect(pmtRow(repaid!).display).toBe('1,000 / 1,000 PMT');
    expect(offerProgress(view.offers[0]!)).toMatchObject({ step: 3, of: 3 });
    expect(questRow(view.quests[0]!).parts.map((p) => [p.label, p.value])).toEqual([
      ['paid', W(100_000)],
      ['reserved', 0n],
    ]);
    expect(questRow(view.quests[0]!).display).toBe('100,000 / 150,000 CONX paid');
    expect(verifierTasks(view)).toEqual([]);
  });

  it('a stake above what was asked is refused by the pre-flight with the rule and its numbers', () => {
    const world = givenWork();
    let state = world.state;
    let view = viewOf(state);
    state = through(world, state, offerPostRequest(view, vaultOf(view, world.alice.vault), { quest: 'q', id: 'o', deliverable: 'x', conx: '1000', ppt: '', role: '' }, UNTIL));
    view = viewOf(state);
    state = through(world, state, verifierRequest(view, vaultOf(view, world.verifiers), 'offer.accept', 'o', '', UNTIL));
    view = viewOf(state);
    state = through(world, state, stakeRequestRequest(view, vaultOf(view, world.alice.vault), 'o', '400', UNTIL));
    view = viewOf(state);
    const drafted = stakeGiveRequest(view, vaultOf(view, world.bob.vault), 'o/1', '500', UNTIL);
    if (!drafted.ok) throw new Error(drafted.error);
    const checked = preflightAction(state, drafted.value.action, ctxAt(state.time + 60));
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.error).toMatchObject({ kind: 'StakeAboveRequest', amount: W(500), requested: W(400), staked: 0n });
    expect(checked.error.message).toContain('500');
    expect(checked.error.message).toContain('400');
  });
});

describe('the stewards’ quest form', () => {
  // `questOpenRequest` drafts `quest.open`, the version 1 route (the v1 Demo Commons); in version 2 a
  // quest opens through a passed questApproval proposal (the form drafts it: renderer/impact/quest-open.test.ts),
  // and the ledger refuses the treasury's draft.
  it('drafts a quest.open whose verifiers’ vault address the ledger derives the same way', () => {
    const world = givenWork({ version: 1 });
    const view = viewOf(world.state);
    const treasury = treasuryOf(view)!;
    const signers = view.vaults.find((v) => v.address === world.alice.vault)!.signers;
    const drafted = questOpenRequest(view, treasury, { id: 'water', title: 'Clean water', sponsor: 'Guild', coSponsors: ['Guild', 'Union'], budget: '1000', verifiersName: '', verifiers: signers, threshold: 2 }, UNTIL);
    if (!drafted.ok) throw new Error(drafted.error);
    const payload = drafted.value.action.payload as { verifiers: { address: string; name: string }; coSponsors: string[] };
    expect(payload.verifiers.address).toBe(verifiersAddress(view.commonsId, 'water'));
    expect(payload.verifiers.name).toBe('Verifiers of water');
    // The sponsor is never its own co-sponsor.
    expect(payload.coSponsors).toEqual(['Union']);
    expect(preflightAction(world.state, drafted.value.action, ctxAt(world.state.time + 60)).ok).toBe(true);
    const v2 = givenWork();
    const draftedV2 = questOpenRequest(viewOf(v2.state), treasuryOf(viewOf(v2.state))!, { id: 'water', title: 'Clean water', sponsor: 'Guild', coSponsors: [], budget: '1000', verifiersName: '', verifiers: signers, threshold: 2 }, UNTIL);
    if (!draftedV2.ok) throw new Error(draftedV2.error);
    expect(preflightAction(v2.state, draftedV2.value.action, ctxAt(v2.state.time + 60))).toMatchObject({ ok: false, error: { kind: 'QuestOpensThroughProposal', quest: 'water' } });
  });

  it('says what is wrong with what was typed, before any request exists', () => {
    const view = viewOf(givenWork().state);
    const treasury = treasuryOf(view)!;
    const base = { id: 'w', title: 'T', sponsor: 'Union' as const, coSponsors: [], budget: '10', verifiersName: 'V', verifiers: treasury.signers, threshold: 1 };
    expect(questOpenRequest(view, treasury, { ...base, id: 'no spaces' }, UNTIL)).toMatchObject({ ok: false, error: expect.stringContaining('letters, digits') });
    expect(questOpenRequest(view, treasury, { ...base, budget: '0' }, UNTIL)).toMatchObject({ ok: false, error: 'The budget must be more than zero.' });
    expect(questOpenRequest(view, treasury, { ...base, verifiers: [] }, UNTIL)).toMatchObject({ ok: false, error: expect.stringContaining('at least one verifier') });
    expect(questOpenRequest(view, treasury, { ...base, threshold: 4 }, UNTIL)).toMatchObject({ ok: false, error: `The verifiers’ threshold is a whole number from 1 to ${treasury.signers.length}.` });
    expect(verifierRequest(view, treasury, 'offer.fail', 'o', '  ', UNTIL)).toMatchObject({ ok: false, error: expect.stringContaining('Say why') });
  });
});

describe('who must sign, in words', () => {
  it('names the threshold, the signers and, for an action that speaks for a member, the member’s own key', () => {
    const world = givenWork();
    const view = viewOf(world.state);
    expect(quorumWords(view, treasuryOf(view)!, false)).toMatch(/^Needs any 2 of .* 3 signers \(/);
    const alice = vaultOf(view, world.alice.vault);
    expect(quorumWords(view, alice, true)).toMatch(/^Needs all 2 of Alice's vault’s signers \(.*\); .* must be among them, as Alice’s own key \(the action speaks for her or him\)\.$/);
    const bob = vaultOf(view, world.bob.vault);
    expect(quorumWords(view, bob, true)).toMatch(/^Needs Bob's vault’s one signer, .*, Bob’s own key \(the action speaks for her or him\)\.$/);
    expect(quorumWords(view, vaultOf(view, world.verifiers), false)).toMatch(/^Needs all 2 of Verifiers of q’s signers/);
  });
});

describe('PMT a stake earns (SPEC §5)', () => {
  it('is min(principal, cap)', () => {
    expect(pmtCredit(W(50_000), W(1_000))).toBe(W(1_000));
    expect(pmtCredit(W(400), W(1_000))).toBe(W(400));
    expect(pmtCredit(0n, W(1_000))).toBe(0n);
  });
});
