/**
 * The snapshot a proposal records at creation (SPEC §7): what each member held of the voting
 * tokens, and each faction's supply that quorum is measured against.
 */
import { Map as ImmutableMap } from 'immutable';
import { balanceOf } from '../balances';
import { type Faction } from '../identity/state';
import { type CommonsState } from '../state';
import { ROLE_TOKEN } from '../tokens/state';
import { type Holding, VOTING_TOKENS } from './state';

/** Every member holding a voting token, with their holdings summed over their vaults and their primary faction now. */
export function holdingsAt(state: CommonsState): ImmutableMap<string, Holding> {
  const holdings = ImmutableMap<string, Holding>().asMutable();
  for (const vault of state.vaults.values()) {
    if (vault.kind !== 'member' || vault.owner === null) continue;
    const member = state.members.get(vault.owner);
    if (!member) continue;
    if (VOTING_TOKENS.every((token) => balanceOf(vault, token) === 0n)) continue;
    const before = holdings.get(member.did) ?? { faction: member.faction, PPT: 0n, PDT: 0n, PCT: 0n, PMT: 0n };
    holdings.set(member.did, {
      faction: member.faction,
      PPT: before.PPT + balanceOf(vault, 'PPT'),
      PDT: before.PDT + balanceOf(vault, 'PDT'),
      PCT: before.PCT + balanceOf(vault, 'PCT'),
      PMT: before.PMT + balanceOf(vault, 'PMT'),
    });
  }
  return holdings.asImmutable();
}

/**
 * A faction's voting supply at the snapshot: the PPT its members held (PPT counts in the voter's
 * primary faction) and its role token, whoever held it (a role token counts in its own faction).
 */
export function factionSupply(snapshot: ImmutableMap<string, Holding>, faction: Faction): bigint {
  const role = ROLE_TOKEN[faction] as 'PDT' | 'PCT' | 'PMT';
  let supply = 0n;
  for (const holding of snapshot.values()) supply += (holding.faction === faction ? holding.PPT : 0n) + holding[role];
  return supply;
}
