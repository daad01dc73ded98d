/**
 * The Judicial Loop's slice of the state (SPEC §8): disputes on an offer, a stake request or a
 * collateral claim, each with the parameters in force when it opened (they govern it to the end),
 * its parties, its mediator panel, the step it is at and that step's deadline, the resolution the
 * panel proposed, the parties' answers, the community vote, the ruling and what executing it did.
 *
 * The stages (one deadline each, `deadline` below; times are entry times, SPEC §0):
 * - `mediation`: the panel proposes a resolution (`dispute.propose`, the panel's Commons vault).
 *   Missed: the claim stands by default against the respondent (a shared loss of the claimed
 *   amount, nothing moved into Commons loss sharing), open to appeal.
 * - `acceptance`: every party accepts or rejects. All accept → it executes at once (unless it moves
 *   loss into Commons loss sharing, which only a community vote may do: then `vote`). One rejects →
 *   `vote`. A party that has not answered by the deadline loses by default: it is taken to accept.
 * - `vote`: members not party to it vote for or against the resolution, one member one vote.
 *   At the deadline: more for than against → upheld, otherwise dismissed; then `appeal`.
 * - `appeal`: a party may appeal once (a new panel, drawn without the earlier panelists, mediates
 *   again); at the deadline the ruling executes.
 * - `repaying`: a repayment schedule runs; an instalment missed → the loss order on what is unpaid.
 * - `closed`.
 */
import { type OrderedMap } from 'immutable';
import { type Address, type CommonsState } from '../state';
import { type Faction } from '../identity/state';

export const SUBJECT_KINDS = ['offer', 'stake', 'collateral'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];
export interface Subject {
  readonly kind: SubjectKind;
  /** An offer id, a stake request id (`<offer>/<n>`), or the vault of a credit line. */
  readonly id: string;
}

export const DISPUTE_STAGES = ['mediation', 'acceptance', 'vote', 'appeal', 'repaying', 'closed'] as const;
export type DisputeStage = (typeof DISPUTE_STAGES)[number];

/** The parameters in force when the dispute opened (SPEC §8: they govern it to the end). */
export interface DisputeParams {
  readonly panelSize: number;
  readonly stepSeconds: number;
  readonly appealWindowSeconds: number;
  readonly lossReserveMaxShareBps: number;
  readonly lossSharingMaxBps: number;
}

export const PARTY_ROLES = ['holder', 'staker', 'member', 'treasury'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];
export interface DisputeParty {
  readonly vault: Address;
  /** The member's DID; null for the treasury. */
  readonly did: string | null;
  readonly role: PartyRole;
  readonly faction: Faction | null;
}

export interface Instalment {
  readonly dueAt: number;
  readonly amount: bigint;
}

export type Resolution =
  | { readonly kind: 'completeWithAdjustments'; readonly reward: { readonly conx: bigint; readonly ppt: bigint; readonly role: bigint }; readonly note: string }
  | { readonly kind: 'repaymentSchedule'; readonly instalments: readonly Instalment[]; readonly note: string }
  | { readonly kind: 'sharedLoss'; readonly loss: bigint; readonly sharedBps: number; readonly note: string };
export type ResolutionKind = Resolution['kind'];

export interface Answer {
  readonly vault: Address;
  readonly answer: 'accepted' | 'rejected';
  readonly at: number;
  readonly reason: string | null;
}

export interface Vote {
  readonly did: string;
  readonly support: 'for' | 'against';
  readonly at: number;
}

export interface Ruling {
  readonly outcome: 'upheld' | 'dismissed';
  /** Who decided: the parties (all accepted), the community vote, or a missed deadline. */
  readonly by: 'parties' | 'vote' | 'default';
  /** The vault that missed the deadline, for a default ruling. */
  readonly against: Address | null;
  readonly resolution: Resolution | null;
  readonly at: number;
}

/** One creditor's outcome under the loss order (SPEC §8). */
export interface CreditorShare {
  readonly id: string;
  readonly vault: Address;
  readonly outstanding: bigint;
  /** Paid back now, from the defaulter and the loss reserve. */
  readonly recovered: bigint;
  /** Moved into Commons loss sharing for them (billed to members at the next period close, SPEC §9). */
  readonly shared: bigint;
  /** What they bear. */
  readonly borne: bigint;
}

/** What executing a ruling did. */
export interface Settlement {
  readonly at: number;
  readonly kind: ResolutionKind | 'dismissed';
  readonly loss: bigint;
  readonly fromCollateral: bigint;
  readonly fromVault: bigint;
  readonly fromReserve: bigint;
  readonly shared: bigint;
  readonly creditors: readonly CreditorShare[];
  /** Completion with adjustments: CONX paid to the holder (after the stakers), PPT and role token minted. */
  readonly paidToHolder: bigint;
}

export interface TimelineEvent {
  readonly at: number;
  readonly event: string;
  readonly detail: string;
}

export interface Dispute {
  readonly id: string;
  readonly subject: Subject;
  readonly claim: string;
  readonly amount: bigint;
  /** The canonical hash of what opened it: the panel's seed. */
  readonly hash: string;
  readonly openedBy: Address;
  readonly openedAt: number;
  readonly params: DisputeParams;
  readonly parties: readonly DisputeParty[];
  /** The member whose loss order comes first (the offer's holder, the line's member). */
  readonly defaulter: Address;
  /** DIDs never on the panel: the parties and every staker of the disputed offer. */
  readonly excluded: readonly string[];
  readonly round: number;
  readonly panel: readonly string[];
  readonly panelVault: Address;
  /** Panelists of earlier rounds (an appeal draws others). */
  readonly pastPanelists: readonly string[];
  readonly stage: DisputeStage;
  readonly deadline: number | null;
  readonly resolution: Resolution | null;
  readonly answers: readonly Answer[];
  readonly votes: readonly Vote[];
  /** When the community vote opened, and how many members it counts (not party to it, enrolled by then). */
  readonly voteOpenedAt: number | null;
  readonly electorate: number;
  /** Parties that accepted the ruling in the appeal window, waiving their appeal. */
  readonly waivers: readonly Address[];
  readonly appealed: boolean;
  readonly ruling: Ruling | null;
  readonly settlement: Settlement | null;
  /** A repayment schedule under way: CONX paid so far. */
  readonly repaid: bigint;
  /** The offer's state before it was disputed (restored when the claim is dismissed). */
  readonly offerStateBefore: string | null;
  readonly timeline: readonly TimelineEvent[];
}

declare module '../state' {
  interface CommonsState {
    /** SPEC §8: disputes by id, in the order they opened. */
    readonly disputes: OrderedMap<string, Dispute>;
  }
}

export type JudicialSlice = Pick<CommonsState, 'disputes'>;

export const disputeEscrowId = (dispute: string) => `dispute:${dispute}`;
export const panelSalt = (dispute: string, round: number) => `dispute-panel:${dispute}:${round}`;
