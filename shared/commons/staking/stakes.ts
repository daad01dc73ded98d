/**
 * What the staking rules do to stakes and requests, for the staking handlers and for the impact
 * module, which repays stakers first when an offer completes and freezes their escrows when it
 * fails (SPEC §5). This file reads offers only through the state's type: the impact module calls
 * in, never the other way round.
 */
import { type Result, ok } from '../../result';
import { type ModuleError } from '../module';
import { recordPatronage } from '../patronage';
import { type Address, type CommonsState } from '../state';
import { mintTo } from '../tokens';
import { questEscrowId } from '../impact/state';
import { escrowed, outOfEscrow } from './escrow';
import { NO_REPUTATION, type Reputation, type Stake, type StakeRequest, stakeEscrowId } from './state';

export const requestsOf = (state: CommonsState, offer: string): StakeRequest[] => [...state.stakeRequests.values()].filter((r) => r.offer === offer);
export const stakesOf = (state: CommonsState, request: string): Stake[] => [...state.stakes.values()].filter((s) => s.request === request);

const putRequest = <S extends CommonsState>(state: S, request: StakeRequest): S => ({ ...state, stakeRequests: state.stakeRequests.set(request.id, request) });
const putStake = <S extends CommonsState>(state: S, stake: Stake): S => ({ ...state, stakes: state.stakes.set(stake.id, stake) });

/** Adds to a member's reputation (SPEC §5: both parties' reputations record the outcome). */
export function addReputation<S extends CommonsState>(state: S, member: string, change: Partial<Reputation>): S {
  const held = state.reputations.get(member) ?? NO_REPUTATION;
  const next: Reputation = {
    offersCompleted: held.offersCompleted + (change.offersCompleted ?? 0),
    offersFailed: held.offersFailed + (change.offersFailed ?? 0),
    borrowedRepaid: held.borrowedRepaid + (change.borrowedRepaid ?? 0n),
    borrowedFrozen: held.borrowedFrozen + (change.borrowedFrozen ?? 0n),
    lentRepaid: held.lentRepaid + (change.lentRepaid ?? 0n),
    lentFrozen: held.lentFrozen + (change.lentFrozen ?? 0n),
  };
  return { ...state, reputations: state.reputations.set(member, next) };
}

/**
 * Release as working capital (SPEC §5): everything staked on the request leaves its escrow for the
 * holder's vault, the request closes at what was staked, and each stake becomes a loan whose PMT
 * credit is fixed now: min(principal, stakerPmtCap).
 */
export function release<S extends CommonsState>(state: S, requestId: string, time: number): Result<S, ModuleError> {
  const request = state.stakeRequests.get(requestId);
  if (!request) return ok(state);
  const paid = outOfEscrow(state, stakeEscrowId(requestId), request.holder, escrowed(state, stakeEscrowId(requestId)));
  if (!paid.ok) return paid;
  let next = putRequest(paid.value, { ...request, amount: request.staked, released: request.staked, state: 'released', releasedAt: time });
  const cap = state.params.stakerPmtCap;
  for (const stake of stakesOf(next, requestId)) next = putStake(next, { ...stake, pmtCredit: stake.principal < cap ? stake.principal : cap });
  return ok(next);
}

/** Gives `amount` of a stake's principal to its staker (CONX already moved), vesting its PMT: floor(credit × repaid / principal) minted in all. */
function vest<S extends CommonsState>(state: S, stake: Stake, amount: bigint): Result<S, ModuleError> {
  const repaid = stake.repaid + amount;
  const vested = (stake.pmtCredit * repaid) / stake.principal;
  const mint = vested - stake.pmtMinted;
  const minted = mint > 0n ? mintTo(state, stake.staker, 'PMT', mint) : ok(state);
  if (!minted.ok) return minted;
  return ok(addReputation(putStake(minted.value, { ...stake, repaid, pmtMinted: vested }), stake.member, { lentRepaid: amount }));
}

export interface Repayment<S> {
  readonly state: S;
  /** Principal paid to stakers. */
  readonly repaid: bigint;
  /** The rounding remainder of a partial repayment, paid to the treasury (SPEC §0: the Commons reserve). */
  readonly remainder: bigint;
}

/**
 * SPEC §5: the offer's reward repays its stakers first. Of `available` CONX in escrow `from` (the
 * offer's quest escrow unless said otherwise), the outstanding principal of every released stake
 * of the offer is repaid: in full when it suffices, otherwise pro rata to what each is owed,
 * each share rounded down and the remainder (less than one minor unit per staker) to the treasury
 * (SPEC §0). PMT vests with each payment and is minted only then. Frozen requests are left
 * alone: the Judicial Loop unfreezes them first.
 */
