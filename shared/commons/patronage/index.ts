/** The patronage module (SPEC §9): points per member per period, revenue, the period close with refunds, bills, reserves and tiers. */
import { List, Map as ImmutableMap } from 'immutable';
import { ok } from '../../result';
import { MEMBER, TREASURY, action, defineModule } from '../module';
import { patronageSentences } from './errors';
import { claimRefund, close, payBill } from './handlers';
import { PatronageClaimPayload, PatronageClosePayload, PatronagePayBillPayload } from './payloads';
import { EMPTY_LOSS_RESERVE, NEW_BOOK, type PatronageSlice } from './state';
import { patronageModuleView } from './view';

const initial: PatronageSlice = {
  patronage: ImmutableMap(),
  lossReserve: EMPTY_LOSS_RESERVE,
  patronageBook: NEW_BOOK,
  patronageAccounts: ImmutableMap(),
  patronagePeriods: List(),
};

export const patronage = defineModule({
  name: 'patronage',
  actions: {
    'patronage.close': action({ payload: PatronageClosePayload, authority: TREASURY, handle: close }),
    'patronage.payBill': action({ payload: PatronagePayBillPayload, authority: MEMBER, handle: payBill }),
    'patronage.claimRefund': action({ payload: PatronageClaimPayload, authority: MEMBER, handle: claimRefund }),
  },
  state: { initial: () => ok(initial) },
  errors: patronageSentences,
  view: patronageModuleView,
});

export {
  PATRONAGE_SOURCES,
  REVENUE_SOURCES,
  type PatronageSource,
  type RevenueSource,
  type PatronagePoints,
  NO_POINTS,
  type LossReserve,
  type ClosedPeriod,
  type PatronageAccount,
} from './state';
export { chargeLossReserve, pointsFor, queueSharedLoss, recordPatronage, totalPoints } from './points';
export { recordRevenue, periodRevenue } from './revenue';
export { splitBill, splitPayout, type Split } from './split';
export { closeFigures, pointsTotal, tierOf, type CloseFigures } from './close';
