/**
 * SPEC §4: "Lowering a draw ratio affects new draws only; lowering a threshold takes effect after
 * the governance timelock plus the cure period." A passed proposal lowers BTC's draw ratio, cap and
 * liquidation threshold; the ratio and cap apply to the next draw at once, the threshold only after
 * executedAt + curePeriodSeconds (pending.ts), and time passing is the same in one step or two.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../result';
import { onTime, stateHash } from '../apply';
import { BTC, CONX, HOUR, PRICE, givenCredit, step } from '../credit/fixtures';
import { act, ctxAt } from '../fixtures';
import { type PayloadOf } from '../log';
import { type CommonsState } from '../state';
import { stateView } from '../view';
import { executionAction, lifeOf, paramChange, pid, proposeAction } from '../governance/testing';
import { previewParamChange } from '../governance/preview';
import { setParams } from './handlers';
import { splitChange } from './pending';

const W = (n: number) => BigInt(n) * 1_000_000n;
const CURE = 72 * HOUR;

/** Bob pledged 1 BTC at 60,000 CONX and drew 30,000 (health 1.60 at BTC's threshold of 8000). */
function bobDrawn() {
  const g = givenCredit();
  let state = g.state;
  state = unwrap(step(state, g.treasury(state, 'price.attest', { asset: 'BTC', price: PRICE.BTC })));
  state = unwrap(step(state, g.member(state, g.bob, 'credit.pledge', { asset: 'BTC', amount: BTC(1) })));
  state = unwrap(step(state, g.member(state, g.bob, 'credit.draw', { amount: CONX(30_000) })));
  return { ...g, state };
}

/** BTC: draw ratio 5000 → 4000, cap 6500 → 4000, threshold 8000 → 4500 (health 0.90 under it). */
function lowered(state: CommonsState) {
  const p = state.params;
  return paramChange(pid(0x40), {
    drawRatioBps: { ...p.drawRatioBps, BTC: 4_000 },
    drawCapBps: { ...p.drawCapBps, BTC: 4_000 },
    liquidationThresholdBps: { ...p.liquidationThresholdBps, BTC: 4_500 },
  });
}

/** The proposal created, voted by all three members and executed at its eta, every step as an entry (time passing first). */
function executed() {
  const g = bobDrawn();
  const proposal = lowered(g.state);
  const life = lifeOf(g.state.time);
  let state = unwrap(step(g.state, proposeAction(g.state, g.alice, proposal)));
  for (const m of [g.alice, g.bob, g.carol]) state = unwrap(step(state, act(state, 'proposal.vote', m.vault, { proposal: pid(0x40), token: 'PPT', amount: W(200), support: 'yes' }, g.sign(m)), life.startsAt));
  const effect = proposal.effect.payload as PayloadOf<'params.set'>;
  state = unwrap(step(state, executionAction(state, 'params.set', effect), life.eta));
  return { ...g, state, eta: life.eta, effectiveAt: life.eta + CURE };
}

const liquidate = (g: ReturnType<typeof executed>, s: CommonsState, time: number) => step(s, g.treasury(s, 'credit.liquidate', { vault: g.bob.vault }), time);

describe('lowering a liquidation threshold waits the cure period after execution (SPEC §4)', () => {
  it('a liquidation under a lowered threshold is refused until executedAt + curePeriodSeconds, and allowed after', () => {
    const g = executed();
    const { state, eta, effectiveAt } = g;
    // The draw ratio and cap apply at once; the threshold waits.
    expect(state.params.drawRatioBps.BTC).toBe(4_000);
    expect(state.params.liquidationThresholdBps.BTC).toBe(8_000);
    expect(state.pendingParams).toEqual([{ param: 'liquidationThresholdBps', asset: 'BTC', from: 8_000, to: 4_500, proposal: pid(0x40), executedAt: eta, effectiveAt }]);
    // c3 state --json shows the pending change.
    expect((stateView(state) as { pendingParams: unknown[] }).pendingParams).toEqual([expect.objectContaining({ asset: 'BTC', to: 4_500, effectiveAt })]);
    // Until effectiveAt, the old threshold governs: health 1.60, no liquidation, no freeze.
    for (const time of [eta + 1, effectiveAt - 1, effectiveAt]) {
      const refused = liquidate(g, state, time);
      expect(refused.ok ? 'accepted' : refused.error.kind).toBe('LineHealthy');
    }
    expect(onTime(state, eta, effectiveAt).credit.lines.get(g.bob.vault)!.frozenAt).toBeNull();
    // After it, health is 0.90 ≤ 0.95: liquidation at once, the line frozen as of effectiveAt.
    const done = unwrap(liquidate(g, state, effectiveAt + 1));
    expect(done.params.liquidationThresholdBps.BTC).toBe(4_500);
    expect(done.pendingParams).toEqual([]);
    expect(done.credit.lines.get(g.bob.vault)!.liquidations).toHaveLength(1);
    expect(onTime(state, eta, effectiveAt + 1).credit.lines.get(g.bob.vault)!.frozenAt).toBe(effectiveAt);
  });

  it('a lowered draw ratio applies to the next draw at once and to no existing line', () => {
    const g = executed();
    const { state, eta } = g;
    // Capacity 1 BTC × 60,000 × 4000 bps = 24,000 < the 30,000 owed: no new draw, yet the line is neither frozen nor liquidatable.
    const priced = unwrap(step(state, g.treasury(state, 'price.attest', { asset: 'BTC', price: PRICE.BTC }), eta + 1));
    const draw = step(priced, g.member(priced, g.bob, 'credit.draw', { amount: CONX(100) }), eta + 1);
    expect(draw.ok ? 'accepted' : draw.error.kind).toBe('CapacityExceeded');
    expect(onTime(state, eta, eta + HOUR).credit.lines.get(g.bob.vault)!.frozenAt).toBeNull();
  });

  it('time passing across effectiveAt is the same in one step a→c as in two a→b→c', () => {
    const g = executed();
    const { state, eta, effectiveAt } = g;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: CURE + 2 * HOUR }), fc.integer({ min: 0, max: CURE + 2 * HOUR }), (x, y) => {
        const [b, c] = [eta + Math.min(x, y), eta + Math.max(x, y) + 1];
        expect(stateHash(onTime(onTime(state, eta, b), b, c))).toBe(stateHash(onTime(state, eta, c)));
      }),
      { numRuns: 40, examples: [[CURE, CURE], [CURE - 1, CURE + 1], [0, CURE + HOUR]] },
    );
    expect(effectiveAt).toBe(eta + CURE);
  });
});

