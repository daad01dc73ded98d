/**
 * What the dispute page computes from the Commons' view (SPEC §8): a dispute's stage in words and
 * its deadline, who the chosen vault is in it (a party, a panelist's, a voter), what it may open a
 * dispute on, and the loss order as the page previews it (the ledger's own pure function, on the
 * figures the view shows). Pure, so that it is tested apart from React.
 */
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { lossOrder, type LossSplit } from '../../shared/commons/judicial/loss-order';
import { formatAsset } from '../../shared/money';
import { type StackRow } from '../ui/StackedBars';

export type DisputeView = CommonsView['disputes'][number];
export type Stage = DisputeView['stage'];

export const conx = (amount: bigint) => formatAsset(amount, 'CONX');
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export const STAGE_WORDS: Readonly<Record<Stage, string>> = {
  mediation: 'In mediation: the panel proposes a resolution',
  acceptance: 'Awaiting the parties: each accepts or rejects the resolution',
  vote: 'Community vote: members not party to it vote for or against',
  appeal: 'Appeal window: a party may appeal once, or accept the ruling',
  repaying: 'Repayment schedule under way',
  closed: 'Closed',
};

/** The order the stages come in, for the timeline's steps. */
export const STAGES: readonly Stage[] = ['mediation', 'acceptance', 'vote', 'appeal', 'closed'];

/** "in 3 days 4 h", "2 h ago": how far a deadline is from `now` (seconds). */
export function untilText(deadline: number, now: number): string {
  const span = Math.abs(deadline - now);
  const days = Math.floor(span / 86_400);
  const hours = Math.floor((span % 86_400) / 3_600);
  const minutes = Math.floor((span % 3_600) / 60);
  const text = days > 0 ? `${days} d ${hours} h` : hours > 0 ? `${hours} h ${minutes} min` : `${minutes} min`;
  return deadline >= now ? `in ${text}` : `${text} ago`;
}

export const dateText = (seconds: number) => new Date(seconds * 1000).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

export type Role = 'party' | 'panelist' | 'voter' | 'none';

/** Who the chosen vault is in a dispute: a party's vault, a panelist's (its owner sits on the panel), a member who may vote, or none. */
export function roleIn(dispute: DisputeView, vault: VaultView): Role {
  if (dispute.parties.some((p) => same(p.vault, vault.address))) return 'party';
  if (vault.owner !== null && dispute.parties.some((p) => p.did === vault.owner)) return 'party';
  if (vault.owner !== null && dispute.panel.includes(vault.owner)) return 'panelist';
  return vault.kind === 'member' && vault.owner !== null ? 'voter' : 'none';
}

export const hasVoted = (dispute: DisputeView, vault: VaultView) => vault.owner !== null && dispute.votes.voters.includes(vault.owner);
export const hasAnswered = (dispute: DisputeView, vault: VaultView) =>
  dispute.stage === 'appeal' ? dispute.waivers.some((w) => same(w, vault.address)) : dispute.answers.some((a) => same(a.vault, vault.address));

export interface Subject {
  readonly kind: 'offer' | 'stake';
  readonly id: string;
  readonly label: string;
  /** What the claim is about by default: the outstanding principal, or the offer's reward. */
  readonly amount: bigint;
}

/**
 * What a vault may open a dispute on: offers it holds or staked on (accepted, submitted or
 * failed), and stake requests it asked for or staked into; none already under an open dispute.
 */
