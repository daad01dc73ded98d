/**
 * What the views show of governance (SPEC §7). Field names are stable (the screens build on them).
 *
 * CommonsView (`view.commons`) `proposals[]`, in creation order:
 * - `id, kind, voting` (burn | anonymous), `author` (DID), `authorVault`, `title, text, scope` ('all' or
 *   factions as written), `factions` (in scope), `effect {action, payload}` (the action that executes it),
 *   `payloadHash`;
 * - `createdAt, startsAt, endsAt, eta, expiresAt` (seconds: voting in [startsAt, endsAt), executable in
 *   [eta, expiresAt)), `state` at the ledger's last entry time, `passed` (null while an anonymous vote is
 *   open: its running tally is hidden), `quorumBps, thresholdBps, collateral`;
 * - burn votes: `tallies[]` per faction in scope `{faction, supply, quorum, yes, no, abstain, quorumReached,
 *   thresholdReached}` (supply at the snapshot; quorum = weight required), `ballots[]` `{member, vault,
 *   token, amount, support, faction, castAt}`, `snapshot[]` `{member, faction, PPT, PDT, PCT, PMT}` (what each
 *   member held at creation: the most they may burn for it);
 * - one member, one vote: `anonymous {root, members, quorum, ballots, tally}` — `ballots` (the count) always,
 *   `tally {yes, no, abstain}` only once the vote closed (null before);
 * - `ballotsCounted` (either kind), `canceledAt, executedAt, executedBy`.
 *
 * `c3 state --json` (`view.state`) `proposals[]`: the same fields but `text` and `snapshot`, amounts as
 * bigint (decimal strings in JSON).
 *
 * The screens compute the state at another time with `proposalStateOfView` (index.ts exports it).
 */
import { z } from 'zod';
import { Amount } from '../../money';
import { type ModuleView } from '../module';
import { Address, Faction, Hex32 } from '../view-schema';
import { type AnonymousResult, type FactionResult, PROPOSAL_STATES, type ProposalState, anonymousResult, burnResults, proposalPassed, proposalState, stateOf } from './machine';
import { Effect, PROPOSAL_KINDS, SUPPORT } from './payloads';
import { type GovernanceSlice, type Proposal } from './state';

const Time = z.number().int().nonnegative();
const VotingToken = z.enum(['PPT', 'PDT', 'PCT', 'PMT']);

export const FactionTallyView = z.object({
  faction: Faction,
  supply: Amount,
  quorum: Amount,
  yes: Amount,
  no: Amount,
  abstain: Amount,
  quorumReached: z.boolean(),
  thresholdReached: z.boolean(),
});
export type FactionTallyView = z.infer<typeof FactionTallyView>;

export const BurnBallotView = z.object({ member: z.string(), vault: Address, token: VotingToken, amount: Amount, support: z.enum(SUPPORT), faction: Faction, castAt: Time });
export const HoldingView = z.object({ member: z.string(), faction: Faction, PPT: Amount, PDT: Amount, PCT: Amount, PMT: Amount });
export type HoldingView = z.infer<typeof HoldingView>;

export const AnonymousView = z.object({
  root: z.string(),
  members: z.number().int().nonnegative(),
  quorum: z.number().int().nonnegative(),
  ballots: z.number().int().nonnegative(),
  /** Hidden (null) until the vote closed. */
  tally: z.object({ yes: z.number().int(), no: z.number().int(), abstain: z.number().int() }).nullable(),
});

export const ProposalView = z.object({
  id: Hex32,
  kind: z.enum(PROPOSAL_KINDS),
  voting: z.enum(['burn', 'anonymous']),
  author: z.string(),
  authorVault: Address,
  title: z.string(),
  text: z.string(),
  scope: z.union([z.literal('all'), z.array(Faction)]),
  factions: z.array(Faction),
  effect: Effect,
  payloadHash: Hex32,
  createdAt: Time,
  startsAt: Time,
  endsAt: Time,
  eta: Time,
  expiresAt: Time,
  state: z.enum(PROPOSAL_STATES),
  passed: z.boolean().nullable(),
  quorumBps: z.number().int(),
  thresholdBps: z.number().int(),
  collateral: z.boolean(),
  tallies: z.array(FactionTallyView),
  ballots: z.array(BurnBallotView),
  snapshot: z.array(HoldingView),
  anonymous: AnonymousView.nullable(),
  ballotsCounted: z.number().int().nonnegative(),
  canceledAt: Time.nullable(),
  executedAt: Time.nullable(),
  executedBy: Address.nullable(),
});
export type ProposalView = z.infer<typeof ProposalView>;

