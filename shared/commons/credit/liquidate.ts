/**
 * Liquidation (SPEC §4), by the treasury quorum, of a line whose health is below 1: after its cure
 * period, or at once when health is at or below `fullLiquidationHealthBps` (0.95). Never paused.
 *
 * 1. COMM is set off first: burned 1:1 against the debt, fees first, no penalty (share-secured).
 * 2. Of the debt left, it repays up to `closeFactorBps` (50 %), or all of it at or below 0.95 —
 *    except that a partial liquidation leaves no dust: if the close factor would leave a debt
 *    below the minimum, it repays down to exactly the minimum; a debt at or below the minimum is
 *    repaid whole (no partial can leave no dust).
 * 3. Each repayment claims market collateral worth `repaid × (10000 + penalty) / 10000`, the asset
 *    of lowest liquidation threshold first (ties in the order ADA, BTC, ETH): when an asset covers
 *    what is left, the claim is rounded down and the debt repaid is the amount asked; when it does
 *    not, all of it is claimed and the debt repaid is its value ÷ (1 + penalty), rounded up.
 *    Rounding always runs against the liquidator (the Commons).
 * 4. What collateral cannot cover is bad debt, written off only once the line holds no collateral
 *    at all, and charged to the loss reserve (`totals.*WrittenOff`, SPEC §9).
 *
 * Where the CONX went (the supply identity, docs/ledger-format.md): a liquidation burns no CONX.
 * The member keeps what they drew; the Commons takes a recorded claim on the external collateral
 * (`totals.claimed`) for the principal it repays (`totals.principalLiquidated`), so
 * supply(CONX) = drawn − principalRepaid + CONX minted by burn-to-CONX holds throughout.
 */
import { err, ok } from '../../result';
import { type Handler } from '../module';
import { type ActionWith } from '../schema';
import { chargeLossReserve } from '../patronage/points';
import { fail } from './errors';
import { UNIT, atOrBelowFullLine, healthBpsOf, healthPrices, isUnhealthy, weightedOf } from './figures';
import { setOffOn } from './handlers';
import { type State, accrued, debtAt, existingLine, lineAt, payDebt, putLine, reattributed, rescaled, setAsset, settled, withTotals } from './line';
import { type LiquidatePayload } from './payloads';
import { type Claim, type CreditLine, MARKET_ASSETS, NO_ASSETS, type PerAsset } from './state';

const BPS = 10_000n;

export const liquidate: Handler<ActionWith<'credit.liquidate', typeof LiquidatePayload>, State> = (state, action, ctx) => {
  const { vault } = action.payload;
  const found = existingLine(state, vault);
  if (!found.ok) return found;
  const p = state.params;
  const time = ctx.time;
  const prices = healthPrices(state.credit.prices);
  const line0 = accrued(found.value, time, p.feeRateBpsPerYear);
  const debt0 = line0.principal + line0.feesBase;
  const weighted = weightedOf(line0.collateral, prices, p);
  if (!isUnhealthy(weighted, debt0)) return err(fail('LineHealthy', { vault, healthBps: healthBpsOf(weighted, debt0) }));
  const healthBps = healthBpsOf(weighted, debt0)!;
  const full = atOrBelowFullLine(weighted, debt0, p.fullLiquidationHealthBps);
  const cureUntil = line0.cureUntil ?? time + p.curePeriodSeconds;
  if (!full && time < cureUntil) return err(fail('LiquidationInCure', { vault, cureUntil, healthBps, fullLiquidationHealthBps: p.fullLiquidationHealthBps }));

  // 1. COMM set off first, at par.
  const commSetOff = line0.collateral.COMM < debt0 ? line0.collateral.COMM : debt0;
  let next: State = commSetOff > 0n ? setOffOn(state, line0, commSetOff, time) : putLine(state, line0);
  let line: CreditLine = lineAt(next, vault)!;
  const debt1 = debtAt(line, time);

  // 2. How much the claims may repay.
  const maxRepay = full ? debt1 : (debt1 * BigInt(p.closeFactorBps)) / BPS;
  const target = maxRepay === debt1 || debt1 - maxRepay >= p.minDebt ? maxRepay : debt1 > p.minDebt ? debt1 - p.minDebt : debt1;

  // 3. Claims, lowest threshold first.
  const order = [...MARKET_ASSETS].sort((a, b) => p.liquidationThresholdBps[a] - p.liquidationThresholdBps[b]);
  const penalised = BPS + BigInt(p.liquidationPenaltyBps);
  const claims: Claim[] = [];
  let collateral: PerAsset = line.collateral;
  let left = target;
  for (const asset of order) {
    const held = collateral[asset];
    const price = prices[asset];
    if (left === 0n) break;
    if (held === 0n || price === 0n) continue;
    const covers = left * penalised * UNIT[asset] <= held * BPS * price;
    const amount = covers ? (left * penalised * UNIT[asset]) / (BPS * price) : held;
    const repaid = covers ? left : (held * price * BPS + UNIT[asset] * penalised - 1n) / (UNIT[asset] * penalised);
    claims.push({ asset, amount, repaid });
    collateral = setAsset(collateral, asset, held - amount);
    left -= repaid;
  }
  const repaid = target - left;
  if (repaid > 0n) {
    const paid = payDebt(line, repaid, time, p.feeRateBpsPerYear);
    next = reattributed(next, line.attribution, paid.line.attribution);
    next = withTotals(next, (t) => {
      const claimed = { ...t.claimed };
      for (const c of claims) claimed[c.asset] += c.amount;
      return { ...t, claimed, feesLiquidated: t.feesLiquidated + paid.feePart, principalLiquidated: t.principalLiquidated + paid.principalPart };
    });
    line = { ...paid.line, collateral };
  }

  // 4. Bad debt, only once no collateral is left.
  const debt2 = debtAt(line, time);
  const noCollateral = collateral.COMM === 0n && collateral.ADA === 0n && collateral.BTC === 0n && collateral.ETH === 0n;
  const badDebt = noCollateral ? debt2 : 0n;
  if (badDebt > 0n) {
    const written = { principal: line.principal, fees: debt2 - line.principal };
    next = reattributed(next, line.attribution, NO_ASSETS);
    next = withTotals(next, (t) => ({ ...t, principalWrittenOff: t.principalWrittenOff + written.principal, feesWrittenOff: t.feesWrittenOff + written.fees }));
    // SPEC §4: bad debt is charged to the loss reserve (met from its balance, the rest carried to the next close, §9).
    next = chargeLossReserve(next, badDebt);
    line = { ...line, principal: 0n, feesBase: 0n, accruedAt: time, attribution: rescaled(line.attribution, 0n), badDebt: line.badDebt + badDebt };
  }
  const record = { at: time, healthBps, commSetOff, claims, repaid, badDebt, full };
  line = { ...line, liquidations: [...line.liquidations, record] };
  return ok(putLine(next, settled(next, line, time)));
};
