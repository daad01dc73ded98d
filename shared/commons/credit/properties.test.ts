/**
 * Property-based tests of VELOC (SPEC §4) over random sequences of credit actions by three
 * members and the treasury (prices moving, time passing), checking after every action:
 *
 * - per token, supply = Σ balances + Σ escrows; a line's locked COMM is its escrow;
 * - the CONX supply identity: supply(CONX) = drawn − principalRepaid + CONX minted by burn-to-CONX,
 *   and Σ principal = drawn − principalRepaid − principalSetOff − principalLiquidated − principalWrittenOff;
 * - no accepted draw above capacity or a ceiling;
 * - a member's action never turns a healthy line unhealthy, and never changes another member's line;
 * - no liquidation of a healthy line, none above the close factor (but for the no-dust rule), none
 *   leaving dust; bad debt only once no collateral is left;
 * - a refused action changes nothing.
 * And time: onTime a→c equals a→b→c for random lines.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMONS_TOKENS } from '../../money';
import { unwrap } from '../../result';
import { onTime, stateHash } from '../apply';
import { type TestMember } from '../fixtures';
import { type Action } from '../log';
import { type CommonsState } from '../state';
import { heldTotal } from '../tokens';
import { COMM, CONX, DAY, HOUR, PRICE, givenCredit, step } from './fixtures';
import { capacityOf, drawPrices, feesAt, healthPrices, isUnhealthy, weightedOf } from './figures';
import { debtAt } from './line';
import { COLLATERAL_ASSETS, MARKET_ASSETS, commEscrowId } from './state';
import { lineView } from './view';

const who = fc.nat(2);
const conx = fc.oneof(fc.bigInt({ min: 1n, max: CONX(20_000) }), fc.bigInt({ min: CONX(100), max: CONX(2_000) }));
const op = fc.oneof(
  fc.record({ t: fc.constant('lock' as const), m: who, amount: fc.bigInt({ min: 0n, max: COMM(60_000) }) }),
  fc.record({ t: fc.constant('unlock' as const), m: who, amount: fc.bigInt({ min: 0n, max: COMM(60_000) }) }),
  fc.record({ t: fc.constant('pledge' as const), m: who, asset: fc.constantFrom(...MARKET_ASSETS), whole: fc.integer({ min: 0, max: 40 }) }),
  fc.record({ t: fc.constant('unpledge' as const), m: who, asset: fc.constantFrom(...MARKET_ASSETS), whole: fc.integer({ min: 0, max: 40 }) }),
  fc.record({ t: fc.constant('draw' as const), m: who, amount: conx }),
  fc.record({ t: fc.constant('draw' as const), m: who, amount: conx }),
  fc.record({ t: fc.constant('repay' as const), m: who, amount: conx }),
  fc.record({ t: fc.constant('setOff' as const), m: who, amount: conx }),
  fc.record({ t: fc.constant('burnToConx' as const), m: who, amount: fc.bigInt({ min: 1n, max: CONX(50) }) }),
  fc.record({ t: fc.constant('attest' as const), asset: fc.constantFrom(...MARKET_ASSETS), pct: fc.integer({ min: 60, max: 135 }) }),
  { arbitrary: fc.record({ t: fc.constant('attest' as const), asset: fc.constantFrom(...MARKET_ASSETS), pct: fc.integer({ min: 70, max: 100 }) }), weight: 4 },
  { arbitrary: fc.record({ t: fc.constant('wait' as const), seconds: fc.integer({ min: 1, max: 200 * DAY }) }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('liquidate' as const), m: who }), weight: 4 },
  fc.record({ t: fc.constant('treasurySetOff' as const), m: who, amount: conx }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

const UNITS = { ADA: 1_000_000n, BTC: 100_000_000n, ETH: 10n ** 18n } as const;

function toAction(g: ReturnType<typeof givenCredit>, s: CommonsState, members: readonly TestMember[], o: Exclude<Op, { t: 'wait' }>): Action {
  switch (o.t) {
    case 'attest':
      // Relative to the price in force (a pending one if any), so that falls and rises compound.
      return g.treasury(s, 'price.attest', { asset: o.asset, price: ((s.credit.prices[o.asset].pending ?? s.credit.prices[o.asset].current)!.price * BigInt(o.pct)) / 100n + 1n });
    case 'liquidate':
      return g.treasury(s, 'credit.liquidate', { vault: members[o.m]!.vault });
    case 'treasurySetOff':
      return g.treasury(s, 'credit.setOffByTreasury', { vault: members[o.m]!.vault, amount: o.amount });
    case 'pledge':
    case 'unpledge':
      return g.member(s, members[o.m]!, o.t === 'pledge' ? 'credit.pledge' : 'credit.unpledge', { asset: o.asset, amount: BigInt(o.whole) * UNITS[o.asset] / 4n });
    case 'burnToConx':
      return g.member(s, members[o.m]!, 'token.burnToConx', { amount: o.amount });
    default:
      return g.member(s, members[o.m]!, `credit.${o.t}`, { amount: o.amount });
  }
}

function checkInvariants(s: CommonsState, convertedToConx: bigint) {
  for (const token of COMMONS_TOKENS) expect(heldTotal(s, token), token).toBe(s.supplies[token] ?? 0n);
  const t = s.credit.totals;
  expect(s.supplies.CONX ?? 0n).toBe(t.drawn - t.principalRepaid + convertedToConx);
  let principal = 0n;
  const attributed = { COMM: 0n, ADA: 0n, BTC: 0n, ETH: 0n };
  for (const line of s.credit.lines.values()) {
    principal += line.principal;
    for (const a of COLLATERAL_ASSETS) attributed[a] += line.attribution[a];
    expect(s.escrows.get(commEscrowId(line.vault))?.amount ?? 0n).toBe(line.collateral.COMM);
    const debt = debtAt(line, s.time);
    expect(debt === 0n || debt >= s.params.minDebt || line.liquidations.length > 0 || feesAt(line, s.time) > 0n, 'no dust').toBe(true);
  }
  expect(principal).toBe(t.drawn - t.principalRepaid - t.principalSetOff - t.principalLiquidated - t.principalWrittenOff);
  expect(attributed).toEqual(t.attributed);
  for (const a of COLLATERAL_ASSETS) expect(t.attributed[a] <= s.params.debtCeiling[a] || t.attributed[a] === 0n).toBe(true);
}

const unhealthyNow = (s: CommonsState, vault: string) => {
  const line = s.credit.lines.get(vault);
  return line !== undefined && isUnhealthy(weightedOf(line.collateral, healthPrices(s.credit.prices), s.params), debtAt(line, s.time));
};

describe('VELOC properties (SPEC §4)', () => {
  it('over random sequences of credit actions, every rule and identity holds after every action', () => {
    const base = givenCredit();
    let start = base.state;
    for (const asset of MARKET_ASSETS) start = unwrap(step(start, base.treasury(start, 'price.attest', { asset, price: PRICE[asset] })));
    // Every member starts with a line drawn close to its capacity, on different collateral.
    const setup: [TestMember, Action['kind'], object][] = [
      [base.alice, 'credit.lock', { amount: COMM(40_000) }],
      [base.alice, 'credit.pledge', { asset: 'ETH', amount: 10n ** 18n }],
      [base.alice, 'credit.draw', { amount: CONX(40_000) }],
      [base.bob, 'credit.pledge', { asset: 'BTC', amount: 100_000_000n }],
      [base.bob, 'credit.lock', { amount: COMM(5_000) }],
      [base.bob, 'credit.draw', { amount: CONX(34_000) }],
      [base.carol, 'credit.pledge', { asset: 'ADA', amount: 30_000_000_000n }],
      [base.carol, 'credit.pledge', { asset: 'ETH', amount: 2n * 10n ** 18n }],
      [base.carol, 'credit.draw', { amount: CONX(29_000) }],
    ];
    for (const [m, kind, payload] of setup) start = unwrap(step(start, base.member(start, m, kind as 'credit.draw', payload as { amount: bigint })));
    // Small ceilings, so that they are reached.
    start = { ...start, params: { ...start.params, debtCeiling: { COMM: CONX(90_000), ADA: CONX(40_000), BTC: CONX(60_000), ETH: CONX(30_000) } } };
    const members = [base.alice, base.bob, base.carol];
    const counts = { accepted: 0, draws: 0, liquidations: 0, badDebt: 0, partial: 0 };
    fc.assert(
      fc.property(fc.array(op, { minLength: 5, maxLength: 30 }), (ops) => {
        let s = start;
        let converted = 0n;
        for (const o of ops) {
          if (o.t === 'wait') {
            s = { ...onTime(s, s.time, s.time + o.seconds), time: s.time + o.seconds };
            checkInvariants(s, converted);
            continue;
          }
          const action = toAction(base, s, members, o);
          const time = s.time + 60;
          const before = { ...onTime(s, s.time, time), time };
          const result = step(s, action, time);
          if (!result.ok) {
            // A refusal changes nothing, and says its rule in a sentence.
            expect(result.error.message.length).toBeGreaterThan(10);
            continue;
          }
          counts.accepted++;
          const after = result.value;
          if (o.t === 'burnToConx') converted += (after.supplies.CONX ?? 0n) - (s.supplies.CONX ?? 0n);
          checkInvariants(after, converted);
          const actor = 'm' in o ? members[o.m]!.vault : null;
          const memberAction = o.t !== 'attest' && o.t !== 'liquidate' && o.t !== 'treasurySetOff';
          if (memberAction && actor) {
            // Only a price fall, a fee or a threshold change turns a healthy line unhealthy.
            if (!unhealthyNow(before, actor)) expect(unhealthyNow(after, actor), `${o.t} made the line unhealthy`).toBe(false);
            // One member's action never changes another member's line.
            for (const m of members) {
              if (m.vault === actor) continue;
              const a = before.credit.lines.get(m.vault);
              const b = after.credit.lines.get(m.vault);
              expect(b && lineView(after, b)).toEqual(a && lineView(before, a));
            }
          }
          if (o.t === 'draw') {
            counts.draws++;
            const line = after.credit.lines.get(actor!)!;
            const tier = after.members.get(line.owner)!.tier;
            expect(debtAt(line, time)).toBeLessThanOrEqual(capacityOf(line.collateral, drawPrices(after.credit.prices, time, after.params.priceMaxAgeSeconds), after.params, tier));
          }
          if (o.t === 'liquidate') {
            counts.liquidations++;
            const vault = members[o.m]!.vault;
            expect(unhealthyNow(before, vault), 'a healthy line was liquidated').toBe(true);
            const line = after.credit.lines.get(vault)!;
            const record = line.liquidations.at(-1)!;
            const debtBefore = debtAt(before.credit.lines.get(vault)!, time);
            const debtAfterSetOff = debtBefore - record.commSetOff;
            const closeFactor = (debtAfterSetOff * BigInt(after.params.closeFactorBps)) / 10_000n;
            if (!record.full && debtAfterSetOff > after.params.minDebt) expect(record.repaid).toBeLessThanOrEqual(closeFactor);
            if (!record.full) counts.partial++;
            const debt = debtAt(line, time);
            expect(debt === 0n || debt >= after.params.minDebt, 'a liquidation left dust').toBe(true);
            if (record.badDebt > 0n) {
              counts.badDebt++;
              expect(line.collateral).toEqual({ COMM: 0n, ADA: 0n, BTC: 0n, ETH: 0n });
            }
          }
          s = after;
        }
      }),
      { numRuns: 400 },
    );
    // The properties were exercised, not vacuous.
    expect(counts.draws).toBeGreaterThan(50);
    expect(counts.liquidations).toBeGreaterThan(10);
    expect(counts.badDebt).toBeGreaterThan(0);
  });

  it('a partial liquidation (health between 0.95 and 1, after the cure period) repays at most the close factor and leaves no dust', () => {
    const base = givenCredit();
    let s0 = base.state;
    for (const asset of MARKET_ASSETS) s0 = unwrap(step(s0, base.treasury(s0, 'price.attest', { asset, price: PRICE[asset] })));
    let partial = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.bigInt({ min: CONX(100), max: CONX(30_000) }), fc.bigInt({ min: 0n, max: COMM(500) }), fc.integer({ min: 9_000, max: 10_000 }), (quarters, wanted, comm, fallBps) => {
        let s = unwrap(step(s0, base.member(s0, base.bob, 'credit.pledge', { asset: 'BTC', amount: BigInt(quarters) * 25_000_000n })));
        if (comm > 0n) s = unwrap(step(s, base.member(s, base.bob, 'credit.lock', { amount: comm })));
        const capacity = lineView(s, s.credit.lines.get(base.bob.vault)!).capacity;
        const drawn = wanted < capacity ? wanted : capacity;
        const draw = step(s, base.member(s, base.bob, 'credit.draw', { amount: drawn }));
        if (!draw.ok) return;
        s = draw.value;
        // Move BTC so that health lands near 1 (confirmed an hour later), then wait out the cure period.
        const line = s.credit.lines.get(base.bob.vault)!;
        const need = ((line.principal - comm) * 10_000n * 100_000_000n) / (8_000n * line.collateral.BTC);
        const price = (need * BigInt(fallBps)) / 10_000n + 1n;
        if (price <= 1n) return;
        s = unwrap(step(s, base.treasury(s, 'price.attest', { asset: 'BTC', price })));
        s = unwrap(step(s, base.treasury(s, 'price.attest', { asset: 'BTC', price }), s.time + HOUR));
        s = { ...onTime(s, s.time, s.time + 73 * HOUR), time: s.time + 73 * HOUR };
        const before = s.credit.lines.get(base.bob.vault)!;
        const result = step(s, base.treasury(s, 'credit.liquidate', { vault: base.bob.vault }));
        if (!unhealthyNow(s, base.bob.vault)) {
          expect(result.ok).toBe(false);
          return;
        }
        const after = unwrap(result).credit.lines.get(base.bob.vault)!;
        const record = after.liquidations.at(-1)!;
        const debtAfterSetOff = debtAt(before, s.time) - record.commSetOff;
        if (!record.full) {
          partial++;
          if (debtAfterSetOff > s.params.minDebt) expect(record.repaid).toBeLessThanOrEqual((debtAfterSetOff * BigInt(s.params.closeFactorBps)) / 10_000n);
        }
        const debt = debtAt(after, s.time);
        expect(debt === 0n || debt >= s.params.minDebt).toBe(true);
        if (record.badDebt > 0n) expect(after.collateral).toEqual({ COMM: 0n, ADA: 0n, BTC: 0n, ETH: 0n });
      }),
      { numRuns: 200 },
    );
    expect(partial).toBeGreaterThan(20);
  });

  it('fees and freezing in time: one step a→c equals a→b→c', () => {
    const base = givenCredit();
    let s0 = base.state;
    for (const asset of MARKET_ASSETS) s0 = unwrap(step(s0, base.treasury(s0, 'price.attest', { asset, price: PRICE[asset] })));
    fc.assert(
      fc.property(
        fc.bigInt({ min: COMM(100), max: COMM(100_000) }),
        fc.integer({ min: 50, max: 100 }),
        fc.array(fc.integer({ min: 1, max: 800 * DAY }), { maxLength: 8 }),
        fc.integer({ min: 1, max: 800 * DAY }),
        (locked, pct, cuts, span) => {
          let s = unwrap(step(s0, base.member(s0, base.alice, 'credit.lock', { amount: locked })));
          const drawn = (locked * BigInt(pct)) / 100n;
          if (drawn >= s.params.minDebt) s = unwrap(step(s, base.member(s, base.alice, 'credit.draw', { amount: drawn }), s.time + HOUR));
          const a = s.time;
          const times = [...new Set(cuts.map((c) => a + (c % span)))].sort((x, y) => x - y);
          let split = s;
          let from = a;
          for (const t of [...times, a + span]) {
            split = onTime(split, from, t);
            from = t;
          }
          const whole = onTime(s, a, a + span);
          expect(stateHash(split)).toBe(stateHash(whole));
        },
      ),
      { numRuns: 300 },
    );
  });
});
