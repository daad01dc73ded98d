/**
 * The fast time step (time.ts, crossing.ts) against the full pass it replaced (time-reference.ts,
 * tests only): for random sets of credit lines, random entry times, price attestations and
 * changes of the fee rate and thresholds, the credit module's state view (`c3 state`, view.ts) is
 * the same after every entry, and the crossing index is exact after every time step.
 */
import fc from 'fast-check';
import { Map as ImmutableMap } from 'immutable';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../result';
import { applyAction } from '../apply';
import { ctxAt } from '../fixtures';
import { type Action } from '../log';
import { type CommonsState } from '../state';
import { basisOf, crossingOf, earliestCrossing, putLines } from './crossing';
import { COMM, CONX, DAY, PRICE, givenCredit, step } from './fixtures';
import { healthPrices } from './figures';
import { type State } from './line';
import { COLLATERAL_ASSETS, type CreditLine, MARKET_ASSETS, NO_ASSETS } from './state';
import { creditOnTime } from './time';
import { referenceOnTime } from './time-reference';
import { creditView } from './view';

const base = givenCredit();
let priced: CommonsState = base.state;
for (const asset of MARKET_ASSETS) priced = unwrap(step(priced, base.treasury(priced, 'price.attest', { asset, price: PRICE[asset] })));
const T0 = priced.time;
const owners = [base.alice, base.bob, base.carol].map((m) => priced.vaults.get(m.vault)!.owner!);

const lineArb = fc.record({
  comm: fc.bigInt({ min: 0n, max: COMM(50_000) }),
  ada: fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 40_000_000_000n })),
  btc: fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 200_000_000n })),
  eth: fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 20n * 10n ** 18n })),
  principal: fc.oneof(fc.constant(0n), fc.bigInt({ min: CONX(100), max: CONX(60_000) })),
  feesBase: fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: CONX(2_000) })),
  age: fc.integer({ min: 0, max: 400 * DAY }),
  frozenFor: fc.option(fc.integer({ min: 0, max: 10 * DAY })),
  /** Some lines hold only COMM and owe close to it, so that fees carry them below 1 within the steps. */
  edgePct: fc.option(fc.integer({ min: 90, max: 100 })),
});
type LineArb = typeof lineArb extends fc.Arbitrary<infer T> ? T : never;

const event = fc.oneof(
  { arbitrary: fc.record({ t: fc.constant('wait' as const), seconds: fc.integer({ min: 1, max: 3 * DAY }) }), weight: 4 },
  { arbitrary: fc.record({ t: fc.constant('wait' as const), seconds: fc.integer({ min: 1, max: 400 * DAY }) }), weight: 3 },
  fc.record({ t: fc.constant('rate' as const), bps: fc.integer({ min: 0, max: 3_000 }) }),
  fc.record({ t: fc.constant('threshold' as const), asset: fc.constantFrom(...COLLATERAL_ASSETS), bps: fc.integer({ min: 3_000, max: 10_000 }) }),
  { arbitrary: fc.record({ t: fc.constant('attest' as const), asset: fc.constantFrom(...MARKET_ASSETS), pct: fc.integer({ min: 50, max: 150 }) }), weight: 2 },
);

/** A state holding the given lines, indexed as the ledger keeps them (crossings, earliest, basis). */
function withLines(specs: readonly LineArb[]): State {
  const s = priced as State;
  const rate = s.params.feeRateBpsPerYear;
  const lines: CreditLine[] = specs.map((spec, i) => {
    const l = spec.edgePct === null ? spec : { ...spec, comm: spec.comm + COMM(1_000), ada: 0n, btc: 0n, eth: 0n, feesBase: 0n };
    const principal = spec.edgePct === null ? l.principal : (l.comm * BigInt(spec.edgePct)) / 100n;
    return {
      vault: `0x${(i + 1).toString(16).padStart(40, 'c')}`,
      owner: owners[i % owners.length]!,
      collateral: { COMM: l.comm, ADA: l.ada, BTC: l.btc, ETH: l.eth },
      principal,
      feesBase: l.feesBase,
      accruedAt: T0 - l.age,
      rateBps: rate,
      crossingAt: null,
      frozenAt: l.frozenFor === null ? null : T0 - l.frozenFor,
      cureUntil: l.frozenFor === null ? null : T0 - l.frozenFor + s.params.curePeriodSeconds,
      attribution: { ...NO_ASSETS, COMM: principal },
      liquidations: [],
      badDebt: 0n,
    };
  });
  const placed = putLines({ ...s, credit: { ...s.credit, lines: ImmutableMap() } }, lines);
  return { ...placed, credit: { ...placed.credit, basis: basisOf(s.params) } };
}

