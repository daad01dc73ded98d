/**
 * How a use of the Commons becomes patronage points (SPEC §9, weights *(param)*), and the one
 * function every module records them with.
 */
import { type Params } from '../params/schema';
import { type CommonsState } from '../state';
import { NO_POINTS, type PatronageSource } from './state';

const WHOLE_CONX = 1_000_000n;

/**
 * Points for a use: value sources (fees paid, DEX volume, stakes given) weigh an amount in CONX
 * minor units by bps of a point per whole CONX; counted sources (offers completed, votes cast)
 * weigh a count. Rounded down (SPEC §0: what the Commons gives rounds down).
 */
export function pointsFor(params: Params, source: PatronageSource, amount: bigint): bigint {
  const w = params.patronageWeights;
  switch (source) {
    case 'feesPaid':
      return (amount * BigInt(w.feesPaidBps)) / (10_000n * WHOLE_CONX);
    case 'dexVolume':
      return (amount * BigInt(w.dexVolumeBps)) / (10_000n * WHOLE_CONX);
    case 'stakesGiven':
      return (amount * BigInt(w.stakesGivenBps)) / (10_000n * WHOLE_CONX);
    case 'offersCompleted':
      return amount * BigInt(w.offerCompletedPoints);
    case 'votesCast':
      return amount * BigInt(w.voteCastPoints);
  }
}

/** Records a member's use: `amount` in CONX minor units for value sources, a count for counted ones. */
export function recordPatronage(state: CommonsState, member: string, source: PatronageSource, amount: bigint): CommonsState {
  const points = pointsFor(state.params, source, amount);
  if (points === 0n) return state;
  const held = state.patronage.get(member) ?? NO_POINTS;
  return { ...state, patronage: state.patronage.set(member, { ...held, [source]: held[source] + points }) };
}

/**
 * Charges bad debt to the loss reserve (SPEC §4: "charged to the loss reserve"): met from its
 * balance as far as it goes, the rest carried as uncovered, for the next period close (SPEC §9).
 */
export function chargeLossReserve(state: CommonsState, amount: bigint): CommonsState {
  if (amount <= 0n) return state;
  const reserve = state.lossReserve;
  const met = amount < reserve.balance ? amount : reserve.balance;
  return { ...state, lossReserve: { ...reserve, balance: reserve.balance - met, charged: reserve.charged + amount, uncovered: reserve.uncovered + (amount - met) } };
}

/**
 * Queues a shared loss (SPEC §8 "Commons loss sharing", SPEC §7 loss-sharing proposals): nothing
 * is taken now; the next period close bills it to members in proportion to patronage (SPEC §9).
 */
export function queueSharedLoss(state: CommonsState, amount: bigint): CommonsState {
  if (amount <= 0n) return state;
  return { ...state, lossReserve: { ...state.lossReserve, sharedLossDue: state.lossReserve.sharedLossDue + amount } };
}

/** A member's total points in the open period. */
export const totalPoints = (state: CommonsState, member: string): bigint => {
  const held = state.patronage.get(member) ?? NO_POINTS;
  return Object.values(held).reduce((sum, p) => sum + p, 0n);
};
