/**
 * What the dashboard shows of a Commons: members, vaults and balances as folded from its
 * verified ledger. It is a read model (a projection), never a source of truth. Its fields are the
 * core's and each registered Commons module's (`shared/commons/<module>/view.ts`).
 */
import { type z } from 'zod';
import { type CommonsViewShapeOf } from '../commons/compose';
import { commons } from '../commons/ledger';
import { type modules } from '../commons/registry';

export { Address, Balances, Faction, Hex32, Tier, TokenSymbol } from '../commons/view-schema';
export { MemberView } from '../commons/identity/view';
export { SignerView, VaultView } from '../commons/vaults/view';

type ComposedShape = CommonsViewShapeOf<typeof modules>;
/**
 * The fields of every module's view, as a named interface: the contract's inferred types then
 * refer to it by name instead of spelling out every field (which TypeScript refuses past a size).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a name for the composed shape, nothing added
export interface CommonsViewShape extends ComposedShape {}
export const CommonsView: z.ZodObject<CommonsViewShape> = commons.CommonsView;
export type CommonsView = z.infer<typeof CommonsView>;
