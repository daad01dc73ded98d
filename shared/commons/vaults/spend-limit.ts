/**
 * A Commons vault's spend limit per period (SPEC §3: "a Commons vault may also carry a spend limit
 * per period *(param)* above which a governance vote is needed"). Commons vaults hold CONX only
 * (SPEC §2), so the limit is an amount of CONX per period. Periods are fixed windows of the
 * ledger's time, `⌊time / periodSeconds⌋ · periodSeconds`, so every member's app counts the same
 * spends in the same period from the entries' times alone (SPEC §0: never a clock).
 *
 * Who sets it: the treasury quorum, when it creates the Commons vault (`vault.createCommons`) or
 * later (`vault.setSpendLimit`). Until governance provides `passed-proposal` (as for quest.open),
 * a spend above the limit is refused outright: no vault quorum can sign its way past it.
 */
import { type Result, err, ok } from '../../result';
import { type ModuleError } from '../module';
import { fail } from './errors';
import { type SpendLimit, type Vault } from './state';

/** The start of the period `time` falls in. */
export const periodStartOf = (limit: SpendLimit, time: number): number => Math.floor(time / limit.periodSeconds) * limit.periodSeconds;

/** What the vault has spent in the period `time` falls in (nothing when its record is of an earlier period). */
export function spentInPeriod(vault: Vault, time: number): bigint {
  if (!vault.spendLimit || !vault.spent) return 0n;
  return vault.spent.periodStart === periodStartOf(vault.spendLimit, time) ? vault.spent.amount : 0n;
}

/** Refuses a spend of `amount` CONX at `time` that would take the vault past its limit for the period, with the numbers. */
export function checkSpend(vault: Vault, amount: bigint, time: number): Result<null, ModuleError> {
  const limit = vault.spendLimit;
  if (!limit) return ok(null);
  const spent = spentInPeriod(vault, time);
  if (spent + amount <= limit.amount) return ok(null);
  const periodStart = periodStartOf(limit, time);
  return err(fail('SpendLimitExceeded', { vault: vault.address, limit: limit.amount, spent, amount, periodStart, periodEnd: periodStart + limit.periodSeconds }));
}

/** The vault with `amount` added to what it spent this period (unchanged when it has no limit). */
export function recordSpend(vault: Vault, amount: bigint, time: number): Vault {
  const limit = vault.spendLimit;
  if (!limit) return vault;
  return { ...vault, spent: { periodStart: periodStartOf(limit, time), amount: spentInPeriod(vault, time) + amount } };
}
