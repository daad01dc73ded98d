/**
 * What a parameter change would do, for the composer and for `proposal.create` (SPEC §4, §7):
 * the parameters after it, the first §4 bound it breaks (if any), whether it changes a collateral
 * ratio (threshold collateralVoteThresholdBps, 6667) and which draw ratios or caps it raises
 * (those need the Syndicate in scope). Pure: the screens call it on the view's parameters.
 */
import { type Result } from '../../result';
import { type ParamOutOfBounds, checkParamBounds } from '../params/bounds';
import { type Params } from '../params/schema';

/**
 * SPEC §7's "collateral ratios": what sets how much a member may draw against their collateral
 * and when it is liquidated. A tier bonus is added to the draw ratio, so it is one of them.
 */
const COLLATERAL_PARAMS = ['drawRatioBps', 'drawCapBps', 'liquidationThresholdBps', 'tierBonusBps'] as const;
/** What raises what a member may draw: the draw ratio, its cap, and the tier bonus added to the ratio. */
const DRAW_PARAMS = ['drawRatioBps', 'drawCapBps', 'tierBonusBps'] as const;

export interface ParamChangePreview {
  /** The parameters once the change executed. */
  readonly params: Params;
  /** ok, or the first bound of SPEC §4 the change breaks against these parameters. */
  readonly bounds: Result<null, ParamOutOfBounds>;
  /** Whether a collateral ratio changes: the vote then needs collateralVoteThresholdBps. */
  readonly collateral: boolean;
  /** Every draw ratio, cap or bonus it raises, as `drawCapBps.COMM`: non-empty means the Syndicate must be in scope. */
  readonly raises: readonly string[];
  /** The threshold its vote needs under these parameters. */
  readonly thresholdBps: number;
  /**
   * Every liquidation threshold it lowers, as `liquidationThresholdBps.BTC`: those apply only a cure
   * period after execution (SPEC §4, params/pending.ts); `params` shows them as they will be then.
   */
  readonly delayed: readonly string[];
}

export function previewParamChange(params: Params, changes: Partial<Params>): ParamChangePreview {
  const next: Params = { ...params, ...changes };
  const collateral = COLLATERAL_PARAMS.some((name) => name in changes && JSON.stringify(changes[name]) !== JSON.stringify(params[name]));
  const raises: string[] = [];
  for (const name of DRAW_PARAMS) {
    const before = params[name] as Readonly<Record<string, number>>;
    const after = next[name] as Readonly<Record<string, number>>;
    for (const key of Object.keys(after)) if ((after[key] ?? 0) > (before[key] ?? 0)) raises.push(`${name}.${key}`);
  }
  const delayed: string[] = [];
  if (changes.liquidationThresholdBps) {
    for (const [asset, bps] of Object.entries(changes.liquidationThresholdBps)) {
      if (bps < params.liquidationThresholdBps[asset as keyof Params['liquidationThresholdBps']]) delayed.push(`liquidationThresholdBps.${asset}`);
    }
  }
  return {
    params: next,
    delayed,
    bounds: checkParamBounds(next),
    collateral,
    raises,
    thresholdBps: collateral ? params.collateralVoteThresholdBps : params.voteThresholdBps,
  };
}