export function disputableSubjects(commons: Pick<CommonsView, 'offers' | 'stakeRequests' | 'stakes' | 'disputes'>, vault: VaultView): Subject[] {
  const open = (kind: string, id: string) => commons.disputes.some((d) => d.stage !== 'closed' && d.subject.kind === kind && d.subject.id === id);
  const stakedBy = (request: string) => commons.stakes.some((s) => s.request === request && same(s.staker, vault.address));
  const subjects: Subject[] = [];
  for (const offer of commons.offers) {
    if (!['accepted', 'submitted', 'failed'].includes(offer.state) || open('offer', offer.id)) continue;
    const requests = commons.stakeRequests.filter((r) => r.offer === offer.id);
    if (!same(offer.holder, vault.address) && !requests.some((r) => stakedBy(r.id))) continue;
    const outstanding = requests.reduce((sum, r) => sum + r.outstanding, 0n);
    subjects.push({ kind: 'offer', id: offer.id, label: `Offer ${offer.id} — ${offer.deliverable} (${offer.state})`, amount: outstanding > 0n ? outstanding : offer.reward.conx });
  }
  for (const request of commons.stakeRequests) {
    if (request.staked === 0n || request.state === 'repaid' || request.state === 'returned' || open('stake', request.id)) continue;
    const offerState = commons.offers.find((o) => o.id === request.offer)?.state;
    if (offerState === 'disputed' || offerState === 'resolved') continue;
    if (!same(request.holder, vault.address) && !stakedBy(request.id)) continue;
    subjects.push({ kind: 'stake', id: request.id, label: `Stake request ${request.id} (${request.state}, ${conx(request.outstanding)} outstanding)`, amount: request.outstanding });
  }
  return subjects;
}

/** What the creditors are owed under a dispute, as the view shows it (released stakes' outstanding principal; the claim for a collateral claim). */
export function creditorsOf(commons: Pick<CommonsView, 'stakes' | 'stakeRequests'>, dispute: DisputeView): { id: string; vault: string; outstanding: bigint }[] {
  if (dispute.subject.kind === 'collateral') return [{ id: 'treasury', vault: dispute.parties.find((p) => p.role === 'treasury')?.vault ?? '', outstanding: dispute.amount }];
  const requests = commons.stakeRequests.filter((r) => (dispute.subject.kind === 'offer' ? r.offer === dispute.subject.id : r.id === dispute.subject.id) && r.released > 0n);
  return commons.stakes
    .filter((s) => requests.some((r) => r.id === s.request) && s.principal > s.repaid + s.returned)
    .map((s) => ({ id: s.id, vault: s.staker, outstanding: s.principal - s.repaid - s.returned }));
}

/** The loss order a shared-loss resolution would run now (SPEC §8), on the figures the view shows; the ledger's own function. */
export function lossOrderPreview(commons: Pick<CommonsView, 'stakes' | 'stakeRequests' | 'vaults' | 'lossReserve' | 'treasury'>, dispute: DisputeView, loss: bigint, sharedBps: number): LossSplit {
  const defaulter = commons.vaults.find((v) => same(v.address, dispute.defaulter));
  const treasury = commons.vaults.find((v) => same(v.address, commons.treasury));
  const held = treasury?.balances.CONX ?? 0n;
  return lossOrder({
    loss,
    collateral: 0n,
    vault: defaulter?.balances.CONX ?? 0n,
    reserve: commons.lossReserve.balance < held ? commons.lossReserve.balance : held,
    reserveMaxShareBps: dispute.params.lossReserveMaxShareBps,
    creditors: creditorsOf(commons, dispute),
    sharedBps,
    sharingMaxBps: dispute.params.lossSharingMaxBps,
  });
}

/** The loss order as one bar: what each source met, what is shared, what the creditors bear. */
export function lossOrderRow(label: string, split: Pick<LossSplit, 'fromCollateral' | 'fromVault' | 'fromReserve' | 'shared' | 'borne' | 'loss'>): StackRow {
  return {
    label,
    // The sources in their fixed order; those that gave nothing are left out of the bar and its legend.
    parts: (
      [
        { label: 'Collateral', value: split.fromCollateral, tone: 'muted' },
        { label: 'Defaulter’s vault', value: split.fromVault, tone: 'accent' },
        { label: 'Loss reserve', value: split.fromReserve, tone: 'union' },
        { label: 'Loss sharing', value: split.shared, tone: 'guild' },
        { label: 'Borne', value: split.borne, tone: 'warn' },
      ] as const
    ).filter((p) => p.value > 0n),
    total: split.loss,
    display: conx(split.loss),
  };
}

/** "50 %" from basis points. */
export const percent = (bps: number) => `${(bps / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })} %`;
