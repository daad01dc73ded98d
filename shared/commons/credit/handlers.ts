/**
 * The member's credit actions (SPEC §4), each on the member's own vault under its quorum:
 * collateral in and out (COMM locked from the vault's balance; ADA, BTC, ETH pledged as stated
 * amounts until external chains exist), draws, repayments (fees first) and COMM set-off; and the
 * treasury's set-off while health is below 1. Every refusal names its rule and numbers and changes
 * nothing (the state passed in is never modified).
 */
import { type ZodType } from 'zod';
import { allocate } from '../../money';
import { type Result, err, ok } from '../../result';
import { type Handler, type ModuleError } from '../module';
import { type ActionWith } from '../schema';
import { recordPatronage } from '../patronage/points';
import { recordRevenue } from '../patronage/revenue';
import { burnFrom, mintTo } from '../tokens/handlers';
import { fail } from './errors';
import { fail as failJudicial } from '../judicial/errors';
import { collateralUnderDispute } from '../judicial/subject';
import { capacityByAsset, capacityOf, drawPrices, healthBpsOf, healthPrices, isUnhealthy, stalePriced, weightedOf } from './figures';
import {
  MAX_AMOUNT,
  type State,
  accrued,
  debtAt,
  borrower,
  checkAmount,
  commIntoEscrow,
  commOutOfEscrow,
  existingLine,
  lineOrNew,
  moveBetweenVaults,
  payDebt,
  putLine,
  reattributed,
  setAsset,
  settled,
  withTotals,
} from './line';
import { type AmountPayload, type LockPayload, type PledgePayload, type TreasurySetOffPayload } from './payloads';
import { COLLATERAL_ASSETS, type CollateralAsset, type CreditLine, type PerAsset } from './state';


type CreditHandler<K extends string, P extends ZodType> = Handler<ActionWith<K, P>, State>;

const debtOf = debtAt;

function frozenRefusal(state: State, line: CreditLine, time: number): Result<null, ModuleError> {
  if (line.frozenAt === null || line.cureUntil === null) return ok(null);
  const weighted = weightedOf(line.collateral, healthPrices(state.credit.prices), state.params);
  return err(fail('LineFrozen', { vault: line.vault, cureUntil: line.cureUntil, healthBps: healthBpsOf(weighted, debtOf(line, time)) ?? 0n }));
}

/** Collateral may leave only while the debt stays within the capacity that remains (draw prices). */
function collateralMayLeave(state: State, line: CreditLine, asset: CollateralAsset, amount: bigint, tier: Parameters<typeof capacityOf>[3], time: number): Result<null, ModuleError> {
  const held = line.collateral[asset];
  if (held < amount) return err(fail('InsufficientCollateral', { asset, held, requested: amount }));
  const frozen = frozenRefusal(state, line, time);
  if (!frozen.ok) return frozen;
  const debt = debtOf(line, time);
  if (debt === 0n) return ok(null);
  const after = setAsset(line.collateral, asset, held - amount);
  const capacityAfter = capacityOf(after, drawPrices(state.credit.prices, time, state.params.priceMaxAgeSeconds), state.params, tier);
  if (debt > capacityAfter) return err(fail('CollateralStillNeeded', { asset, requested: amount, capacityAfter, debt }));
  return ok(null);
}

export const lock: CreditHandler<'credit.lock', typeof LockPayload> = (state, action, ctx) => {
  const { amount } = action.payload;
  const valid = checkAmount(amount);
  if (!valid.ok) return valid;
  const who = borrower(state, action.vault);
  if (!who.ok) return who;
  const line = lineOrNew(state, who.value, ctx.time);
  if (line.collateral.COMM + amount > MAX_AMOUNT) return err(fail('AmountTooLarge', { amount: line.collateral.COMM + amount, max: MAX_AMOUNT }));
  const moved = commIntoEscrow(state, action.vault, amount);
  if (!moved.ok) return moved;
  const next = { ...line, collateral: setAsset(line.collateral, 'COMM', line.collateral.COMM + amount) };
  return ok(putLine(moved.value, settled(moved.value, next, ctx.time)));
};

export const unlock: CreditHandler<'credit.unlock', typeof LockPayload> = (state, action, ctx) => {
  const { amount } = action.payload;
  const valid = checkAmount(amount);
  if (!valid.ok) return valid;
  const who = borrower(state, action.vault);
  if (!who.ok) return who;
  // SPEC §8: a collateral claim under dispute freezes the line's collateral (judicial/subject.ts).
  const disputed = collateralUnderDispute(state, action.vault);
  if (disputed !== null) return err(failJudicial('CollateralUnderDispute', { vault: action.vault, dispute: disputed }));
  const line = existingLine(state, action.vault);
  if (!line.ok) return line;
  const may = collateralMayLeave(state, line.value, 'COMM', amount, who.value.tier, ctx.time);
  if (!may.ok) return may;
  const moved = commOutOfEscrow(state, action.vault, amount, action.vault);
  const next = { ...line.value, collateral: setAsset(line.value.collateral, 'COMM', line.value.collateral.COMM - amount) };
  return ok(putLine(moved, settled(moved, next, ctx.time)));
};

