/** The params module's action payloads (docs/ledger-format.md). */
import { z } from 'zod';
import { Hash } from '../schema';
import { Params } from './schema';

/** A change of some parameters, executing the proposal that passed it (SPEC §7). */
export const SetParamsPayload = z.strictObject({
  proposal: Hash,
  params: Params.partial().refine((changes) => Object.keys(changes).length > 0, 'a parameter change changes at least one parameter'),
});
