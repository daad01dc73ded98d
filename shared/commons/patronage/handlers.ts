/** Patronage periods (SPEC §9): the close, and a member's bill paid or refund claimed. */
import { type Result, err, ok } from '../../result';
import { balanceOf } from '../balances';
import { fail as failCore } from '../core-errors';
import { type Handler, type ModuleError } from '../module';
import { type ActionWith } from '../schema';
import { type CommonsState } from '../state';
import { fail as failTokens } from '../tokens/errors';
import { fail as failVaults } from '../vaults/errors';
import { putVault, vaultAt } from '../vaults/vault';
import { closePeriod } from './close';
import { fail } from './errors';
import { type PatronageClaimPayload, type PatronageClosePayload, type PatronagePayBillPayload } from './payloads';
import { NEW_ACCOUNT, type PatronageAccount } from './state';

export const close: Handler<ActionWith<'patronage.close', typeof PatronageClosePayload>> = (state, action, ctx) => {
  const { period, costs, note } = action.payload;
  const open = state.patronageBook.period;
  if (period !== open) return err(fail('NotTheOpenPeriod', { period, open }));
  const closed = closePeriod(state, costs, note, ctx.time);
  const owed = closed.state.patronageBook.refundsOwed;
  const treasury = balanceOf(vaultAt(state, state.treasury)!, 'CONX');
  if (owed > treasury) return err(fail('RefundsAboveTreasury', { owed, treasury }));
  return ok(closed.state);
};

/** Moves CONX between two vaults (supply unchanged). */
function moveConx(state: CommonsState, from: string, to: string, amount: bigint): Result<CommonsState, ModuleError> {
  const source = vaultAt(state, from);
  if (!source || !vaultAt(state, to)) return err(failCore('UnknownVault', { vault: source ? to : from }));
  const have = balanceOf(source, 'CONX');
  if (have < amount) return err(failTokens('InsufficientBalance', { vault: from, token: 'CONX', have, need: amount }));
  const debited = putVault(state, { ...source, balances: { ...source.balances, CONX: have - amount } });
  const target = vaultAt(debited, to)!;
  return ok(putVault(debited, { ...target, balances: { ...target.balances, CONX: balanceOf(target, 'CONX') + amount } }));
}

/** The member who owns the acting vault, and their account. */
function memberOf(state: CommonsState, vault: string): Result<{ did: string; account: PatronageAccount }, ModuleError> {
  const v = vaultAt(state, vault);
  if (!v) return err(failCore('UnknownVault', { vault }));
  if (v.kind !== 'member' || v.owner === null) return err(failVaults('NotAMemberVault', { vault }));
  return ok({ did: v.owner, account: state.patronageAccounts.get(v.owner) ?? NEW_ACCOUNT });
}

/** Pays part or all of the member's bill from the acting vault into the treasury. */
export const payBill: Handler<ActionWith<'patronage.payBill', typeof PatronagePayBillPayload>> = (state, action) => {
  const { amount } = action.payload;
  if (amount <= 0n) return err(failTokens('InvalidAmount', { amount }));
  const who = memberOf(state, action.vault);
  if (!who.ok) return who;
  const { did, account } = who.value;
  if (amount > account.due) return err(fail('PaymentAboveBill', { amount, due: account.due }));
  const moved = moveConx(state, action.vault, state.treasury, amount);
  if (!moved.ok) return moved;
  const book = moved.value.patronageBook;
  return ok({
    ...moved.value,
    patronageAccounts: moved.value.patronageAccounts.set(did, { ...account, due: account.due - amount, paid: account.paid + amount }),
    patronageBook: { ...book, billsDue: book.billsDue - amount },
  });
};

/** Claims part or all of the refunds owed to the member, from the treasury into the acting vault. */
export const claimRefund: Handler<ActionWith<'patronage.claimRefund', typeof PatronageClaimPayload>> = (state, action) => {
  const { amount } = action.payload;
  if (amount <= 0n) return err(failTokens('InvalidAmount', { amount }));
  const who = memberOf(state, action.vault);
  if (!who.ok) return who;
  const { did, account } = who.value;
  if (amount > account.owed) return err(fail('ClaimAboveOwed', { amount, owed: account.owed }));
  const moved = moveConx(state, state.treasury, action.vault, amount);
  if (!moved.ok) return moved;
  const book = moved.value.patronageBook;
  return ok({
    ...moved.value,
    patronageAccounts: moved.value.patronageAccounts.set(did, { ...account, owed: account.owed - amount, claimed: account.claimed + amount }),
    patronageBook: { ...book, refundsOwed: book.refundsOwed - amount },
  });
};
