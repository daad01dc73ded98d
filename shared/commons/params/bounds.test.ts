import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkParamBounds } from './bounds';
import { DEFAULT_PARAMS_V2, type Params } from '.';

const MARKET = ['ADA', 'BTC', 'ETH'] as const;

/** SPEC §4 written out directly, as an oracle for the VELOC bounds. */
function veloCBoundsHold(p: Params): boolean {
  const assets = ['COMM', ...MARKET] as const;
  return (
    assets.every((a) => p.drawRatioBps[a] <= p.drawCapBps[a] && p.liquidationThresholdBps[a] <= 10_000) &&
    p.drawCapBps.COMM <= p.liquidationThresholdBps.COMM &&
    MARKET.every((a) => p.drawCapBps[a] < p.liquidationThresholdBps[a] && p.liquidationThresholdBps[a] * (10_000 + p.liquidationPenaltyBps) <= 10_000 * 10_000)
  );
}

describe('parameter bounds (SPEC §4)', () => {
  it('the defaults of SPEC keep every bound', () => {
    expect(checkParamBounds(DEFAULT_PARAMS_V2)).toEqual({ ok: true, value: null });
  });

  it.each([
    ['a draw ratio above its cap', { drawRatioBps: { ...DEFAULT_PARAMS_V2.drawRatioBps, BTC: 7_000 } }, { param: 'drawRatioBps.BTC', value: 7_000, relation: '≤', bound: 6_500 }],
    ['a market draw cap equal to its threshold', { drawCapBps: { ...DEFAULT_PARAMS_V2.drawCapBps, ETH: 7_000 } }, { param: 'drawCapBps.ETH', value: 7_000, relation: '<', bound: 7_000 }],
    ['a COMM threshold above 100 %', { liquidationThresholdBps: { ...DEFAULT_PARAMS_V2.liquidationThresholdBps, COMM: 10_001 } }, { param: 'liquidationThresholdBps.COMM', value: 10_001, relation: '≤', bound: 10_000 }],
    ['a penalty the collateral cannot pay', { liquidationPenaltyBps: 1_000 }, { param: 'liquidationThresholdBps.ADA', value: 9_500, relation: '≤', bound: 9_090 }],
    ['a reserve above 100 % of revenue', { reserveBps: 10_001 }, { param: 'reserveBps', value: 10_001, relation: '≤', bound: 10_000 }],
    ['a vote threshold of 0', { voteThresholdBps: 0 }, { param: 'voteThresholdBps', value: 0, relation: '≥', bound: 1 }],
    ['a collateral vote easier than an ordinary one', { collateralVoteThresholdBps: 4_000 }, { param: 'collateralVoteThresholdBps', value: 4_000, relation: '≥', bound: 5_000 }],
    ['Gold reached before Silver', { tiers: { ...DEFAULT_PARAMS_V2.tiers, goldPeriods: 5 } }, { param: 'tiers.goldPeriods', value: 5, relation: '≥', bound: 6 }],
  ] as const)('refuses %s, naming the parameter, its value and the bound', (_what, change, error) => {
    expect(checkParamBounds({ ...DEFAULT_PARAMS_V2, ...change } as Params)).toMatchObject({ ok: false, error: { kind: 'ParamOutOfBounds', ...error } });
  });

  it('a COMM draw cap may equal its threshold (set off at par, never sold)', () => {
    const at9000 = (record: Params['drawCapBps']) => ({ ...record, COMM: 9_000 });
    const params = { ...DEFAULT_PARAMS_V2, drawRatioBps: at9000(DEFAULT_PARAMS_V2.drawRatioBps), drawCapBps: at9000(DEFAULT_PARAMS_V2.drawCapBps), liquidationThresholdBps: at9000(DEFAULT_PARAMS_V2.liquidationThresholdBps) };
    expect(checkParamBounds(params).ok).toBe(true);
  });

  it('accepts VELOC parameters exactly when SPEC §4 holds (property)', () => {
    // Near the bounds, so that both answers come up often: ratio ≈ cap ≈ threshold ≈ 10000.
    const asset = fc.record({ threshold: fc.integer({ min: 8_800, max: 10_050 }), capBelow: fc.integer({ min: -2, max: 300 }), ratioBelow: fc.integer({ min: -2, max: 300 }) });
    const assets = fc.record({ COMM: asset, ADA: asset, BTC: asset, ETH: asset });
    let accepted = 0;
    fc.assert(
      fc.property(assets, fc.integer({ min: 0, max: 1_500 }), (chosen, liquidationPenaltyBps) => {
        const each = (f: (a: { threshold: number; capBelow: number; ratioBelow: number }) => number) =>
          ({ COMM: f(chosen.COMM), ADA: f(chosen.ADA), BTC: f(chosen.BTC), ETH: f(chosen.ETH) });
        const params: Params = {
          ...DEFAULT_PARAMS_V2,
          liquidationThresholdBps: each((a) => a.threshold),
          drawCapBps: each((a) => a.threshold - a.capBelow),
          drawRatioBps: each((a) => a.threshold - a.capBelow - a.ratioBelow),
          liquidationPenaltyBps,
        };
        const ok = checkParamBounds(params).ok;
        if (ok) accepted++;
        expect(ok).toBe(veloCBoundsHold(params));
      }),
      { numRuns: 3_000 },
    );
    expect(accepted).toBeGreaterThan(0);
  });
});
