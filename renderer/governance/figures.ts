/**
 * The governance page's figures (SPEC §7), from the dashboard's view of the Commons (`proposals`,
 * the governance module's view) and the module's own pure functions, so that the page shows the
 * numbers the ledger's rules use: which proposals concern a faction, in which state at a given
 * time, what a member held at a proposal's snapshot (the most they may burn for it), each
 * faction's tally against its quorum and threshold, how long until the next step.
 */
import { type ProposalState, type ProposalView, proposalStateOfView } from '../../shared/commons/governance';
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { DECIMALS, formatAmount } from '../../shared/money';

export const FACTIONS = ['Union', 'Guild', 'Syndicate'] as const;
export type FactionName = (typeof FACTIONS)[number];
export type VotingToken = 'PPT' | 'PDT' | 'PCT' | 'PMT';

/** SPEC §2: each faction's role token. */
export const ROLE_TOKEN: Readonly<Record<FactionName, VotingToken>> = { Union: 'PDT', Guild: 'PCT', Syndicate: 'PMT' };

/** The order the page lists states in: what needs a member now first. */
export const STATE_ORDER: readonly ProposalState[] = ['active', 'pending', 'queued', 'succeeded', 'executed', 'defeated', 'canceled', 'expired'];

export const STATE_WORDS: Readonly<Record<ProposalState, string>> = {
  pending: 'Pending: voting has not started',
  active: 'Active: voting is open',
  canceled: 'Canceled by its author',
  defeated: 'Defeated',
  succeeded: 'Succeeded',
  queued: 'Passed: in its timelock or ready to execute',
  expired: 'Expired: never executed',
  executed: 'Executed',
};

export const KIND_WORDS: Readonly<Record<ProposalView['kind'], string>> = {
  paramChange: 'Parameter change',
  questApproval: 'Quest approval',
  lossSharing: 'Loss sharing',
  treasurySpend: 'Treasury spend',
  attestorChange: 'Attestor change',
  stewardChange: 'Steward change',
};

export const tokens = (amount: bigint, token: string) => `${formatAmount(amount, DECIMALS.CONX)} ${token}`;
export const percent = (bps: number | bigint) => `${formatAmount(BigInt(bps), 2)} %`;

/** Whether a faction's members vote on the proposal (its scope names it, or is everyone). */
export const concerns = (proposal: Pick<ProposalView, 'factions'>, faction: FactionName) => proposal.factions.includes(faction);

/**
 * A proposal's state at `time` (the ledger's clock, or the time the next entry will be sealed at):
 * the module's own machine on the view. An anonymous vote that closed after the ledger's last
 * entry has its tally still hidden: its state is the view's until an entry reveals it.
 */
export const stateAt = (proposal: ProposalView, time: number): ProposalState => proposalStateOfView(proposal, time) ?? proposal.state;

/** The faction's proposals grouped by state, in STATE_ORDER, newest first within a state. */
export function byState(proposals: readonly ProposalView[], faction: FactionName, time: number): { state: ProposalState; proposals: ProposalView[] }[] {
  const mine = proposals.filter((p) => concerns(p, faction));
  return STATE_ORDER.map((state) => ({ state, proposals: mine.filter((p) => stateAt(p, time) === state).reverse() })).filter((group) => group.proposals.length > 0);
}

/** What the vault's owner held at the proposal's snapshot, over all their vaults; null when they held nothing to vote with. */
export function snapshotHolding(proposal: Pick<ProposalView, 'snapshot'>, memberDid: string | null) {
  if (memberDid === null) return null;
  return proposal.snapshot.find((h) => h.member === memberDid) ?? null;
}

/** The tokens a member may burn on a proposal: PPT and the role tokens of factions in scope, each with what they held at the snapshot. */
export function burnableTokens(proposal: Pick<ProposalView, 'snapshot' | 'factions'>, memberDid: string | null): { token: VotingToken; held: bigint }[] {
  const holding = snapshotHolding(proposal, memberDid);
  if (!holding) return [];
  const allowed: VotingToken[] = ['PPT', ...FACTIONS.filter((f) => proposal.factions.includes(f)).map((f) => ROLE_TOKEN[f])];
  return allowed.map((token) => ({ token, held: holding[token] })).filter((t) => t.held > 0n);
}

