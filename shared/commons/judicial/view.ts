/**
 * What the views show of the Judicial Loop (SPEC §8). Field names are stable (the dispute page
 * builds on them). CommonsView `disputes[]` and `c3 state --json` `disputes[]`, the same fields:
 * `id, subject {kind, id}, claim, amount, openedBy, openedAt, parties[{vault, did, role, faction}],
 * defaulter, round, panel[] (DIDs), panelVault, stage, deadline` (the current step's, or null),
 * `resolution` (or null) `{kind, note, reward?, instalments?, loss?, sharedBps?}`, `answers[]`,
 * `votes {for, against, voters[]}`, `voteOpenedAt, electorate, waivers[]` (signed votes: who voted is public, SPEC §8 excludes parties by
 * name), `appealed, ruling, settlement, repaid, params, timeline[]`.
 */
import { z } from 'zod';
import { Amount } from '../../money';
import { type ModuleView } from '../module';
import { type CommonsState } from '../state';
import { Address, Faction } from '../view-schema';
import { DISPUTE_STAGES, type Dispute, PARTY_ROLES, SUBJECT_KINDS } from './state';

const Time = z.number().int().nonnegative();
const ResolutionView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('completeWithAdjustments'), note: z.string(), reward: z.object({ conx: Amount, ppt: Amount, role: Amount }) }),
  z.object({ kind: z.literal('repaymentSchedule'), note: z.string(), instalments: z.array(z.object({ dueAt: Time, amount: Amount })) }),
  z.object({ kind: z.literal('sharedLoss'), note: z.string(), loss: Amount, sharedBps: z.number().int() }),
]);

export const DisputeView = z.object({
  id: z.string(),
  subject: z.object({ kind: z.enum(SUBJECT_KINDS), id: z.string() }),
  claim: z.string(),
  amount: Amount,
  openedBy: Address,
  openedAt: Time,
  parties: z.array(z.object({ vault: Address, did: z.string().nullable(), role: z.enum(PARTY_ROLES), faction: Faction.nullable() })),
  defaulter: Address,
  round: z.number().int().positive(),
  panel: z.array(z.string()),
  panelVault: Address,
  stage: z.enum(DISPUTE_STAGES),
  deadline: Time.nullable(),
  resolution: ResolutionView.nullable(),
  answers: z.array(z.object({ vault: Address, answer: z.enum(['accepted', 'rejected']), at: Time, reason: z.string().nullable() })),
  votes: z.object({ for: z.number().int(), against: z.number().int(), voters: z.array(z.string()) }),
  /** When the community vote opened and how many members it counts (fixed then). */
  voteOpenedAt: Time.nullable(),
  electorate: z.number().int().nonnegative(),
  /** Parties that accepted the ruling in the appeal window (waiving their appeal). */
  waivers: z.array(Address),
  appealed: z.boolean(),
  ruling: z
    .object({ outcome: z.enum(['upheld', 'dismissed']), by: z.enum(['parties', 'vote', 'default']), against: Address.nullable(), resolution: ResolutionView.nullable(), at: Time })
    .nullable(),
  settlement: z
    .object({
      at: Time,
      kind: z.enum(['completeWithAdjustments', 'repaymentSchedule', 'sharedLoss', 'dismissed']),
      loss: Amount,
      fromCollateral: Amount,
      fromVault: Amount,
      fromReserve: Amount,
      shared: Amount,
      paidToHolder: Amount,
      creditors: z.array(z.object({ id: z.string(), vault: Address, outstanding: Amount, recovered: Amount, shared: Amount, borne: Amount })),
    })
    .nullable(),
  repaid: Amount,
  params: z.object({ panelSize: z.number().int(), stepSeconds: z.number().int(), appealWindowSeconds: z.number().int(), lossReserveMaxShareBps: z.number().int(), lossSharingMaxBps: z.number().int() }),
  timeline: z.array(z.object({ at: Time, event: z.string(), detail: z.string() })),
});
export type DisputeView = z.infer<typeof DisputeView>;

const resolutionView = (r: Dispute['resolution']) => (r === null ? null : r.kind === 'repaymentSchedule' ? { ...r, instalments: r.instalments.map((i) => ({ ...i })) } : { ...r });

export function disputeView(d: Dispute): DisputeView {
  const yes = d.votes.filter((v) => v.support === 'for').length;
  return {
    id: d.id,
    subject: { ...d.subject },
    claim: d.claim,
    amount: d.amount,
    openedBy: d.openedBy,
    openedAt: d.openedAt,
    parties: d.parties.map((p) => ({ ...p })),
    defaulter: d.defaulter,
    round: d.round,
    panel: [...d.panel],
    panelVault: d.panelVault,
    stage: d.stage,
    deadline: d.deadline,
    resolution: resolutionView(d.resolution),
    answers: d.answers.map((a) => ({ ...a })),
    votes: { for: yes, against: d.votes.length - yes, voters: d.votes.map((v) => v.did) },
    voteOpenedAt: d.voteOpenedAt,
    electorate: d.electorate,
    waivers: [...d.waivers],
    appealed: d.appealed,
    ruling: d.ruling === null ? null : { ...d.ruling, resolution: resolutionView(d.ruling.resolution) },
    settlement: d.settlement === null ? null : { ...d.settlement, creditors: d.settlement.creditors.map((c) => ({ ...c })) },
    repaid: d.repaid,
    params: { ...d.params },
    timeline: d.timeline.map((t) => ({ ...t })),
  };
}

const shape = {
  disputes: z.array(DisputeView),
  /** The loss reserve's balance and what is queued for Commons loss sharing (the dispute page shows the loss order against them). */
  lossReserve: z.object({ balance: Amount, sharedLossDue: Amount }),
};

export const judicialView: ModuleView<object, typeof shape> = {
  state: (state: CommonsState) => ({ disputes: [...state.disputes.values()].map(disputeView) }),
  commons: {
    shape,
    of: (state: CommonsState) => ({
      disputes: [...state.disputes.values()].map(disputeView),
      lossReserve: { balance: state.lossReserve.balance, sharedLossDue: state.lossReserve.sharedLossDue },
    }),
  },
};