export const pledge: CreditHandler<'credit.pledge', typeof PledgePayload> = (state, action, ctx) => {
  const { asset, amount } = action.payload;
  const valid = checkAmount(amount);
  if (!valid.ok) return valid;
  const who = borrower(state, action.vault);
  if (!who.ok) return who;
  // An asset without a price could never be valued, nor claimed in a liquidation.
  if (state.credit.prices[asset].current === null) return err(fail('NoPrice', { asset }));
  const line = lineOrNew(state, who.value, ctx.time);
  const total = line.collateral[asset] + amount;
  if (total > MAX_AMOUNT) return err(fail('AmountTooLarge', { amount: total, max: MAX_AMOUNT }));
  const next = { ...line, collateral: setAsset(line.collateral, asset, total) };
  return ok(putLine(state, settled(state, next, ctx.time)));
};

export const unpledge: CreditHandler<'credit.unpledge', typeof PledgePayload> = (state, action, ctx) => {
  const { asset, amount } = action.payload;
  const valid = checkAmount(amount);
  if (!valid.ok) return valid;
  const who = borrower(state, action.vault);
  if (!who.ok) return who;
  // SPEC §8: a collateral claim under dispute freezes the line's collateral (judicial/subject.ts).
  const disputed = collateralUnderDispute(state, action.vault);
  if (disputed !== null) return err(failJudicial('CollateralUnderDispute', { vault: action.vault, dispute: disputed }));
  const line = existingLine(state, action.vault);
  if (!line.ok) return line;
  const may = collateralMayLeave(state, line.value, asset, amount, who.value.tier, ctx.time);
  if (!may.ok) return may;
  const next = { ...line.value, collateral: setAsset(line.value.collateral, asset, line.value.collateral[asset] - amount) };
  return ok(putLine(state, settled(state, next, ctx.time)));
};

/**
 * SPEC §4: a draw mints CONX to the vault if debt + draw ≤ capacity and the ceilings hold. The
 * line's principal is attributed to its assets in proportion to their capacity at the draw
 * (`allocate`, exact), and per asset the Commons' attributed principal stays within its ceiling
 * (the global ceiling is the sum of the per-asset ones).
 */
export const draw: CreditHandler<'credit.draw', typeof AmountPayload> = (state, action, ctx) => {
  const { amount } = action.payload;
  const valid = checkAmount(amount);
  if (!valid.ok) return valid;
  const who = borrower(state, action.vault);
  if (!who.ok) return who;
  const found = existingLine(state, action.vault);
  if (!found.ok) return found;
  const p = state.params;
  const frozen = frozenRefusal(state, found.value, ctx.time);
  if (!frozen.ok) return frozen;
  const line = accrued(found.value, ctx.time, p.feeRateBpsPerYear);
  const debt = line.principal + line.feesBase;
  const prices = drawPrices(state.credit.prices, ctx.time, p.priceMaxAgeSeconds);
  const byAsset = capacityByAsset(line.collateral, prices, p, who.value.tier);
  const capacity = byAsset.COMM + byAsset.ADA + byAsset.BTC + byAsset.ETH;
  if (debt + amount > capacity) {
    const stale = stalePriced(state.credit.prices, ctx.time, p.priceMaxAgeSeconds).find((asset) => line.collateral[asset] > 0n);
    if (stale) return err(fail('PriceStale', { asset: stale, attestedAt: state.credit.prices[stale].current!.attestedAt, maxAgeSeconds: p.priceMaxAgeSeconds, time: ctx.time }));
    return err(fail('CapacityExceeded', { capacity, requested: amount, debt }));
  }
  if (debt + amount < p.minDebt) return err(fail('BelowMinimumDebt', { minDebt: p.minDebt, debt: debt + amount }));
  const principal = line.principal + amount;
  const shares = allocate(principal, COLLATERAL_ASSETS.map((a) => byAsset[a]));
  const attribution: PerAsset = { COMM: shares[0]!, ADA: shares[1]!, BTC: shares[2]!, ETH: shares[3]! };
  for (const asset of COLLATERAL_ASSETS) {
    const more = attribution[asset] - line.attribution[asset];
    const outstanding = state.credit.totals.attributed[asset];
    if (more > 0n && outstanding + more > p.debtCeiling[asset]) {
      return err(fail('DebtCeilingExceeded', { asset, ceiling: p.debtCeiling[asset], outstanding, requested: more }));
    }
  }
  const minted = mintTo(state, action.vault, 'CONX', amount);
  if (!minted.ok) return minted;
  let next = reattributed(minted.value, line.attribution, attribution);
  next = withTotals(next, (t) => ({ ...t, drawn: t.drawn + amount }));
  return ok(putLine(next, settled(next, { ...line, principal, attribution }, ctx.time)));
};

