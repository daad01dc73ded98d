/** The staking page's signing requests (SPEC §5), drafted from what the member typed; the ledger's rules are the pre-flight's. */
import { type CommonsView, type VaultView } from '../../shared/contract/commons-view';
import { type SigningRequest, unsignedRequest } from '../../shared/quorum/request';
import { type Result, ok } from '../../shared/result';
import { amountOf } from '../impact/requests';

/** The offer holder asks for stakes on their accepted offer. */
export function stakeRequestRequest(commons: Pick<CommonsView, 'commonsId'>, holder: VaultView, offer: string, amountText: string, validUntil: number): Result<SigningRequest, string> {
  if (!offer) return { ok: false, error: 'Choose the accepted offer to ask stakes for.' };
  const amount = amountOf(amountText, 'amount asked');
  if (!amount.ok) return amount;
  return ok(unsignedRequest(commons, holder, 'stake.request', { offer, amount: amount.value }, validUntil));
}

/** A member stakes CONX from their vault into a request's escrow. */
export function stakeGiveRequest(commons: Pick<CommonsView, 'commonsId'>, staker: VaultView, request: string, amountText: string, validUntil: number): Result<SigningRequest, string> {
  const amount = amountOf(amountText, 'stake');
  if (!amount.ok) return amount;
  return ok(unsignedRequest(commons, staker, 'stake.give', { request, amount: amount.value }, validUntil));
}

/** The holder takes what is staked so far as working capital, closing the request. */
export const stakeReleaseRequest = (commons: Pick<CommonsView, 'commonsId'>, holder: VaultView, request: string, validUntil: number): SigningRequest =>
  unsignedRequest(commons, holder, 'stake.release', { request }, validUntil);
