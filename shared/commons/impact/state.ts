/**
 * The impact module's slice of the state (SPEC §6): quests, offers and completion credentials.
 *
 * Budget accounting of a quest: `budget` was escrowed when it opened (escrow `quest:<id>`), `paid`
 * left it with completed offers, `reserved` is held for accepted offers (Σ of their `reserved`).
 * The escrow holds `budget − paid` exactly; what a new offer may still claim is
 * `budget − paid − reserved`.
 */
import { type OrderedMap } from 'immutable';
import { type Address, type CommonsState } from '../state';
import { type Faction } from '../identity/state';

export interface Quest {
  readonly id: string;
  readonly title: string;
  readonly sponsor: Faction;
  readonly coSponsors: readonly Faction[];
  readonly budget: bigint;
  readonly reserved: bigint;
  readonly paid: bigint;
  /** The verifiers' Commons vault, created when the quest opened. */
  readonly verifiers: Address;
  readonly openedAt: number;
}

/**
 * SPEC §6: `open → accepted → submitted → completed`, `→ failed`; `disputed` and `resolved` come
 * with the Judicial Loop (issue 14), which moves an offer there and back.
 */
export const OFFER_STATES = ['open', 'accepted', 'submitted', 'completed', 'failed', 'disputed', 'resolved'] as const;
export type OfferState = (typeof OFFER_STATES)[number];

/** Every move the offer machine allows, by action (the only place the machine is written). */
export const OFFER_MOVES = {
  'offer.accept': { from: ['open'], to: 'accepted' },
  'offer.submit': { from: ['accepted'], to: 'submitted' },
  'offer.complete': { from: ['submitted'], to: 'completed' },
  'offer.fail': { from: ['open', 'accepted', 'submitted'], to: 'failed' },
} as const satisfies Record<string, { from: readonly OfferState[]; to: OfferState }>;
export type OfferMove = keyof typeof OFFER_MOVES;

export interface Reward {
  readonly conx: bigint;
  readonly ppt: bigint;
  /** Of the role token of the member's faction at completion (PDT, PCT or PMT). */
  readonly role: bigint;
}

export interface Offer {
  readonly id: string;
  readonly quest: string;
  /** The member's vault that posted it: the reward and working capital go there. */
  readonly holder: Address;
  /** The member's DID. */
  readonly member: string;
  readonly deliverable: string;
  readonly reward: Reward;
  readonly state: OfferState;
  /** Of the quest's budget, held for this offer now: its CONX reward from acceptance to completion or failure. */
  readonly reserved: bigint;
  readonly postedAt: number;
  readonly acceptedAt: number | null;
  readonly submittedAt: number | null;
  /** When it completed or failed. */
  readonly closedAt: number | null;
  /** Why the verifiers failed it. */
  readonly failReason: string | null;
}

/** SPEC §1, §6: the completion credential the Commons issues to the member. */
export interface CompletionCredential {
  readonly id: string;
  readonly member: string;
  readonly quest: string;
  readonly offer: string;
  readonly issuedAt: number;
}

declare module '../state' {
  interface CommonsState {
    readonly quests: OrderedMap<string, Quest>;
    readonly offers: OrderedMap<string, Offer>;
    readonly credentials: OrderedMap<string, CompletionCredential>;
  }
}

export type ImpactSlice = Pick<CommonsState, 'quests' | 'offers' | 'credentials'>;

/** The escrow that holds a quest's budget less what it paid. */
export const questEscrowId = (quest: string) => `quest:${quest}`;
export const credentialId = (offer: string) => `completion:${offer}`;
