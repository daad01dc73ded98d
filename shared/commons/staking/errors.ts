/** The staking module's errors (SPEC §5), each with its sentence and numbers. */
import { type E, type Sentences, failWith } from '../module';
import { short } from '../words';
import { conx } from '../impact/errors';

export type StakingError =
  | E<'UnknownStakeRequest', { request: string }>
  | E<'OfferNotStakeable', { offer: string; state: string }>
  | E<'StakeRequestsAboveReward', { offer: string; reward: bigint; requested: bigint; amount: bigint }>
  | E<'StakeAboveRequest', { request: string; amount: bigint; requested: bigint; staked: bigint }>
  | E<'StakeRequestClosed', { request: string; state: string }>
  | E<'OwnStakeRequest', { request: string; member: string }>
  | E<'NothingToRelease', { request: string }>
  | E<'EscrowShort', { escrow: string; have: bigint; need: bigint }>;

export const stakingSentences: Sentences<StakingError> = {
  UnknownStakeRequest: (e) => `No stake request ${e.request} exists in this Commons.`,
  OfferNotStakeable: (e) => `Offer ${e.offer} is ${e.state}; stakes are asked for and given only while an offer is accepted or submitted (SPEC §5).`,
  StakeRequestsAboveReward: (e) =>
    `This request of ${conx(e.amount)} would bring the stakes asked for on offer ${e.offer} to ${conx(e.requested + e.amount)}, above its CONX reward of ${conx(e.reward)}, which is what repays them (SPEC §5).`,
  StakeAboveRequest: (e) =>
    `This stake of ${conx(e.amount)} exceeds what request ${e.request} still needs, ${conx(e.requested - e.staked)} (asked ${conx(e.requested)}, staked ${conx(e.staked)}).`,
  StakeRequestClosed: (e) => `Stake request ${e.request} is ${e.state}; stakes go only to an open request.`,
  OwnStakeRequest: (e) => `${short(e.member)} asked for stake request ${e.request}; a member does not stake on their own offer.`,
  NothingToRelease: (e) => `Nothing is staked on request ${e.request} yet, so there is nothing to release.`,
  EscrowShort: (e) => `Escrow ${e.escrow} holds ${conx(e.have)} and would have to pay ${conx(e.need)}.`,
};

export const fail = failWith<StakingError>(stakingSentences);
