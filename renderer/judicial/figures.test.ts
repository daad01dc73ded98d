/**
 * The dispute page's figures (SPEC §8) on a real ledger's view: what a vault may dispute, who it
 * is in a dispute, the loss order previewed with the ledger's own function, and deadlines in words.
 */
import { describe, expect, it } from 'vitest';
import { toCommonsView } from '../../shared/commons/view';
import { DAY, W, givenJudicial, must, panelKeys, stakedOffer, withLossReserve } from '../../shared/commons/judicial/testing';
import { disputableSubjects, hasVoted, lossOrderPreview, roleIn, untilText } from './figures';
import { proposeRequest, resolutionOf } from './requests';

const viewOf = (state: Parameters<typeof toCommonsView>[0]) => toCommonsView(state, { demo: false, verifiedAt: null, emulated: () => false });

describe('the dispute page’s figures', () => {
  const { world, state: failed } = stakedOffer(givenJudicial(), { fail: true });
  const t = failed.time + DAY;
  const opened = must(world, withLossReserve(failed, W(10_000)), t, 'dispute.open', world.bob.vault, { id: 'd1', subject: { kind: 'offer', id: 'site' }, claim: 'x', amount: W(50_000) });

  it('a vault may dispute the offers it holds or staked on, and not one already under dispute', () => {
    const before = viewOf(failed);
    const vault = (address: string) => before.vaults.find((v) => v.address === address)!;
    expect(disputableSubjects(before, vault(world.alice.vault)).map((s) => [s.kind, s.id, s.amount])).toEqual([['offer', 'site', W(50_000)], ['stake', 'site/1', W(50_000)]]);
    expect(disputableSubjects(before, vault(world.bob.vault)).map((s) => s.id)).toEqual(['site', 'site/1']);
    expect(disputableSubjects(before, vault(world.carol.vault))).toEqual([]);
    const after = viewOf(opened);
    // The offer is under dispute, and the dispute covers its stake requests.
    expect(disputableSubjects(after, after.vaults.find((v) => v.address === world.alice.vault)!)).toEqual([]);
  });

  it('who a vault is in a dispute: a party, a panelist’s, or a member who may vote', () => {
    const view = viewOf(opened);
    const d = view.disputes[0]!;
    const vault = (address: string) => view.vaults.find((v) => v.address === address)!;
    expect(roleIn(d, vault(world.alice.vault))).toBe('party');
    const panelist = world.everyone.find((m) => d.panel.includes(m.did))!;
    expect(roleIn(d, vault(panelist.vault))).toBe('panelist');
    expect(roleIn(d, vault(world.gita.vault))).toBe('voter');
    expect(hasVoted(d, vault(world.gita.vault))).toBe(false);
  });

  it('the loss order preview is the ledger’s: what the executed ruling then did', () => {
    const view = viewOf(opened);
    const preview = lossOrderPreview(view, view.disputes[0]!, W(50_000), 5_000);
    expect(preview).toMatchObject({ fromVault: W(5_000), fromReserve: W(5_000), shared: W(20_000), borne: W(20_000) });
    // The same resolution, proposed and accepted, runs exactly that.
    const d = opened.disputes.get('d1')!;
    const resolution = resolutionOf({ kind: 'sharedLoss', loss: '50000', sharedPercent: '50', note: 'x', conx: '', ppt: '', role: '', instalments: '' });
    expect(resolution).toEqual({ ok: true, value: { kind: 'sharedLoss', loss: W(50_000), sharedBps: 5_000, note: 'x' } });
    const panel = view.vaults.find((v) => v.address === d.panelVault)!;
    const request = proposeRequest(view, panel, 'd1', { kind: 'sharedLoss', loss: '50000', sharedPercent: '50', note: 'x', conx: '', ppt: '', role: '', instalments: '' }, t + 30 * DAY);
    expect(request.ok && request.value.action.kind).toBe('dispute.propose');
    let state = must(world, opened, t + DAY, 'dispute.propose', d.panelVault, { dispute: 'd1', resolution: { kind: 'sharedLoss', loss: W(50_000), sharedBps: 5_000, note: 'x' } }, panelKeys(world, opened, 'd1').slice(0, 2));
    state = must(world, state, t + DAY, 'dispute.accept', world.alice.vault, { dispute: 'd1' });
    state = must(world, state, t + DAY, 'dispute.accept', world.bob.vault, { dispute: 'd1' });
    for (const m of [world.carol, world.dave, world.erin]) state = must(world, state, t + DAY, 'dispute.vote', m.vault, { dispute: 'd1', support: 'for' });
    state = must(world, state, t + DAY, 'dispute.accept', world.alice.vault, { dispute: 'd1' });
    state = must(world, state, t + DAY, 'dispute.accept', world.bob.vault, { dispute: 'd1' });
    expect(state.disputes.get('d1')?.settlement).toMatchObject({ fromVault: preview.fromVault, fromReserve: preview.fromReserve, shared: preview.shared });
  });

  it('instalments and shares typed wrong are said in words', () => {
    const base = { kind: 'repaymentSchedule' as const, loss: '', sharedPercent: '', note: 'x', conx: '', ppt: '', role: '' };
    expect(resolutionOf({ ...base, instalments: 'tomorrow 100' })).toMatchObject({ ok: false, error: expect.stringContaining('YYYY-MM-DD') });
    expect(resolutionOf({ ...base, instalments: '2026-03-01 100\n2026-04-01 50' })).toMatchObject({ ok: true, value: { instalments: [{ dueAt: Date.parse('2026-03-01T12:00:00Z') / 1000, amount: W(100) }, { amount: W(50) }] } });
    expect(resolutionOf({ ...base, kind: 'sharedLoss', loss: '10', sharedPercent: '120', instalments: '' })).toMatchObject({ ok: false });
    expect(untilText(1_000 + 3 * DAY + 7_200, 1_000)).toBe('in 3 d 2 h');
    expect(untilText(1_000, 1_000 + 5_400)).toBe('1 h 30 min ago');
  });
});