/**
 * SPEC §4: a repayment pays fees first; the fee part moves to the treasury vault (Commons revenue,
 * §9, recorded as the member's patronage `feesPaid`), the principal part is burned.
 */
export const repay: CreditHandler<'credit.repay', typeof AmountPayload> = (state, action, ctx) => {
  const { amount } = action.payload;
  const valid = checkAmount(amount);
  if (!valid.ok) return valid;
  const who = borrower(state, action.vault);
  if (!who.ok) return who;
  const line = existingLine(state, action.vault);
  if (!line.ok) return line;
  const debt = debtOf(line.value, ctx.time);
  if (amount > debt) return err(fail('RepayExceedsDebt', { debt, requested: amount }));
  if (debt - amount !== 0n && debt - amount < state.params.minDebt) return err(fail('BelowMinimumDebt', { minDebt: state.params.minDebt, debt: debt - amount }));
  const paid = payDebt(line.value, amount, ctx.time, state.params.feeRateBpsPerYear);
  let next: Result<State, ModuleError> = ok(state);
  if (paid.feePart > 0n) next = moveBetweenVaults(state, action.vault, state.treasury, 'CONX', paid.feePart);
  if (!next.ok) return next;
  if (paid.principalPart > 0n) next = burnFrom(next.value, action.vault, 'CONX', paid.principalPart);
  if (!next.ok) return next;
  let after = reattributed(next.value, line.value.attribution, paid.line.attribution);
  after = withTotals(after, (t) => ({ ...t, feesRepaid: t.feesRepaid + paid.feePart, principalRepaid: t.principalRepaid + paid.principalPart }));
  after = recordPatronage(after, who.value.owner, 'feesPaid', paid.feePart) as State;
  after = recordRevenue(after, paid.feePart, 'creditFees');
  return ok(putLine(after, settled(after, paid.line, ctx.time)));
};

/** Burns locked COMM 1:1 against the line's debt, fees first (SPEC §4: share-secured, never sold). */
function setOffOn(state: State, line: CreditLine, amount: bigint, time: number): State {
  const paid = payDebt(line, amount, time, state.params.feeRateBpsPerYear);
  let next = commOutOfEscrow(state, line.vault, amount, null);
  next = reattributed(next, line.attribution, paid.line.attribution);
  next = withTotals(next, (t) => ({ ...t, feesSetOff: t.feesSetOff + paid.feePart, principalSetOff: t.principalSetOff + paid.principalPart }));
  next = recordPatronage(next, line.owner, 'feesPaid', paid.feePart) as State;
  const after = { ...paid.line, collateral: setAsset(paid.line.collateral, 'COMM', line.collateral.COMM - amount) };
  return putLine(next, settled(next, after, time));
}

export { setOffOn };

function setOffChecks(state: State, line: CreditLine, amount: bigint, time: number, dustAllowedWhenAllComm: boolean): Result<null, ModuleError> {
  const held = line.collateral.COMM;
  if (held < amount) return err(fail('InsufficientCollateral', { asset: 'COMM', held, requested: amount }));
  const debt = debtOf(line, time);
  if (amount > debt) return err(fail('SetOffExceedsDebt', { debt, requested: amount }));
  const left = debt - amount;
  const allComm = dustAllowedWhenAllComm && amount === held;
  if (left !== 0n && left < state.params.minDebt && !allComm) return err(fail('BelowMinimumDebt', { minDebt: state.params.minDebt, debt: left }));
  return ok(null);
}

export const setOff: CreditHandler<'credit.setOff', typeof AmountPayload> = (state, action, ctx) => {
  const { amount } = action.payload;
  const valid = checkAmount(amount);
  if (!valid.ok) return valid;
  const who = borrower(state, action.vault);
  if (!who.ok) return who;
  const line = existingLine(state, action.vault);
  if (!line.ok) return line;
  const checked = setOffChecks(state, line.value, amount, ctx.time, false);
  if (!checked.ok) return checked;
  return ok(setOffOn(state, line.value, amount, ctx.time));
};

/**
 * The treasury quorum sets off a member's COMM only while health is below 1 (SPEC §4). It may use
 * all the COMM even if a remainder below the minimum debt is left: that remainder is met by the
 * line's other collateral or, once none is left, written off by a liquidation.
 */
export const setOffByTreasury: CreditHandler<'credit.setOffByTreasury', typeof TreasurySetOffPayload> = (state, action, ctx) => {
  const { vault, amount } = action.payload;
  const valid = checkAmount(amount);
  if (!valid.ok) return valid;
  const line = existingLine(state, vault);
  if (!line.ok) return line;
  const debt = debtOf(line.value, ctx.time);
  const weighted = weightedOf(line.value.collateral, healthPrices(state.credit.prices), state.params);
  if (!isUnhealthy(weighted, debt)) return err(fail('LineHealthy', { vault, healthBps: healthBpsOf(weighted, debt) }));
  const checked = setOffChecks(state, line.value, amount, ctx.time, true);
  if (!checked.ok) return checked;
  return ok(setOffOn(state, line.value, amount, ctx.time));
};
