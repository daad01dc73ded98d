/** The Judicial Loop's errors (SPEC §8), each with its sentence and numbers. */
import { DECIMALS, formatAmount } from '../../money';
import { type E, type Sentences, failWith } from '../module';
import { short } from '../words';
import { conx } from '../impact/errors';

const when = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');
const bps = (b: number) => `${formatAmount(BigInt(b), 2)} %`;

export type JudicialError =
  | E<'DisputeExists', { dispute: string }>
  | E<'UnknownDispute', { dispute: string }>
  | E<'UnknownSubject', { subject: string; id: string }>
  | E<'SubjectNotDisputable', { subject: string; id: string; state: string }>
  | E<'SubjectAlreadyDisputed', { subject: string; id: string; dispute: string }>
  | E<'NotAPartyToSubject', { subject: string; id: string; vault: string }>
  | E<'PanelTooSmall', { dispute: string; eligible: number; needed: number }>
  | E<'NotThePanel', { dispute: string; vault: string; panel: string }>
  | E<'NotAParty', { dispute: string; vault: string }>
  | E<'DisputeNotAtStage', { dispute: string; action: string; stage: string; needs: string[] }>
  | E<'DeadlinePassed', { dispute: string; deadline: number; time: number }>
  | E<'ResolutionNotForSubject', { dispute: string; resolution: string; subject: string }>
  | E<'AdjustedRewardTooHigh', { dispute: string; token: string; adjusted: bigint; reward: bigint }>
  | E<'ScheduleMismatch', { dispute: string; scheduled: bigint; owed: bigint }>
  | E<'ScheduleNotAhead', { dispute: string; dueAt: number; after: number }>
  | E<'LossAboveOwed', { dispute: string; loss: bigint; owed: bigint }>
  | E<'SharedShareAboveMax', { dispute: string; sharedBps: number; max: number }>
  | E<'AlreadyAnswered', { dispute: string; vault: string }>
  | E<'PartyMayNotVote', { dispute: string; member: string }>
  | E<'AlreadyVotedOnDispute', { dispute: string; member: string }>
  | E<'AppealUsed', { dispute: string }>
  | E<'NotInElectorate', { dispute: string; member: string; enrolledAt: number; voteOpenedAt: number }>
  | E<'NotTheDebtor', { dispute: string; vault: string; debtor: string }>
  | E<'PaymentAboveOwed', { dispute: string; amount: bigint; owed: bigint }>
  | E<'CollateralUnderDispute', { vault: string; dispute: string }>;

export const judicialSentences: Sentences<JudicialError> = {
  DisputeExists: (e) => `A dispute with the id ${e.dispute} already exists; a dispute's id is used once.`,
  UnknownDispute: (e) => `No dispute ${e.dispute} exists in this Commons.`,
  UnknownSubject: (e) => `No ${e.subject} ${e.id} exists in this Commons to dispute.`,
  SubjectNotDisputable: (e) => `The ${e.subject} ${e.id} is ${e.state}; only an accepted, submitted or failed offer, a stake request with stakes, or a credit line can be disputed (SPEC §8).`,
  SubjectAlreadyDisputed: (e) => `The ${e.subject} ${e.id} is already under dispute ${e.dispute}; one dispute at a time.`,
  NotAPartyToSubject: (e) => `${short(e.vault)} is not a party to the ${e.subject} ${e.id}; only a party may open a dispute on it (SPEC §8).`,
  PanelTooSmall: (e) =>
    `Dispute ${e.dispute} needs a mediator panel of ${e.needed}, and only ${e.eligible} members are eligible (members of factions not party to it, never a party or a staker of the offer, SPEC §8).`,
  NotThePanel: (e) => `Only the mediator panel of dispute ${e.dispute} (vault ${short(e.panel)}) proposes its resolution; ${short(e.vault)} is not that vault.`,
  NotAParty: (e) => `${short(e.vault)} is not a party to dispute ${e.dispute}.`,
  DisputeNotAtStage: (e) => `Dispute ${e.dispute} is at ${e.stage}; ${e.action} needs it at ${e.needs.join(' or ')}.`,
  DeadlinePassed: (e) => `The deadline of this step of dispute ${e.dispute} was ${when(e.deadline)}; it is now ${when(e.time)}.`,
  ResolutionNotForSubject: (e) => `A ${e.resolution} resolution does not apply to a dispute on a ${e.subject} (dispute ${e.dispute}).`,
  AdjustedRewardTooHigh: (e) =>
    `The adjusted ${e.token} reward of ${formatAmount(e.adjusted, DECIMALS.CONX)} ${e.token} exceeds the offer's reward of ${formatAmount(e.reward, DECIMALS.CONX)} ${e.token} (dispute ${e.dispute}).`,
  ScheduleMismatch: (e) => `The instalments of dispute ${e.dispute} add up to ${conx(e.scheduled)}; they must repay exactly what is owed, ${conx(e.owed)}.`,
  ScheduleNotAhead: (e) => `An instalment of dispute ${e.dispute} falls due at ${when(e.dueAt)}, not after ${when(e.after)}; instalments fall due in order, after the proposal.`,
  LossAboveOwed: (e) => `A shared loss of ${conx(e.loss)} exceeds what the creditors of dispute ${e.dispute} are owed, ${conx(e.owed)}.`,
  SharedShareAboveMax: (e) => `At most ${bps(e.max)} of what remains may move into Commons loss sharing; dispute ${e.dispute}'s resolution asks ${bps(e.sharedBps)} (SPEC §8).`,
  AlreadyAnswered: (e) => `${short(e.vault)} has already answered the resolution of dispute ${e.dispute}; answers are final.`,
  PartyMayNotVote: (e) => `${short(e.member)} is a party to dispute ${e.dispute}; the community vote is of members not party to it (SPEC §8).`,
  AlreadyVotedOnDispute: (e) => `${short(e.member)} has already voted on dispute ${e.dispute}; one member, one vote.`,
  NotInElectorate: (e) =>
    `${short(e.member)} enrolled at ${when(e.enrolledAt)}, after the community vote on dispute ${e.dispute} opened (${when(e.voteOpenedAt)}); its electorate was fixed then.`,
  AppealUsed: (e) => `Dispute ${e.dispute} was already appealed once; the second ruling is final.`,
  NotTheDebtor: (e) => `Only the debtor of dispute ${e.dispute} (${short(e.debtor)}) pays its instalments; ${short(e.vault)} is not.`,
  CollateralUnderDispute: (e) => `The collateral of the credit line of ${short(e.vault)} is frozen while dispute ${e.dispute} on it is open (SPEC §8): none of it leaves the line until the dispute closes.`,
  PaymentAboveOwed: (e) => `This payment of ${conx(e.amount)} exceeds what dispute ${e.dispute}'s schedule still owes, ${conx(e.owed)}.`,
};

export const fail = failWith<JudicialError>(judicialSentences);
