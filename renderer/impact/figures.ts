/**
 * What the Impact board computes from the Commons' view (never from the log): quests' budgets as
 * bars, an offer's progress along its states, and whose offers and decisions are whose. Pure, so
 * that it is tested apart from React.
 */
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { DECIMALS, formatAmount, formatAsset } from '../../shared/money';
import { type StackRow } from '../ui/StackedBars';

export type QuestView = CommonsView['quests'][number];
export type OfferView = CommonsView['offers'][number];

export const conx = (amount: bigint) => formatAsset(amount, 'CONX');
/** A figure without its token, for a bar's “part / whole TOKEN”. */
export const amount = (minor: bigint) => formatAmount(minor, DECIMALS.CONX, { maxFractionDigits: 2 });

/** A quest's budget as a bar: paid, reserved for accepted offers, and (the empty track) what offers may still claim. */
export function questRow(quest: QuestView): StackRow {
  return {
    label: quest.id,
    total: quest.budget,
    parts: [
      { label: 'paid', value: quest.paid, tone: 'accent' },
      { label: 'reserved', value: quest.reserved, tone: 'warn' },
    ],
    display: `${amount(quest.paid)} / ${conx(quest.budget)} paid`,
  };
}

/** The path an offer walks (SPEC §6); failed, disputed and resolved leave it. */
const PATH = ['open', 'accepted', 'submitted', 'completed'] as const;

export interface OfferProgress {
  /** Steps done of the path's three (open → accepted → submitted → completed). */
  readonly step: number;
  readonly of: 3;
  readonly words: string;
  readonly tone: 'accent' | 'warn' | 'muted';
}

export function offerProgress(offer: Pick<OfferView, 'state' | 'failReason'>): OfferProgress {
  switch (offer.state) {
    case 'open':
      return { step: 0, of: 3, words: 'Posted: waiting for the quest’s verifiers to accept it', tone: 'accent' };
    case 'accepted':
      return { step: 1, of: 3, words: 'Accepted: the work is under way; its reward is reserved in the quest', tone: 'accent' };
    case 'submitted':
      return { step: 2, of: 3, words: 'Submitted: waiting for the verifiers to complete or fail it', tone: 'accent' };
    case 'completed':
      return { step: 3, of: 3, words: 'Completed: stakers repaid, reward paid, PPT and role token minted', tone: 'accent' };
    case 'failed':
      return { step: 0, of: 3, words: `Failed${offer.failReason ? `: “${offer.failReason}”` : ''}; its stakes are frozen until the Judicial Loop decides`, tone: 'warn' };
    case 'disputed':
      return { step: 0, of: 3, words: 'Disputed: before the Judicial Loop', tone: 'warn' };
    case 'resolved':
      return { step: 3, of: 3, words: 'Resolved by the Judicial Loop', tone: 'muted' };
  }
}

export const isOnPath = (state: OfferView['state']) => (PATH as readonly string[]).includes(state);

/** The member's name for a DID, as the ledger knows it. */
export const memberName = (commons: Pick<CommonsView, 'members'>, did: string) => commons.members.find((m) => m.did === did)?.label ?? did;

/** The vault the quest's verifiers act from, and the offers waiting for them, newest decisions first. */
export interface VerifierTask {
  readonly quest: QuestView;
  readonly verifiers: VaultView;
  readonly offers: readonly OfferView[];
}

export function verifierTasks(commons: Pick<CommonsView, 'quests' | 'offers' | 'vaults' | 'verifierQueue'>): VerifierTask[] {
  const tasks: VerifierTask[] = [];
  for (const entry of commons.verifierQueue) {
    const quest = commons.quests.find((q) => q.id === entry.quest);
    const verifiers = commons.vaults.find((v) => v.address.toLowerCase() === entry.verifiers.toLowerCase());
    if (!quest || !verifiers) continue;
    const ids = [...entry.submitted, ...entry.open];
    const offers = ids.map((id) => commons.offers.find((o) => o.id === id)).filter((o): o is OfferView => o !== undefined);
    tasks.push({ quest, verifiers, offers });
  }
  return tasks;
}

/** The treasury vault, as the ledger names it. */
export const treasuryOf = (commons: Pick<CommonsView, 'vaults' | 'treasury'>): VaultView | undefined => commons.vaults.find((v) => v.address.toLowerCase() === commons.treasury.toLowerCase());

/** Every signer the ledger knows, once each: who may be named a quest's verifier. */
export function knownSigners(commons: Pick<CommonsView, 'vaults'>): VaultView['signers'] {
  const seen = new Map<string, VaultView['signers'][number]>();
  for (const vault of commons.vaults) for (const signer of vault.signers) if (!seen.has(signer.address.toLowerCase())) seen.set(signer.address.toLowerCase(), signer);
  return [...seen.values()];
}