/** The member's ballot on the proposal, if they cast one (one per member per proposal). */
export const ballotOf = (proposal: Pick<ProposalView, 'ballots'>, memberDid: string | null) => (memberDid === null ? null : (proposal.ballots.find((b) => b.member === memberDid) ?? null));

/** "2 d 5 h", "3 h 20 min", "45 min", "less than a minute". */
export function durationText(seconds: number): string {
  if (seconds <= 0) return 'now';
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  return minutes > 0 ? `${minutes} min` : 'less than a minute';
}

export const when = (seconds: number) => new Date(seconds * 1000).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

export interface NextStep {
  /** What happens next, with the time it happens at. */
  readonly text: string;
  /** The ledger time it happens at, or null when nothing more happens. */
  readonly at: number | null;
}

/** What the proposal waits for at `time`: voting to start or end, the timelock, the end of its execution window. */
export function nextStep(proposal: ProposalView, time: number): NextStep {
  const state = stateAt(proposal, time);
  switch (state) {
    case 'pending':
      return { text: `Voting starts in ${durationText(proposal.startsAt - time)} (${when(proposal.startsAt)}); the author may cancel it until then.`, at: proposal.startsAt };
    case 'active':
      return { text: `Voting ends in ${durationText(proposal.endsAt - time)} (${when(proposal.endsAt)}).`, at: proposal.endsAt };
    case 'queued':
    case 'succeeded':
      return time < proposal.eta
        ? { text: `Timelock: executable in ${durationText(proposal.eta - time)} (${when(proposal.eta)}), by anyone.`, at: proposal.eta }
        : { text: `Timelock over: anyone may execute it until ${when(proposal.expiresAt)} (${durationText(proposal.expiresAt - time)} left).`, at: proposal.expiresAt };
    case 'executed':
      return { text: `Executed ${proposal.executedAt === null ? '' : when(proposal.executedAt)}.`, at: null };
    case 'canceled':
      return { text: `Canceled ${proposal.canceledAt === null ? '' : when(proposal.canceledAt)}; what was burned for it was re-minted.`, at: null };
    case 'defeated':
      return { text: 'Defeated: a faction in its scope missed its quorum or its threshold.', at: null };
    case 'expired':
      return { text: `Expired ${when(proposal.expiresAt)}: passed, but nobody executed it in time.`, at: null };
  }
}

export interface TallyFigures {
  readonly faction: FactionName;
  readonly yes: bigint;
  readonly no: bigint;
  readonly abstain: bigint;
  readonly cast: bigint;
  readonly supply: bigint;
  readonly quorum: bigint;
  /** Yes among yes and no, bps (rounded down); null before any yes or no. */
  readonly yesShareBps: bigint | null;
  readonly thresholdBps: number;
  readonly quorumReached: boolean;
  readonly thresholdReached: boolean;
}

/** Each faction's tally, against its quorum (weight) and the proposal's threshold (share of yes). */
export function tallyFigures(proposal: Pick<ProposalView, 'tallies' | 'thresholdBps'>): TallyFigures[] {
  return proposal.tallies.map((t) => {
    const decided = t.yes + t.no;
    return {
      faction: t.faction,
      yes: t.yes,
      no: t.no,
      abstain: t.abstain,
      cast: t.yes + t.no + t.abstain,
      supply: t.supply,
      quorum: t.quorum,
      yesShareBps: decided === 0n ? null : (t.yes * 10_000n) / decided,
      thresholdBps: proposal.thresholdBps,
      quorumReached: t.quorumReached,
      thresholdReached: t.thresholdReached,
    };
  });
}

/** The vault's owner (a member's DID), or null for a Commons vault. */
export const ownerOf = (vault: VaultView | undefined) => vault?.owner ?? null;

/** The member vaults of the Commons, and the faction of each vault's owner. */
export function memberVaults(commons: CommonsView): VaultView[] {
  return commons.vaults.filter((v) => v.kind === 'member');
}

export const factionOf = (commons: CommonsView, did: string | null): FactionName | null => (did === null ? null : ((commons.members.find((m) => m.did === did)?.faction as FactionName | undefined) ?? null));

/** The name the ledger gives a member (their label), or their DID. */
export const memberName = (commons: CommonsView, did: string) => commons.members.find((m) => m.did === did)?.label ?? did;