export function repayStakers<S extends CommonsState>(state: S, offerId: string, available: bigint, from?: string): Result<Repayment<S>, ModuleError> {
  const offer = state.offers.get(offerId);
  const source = from ?? questEscrowId(offer?.quest ?? '');
  const requests = requestsOf(state, offerId).filter((r) => r.state === 'released');
  const owed = requests.flatMap((r) => stakesOf(state, r.id)).filter((s) => s.principal > s.repaid);
  const total = owed.reduce((sum, s) => sum + (s.principal - s.repaid), 0n);
  const paying = available < total ? available : total;
  if (paying <= 0n) return ok({ state, repaid: 0n, remainder: 0n });
  let next: S = state;
  let repaid = 0n;
  const byRequest = new Map<string, bigint>();
  for (const stake of owed) {
    const outstanding = stake.principal - stake.repaid;
    const share = paying === total ? outstanding : (paying * outstanding) / total;
    if (share === 0n) continue;
    const moved = outOfEscrow(next, source, stake.staker, share);
    if (!moved.ok) return moved;
    const vested = vest(moved.value, stake, share);
    if (!vested.ok) return vested;
    next = vested.value;
    repaid += share;
    byRequest.set(stake.request, (byRequest.get(stake.request) ?? 0n) + share);
  }
  for (const request of requests) {
    const paid = byRequest.get(request.id) ?? 0n;
    if (paid === 0n) continue;
    const repaidNow = request.repaid + paid;
    next = putRequest(next, { ...request, repaid: repaidNow, state: repaidNow === request.released ? 'repaid' : 'released' });
    next = addReputation(next, request.member, { borrowedRepaid: paid });
  }
  const remainder = paying - repaid;
  const reserve = outOfEscrow(next, source, next.treasury, remainder);
  if (!reserve.ok) return reserve;
  return ok({ state: reserve.value, repaid, remainder });
}

/**
 * The offer completed while some of its requests were still open: what was staked on them never
 * became a loan, so each stake goes back to its staker in full (no PMT: nothing was lent).
 */
export function returnUnreleased<S extends CommonsState>(state: S, offerId: string): Result<S, ModuleError> {
  let next: S = state;
  for (const request of requestsOf(state, offerId).filter((r) => r.state === 'open')) {
    for (const stake of stakesOf(next, request.id)) {
      const back = outOfEscrow(next, stakeEscrowId(request.id), stake.staker, stake.principal);
      if (!back.ok) return back;
      next = putStake(back.value, { ...stake, returned: stake.principal });
    }
    next = putRequest(next, { ...request, state: 'returned' });
  }
  return ok(next);
}

/**
 * SPEC §5, §8: the offer failed (or, with the Judicial Loop, is disputed): its requests freeze —
 * an open request's escrow stays where it is, a released loan's outstanding principal is recorded
 * as frozen on both parties' reputations — until the Judicial Loop decides. Returns whether any
 * stake is frozen.
 */
export function freezeStakes<S extends CommonsState>(state: S, offerId: string): { readonly state: S; readonly frozen: boolean } {
  let next: S = state;
  let frozen = false;
  for (const request of requestsOf(state, offerId).filter((r) => r.state === 'open' || r.state === 'released')) {
    next = putRequest(next, { ...request, state: 'frozen' });
    if (request.staked > 0n) frozen = true;
    if (request.state !== 'released') continue;
    next = addReputation(next, request.member, { borrowedFrozen: request.released - request.repaid });
    for (const stake of stakesOf(next, request.id)) next = addReputation(next, stake.member, { lentFrozen: stake.principal - stake.repaid });
  }
  return { state: next, frozen };
}

/** A stake given: recorded on the stake and the request, and as the staker's patronage (SPEC §9 `stakesGiven`). */
export function addStake<S extends CommonsState>(state: S, request: StakeRequest, staker: Address, member: string, amount: bigint, id: string): S {
  const held = state.stakes.get(id);
  const stake: Stake = held
    ? { ...held, principal: held.principal + amount }
    : { id, request: request.id, offer: request.offer, staker, member, principal: amount, repaid: 0n, pmtCredit: 0n, pmtMinted: 0n, returned: 0n };
  const next = putRequest(putStake(state, stake), { ...request, staked: request.staked + amount });
  return recordPatronage(next, member, 'stakesGiven', amount) as S;
}
