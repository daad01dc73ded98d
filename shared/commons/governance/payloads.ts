/**
 * The governance module's action payloads (SPEC §7, docs/ledger-format.md "Governance").
 *
 * A proposal carries its effect: the one action that executes it once it passed, as its kind and
 * payload. The ledger records the payload's hash (the canonical hash a VaultAction's payloadHash
 * uses, shared/crypto/canonical.ts) and, at execution, holds the executing action to that kind and
 * hash. The effect's payload names its own proposal, so an effect can execute only the proposal
 * that carries it.
 */
import { z } from 'zod';
import { NonNegativeAmount } from '../../money';
import { FACTIONS } from '../identity/state';
import { QuestOpenPayload } from '../impact/payloads';
import { SetParamsPayload } from '../params/payloads';
import { Address, Hash, SignerSpec } from '../schema';

const Faction = z.enum(FACTIONS);

/** SPEC §7: the kinds of proposal. */
export const PROPOSAL_KINDS = ['paramChange', 'questApproval', 'lossSharing', 'treasurySpend', 'attestorChange', 'stewardChange'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

/** SPEC §7: kinds that concern all members alike are one member, one vote (anonymous ballots); the others are burn votes. */
export const ONE_MEMBER_ONE_VOTE: Readonly<Record<ProposalKind, boolean>> = {
  paramChange: false,
  questApproval: false,
  lossSharing: true,
  treasurySpend: false,
  attestorChange: true,
  stewardChange: false,
};

/** Who votes: every faction (`all`), or the factions named. */
export const Scope = z.union([z.literal('all'), z.array(Faction).min(1).max(3)]);
export type Scope = z.output<typeof Scope>;

/** `treasury.spend` (a passed treasurySpend): CONX from the treasury to a vault (Commons vaults hold CONX only, SPEC §2). */
export const TreasurySpendPayload = z.strictObject({ proposal: Hash, to: Address, token: z.literal('CONX'), amount: NonNegativeAmount });

/** `attestor.set` (a passed attestorChange): attestor keys added and removed (SPEC §1). */
export const AttestorSetPayload = z.strictObject({ proposal: Hash, add: z.array(Address).max(15), remove: z.array(Address).max(15) });

/** `steward.change` (a passed stewardChange): the treasury's signers and threshold, who also seal entries as sequencers (SPEC §3, §11). */
export const StewardChangePayload = z.strictObject({ proposal: Hash, signers: z.array(SignerSpec).min(1).max(15), threshold: z.number().int() });

/** `loss.share` (a passed lossSharing): a loss moved into Commons loss sharing, billed at the next patronage close (SPEC §8, §9). */
export const LossSharePayload = z.strictObject({ proposal: Hash, amount: NonNegativeAmount, reason: z.string().min(1).max(500) });

/** `quest.openApproved` (a passed questApproval): the quest opens as `quest.open` opens it, its budget from the treasury (SPEC §6). */
export const QuestOpenApprovedPayload = z.strictObject({ proposal: Hash, quest: QuestOpenPayload });

/** The action each kind of proposal executes, with its payload. */
export const Effect = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('params.set'), payload: SetParamsPayload }),
  z.strictObject({ action: z.literal('quest.openApproved'), payload: QuestOpenApprovedPayload }),
  z.strictObject({ action: z.literal('loss.share'), payload: LossSharePayload }),
  z.strictObject({ action: z.literal('treasury.spend'), payload: TreasurySpendPayload }),
  z.strictObject({ action: z.literal('attestor.set'), payload: AttestorSetPayload }),
  z.strictObject({ action: z.literal('steward.change'), payload: StewardChangePayload }),
]);
export type Effect = z.output<typeof Effect>;
export type EffectAction = Effect['action'];

/** The effect each kind of proposal must carry. */
export const EFFECT_OF: Readonly<Record<ProposalKind, EffectAction>> = {
  paramChange: 'params.set',
  questApproval: 'quest.openApproved',
  lossSharing: 'loss.share',
  treasurySpend: 'treasury.spend',
  attestorChange: 'attestor.set',
  stewardChange: 'steward.change',
};

/**
 * `proposal.create` (the author's member vault, the author's own key among the signatures). The id
 * is a 32-byte value below the BN254 field's order (the scope of anonymous ballots, shared/zk/field.ts
 * `fieldId`), chosen by the author and unique in the Commons.
 */
export const ProposalCreatePayload = z.strictObject({
  id: Hash,
  kind: z.enum(PROPOSAL_KINDS),
  scope: Scope,
  title: z.string().min(1).max(200),
  text: z.string().max(10_000),
  effect: Effect,
});

export const SUPPORT = ['yes', 'no', 'abstain'] as const;
export type Support = (typeof SUPPORT)[number];

/** `proposal.vote` (the voter's member vault): burns `amount` of `token` for `support`; weight = amount (SPEC §7). */
export const ProposalVotePayload = z.strictObject({
  proposal: Hash,
  token: z.enum(['PPT', 'PDT', 'PCT', 'PMT']),
  amount: NonNegativeAmount,
  support: z.enum(SUPPORT),
});

/** `proposal.cancel` (the author's vault, while the proposal is pending). */
export const ProposalCancelPayload = z.strictObject({ proposal: Hash });
