/** The patronage module's errors (SPEC §9), each with its sentence and numbers. */
import { type E, type Sentences, failWith } from '../module';
import { conx } from '../impact/errors';

export type PatronageError =
  | E<'NotTheOpenPeriod', { period: number; open: number }>
  | E<'RefundsAboveTreasury', { owed: bigint; treasury: bigint }>
  | E<'ClaimAboveOwed', { amount: bigint; owed: bigint }>
  | E<'PaymentAboveBill', { amount: bigint; due: bigint }>;

export const patronageSentences: Sentences<PatronageError> = {
  NotTheOpenPeriod: (e) => `Period ${e.period} is not the open period; the open period is ${e.open}, and periods close in order, once each.`,
  RefundsAboveTreasury: (e) =>
    `After this close the Commons would owe members ${conx(e.owed)} in refunds, and the treasury holds ${conx(e.treasury)}; a refund is credited only when the treasury can pay it (state lower costs only if they were lower, or close later).`,
  ClaimAboveOwed: (e) => `This claim of ${conx(e.amount)} exceeds the refunds the Commons owes you, ${conx(e.owed)}.`,
  PaymentAboveBill: (e) => `This payment of ${conx(e.amount)} exceeds your patronage bill, ${conx(e.due)}.`,
};

export const fail = failWith<PatronageError>(patronageSentences);
