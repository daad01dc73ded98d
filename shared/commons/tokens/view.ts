/** What the views show of the tokens: their supplies, and (`c3 state --json`) what is held in escrow. */
import { nonZero } from '../balances';
import { type ModuleView } from '../module';
import { Balances } from '../view-schema';
import { type TokensSlice } from './state';

const shape = { supplies: Balances };

export const tokensView: ModuleView<TokensSlice, typeof shape> = {
  state: (state) => ({ supplies: nonZero(state.supplies), escrows: [...state.escrows.values()] }),
  commons: { shape, of: (state) => ({ supplies: nonZero(state.supplies) }) },
};
