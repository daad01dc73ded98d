/**
 * What every credit action does to a line and to the tokens behind it: finding the member's line,
 * paying debt fees first, moving COMM in and out of the line's escrow, attributing principal to
 * assets for the ceilings, and freezing or thawing the line after each change (SPEC §4).
 */
import { allocate } from '../../money';
import { type Result, err, ok } from '../../result';
import { type ModuleError } from '../module';
import { type Address, type CommonsState } from '../state';
import { balanceOf } from '../balances';
import { fail as failCore } from '../core-errors';
import { type Tier } from '../identity/state';
import { fail as failTokens } from '../tokens/errors';
import { fail as failVaults } from '../vaults/errors';
import { putVault, vaultAt } from '../vaults/vault';
import { fail } from './errors';
import { feesAt, healthPrices, isUnhealthy, weightedOf } from './figures';
import { COLLATERAL_ASSETS, type CollateralAsset, type CreditLine, type CreditSlice, type CreditTotals, NO_ASSETS, type PerAsset, commEscrowId, emptyLine } from './state';

export type State = CommonsState & CreditSlice;

/** The largest amount any credit payload may carry (2^96 − 1 minor units, beyond every asset's supply). */
export const MAX_AMOUNT = 2n ** 96n - 1n;

export function checkAmount(amount: bigint): Result<null, ModuleError> {
  if (amount <= 0n) return err(failTokens('InvalidAmount', { amount }));
  if (amount > MAX_AMOUNT) return err(fail('AmountTooLarge', { amount, max: MAX_AMOUNT }));
  return ok(null);
}

export interface Borrower {
  readonly vault: Address;
  readonly owner: string;
  readonly tier: Tier;
}

/** A member's own vault, whose owner is still a member: only those borrow (SPEC §2, §4). */
export function borrower(state: State, address: Address): Result<Borrower, ModuleError> {
  const vault = vaultAt(state, address);
  if (!vault) return err(failCore('UnknownVault', { vault: address }));
  const member = vault.owner === null ? undefined : state.members.get(vault.owner);
  if (vault.kind !== 'member' || !member) return err(failVaults('NotAMemberVault', { vault: address }));
  return ok({ vault: address, owner: member.did, tier: member.tier });
}

export const lineAt = (state: State, vault: Address): CreditLine | undefined => state.credit.lines.get(vault);

export function existingLine(state: State, vault: Address): Result<CreditLine, ModuleError> {
  const line = lineAt(state, vault);
  return line ? ok(line) : err(fail('NoCreditLine', { vault }));
}

export const lineOrNew = (state: State, who: Borrower, time: number): CreditLine =>
  lineAt(state, who.vault) ?? emptyLine(who.vault, who.owner, time, state.params.feeRateBpsPerYear);

export { putLine } from './crossing';

export const withTotals = (state: State, change: (t: CreditTotals) => CreditTotals): State => ({ ...state, credit: { ...state.credit, totals: change(state.credit.totals) } });

export const setAsset = (amounts: PerAsset, asset: CollateralAsset, value: bigint): PerAsset => ({ ...amounts, [asset]: value });

/** The line with its fees brought to `time` and fixed there: the base every principal change starts from. */
export function accrued(line: CreditLine, time: number, rateBps: number): CreditLine {
  return { ...line, feesBase: feesAt(line, time), accruedAt: time, rateBps };
}

/** What the line owes at `time`: principal and fees (computed when read). */
export const debtAt = (line: CreditLine, time: number): bigint => line.principal + feesAt(line, time);

/** Pays `amount` of the line's debt at `time`, fees first (SPEC §4); the caller has checked amount ≤ debt. */
export function payDebt(line: CreditLine, amount: bigint, time: number, rateBps: number): { line: CreditLine; feePart: bigint; principalPart: bigint } {
  const at = accrued(line, time, rateBps);
  const feePart = amount < at.feesBase ? amount : at.feesBase;
  const principalPart = amount - feePart;
  const principal = at.principal - principalPart;
  return {
    line: { ...at, principal, feesBase: at.feesBase - feePart, attribution: rescaled(at.attribution, principal) },
    feePart,
    principalPart,
  };
}

