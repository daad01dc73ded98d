/**
 * The six Commons tokens (SPEC §2): who may mint, burn, hold and move each. Per token,
 * supply = Σ balances + Σ escrows, always; only member vaults and Commons vaults hold tokens.
 */
import { type CommonsToken } from '../../money';
import { type Result, err, ok } from '../../result';
import { type Handler, type ModuleError } from '../module';
import { type ActionWith } from '../schema';
import { type Address, type CommonsState } from '../state';
import { balanceOf } from '../balances';
import { fail as failCore } from '../core-errors';
import { FACTIONS, type Faction } from '../identity/state';
import { fail as failVaults } from '../vaults/errors';
import { type Vault } from '../vaults/state';
import { putVault, vaultAt } from '../vaults/vault';
import { checkSpend, recordSpend } from '../vaults/spend-limit';
import { fail } from './errors';
import { type BurnPayload, type MintPayload, type TransferPayload } from './payloads';
import { ROLE_TOKEN } from './state';

/** Only CONX moves freely; COMM moves between one member's own vaults; the rest never move. */
export const TRANSFERABLE: Readonly<Record<CommonsToken, 'free' | 'own-vaults' | 'no'>> = {
  PPT: 'no',
  COMM: 'own-vaults',
  CONX: 'free',
  PDT: 'no',
  PCT: 'no',
  PMT: 'no',
};

/** Member vaults hold every token; Commons vaults hold CONX only (SPEC §2, who may hold). */
export const mayHold = (vault: Vault, token: CommonsToken): boolean => vault.kind === 'member' || token === 'CONX';

const setBalance = (vault: Vault, token: CommonsToken, amount: bigint): Vault => ({
  ...vault,
  balances: { ...vault.balances, [token]: amount },
});

const addSupply = <S extends CommonsState>(state: S, token: CommonsToken, delta: bigint): S => ({
  ...state,
  supplies: { ...state.supplies, [token]: (state.supplies[token] ?? 0n) + delta },
});

function positive(amount: bigint): Result<null, ModuleError> {
  return amount > 0n ? ok(null) : err(fail('InvalidAmount', { amount }));
}

/** Mints `amount` of `token` into a vault that may hold it (the rule of who mints is the caller's). */
export function mintTo<S extends CommonsState>(state: S, to: Address, token: CommonsToken, amount: bigint): Result<S, ModuleError> {
  const vault = vaultAt(state, to);
  if (!vault) return err(failCore('UnknownVault', { vault: to }));
  if (!mayHold(vault, token) || (vault.owner !== null && !state.members.has(vault.owner))) return err(fail('HolderNotAllowed', { vault: to, token }));
  return ok(addSupply(putVault(state, setBalance(vault, token, balanceOf(vault, token) + amount)), token, amount));
}

/** Burns `amount` of `token` from a vault, which must hold it. */
export function burnFrom<S extends CommonsState>(state: S, from: Address, token: CommonsToken, amount: bigint): Result<S, ModuleError> {
  const vault = vaultAt(state, from);
  if (!vault) return err(failCore('UnknownVault', { vault: from }));
  const have = balanceOf(vault, token);
  if (have < amount) return err(fail('InsufficientBalance', { vault: from, token, have, need: amount }));
  return ok(addSupply(putVault(state, setBalance(vault, token, have - amount)), token, -amount));
}

/** The faction whose role token each of PDT, PCT and PMT is (SPEC §2). */
const ROLE_FACTION: Readonly<Partial<Record<CommonsToken, Faction>>> = Object.fromEntries(
  FACTIONS.map((faction) => [ROLE_TOKEN[faction], faction]),
);

/**
 * SPEC §2: the treasury quorum mints PPT (steward-attested participation) and, as the one
 * exception below, role tokens (the authority `treasury` is checked before this runs).
 *
 * Role tokens go to members of their own faction and come from the flows SPEC names: a completed
 * Impact Offer mints the role token of the member's faction (§6), M2M facilitation credits PMT to
 * stakers (§5). From log version 2 on those flows are the only way (`RoleTokenMintedByWork`); a
 * version 1 log, written before they existed, keeps its treasury mints of role tokens, held to the
 * same rule as the flows: PDT only to a Union member, PCT only to a Guild member, PMT only to a
 * Syndicate member (docs/ledger-format.md, "token.mint").
 */