function expectIndexExact(s: State) {
  const prices = healthPrices(s.credit.prices);
  for (const line of s.credit.lines.values()) expect(line.crossingAt, line.vault).toBe(crossingOf(line, prices, s.params));
  expect(s.credit.nextCrossing).toBe(earliestCrossing(s.credit.lines));
}

describe('the credit time step with its crossing index (SPEC §4)', () => {
  it('gives the same state view as a full recomputation of every line at every entry', () => {
    let freezes = 0;
    let quietSteps = 0;
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 12 }), fc.array(event, { minLength: 1, maxLength: 25 }), (specs, events) => {
        let fast = withLines(specs);
        let ref = fast;
        for (const e of events) {
          if (e.t === 'wait') {
            const to = fast.time + e.seconds;
            const frozenBefore = [...fast.credit.lines.values()].filter((l) => l.frozenAt !== null).length;
            const stepped = creditOnTime(fast, fast.time, to);
            if (stepped === fast) quietSteps++;
            fast = { ...stepped, time: to };
            const r = referenceOnTime(ref, ref.time, to);
            ref = { ...r.state, time: to };
            freezes += [...fast.credit.lines.values()].filter((l) => l.frozenAt !== null).length - frozenBefore;
            expectIndexExact(fast);
            const view = creditView(fast);
            for (const line of view.lines) expect(line.fees, `fees of ${line.vault}`).toBe(r.fees.get(line.vault));
          } else if (e.t === 'rate' || e.t === 'threshold') {
            // What params.set does to the parameters, in the entry at the current time.
            const change = (s: State): State => ({
              ...s,
              params: e.t === 'rate' ? { ...s.params, feeRateBpsPerYear: e.bps } : { ...s.params, liquidationThresholdBps: { ...s.params.liquidationThresholdBps, [e.asset]: e.bps } },
            });
            fast = change(fast);
            ref = change(ref);
          } else {
            const attest = (s: State): State => {
              const held = s.credit.prices[e.asset].pending ?? s.credit.prices[e.asset].current!;
              const price = (held.price * BigInt(e.pct)) / 100n + 1n;
              return unwrap(applyAction(s, base.treasury(s, 'price.attest', { asset: e.asset, price }), ctxAt(s.time))) as State;
            };
            fast = attest(fast);
            ref = attest(ref);
          }
          expect(creditView(fast)).toEqual(creditView(ref));
        }
      }),
      { numRuns: 300 },
    );
    // Not vacuous: fees froze lines, and many steps ended before any crossing.
    expect(freezes).toBeGreaterThan(30);
    expect(quietSteps).toBeGreaterThan(100);
  });

  it('over random credit actions by members and the treasury, the same state view as the full recomputation, the index exact after every entry', () => {
    const members = [base.alice, base.bob, base.carol];
    let start = priced;
    const setup: [number, Action['kind'], object][] = [
      [0, 'credit.lock', { amount: COMM(40_000) }],
      [0, 'credit.draw', { amount: CONX(39_900) }],
      [1, 'credit.pledge', { asset: 'BTC', amount: 100_000_000n }],
      [1, 'credit.draw', { amount: CONX(29_000) }],
      [2, 'credit.pledge', { asset: 'ETH', amount: 3n * 10n ** 18n }],
      [2, 'credit.lock', { amount: COMM(2_000) }],
      [2, 'credit.draw', { amount: CONX(5_500) }],
    ];
    for (const [m, kind, payload] of setup) start = unwrap(step(start, base.member(start, members[m]!, kind as 'credit.draw', payload as { amount: bigint })));
    const who = fc.nat(2);
    const amount = fc.bigInt({ min: CONX(10), max: CONX(20_000) });
    const op = fc.oneof(
      fc.record({ t: fc.constant('credit.lock' as const), m: who, amount }),
      fc.record({ t: fc.constant('credit.unlock' as const), m: who, amount }),
      fc.record({ t: fc.constant('credit.draw' as const), m: who, amount }),
      fc.record({ t: fc.constant('credit.repay' as const), m: who, amount }),
      fc.record({ t: fc.constant('credit.setOff' as const), m: who, amount }),
      { arbitrary: fc.record({ t: fc.constant('credit.liquidate' as const), m: who }), weight: 4 },
      { arbitrary: fc.record({ t: fc.constant('attest' as const), asset: fc.constantFrom(...MARKET_ASSETS), pct: fc.integer({ min: 60, max: 105 }) }), weight: 3 },
      { arbitrary: fc.record({ t: fc.constant('wait' as const), seconds: fc.integer({ min: 1, max: 300 * DAY }) }), weight: 3 },
    );
    const counts = { accepted: 0, liquidations: 0, frozenByFees: 0 };
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 25 }), (ops) => {
        let fast = start as State;
        let ref = start as State;
        for (const o of ops) {
          const time = fast.time + (o.t === 'wait' ? o.seconds : 60);
          const actionOn = (s: State): Action | null => {
            if (o.t === 'wait') return null;
            if (o.t === 'attest') return base.treasury(s, 'price.attest', { asset: o.asset, price: ((s.credit.prices[o.asset].pending ?? s.credit.prices[o.asset].current)!.price * BigInt(o.pct)) / 100n + 1n });
            if (o.t === 'credit.liquidate') return base.treasury(s, 'credit.liquidate', { vault: members[o.m]!.vault });
            return base.member(s, members[o.m]!, o.t, { amount: o.amount });
          };
          const entry = (s: State, passed: State): State => {
            const action = actionOn(s);
            const at = { ...passed, time } as State;
            if (action === null) return at;
            const result = applyAction(at, action, ctxAt(time));
            if (result.ok && s === fast) counts[o.t === 'credit.liquidate' ? 'liquidations' : 'accepted']++;
            return result.ok ? ({ ...result.value, time } as State) : s;
          };
          const passed = creditOnTime(fast, fast.time, time);
          if (passed.credit.lines !== fast.credit.lines) counts.frozenByFees++;
          fast = entry(fast, passed);
          ref = entry(ref, referenceOnTime(ref, ref.time, time).state);
          expect(creditView(fast)).toEqual(creditView(ref));
          expectIndexExact(fast);
        }
      }),
      { numRuns: 200 },
    );
    // Not vacuous: actions were accepted, lines were liquidated, and fees froze lines between entries.
    expect(counts.accepted).toBeGreaterThan(200);
    expect(counts.liquidations).toBeGreaterThan(5);
    expect(counts.frozenByFees).toBeGreaterThan(30);
  });

  it('a time step that ends before the earliest crossing changes nothing, whatever the number of lines', () => {
    const s = withLines(Array.from({ length: 50 }, (_, i) => ({ comm: COMM(50_000), ada: 0n, btc: 0n, eth: 0n, principal: CONX(10_000 + i * 100), feesBase: 0n, age: 0, frozenFor: null, edgePct: null })));
    const next = s.credit.nextCrossing!;
    expect(next).toBeGreaterThan(T0 + 365 * DAY);
    expect(creditOnTime(s, T0, next - 1)).toBe(s);
    const crossed = creditOnTime(s, T0, next);
    const frozen = [...crossed.credit.lines.values()].filter((l) => l.frozenAt !== null);
    expect(frozen.length).toBeGreaterThan(0);
    for (const l of frozen) expect(l).toMatchObject({ frozenAt: next, cureUntil: next + s.params.curePeriodSeconds, crossingAt: null });
    expect(crossed.credit.nextCrossing).toBeGreaterThan(next);
  });
});
