/**
 * How the Impact board opens a quest, against real Commons built with the ledger's own builders
 * (shared/commons/impact/testing.ts, shared/commons/governance/testing.ts): the view says which
 * route the Commons takes (SPEC §6, §7), a version 2 Commons gets a questApproval proposal that the
 * ledger's pre-flight accepts and that, once its sponsors voted it and its timelock ended, opens
 * the quest with its budget escrowed; the treasury's draft there is refused in words, and a
 * version 1 Commons keeps the treasury's route.
 */
import { describe, expect, it } from 'vitest';
import { preflightAction } from '../../shared/commons/apply';
import { ctxAt, run } from '../../shared/commons/fixtures';
import { lifeOf, vote } from '../../shared/commons/governance/testing';
import { W, conxOf, givenWork, must } from '../../shared/commons/impact/testing';
import { questEscrowId } from '../../shared/commons/impact';
import { type PayloadOf } from '../../shared/commons/log';
import { type CommonsState } from '../../shared/commons/state';
import { toCommonsView } from '../../shared/commons/view';
import { canonicalHash } from '../../shared/crypto/canonical';
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { unwrap } from '../../shared/result';
import { executeAction } from '../governance/requests';
import { treasuryOf } from './figures';
import { type QuestDraft, questApprovalRequest, questOpenRequest, questPayload } from './requests';

const UNTIL = 4_000_000_000;
const viewOf = (state: CommonsState): CommonsView => toCommonsView(state, { demo: false, verifiedAt: null, emulated: () => false });
const vaultOf = (view: CommonsView, address: string): VaultView => view.vaults.find((v) => v.address === address)!;

/** Clean water, sponsored by the Union with the Syndicate, 1,000 CONX, decided by Alice's two keys. */
const waterDraft = (view: CommonsView, alice: string): QuestDraft => ({
  id: 'water',
  title: 'Clean water',
  sponsor: 'Union',
  coSponsors: ['Syndicate'],
  budget: '1,000',
  verifiersName: '',
  verifiers: vaultOf(view, alice).signers,
  threshold: 2,
});

describe('which route opens a quest, as the Impact board reads it', () => {
  it('a version 2 Commons opens quests by proposal, a version 1 Commons by the treasury', () => {
    expect(viewOf(givenWork().state).questsOpenBy).toBe('proposal');
    expect(viewOf(givenWork({ version: 1 }).state).questsOpenBy).toBe('treasury');
  });
});

