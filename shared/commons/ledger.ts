/** The app's ledger: the composition of the registered modules (registry.ts). */
import { composeCommons } from './compose';
import { modules } from './registry';

export const commons = composeCommons(modules);
