/**
 * `params.set` (SPEC §7): a passed proposal changes parameters. Its authority, `passed-proposal`,
 * is checked before this runs; here the parameters after the change are held to every bound of
 * SPEC §4 again, at the moment of execution.
 */
import { err, ok } from '../../result';
import { type Handler } from '../module';
import { type ActionWith } from '../schema';
import { checkParamBounds } from './bounds';
import { type SetParamsPayload } from './payloads';
import { splitChange, withPending } from './pending';

export const setParams: Handler<ActionWith<'params.set', typeof SetParamsPayload>> = (state, action, ctx) => {
  // SPEC §4: a lowered liquidation threshold waits a cure period more (pending.ts); the rest applies now.
  const { params, pending } = splitChange(state.params, state.pendingParams, action.payload.params, action.payload.proposal, ctx.time);
  // Both what is in force now and what will be once the pending changes applied keep every bound.
  for (const checked of [params, withPending(params, pending)]) {
    const bounded = checkParamBounds(checked);
    if (!bounded.ok) return err(bounded.error);
  }
  return ok({ ...state, params, pendingParams: pending });
};