const shape = { proposals: z.array(ProposalView) };

/** Whether the vote has closed at `time` (an anonymous tally shows from then on). */
const closed = (p: Proposal, time: number) => p.canceledAt !== null || time >= p.endsAt;

function figures(p: Proposal, time: number) {
  const tallies: FactionResult[] = p.voting.mode === 'burn' ? burnResults(p.factions, p.voting, p.quorumBps, p.thresholdBps) : [];
  let anonymous: (Omit<AnonymousResult, 'quorumReached' | 'thresholdReached'> & { root: string; tally: { yes: number; no: number; abstain: number } | null }) | null = null;
  if (p.voting.mode === 'anonymous') {
    const r = anonymousResult(p.voting, p.quorumBps, p.thresholdBps);
    anonymous = { root: p.voting.root, members: r.members, quorum: r.quorum, ballots: r.ballots, tally: closed(p, time) ? p.voting.tally : null };
  }
  const hidden = p.voting.mode === 'anonymous' && !closed(p, time);
  return {
    id: p.id,
    kind: p.kind,
    voting: p.voting.mode,
    author: p.author,
    authorVault: p.authorVault,
    title: p.title,
    scope: p.scope === 'all' ? ('all' as const) : [...p.scope],
    factions: [...p.factions],
    effect: p.effect,
    payloadHash: p.payloadHash,
    createdAt: p.createdAt,
    startsAt: p.startsAt,
    endsAt: p.endsAt,
    eta: p.eta,
    expiresAt: p.expiresAt,
    state: proposalState(p, time),
    passed: hidden ? null : proposalPassed(p),
    quorumBps: p.quorumBps,
    thresholdBps: p.thresholdBps,
    collateral: p.collateral,
    tallies,
    ballots: p.voting.mode === 'burn' ? [...p.voting.ballots.values()].map(({ member, vault, token, amount, support, faction, castAt }) => ({ member, vault, token, amount, support, faction, castAt })) : [],
    anonymous,
    ballotsCounted: p.voting.mode === 'burn' ? p.voting.ballots.size : (anonymous?.ballots ?? 0),
    canceledAt: p.canceledAt,
    executedAt: p.executedAt,
    executedBy: p.executedBy,
  };
}

const snapshotOf = (p: Proposal): HoldingView[] =>
  p.voting.mode === 'burn' ? [...p.voting.snapshot.entries()].map(([member, h]) => ({ member, faction: h.faction, PPT: h.PPT, PDT: h.PDT, PCT: h.PCT, PMT: h.PMT })) : [];

export const governanceView: ModuleView<GovernanceSlice & { time: number }, typeof shape> = {
  state: (state) => ({ proposals: [...state.proposals.values()].map((p) => figures(p, state.time)) }),
  commons: {
    shape,
    of: (state) => ({ proposals: [...state.proposals.values()].map((p) => ({ ...figures(p, state.time), text: p.text, snapshot: snapshotOf(p) })) }),
  },
};

/**
 * A proposal's state at `time` from its view (the screens' clock): the same machine as the
 * ledger's. Null only when an anonymous vote closed after the ledger's last entry, so that its
 * tally, hidden until then, is not in the view yet.
 */
export function proposalStateOfView(view: Pick<ProposalView, 'startsAt' | 'endsAt' | 'eta' | 'expiresAt' | 'canceledAt' | 'executedAt' | 'voting' | 'tallies' | 'anonymous' | 'passed'>, time: number): ProposalState | null {
  let passed: boolean | null = view.passed;
  if (view.voting === 'burn') passed = view.tallies.every((t) => t.quorumReached && t.thresholdReached);
  if (passed === null && view.executedAt === null && view.canceledAt === null && time >= view.endsAt) return null;
  return stateOf(view, () => passed === true, time);
}
