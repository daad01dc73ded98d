/** The app's ledger: the composition of the registered modules (registry.ts). */
import { type SlicesOf, composeCommons } from './compose';
import { modules } from './registry';
import { type CommonsState, type CoreField } from './state';

export const commons = composeCommons(modules);

/**
 * Every field a module's folder adds to CommonsState is made at genesis by a registered module:
 * a module whose folder adds a slice but which the registry does not list fails to compile here.
 */
type Unmade = Exclude<keyof CommonsState, CoreField | keyof SlicesOf<typeof modules>>;
export const everySliceIsMade: [Unmade] extends [never] ? true : { unmade: Unmade } = true;
