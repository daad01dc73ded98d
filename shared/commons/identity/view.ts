/** What the views show of members and attestors: `c3 state --json` and the dashboard's CommonsView. */
import { z } from 'zod';
import { COMMONS_TOKENS, type CommonsToken } from '../../money';
import { nonZero } from '../balances';
import { type ModuleView } from '../module';
import { type CommonsState } from '../state';
import { Address, Balances, Faction, Tier } from '../view-schema';
import { type IdentitySlice, type Member } from './state';

/** A member's holdings: the sum over their vaults. */
export function memberBalances(state: CommonsState, member: Member): Partial<Record<CommonsToken, bigint>> {
  const total: Partial<Record<CommonsToken, bigint>> = {};
  for (const address of member.vaults) {
    const vault = state.vaults.get(address);
    if (!vault) continue;
    for (const token of COMMONS_TOKENS) total[token] = (total[token] ?? 0n) + (vault.balances[token] ?? 0n);
  }
  return nonZero(total);
}

export const MemberView = z.object({
  did: z.string(),
  label: z.string(),
  faction: Faction,
  tier: Tier,
  balances: Balances,
  /** The member's MEID commitment C, whose enrolment proof the ledger verified (SPEC §1). */
  commitment: z.string(),
  enrolledAt: z.number().int().nonnegative(),
});
export type MemberView = z.infer<typeof MemberView>;

const shape = {
  members: z.array(MemberView),
  /** Member-tree leaves (commitments in enrolment order), for anonymous proofs over it. */
  memberLeaves: z.array(z.string()),
  /** Attestor keys registered by the treasury quorum (SPEC §1). */
  attestors: z.array(Address),
};

export const identityView: ModuleView<IdentitySlice, typeof shape> = {
  state: (state) => ({
    attestors: Object.keys(state.attestors),
    members: [...state.members.values()].map((m) => ({
      did: m.did,
      label: m.label,
      faction: m.faction,
      factionSince: m.factionSince,
      tier: m.tier,
      enrolledAt: m.enrolledAt,
      vaults: m.vaults,
      balances: memberBalances(state, m),
    })),
  }),
  commons: {
    shape,
    of: (state) => ({
      members: [...state.members.values()].map((m) => ({
        did: m.did,
        label: m.label,
        faction: m.faction,
        tier: m.tier,
        balances: memberBalances(state, m),
        commitment: m.commitment,
        enrolledAt: m.enrolledAt,
      })),
      memberLeaves: [...state.memberTree.leaves],
      attestors: Object.keys(state.attestors),
    }),
  },
};