export const mint: Handler<ActionWith<'token.mint', typeof MintPayload>> = (state, action) => {
  const { token, to, amount } = action.payload;
  const valid = positive(amount);
  if (!valid.ok) return valid;
  // COMM and CONX come only from burn-to-COMM/CONX and VELOC draws.
  if (token === 'COMM' || token === 'CONX') return err(fail('MintNotAllowed', { token }));
  if (ROLE_FACTION[token] && state.version >= 2) return err(fail('RoleTokenMintedByWork', { token }));
  const owner = vaultAt(state, to)?.owner;
  const member = owner ? state.members.get(owner) : undefined;
  const needs = ROLE_FACTION[token];
  if (member && needs && member.faction !== needs) return err(fail('RoleTokenFaction', { token, faction: member.faction, needs }));
  // A role token to anything but a member vault is refused by mintTo (HolderNotAllowed).
  return mintTo(state, to, token, amount);
};

export const transfer: Handler<ActionWith<'token.transfer', typeof TransferPayload>> = (state, action, ctx) => {
  const { token, to, amount } = action.payload;
  const valid = positive(amount);
  if (!valid.ok) return valid;
  const rule = TRANSFERABLE[token];
  if (rule === 'no') return err(fail('NonTransferable', { token }));
  const from = vaultAt(state, action.vault);
  if (!from) return err(failCore('UnknownVault', { vault: action.vault }));
  const target = vaultAt(state, to);
  if (!target) return err(failCore('UnknownVault', { vault: to }));
  if (to === action.vault) return err(fail('SelfTransfer', { vault: to }));
  if (rule === 'own-vaults' && (from.owner === null || from.owner !== target.owner)) {
    return err(fail('CommOutsideOwnVaults', { from: from.owner ?? from.address, to: target.owner ?? target.address }));
  }
  const have = balanceOf(from, token);
  if (have < amount) return err(fail('InsufficientBalance', { vault: action.vault, token, have, need: amount }));
  if (!mayHold(target, token)) return err(fail('HolderNotAllowed', { vault: to, token }));
  // A Commons vault's spend limit per period (SPEC §3).
  const withinLimit = checkSpend(from, amount, ctx.time);
  if (!withinLimit.ok) return withinLimit;
  // A transfer leaves the supply as it is: debit and credit in one update.
  return ok(putVault(state, recordSpend(setBalance(from, token, have - amount), amount, ctx.time), setBalance(target, token, balanceOf(target, token) + amount)));
};

function burnPpt<S extends CommonsState>(state: S, action: ActionWith<string, typeof BurnPayload>, token: 'COMM' | 'CONX', rateBps: number): Result<S, ModuleError> {
  const { amount } = action.payload;
  const valid = positive(amount);
  if (!valid.ok) return valid;
  const vault = vaultAt(state, action.vault);
  if (!vault) return err(failCore('UnknownVault', { vault: action.vault }));
  if (vault.kind !== 'member') return err(failVaults('NotAMemberVault', { vault: action.vault }));
  // Rounding favours the Commons (SPEC §0): what is minted rounds down.
  const minted = (amount * BigInt(rateBps)) / 10_000n;
  const burned = burnFrom(state, action.vault, 'PPT', amount);
  if (!burned.ok || minted === 0n) return burned;
  return mintTo(burned.value, action.vault, token, minted);
}

export const burnToComm: Handler<ActionWith<'token.burnToComm', typeof BurnPayload>> = (state, action) => burnPpt(state, action, 'COMM', state.params.burnToCommRateBps);
export const burnToConx: Handler<ActionWith<'token.burnToConx', typeof BurnPayload>> = (state, action) => burnPpt(state, action, 'CONX', state.params.burnToConxRateBps);

/** Σ balances + Σ escrows of a token, to check against its supply. */
export function heldTotal(state: CommonsState, token: CommonsToken): bigint {
  let total = 0n;
  for (const vault of state.vaults.values()) total += balanceOf(vault, token);
  for (const escrow of state.escrows.values()) if (escrow.token === token) total += escrow.amount;
  return total;
}
