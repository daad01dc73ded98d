/**
 * What the views show of M2M staking (SPEC §5). Field names are stable (screens build on them):
 *
 * CommonsView (`view.commons`):
 * - `stakeRequests[]`: `id` (`<offer>/<n>`), `offer, quest, holder` (member vault), `member` (DID), `amount`
 *   (asked; set to what was staked once released), `staked, released, repaid, outstanding` (= released −
 *   repaid), `escrowed` (CONX waiting in escrow `stake:<id>`), `state` (open | released | repaid | returned |
 *   frozen), `requestedAt, releasedAt` (or null). Repayment progress = repaid / released.
 * - `stakes[]`: `id, request, offer, staker` (the staker's vault: filter by your vaults for "my stakes"),
 *   `member, principal, repaid, returned` (given back unreleased), `pmtExpected` (PMT it earns in all when
 *   fully repaid: min(principal, cap), fixed at release; 0 if returned), `pmtMinted` (vested so far),
 *   `state` (its request's state).
 * - `reputations[]`: `member, offersCompleted, offersFailed, borrowedRepaid, borrowedFrozen, lentRepaid, lentFrozen`.
 *
 * `c3 state --json` (`view.state`): `stakeRequests` (with `escrow {id, amount}`), `stakes`, `reputations`,
 * the same fields.
 */
import { z } from 'zod';
import { Amount } from '../../money';
import { type ModuleView } from '../module';
import { type CommonsState } from '../state';
import { Address } from '../view-schema';
import { REQUEST_STATES, type Stake, type StakeRequest, stakeEscrowId } from './state';

export const StakeRequestView = z.object({
  id: z.string(),
  offer: z.string(),
  quest: z.string(),
  holder: Address,
  member: z.string(),
  amount: Amount,
  staked: Amount,
  released: Amount,
  repaid: Amount,
  outstanding: Amount,
  escrowed: Amount,
  state: z.enum(REQUEST_STATES),
  requestedAt: z.number().int().nonnegative(),
  releasedAt: z.number().int().nonnegative().nullable(),
});
export type StakeRequestView = z.infer<typeof StakeRequestView>;

export const StakeView = z.object({
  id: z.string(),
  request: z.string(),
  offer: z.string(),
  staker: Address,
  member: z.string(),
  principal: Amount,
  repaid: Amount,
  returned: Amount,
  pmtExpected: Amount,
  pmtMinted: Amount,
  state: z.enum(REQUEST_STATES),
});
export type StakeView = z.infer<typeof StakeView>;

export const ReputationView = z.object({
  member: z.string(),
  offersCompleted: z.number().int().nonnegative(),
  offersFailed: z.number().int().nonnegative(),
  borrowedRepaid: Amount,
  borrowedFrozen: Amount,
  lentRepaid: Amount,
  lentFrozen: Amount,
});

const requestView = (state: CommonsState, r: StakeRequest): StakeRequestView => ({
  id: r.id,
  offer: r.offer,
  quest: state.offers.get(r.offer)?.quest ?? '',
  holder: r.holder,
  member: r.member,
  amount: r.amount,
  staked: r.staked,
  released: r.released,
  repaid: r.repaid,
  outstanding: r.released - r.repaid,
  escrowed: state.escrows.get(stakeEscrowId(r.id))?.amount ?? 0n,
  state: r.state,
  requestedAt: r.requestedAt,
  releasedAt: r.releasedAt,
});

function stakeView(state: CommonsState, s: Stake): StakeView {
  const request = state.stakeRequests.get(s.request);
  const requestState = request?.state ?? 'open';
  const cap = state.params.stakerPmtCap;
  const prospective = s.principal < cap ? s.principal : cap;
  const pmtExpected = requestState === 'returned' ? 0n : requestState === 'open' ? prospective : s.pmtCredit;
  return { id: s.id, request: s.request, offer: s.offer, staker: s.staker, member: s.member, principal: s.principal, repaid: s.repaid, returned: s.returned, pmtExpected, pmtMinted: s.pmtMinted, state: requestState };
}

const reputations = (state: CommonsState) => [...state.reputations.entries()].map(([member, r]) => ({ member, ...r }));

const shape = {
  stakeRequests: z.array(StakeRequestView),
  stakes: z.array(StakeView),
  reputations: z.array(ReputationView),
  /** PMT a staker is credited at most per stake (params.stakerPmtCap): the staking page's expected PMT of a stake not yet given. */
  stakerPmtCap: Amount,
};

export const stakingView: ModuleView<object, typeof shape> = {
  state: (state) => ({
    stakeRequests: [...state.stakeRequests.values()].map((r) => ({ ...requestView(state, r), escrow: { id: stakeEscrowId(r.id), amount: state.escrows.get(stakeEscrowId(r.id))?.amount ?? 0n } })),
    stakes: [...state.stakes.values()].map((s) => stakeView(state, s)),
    reputations: reputations(state),
  }),
  commons: {
    shape,
    of: (state) => ({
      stakeRequests: [...state.stakeRequests.values()].map((r) => requestView(state, r)),
      stakes: [...state.stakes.values()].map((s) => stakeView(state, s)),
      reputations: reputations(state),
      stakerPmtCap: state.params.stakerPmtCap,
    }),
  },
};