/** A smaller principal attributed in the proportions it had: no asset's share grows (money.ts `allocate`, exact sum). */
export function rescaled(attribution: PerAsset, principal: bigint): PerAsset {
  const shares = allocate(principal, COLLATERAL_ASSETS.map((a) => attribution[a]));
  if (principal > 0n && shares.every((s) => s === 0n)) return { ...NO_ASSETS, COMM: principal };
  return { COMM: shares[0]!, ADA: shares[1]!, BTC: shares[2]!, ETH: shares[3]! };
}

/** Updates the Commons' attributed totals from a line's old attribution to its new one. */
export const reattributed = (state: State, before: PerAsset, after: PerAsset): State =>
  withTotals(state, (t) => {
    const attributed = { ...t.attributed };
    for (const a of COLLATERAL_ASSETS) attributed[a] = attributed[a] - before[a] + after[a];
    return { ...t, attributed };
  });

/**
 * After a change at `time`: a line whose health is below 1 is frozen, its cure period starting
 * now (unless it already runs); a line at or above 1 (or owing nothing) is thawed (SPEC §4).
 */
export function settled(state: State, line: CreditLine, time: number): CreditLine {
  const debt = debtAt(line, time);
  const unhealthy = isUnhealthy(weightedOf(line.collateral, healthPrices(state.credit.prices), state.params), debt);
  if (unhealthy) return line.frozenAt !== null ? line : { ...line, frozenAt: time, cureUntil: time + state.params.curePeriodSeconds };
  return line.frozenAt === null ? line : { ...line, frozenAt: null, cureUntil: null };
}

/** Moves CONX or COMM between two vaults (supply unchanged). */
export function moveBetweenVaults(state: State, from: Address, to: Address, token: 'CONX' | 'COMM', amount: bigint): Result<State, ModuleError> {
  const source = vaultAt(state, from);
  const target = vaultAt(state, to);
  if (!source) return err(failCore('UnknownVault', { vault: from }));
  if (!target) return err(failCore('UnknownVault', { vault: to }));
  const have = balanceOf(source, token);
  if (have < amount) return err(failTokens('InsufficientBalance', { vault: from, token, have, need: amount }));
  const debited = putVault(state, { ...source, balances: { ...source.balances, [token]: have - amount } });
  const credited = vaultAt(debited, to)!;
  return ok(putVault(debited, { ...credited, balances: { ...credited.balances, [token]: balanceOf(credited, token) + amount } }));
}

/** COMM from a vault's balance into its line's escrow (supply unchanged: Σ balances + Σ escrows). */
export function commIntoEscrow(state: State, vault: Address, amount: bigint): Result<State, ModuleError> {
  const v = vaultAt(state, vault);
  if (!v) return err(failCore('UnknownVault', { vault }));
  const have = balanceOf(v, 'COMM');
  if (have < amount) return err(failTokens('InsufficientBalance', { vault, token: 'COMM', have, need: amount }));
  const id = commEscrowId(vault);
  const held = state.escrows.get(id)?.amount ?? 0n;
  const debited = putVault(state, { ...v, balances: { ...v.balances, COMM: have - amount } });
  return ok({ ...debited, escrows: debited.escrows.set(id, { id, token: 'COMM', amount: held + amount }) });
}

/** COMM out of a line's escrow: back to the vault, or burned (`to` null: a set-off, SPEC §4). */
export function commOutOfEscrow(state: State, vault: Address, amount: bigint, to: Address | null): State {
  const id = commEscrowId(vault);
  const left = (state.escrows.get(id)?.amount ?? 0n) - amount;
  const escrows = left === 0n ? state.escrows.delete(id) : state.escrows.set(id, { id, token: 'COMM', amount: left });
  const next: State = { ...state, escrows };
  if (to === null) return { ...next, supplies: { ...next.supplies, COMM: (next.supplies.COMM ?? 0n) - amount } };
  const v = vaultAt(next, to)!;
  return putVault(next, { ...v, balances: { ...v.balances, COMM: balanceOf(v, 'COMM') + amount } });
}
