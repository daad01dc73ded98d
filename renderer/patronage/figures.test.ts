/**
 * The patronage statement's figures and requests, against a real Commons built with the ledger's
 * own builders (shared/commons/patronage/fixtures.ts): the requests the page drafts are ones the
 * ledger's pre-flight accepts or refuses with its typed rule, and the statement, chart, tier
 * progress and close preview are the view's figures, period by period.
 */
import { describe, expect, it } from 'vitest';
import { preflightAction } from '../../shared/commons/apply';
import { ctxAt } from '../../shared/commons/fixtures';
import { CONX, givenLines } from '../../shared/commons/patronage/fixtures';
import { type CommonsState } from '../../shared/commons/state';
import { toCommonsView } from '../../shared/commons/view';
import { type CommonsView } from '../../shared/contract/commons-view';
import { unwrap } from '../../shared/result';
import { accountRequest } from './PatronageActions';
import { closePreview, periodBars, statement, tierProgress, tierText } from './figures';

const viewOf = (state: CommonsState): CommonsView => toCommonsView(state, { demo: false, verifiedAt: null, emulated: () => false });

describe('the patronage statement', () => {
  const g = givenLines();
  const used = g.use(g.state, [[g.alice, CONX(700)], [g.bob, CONX(300)]]);
  const first = unwrap(g.close(used, 0n));
  const second = unwrap(g.close(g.use(first, [[g.alice, CONX(100)]]), CONX(500)));

  it('the close preview is what the close then does: refunds per member, the reserve and its split', () => {
    const preview = closePreview(viewOf(used).patronage, 0n);
    const closed = first.patronagePeriods.last()!;
    expect(preview).toMatchObject({ reserve: closed.reserve, toLossReserve: closed.toLossReserve, surplus: closed.surplus, remainder: closed.refundRemainder });
    expect(preview.refunds).toEqual([
      { member: g.alice.did, refund: CONX(630) },
      { member: g.bob.did, refund: CONX(270) },
    ]);
  });

  it('a member’s rows: use by kind, refund, the Commons’ revenue and reserves per closed period, then the open one', () => {
    const rows = statement(viewOf(second).patronage, g.alice.did);
    expect(rows.map((r) => [r.period, r.closed, r.total, r.refund, r.revenue])).toEqual([
      [1, true, 700n, CONX(630), CONX(1_000)],
      [2, true, 100n, 0n, CONX(100)],
      [3, false, 0n, 0n, 0n],
    ]);
    expect(rows[0]!.points.feesPaid).toBe(700n);
    expect(rows[1]).toMatchObject({ costs: CONX(500), generalReserve: 0n });
    expect(statement(viewOf(second).patronage, g.carol.did)[0]).toMatchObject({ total: 0n, refund: 0n, periodPoints: 1_000n });
  });

  it('the chart across periods: a bar per closed period, scaled to the largest, a small one still visible', () => {
    const bars = periodBars(statement(viewOf(first).patronage, g.bob.did), 70);
    expect(bars).toEqual([{ period: 1, net: CONX(270), height: 70, up: true, label: 'refund 270 CONX' }]);
    const mixed = periodBars(
      [
        { period: 1, closed: true, refund: 1n, bill: 0n },
        { period: 2, closed: true, refund: 0n, bill: 1_000n },
        { period: 3, closed: false, refund: 0n, bill: 0n },
      ] as never,
      70,
    );
    expect(mixed.map((b) => [b.height, b.up])).toEqual([
      [2, true],
      [70, false],
    ]);
  });

  it('tier progress: Bronze after two periods with patronage, then what Silver needs', () => {
    const view = viewOf(second).patronage;
    const alice = view.accounts.find((a) => a.member === g.alice.did)!;
    const bob = view.accounts.find((a) => a.member === g.bob.did)!;
    expect(tierText(tierProgress(alice, view.params.tiers))).toBe('Bronze. Silver after 6 closed periods with patronage (2 so far) and 1,000 points in all (800 so far).');
    expect(tierText(tierProgress(bob, view.params.tiers))).toBe('No tier yet. Bronze after 2 closed periods with patronage (1 so far).');
  });

  it('the claim the page drafts passes the ledger’s pre-flight; a claim above what is owed is refused with the rule', () => {
    const view = viewOf(first);
    const vault = view.vaults.find((v) => v.address === g.alice.vault)!;
    const good = unwrap(accountRequest(view, vault, 'patronage.claimRefund', '630', 4_000_000_000));
    expect(preflightAction(first, good.action as never, ctxAt(first.time + 60)).ok).toBe(true);
    const above = unwrap(accountRequest(view, vault, 'patronage.claimRefund', '630.000001', 4_000_000_000));
    const refused = preflightAction(first, above.action as never, ctxAt(first.time + 60));
    expect(!refused.ok && refused.error.kind).toBe('ClaimAboveOwed');
    expect(accountRequest(view, vault, 'patronage.payBill', '0', 4_000_000_000)).toEqual({ ok: false, error: 'The amount must be more than zero.' });
  });
});