describe('later changes and the bounds (SPEC §4, §7)', () => {
  const base = () => givenCredit().state;
  const set = (state: CommonsState, params: PayloadOf<'params.set'>['params'], time: number) =>
    setParams(state, { kind: 'params.set', vault: state.treasury, nonce: 0, validUntil: time + 1, payload: { proposal: pid(0x41), params }, sigs: [] } as never, ctxAt(time));

  it('a raised threshold applies at once and replaces its asset’s pending lowering; an unchanged one leaves it pending', () => {
    const s0 = base();
    const t = s0.time;
    const lt = s0.params.liquidationThresholdBps;
    const s1 = unwrap(set(s0, { liquidationThresholdBps: { ...lt, ADA: 9_200, BTC: 7_000 } }, t));
    expect(s1.pendingParams.map((p) => [p.asset, p.to, p.effectiveAt])).toEqual([['ADA', 9_200, t + CURE], ['BTC', 7_000, t + CURE]]);
    // A later proposal that names the whole map, changing only ETH: the pending lowerings stay.
    const s2 = unwrap(set(s1, { liquidationThresholdBps: { ...lt, ETH: 7_100 } }, t + HOUR));
    expect(s2.params.liquidationThresholdBps.ETH).toBe(7_100);
    expect(s2.pendingParams.map((p) => p.asset)).toEqual(['ADA', 'BTC']);
    // Raising BTC above the one in force replaces its pending lowering at once.
    const s3 = unwrap(set(s2, { liquidationThresholdBps: { ...lt, ETH: 7_100, BTC: 8_100 } }, t + 2 * HOUR));
    expect(s3.params.liquidationThresholdBps.BTC).toBe(8_100);
    expect(s3.pendingParams.map((p) => p.asset)).toEqual(['ADA']);
  });

  it('a change that would break a bound once a pending lowering applies is refused, nothing changed', () => {
    const s0 = base();
    const lt = s0.params.liquidationThresholdBps;
    const s1 = unwrap(set(s0, { liquidationThresholdBps: { ...lt, BTC: 7_000 } }, s0.time));
    // A BTC cap of 7,000 keeps below the 8,000 in force, but not below the 7,000 pending (cap < threshold).
    const refused = set(s1, { drawCapBps: { ...s1.params.drawCapBps, BTC: 7_000 } }, s1.time);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'ParamOutOfBounds', param: 'drawCapBps.BTC', value: 7_000, relation: '<', bound: 7_000 } });
    expect(s1.params.drawCapBps.BTC).toBe(6_500);
  });

  it('the composer’s preview names the thresholds that wait the cure period', () => {
    const p = base().params;
    const preview = previewParamChange(p, { liquidationThresholdBps: { ...p.liquidationThresholdBps, BTC: 7_000, ETH: 6_900, ADA: 9_500 } });
    expect(preview.delayed).toEqual(['liquidationThresholdBps.BTC', 'liquidationThresholdBps.ETH']);
    expect(previewParamChange(p, { drawRatioBps: { ...p.drawRatioBps, BTC: 4_000 } }).delayed).toEqual([]);
  });

  it('splitChange keeps the pending changes in effectiveAt order', () => {
    const p = base().params;
    const first = splitChange(p, [], { liquidationThresholdBps: { ...p.liquidationThresholdBps, ETH: 6_900 } }, pid(1), 1_000);
    const second = splitChange({ ...first.params, curePeriodSeconds: 10 }, first.pending, { liquidationThresholdBps: { ...p.liquidationThresholdBps, ADA: 9_000 } }, pid(2), 2_000);
    expect(second.pending.map((x) => [x.asset, x.effectiveAt])).toEqual([['ADA', 2_010], ['ETH', 1_000 + CURE]]);
  });
});