describe('a quest proposed for its sponsors’ vote (version 2)', () => {
  it('the proposal drafted from the quest form passes the pre-flight and, once voted and executed, opens the quest with its budget escrowed', () => {
    const world = givenWork();
    const { alice, carol } = world;
    let state = world.state;
    let view = viewOf(state);
    const draft = waterDraft(view, alice.vault);

    const drafted = questApprovalRequest(view, vaultOf(view, alice.vault), draft, 'Wells for the east side.', UNTIL);
    if (!drafted.ok) throw new Error(drafted.error);
    const { action } = drafted.value;
    expect(action).toMatchObject({ kind: 'proposal.create', vault: alice.vault });
    const payload = action.payload as PayloadOf<'proposal.create'>;
    // The quest it carries is the one the treasury's form would open, field for field.
    expect(payload).toMatchObject({ kind: 'questApproval', scope: ['Union', 'Syndicate'], title: 'Open quest water: Clean water', text: 'Wells for the east side.' });
    expect(payload.effect).toEqual({ action: 'quest.openApproved', payload: { proposal: payload.id, quest: unwrap(questPayload(view, draft)) } });
    const checked = preflightAction(state, action, ctxAt(state.time + 60));
    if (!checked.ok) throw new Error(`${checked.error.kind}: ${checked.error.message}`);

    // Alice signs it with her vault's keys; the Union (Alice) and the Syndicate (Carol) vote yes.
    state = must(world, state, 'proposal.create', alice.vault, payload);
    const life = lifeOf(state.time);
    for (const m of [alice, carol]) state = unwrap(vote(state, m, payload.id, 'PPT', W(500), 'yes', life.startsAt));
    view = viewOf(state);
    const proposal = view.proposals.find((p) => p.id === payload.id)!;
    expect(proposal).toMatchObject({ kind: 'questApproval', factions: ['Union', 'Syndicate'] });
    expect(view.quests.map((q) => q.id)).toEqual(['q']);

    // After the timelock, the page's execution (the voted effect, relayed by Bob's vault) opens it.
    const treasuryBefore = conxOf(state, state.treasury);
    const execution = executeAction(proposal, world.bob.vault, UNTIL);
    expect(canonicalHash(execution.payload)).toBe(proposal.payloadHash);
    const ready = preflightAction(state, execution, ctxAt(life.eta));
    if (!ready.ok) throw new Error(`${ready.error.kind}: ${ready.error.message}`);
    state = unwrap(run(state, execution, life.eta));
    view = viewOf(state);
    const water = view.quests.find((q) => q.id === 'water');
    expect(water).toMatchObject({ title: 'Clean water', sponsor: 'Union', coSponsors: ['Syndicate'], budget: W(1_000), escrowed: W(1_000), paid: 0n, reserved: 0n });
    expect(state.escrows.get(questEscrowId('water'))?.amount).toBe(W(1_000));
    expect(conxOf(state, state.treasury)).toBe(treasuryBefore - W(1_000));
    expect(vaultOf(view, water!.verifiers)).toMatchObject({ kind: 'commons', name: 'Verifiers of water', threshold: 2 });
  });

  it('what is wrong with the quest is said in words before any proposal exists', () => {
    const world = givenWork();
    const view = viewOf(world.state);
    const alice = vaultOf(view, world.alice.vault);
    const draft = waterDraft(view, world.alice.vault);
    expect(questApprovalRequest(view, alice, { ...draft, budget: '0' }, '', UNTIL)).toMatchObject({ ok: false, error: 'The budget must be more than zero.' });
    expect(questApprovalRequest(view, alice, { ...draft, verifiers: [] }, '', UNTIL)).toMatchObject({ ok: false, error: expect.stringContaining('at least one verifier') });
  });

  it('a proposal from a vault that is no member’s (the treasury) is refused by the pre-flight', () => {
    const world = givenWork();
    const view = viewOf(world.state);
    const drafted = unwrap(questApprovalRequest(view, treasuryOf(view)!, waterDraft(view, world.alice.vault), '', UNTIL));
    expect(preflightAction(world.state, drafted.action, ctxAt(world.state.time + 60))).toMatchObject({ ok: false, error: { kind: 'NotAMemberVault' } });
  });
});

describe('the treasury’s route', () => {
  it('a treasury quest.open drafted in a version 2 Commons is refused in words: quests open through a passed proposal', () => {
    const world = givenWork();
    const view = viewOf(world.state);
    const drafted = unwrap(questOpenRequest(view, treasuryOf(view)!, waterDraft(view, world.alice.vault), UNTIL));
    const checked = preflightAction(world.state, drafted.action, ctxAt(world.state.time + 60));
    expect(checked).toMatchObject({ ok: false, error: { kind: 'QuestOpensThroughProposal', quest: 'water', version: 2 } });
    if (checked.ok) return;
    expect(checked.error.message).toMatch(/cannot be opened by the treasury.*passed questApproval proposal/);
  });

  it('in a version 1 Commons the treasury still opens the quest, its budget escrowed', () => {
    const world = givenWork({ version: 1 });
    const view = viewOf(world.state);
    const drafted = unwrap(questOpenRequest(view, treasuryOf(view)!, waterDraft(view, world.alice.vault), UNTIL));
    expect(drafted.action.kind).toBe('quest.open');
    expect(preflightAction(world.state, drafted.action, ctxAt(world.state.time + 60)).ok).toBe(true);
    const state = must(world, world.state, 'quest.open', world.state.treasury, drafted.action.payload as PayloadOf<'quest.open'>);
    expect(viewOf(state).quests.find((q) => q.id === 'water')).toMatchObject({ budget: W(1_000), escrowed: W(1_000) });
  });
});
