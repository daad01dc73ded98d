/** The tokens module's errors (SPEC §2), each with its sentence. */
import { type CommonsToken, formatAsset } from '../../money';
import { type E, type Sentences, failWith } from '../module';
import { short } from '../words';
import { type Faction } from '../identity/state';

export type TokensError =
  | E<'InvalidAmount', { amount: bigint }>
  | E<'InsufficientBalance', { vault: string; token: CommonsToken; have: bigint; need: bigint }>
  | E<'NonTransferable', { token: CommonsToken }>
  | E<'CommOutsideOwnVaults', { from: string; to: string }>
  | E<'MintNotAllowed', { token: CommonsToken }>
  | E<'RoleTokenMintedByWork', { token: CommonsToken }>
  | E<'RoleTokenFaction', { token: CommonsToken; faction: Faction; needs: Faction }>
  | E<'HolderNotAllowed', { vault: string; token: CommonsToken }>
  | E<'SelfTransfer', { vault: string }>;

export const tokensSentences: Sentences<TokensError> = {
  InvalidAmount: (e) => `The amount ${e.amount.toString()} (minor units) is not valid: an amount must be above zero.`,
  InsufficientBalance: (e) => `Vault ${short(e.vault)} holds ${formatAsset(e.have, e.token)} and needs ${formatAsset(e.need, e.token)}.`,
  NonTransferable: (e) => `${e.token} cannot be transferred (SPEC §2).`,
  CommOutsideOwnVaults: (e) => `COMM moves only between a member's own vaults; ${short(e.from)} and ${short(e.to)} belong to different members.`,
  MintNotAllowed: (e) => `${e.token} is never minted directly: it comes only from burning PPT or from VELOC draws.`,
  RoleTokenMintedByWork: (e) => `${e.token} is not minted by the treasury: a role token comes only from a completed Impact Offer or, for PMT, from an M2M stake being repaid (SPEC §2, §5, §6).`,
  RoleTokenFaction: (e) => `${e.token} is for members of the ${e.needs}; this member is in the ${e.faction}.`,
  HolderNotAllowed: (e) => `Vault ${short(e.vault)} may not hold ${e.token}: Commons vaults hold CONX only, and a member's vault only while its owner is a member.`,
  SelfTransfer: (e) => `A transfer from vault ${short(e.vault)} to itself does nothing.`,
};

export const fail = failWith<TokensError>(tokensSentences);
