/** The Judicial Loop's action payloads (docs/ledger-format.md, "Judicial Loop"). */
import { z } from 'zod';
import { NonNegativeAmount } from '../../money';
import { WorkId } from '../impact/payloads';
import { SUBJECT_KINDS } from './state';

const DisputeId = WorkId;
const Words = z.string().min(1).max(2_000);

/** `dispute.open` (a party's vault, the member's own key among the signatures). */
export const DisputeOpenPayload = z.strictObject({
  id: DisputeId,
  subject: z.strictObject({ kind: z.enum(SUBJECT_KINDS), id: z.string().min(1).max(100) }),
  claim: Words,
  amount: NonNegativeAmount,
});

export const ResolutionPayload = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('completeWithAdjustments'), reward: z.strictObject({ conx: NonNegativeAmount, ppt: NonNegativeAmount, role: NonNegativeAmount }), note: Words }),
  z.strictObject({
    kind: z.literal('repaymentSchedule'),
    instalments: z.array(z.strictObject({ dueAt: z.number().int().nonnegative(), amount: NonNegativeAmount })).min(1).max(24),
    note: Words,
  }),
  z.strictObject({ kind: z.literal('sharedLoss'), loss: NonNegativeAmount, sharedBps: z.number().int().min(0).max(10_000), note: Words }),
]);

/** `dispute.propose` (the dispute's panel vault, under its quorum). */
export const DisputeProposePayload = z.strictObject({ dispute: DisputeId, resolution: ResolutionPayload });
/** `dispute.accept` (a party's vault). */
export const DisputeRefPayload = z.strictObject({ dispute: DisputeId });
/** `dispute.reject`, `dispute.appeal` (a party's vault): why, in words that go into the log. */
export const DisputeReasonPayload = z.strictObject({ dispute: DisputeId, reason: Words });
/** `dispute.vote` (a member's vault, not a party's): one member, one vote, signed so that parties can be refused. */
export const DisputeVotePayload = z.strictObject({ dispute: DisputeId, support: z.enum(['for', 'against']) });
/** `dispute.pay` (the debtor's vault): an instalment of a repayment schedule. */
export const DisputePayPayload = z.strictObject({ dispute: DisputeId, amount: NonNegativeAmount });
