/**
 * What the dashboard shows of a Commons: members, vaults and balances as folded from its
 * verified ledger. It is a read model (a projection), never a source of truth.
 */
import { z } from 'zod';
import { Amount } from '../money';

export const Faction = z.enum(['Union', 'Guild', 'Syndicate']);
export type Faction = z.infer<typeof Faction>;
export const Tier = z.enum(['None', 'Bronze', 'Silver', 'Gold']);
export const TokenSymbol = z.enum(['PPT', 'COMM', 'CONX', 'PDT', 'PCT', 'PMT']);
export const Address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'a 20-byte hex address');
export const Hex32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'a 32-byte hex value');

/** Balances per token; a token not held is absent. */
export const Balances = z.partialRecord(TokenSymbol, Amount);

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

export const SignerView = z.object({
  address: Address,
  label: z.string(),
  /** The derivation path the signer's device signs with (SPEC §3). */
  path: z.string(),
  device: z.enum(['ledger', 'trezor', 'unknown']),
  emulated: z.boolean(),
});

export const VaultView = z.object({
  address: Address,
  name: z.string(),
  kind: z.enum(['member', 'commons']),
  owner: z.string().nullable(),
  threshold: z.number().int().min(1).max(15),
  signers: z.array(SignerView).min(1).max(15),
  nonce: z.number().int().nonnegative(),
  balances: Balances,
});

export const CommonsView = z.object({
  commonsId: Hex32,
  name: z.string(),
  demo: z.boolean(),
  height: z.number().int().nonnegative(),
  headHash: Hex32,
  /** The last entry's time (seconds, SPEC §0): what "now" is for the ledger. */
  time: z.number().int().nonnegative(),
  verifiedAt: z.number().int().nonnegative().nullable(),
  members: z.array(MemberView),
  vaults: z.array(VaultView),
  supplies: Balances,
  /** Member-tree leaves (commitments in enrolment order), for anonymous proofs over it. */
  memberLeaves: z.array(z.string()),
  /** The treasury vault, which relays anonymous actions as sequencer (SPEC §7, §11). */
  treasury: Address,
  /** Attestor keys registered by the treasury quorum (SPEC §1). */
  attestors: z.array(Address),
  /** Anonymous one-member-one-vote tallies by proposal id (SPEC §7). */
  ballots: z.record(z.string(), z.object({ yes: z.number().int(), no: z.number().int(), abstain: z.number().int() })),
});
export type CommonsView = z.infer<typeof CommonsView>;
export type VaultView = z.infer<typeof VaultView>;
export type MemberView = z.infer<typeof MemberView>;
