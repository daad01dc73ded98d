/** The tokens module (SPEC §2): minting, transfers and burns of the six Commons tokens. */
import { Map as ImmutableMap } from 'immutable';
import { ok } from '../../result';
import { TREASURY, VAULT_QUORUM, action, defineModule } from '../module';
import { tokensSentences } from './errors';
import { burnToComm, burnToConx, mint, transfer } from './handlers';
import { BurnPayload, MintPayload, TransferPayload } from './payloads';
import { type TokensSlice } from './state';
import { tokensView } from './view';

const initial: TokensSlice = { supplies: {}, escrows: ImmutableMap() };

export const tokens = defineModule({
  name: 'tokens',
  actions: {
    'token.mint': action({ payload: MintPayload, authority: TREASURY, handle: mint }),
    'token.transfer': action({ payload: TransferPayload, authority: VAULT_QUORUM, handle: transfer }),
    'token.burnToComm': action({ payload: BurnPayload, authority: VAULT_QUORUM, handle: burnToComm }),
    'token.burnToConx': action({ payload: BurnPayload, authority: VAULT_QUORUM, handle: burnToConx }),
  },
  state: { initial: () => ok(initial) },
  errors: tokensSentences,
  view: tokensView,
});

export { TRANSFERABLE, burnFrom, heldTotal, mayHold, mintTo } from './handlers';
export { ROLE_TOKEN, type Escrow } from './state';
