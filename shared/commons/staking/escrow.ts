/**
 * CONX in and out of escrows (SPEC §2: supply = Σ balances + Σ escrows, so a move between a vault
 * and an escrow leaves every supply as it is). An escrow emptied to zero is removed.
 */
import { type Result, err, ok } from '../../result';
import { balanceOf } from '../balances';
import { fail as failCore } from '../core-errors';
import { type ModuleError } from '../module';
import { type Address, type CommonsState } from '../state';
import { fail as failTokens } from '../tokens/errors';
import { mayHold } from '../tokens';
import { putVault, vaultAt } from '../vaults/vault';
import { fail } from './errors';

export const escrowed = (state: CommonsState, id: string): bigint => state.escrows.get(id)?.amount ?? 0n;

function setEscrow<S extends CommonsState>(state: S, id: string, amount: bigint): S {
  return { ...state, escrows: amount === 0n ? state.escrows.delete(id) : state.escrows.set(id, { id, token: 'CONX', amount }) };
}

/** Moves `amount` CONX from a vault's balance into escrow `id`. */
export function intoEscrow<S extends CommonsState>(state: S, from: Address, id: string, amount: bigint): Result<S, ModuleError> {
  const vault = vaultAt(state, from);
  if (!vault) return err(failCore('UnknownVault', { vault: from }));
  const have = balanceOf(vault, 'CONX');
  if (have < amount) return err(failTokens('InsufficientBalance', { vault: from, token: 'CONX', have, need: amount }));
  const debited = putVault(state, { ...vault, balances: { ...vault.balances, CONX: have - amount } });
  return ok(setEscrow(debited, id, escrowed(state, id) + amount));
}

/** Pays `amount` CONX out of escrow `id` into a vault that may hold it. */
export function outOfEscrow<S extends CommonsState>(state: S, id: string, to: Address, amount: bigint): Result<S, ModuleError> {
  if (amount === 0n) return ok(state);
  const have = escrowed(state, id);
  if (have < amount) return err(fail('EscrowShort', { escrow: id, have, need: amount }));
  const vault = vaultAt(state, to);
  if (!vault) return err(failCore('UnknownVault', { vault: to }));
  if (!mayHold(vault, 'CONX')) return err(failTokens('HolderNotAllowed', { vault: to, token: 'CONX' }));
  const credited = putVault(state, { ...vault, balances: { ...vault.balances, CONX: balanceOf(vault, 'CONX') + amount } });
  return ok(setEscrow(credited, id, have - amount));
}
