/** The patronage module's action payloads (docs/ledger-format.md, "Patronage periods"). */
import { z } from 'zod';
import { NonNegativeAmount } from '../../money';

/**
 * `patronage.close` (the treasury's quorum): the open period's number (periods close in order,
 * once each), the period's costs in CONX minor units as the quorum states them, and a note.
 * Revenue is not stated: the close reads it from the ledger.
 */
export const PatronageClosePayload = z.strictObject({
  period: z.number().int().positive(),
  costs: NonNegativeAmount,
  note: z.string().max(500),
});

/** `patronage.payBill` (a member's vault, the member's own key among the signatures): CONX to the treasury. */
export const PatronagePayBillPayload = z.strictObject({ amount: NonNegativeAmount });

/** `patronage.claimRefund` (a member's vault, the member's own key among the signatures): CONX from the treasury. */
export const PatronageClaimPayload = z.strictObject({ amount: NonNegativeAmount });
