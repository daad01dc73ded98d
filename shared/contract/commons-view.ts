/**
 * What the dashboard shows of a Commons: members, vaults and balances as folded from its
 * verified ledger. It is a read model (a projection), never a source of truth. Its fields are the
 * core's and each registered Commons module's (`shared/commons/<module>/view.ts`).
 */
import { type z } from 'zod';
import { commons } from '../commons/ledger';

export { Address, Balances, Faction, Hex32, Tier, TokenSymbol } from '../commons/view-schema';
export { MemberView } from '../commons/identity/view';
export { SignerView, VaultView } from '../commons/vaults/view';

export const CommonsView = commons.CommonsView;
export type CommonsView = z.infer<typeof CommonsView>;
