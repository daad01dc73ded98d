/**
 * The credit module (SPEC §4, VELOC): price attestations by the treasury quorum, credit lines on
 * member vaults (collateral, draws, repayments, COMM set-off), fees in time, freezing and cure,
 * liquidation and bad debt. Its figures are pure functions (figures.ts, what-if.ts) that the
 * screens and the bench use on the view.
 */
import { Map as ImmutableMap } from 'immutable';
import { ok } from '../../result';
import { TREASURY, VAULT_QUORUM, action, defineModule } from '../module';
import { creditSentences } from './errors';
import { draw, lock, pledge, repay, setOff, setOffByTreasury, unlock, unpledge } from './handlers';
import { liquidate } from './liquidate';
import { AmountPayload, LiquidatePayload, LockPayload, PledgePayload, PriceAttestPayload, TreasurySetOffPayload } from './payloads';
import { attest } from './prices';
import { type CreditSlice, NO_TOTALS } from './state';
import { creditOnTime } from './time';
import { creditModuleView } from './view';

const noPrice = { current: null, pending: null };
const initial: CreditSlice = { credit: { lines: ImmutableMap(), prices: { ADA: noPrice, BTC: noPrice, ETH: noPrice }, totals: NO_TOTALS, nextCrossing: null, basis: null } };

export const credit = defineModule({
  name: 'credit',
  actions: {
    'price.attest': action({ payload: PriceAttestPayload, authority: TREASURY, handle: attest }),
    'credit.lock': action({ payload: LockPayload, authority: VAULT_QUORUM, handle: lock }),
    'credit.unlock': action({ payload: LockPayload, authority: VAULT_QUORUM, handle: unlock }),
    'credit.pledge': action({ payload: PledgePayload, authority: VAULT_QUORUM, handle: pledge }),
    'credit.unpledge': action({ payload: PledgePayload, authority: VAULT_QUORUM, handle: unpledge }),
    'credit.draw': action({ payload: AmountPayload, authority: VAULT_QUORUM, handle: draw }),
    'credit.repay': action({ payload: AmountPayload, authority: VAULT_QUORUM, handle: repay }),
    'credit.setOff': action({ payload: AmountPayload, authority: VAULT_QUORUM, handle: setOff }),
    'credit.setOffByTreasury': action({ payload: TreasurySetOffPayload, authority: TREASURY, handle: setOffByTreasury }),
    'credit.liquidate': action({ payload: LiquidatePayload, authority: TREASURY, handle: liquidate }),
  },
  state: { initial: () => ok(initial) },
  onTime: creditOnTime,
  errors: creditSentences,
  view: creditModuleView,
});

export { COLLATERAL_ASSETS, MARKET_ASSETS, commEscrowId, type CollateralAsset, type CreditLine, type MarketAsset } from './state';
export * from './figures';
export * from './what-if';
export { CreditLineView, CreditView, PriceView, CreditParamsView, creditView } from './view';
