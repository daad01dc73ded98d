/** M2M staking (SPEC §5): asking for stakes on an accepted offer, staking, release as working capital. */
import { err, ok } from '../../result';
import { type Handler } from '../module';
import { type ActionWith } from '../schema';
import { fail as failCore } from '../core-errors';
import { fail as failImpact } from '../impact/errors';
import { type Offer } from '../impact/state';
import { fail as failTokens } from '../tokens/errors';
import { fail as failVaults } from '../vaults/errors';
import { vaultAt } from '../vaults/vault';
import { intoEscrow } from './escrow';
import { fail } from './errors';
import { type StakeGivePayload, type StakeReleasePayload, type StakeRequestPayload } from './payloads';
import { addStake, release, requestsOf } from './stakes';
import { stakeEscrowId, stakeId } from './state';

/** Stakes are asked for and given while the offer is being worked on. */
const stakeable = (offer: Offer) => offer.state === 'accepted' || offer.state === 'submitted';

export const requestStake: Handler<ActionWith<'stake.request', typeof StakeRequestPayload>> = (state, action, ctx) => {
  const { offer: offerId, amount } = action.payload;
  if (amount <= 0n) return err(failTokens('InvalidAmount', { amount }));
  const offer = state.offers.get(offerId);
  if (!offer) return err(failImpact('UnknownOffer', { offer: offerId }));
  if (offer.holder !== action.vault) return err(failImpact('NotTheOfferHolder', { offer: offerId, vault: action.vault, holder: offer.holder }));
  if (!stakeable(offer)) return err(fail('OfferNotStakeable', { offer: offerId, state: offer.state }));
  const existing = requestsOf(state, offerId);
  // The reward repays the stakes (SPEC §5), so together they never ask for more than it.
  const requested = existing.reduce((sum, r) => sum + r.amount, 0n);
  if (requested + amount > offer.reward.conx) return err(fail('StakeRequestsAboveReward', { offer: offerId, reward: offer.reward.conx, requested, amount }));
  const id = `${offerId}/${existing.length + 1}`;
  return ok({
    ...state,
    stakeRequests: state.stakeRequests.set(id, {
      id,
      offer: offerId,
      holder: offer.holder,
      member: offer.member,
      amount,
      staked: 0n,
      released: 0n,
      repaid: 0n,
      state: 'open',
      requestedAt: ctx.time,
      releasedAt: null,
    }),
  });
};

export const giveStake: Handler<ActionWith<'stake.give', typeof StakeGivePayload>> = (state, action, ctx) => {
  const { request: requestId, amount } = action.payload;
  if (amount <= 0n) return err(failTokens('InvalidAmount', { amount }));
  const request = state.stakeRequests.get(requestId);
  if (!request) return err(fail('UnknownStakeRequest', { request: requestId }));
  const offer = state.offers.get(request.offer);
  if (!offer) return err(failImpact('UnknownOffer', { offer: request.offer }));
  if (!stakeable(offer)) return err(fail('OfferNotStakeable', { offer: offer.id, state: offer.state }));
  if (request.state !== 'open') return err(fail('StakeRequestClosed', { request: requestId, state: request.state }));
  const staker = vaultAt(state, action.vault);
  if (!staker) return err(failCore('UnknownVault', { vault: action.vault }));
  // PMT goes to the staker, and only member vaults hold it (SPEC §2).
  if (staker.kind !== 'member' || staker.owner === null) return err(failVaults('NotAMemberVault', { vault: action.vault }));
  if (staker.owner === request.member) return err(fail('OwnStakeRequest', { request: requestId, member: request.member }));
  if (amount > request.amount - request.staked) return err(fail('StakeAboveRequest', { request: requestId, amount, requested: request.amount, staked: request.staked }));
  const escrowed = intoEscrow(state, action.vault, stakeEscrowId(requestId), amount);
  if (!escrowed.ok) return escrowed;
  const next = addStake(escrowed.value, request, action.vault, staker.owner, amount, stakeId(requestId, action.vault));
  // Fully staked: released to the holder at once as working capital (SPEC §5).
  return request.staked + amount === request.amount ? release(next, requestId, ctx.time) : ok(next);
};

/** The holder takes what is staked so far and closes the request (a further need is a new request). */
export const releaseStake: Handler<ActionWith<'stake.release', typeof StakeReleasePayload>> = (state, action, ctx) => {
  const { request: requestId } = action.payload;
  const request = state.stakeRequests.get(requestId);
  if (!request) return err(fail('UnknownStakeRequest', { request: requestId }));
  if (request.holder !== action.vault) return err(failImpact('NotTheOfferHolder', { offer: request.offer, vault: action.vault, holder: request.holder }));
  if (request.state !== 'open') return err(fail('StakeRequestClosed', { request: requestId, state: request.state }));
  if (request.staked === 0n) return err(fail('NothingToRelease', { request: requestId }));
  return release(state, requestId, ctx.time);
};
