/** The staking module's action payloads (docs/ledger-format.md, "M2M staking"). */
import { z } from 'zod';
import { NonNegativeAmount } from '../../money';
import { WorkId } from '../impact/payloads';

/** A stake request's id: its offer's id, a slash, and its number among that offer's requests (`build-site/1`). */
export const StakeRequestId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\/[1-9][0-9]{0,5}$/, 'a stake request id: <offer>/<n>');

/** `stake.request` (the offer holder's vault, the member's own key among the signatures). */
export const StakeRequestPayload = z.strictObject({ offer: WorkId, amount: NonNegativeAmount });
/** `stake.give` (the staker's vault): CONX into the request's escrow. */
export const StakeGivePayload = z.strictObject({ request: StakeRequestId, amount: NonNegativeAmount });
/** `stake.release` (the holder's vault): what is staked so far goes to the holder, and the request closes. */
export const StakeReleasePayload = z.strictObject({ request: StakeRequestId });
