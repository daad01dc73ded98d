/** What the views show of the tokens: their supplies. */
import { nonZero } from '../balances';
import { type ModuleView } from '../module';
import { Balances } from '../view-schema';
import { type TokensSlice } from './state';

const shape = { supplies: Balances };

export const tokensView: ModuleView<TokensSlice, typeof shape> = {
  state: (state) => ({ supplies: nonZero(state.supplies) }),
  commons: { shape, of: (state) => ({ supplies: nonZero(state.supplies) }) },
};
