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
import { type Params } from './schema';

export const setParams: Handler<ActionWith<'params.set', typeof SetParamsPayload>> = (state, action) => {
  const params: Params = { ...state.params, ...action.payload.params };
  const bounded = checkParamBounds(params);
  if (!bounded.ok) return err(bounded.error);
  return ok({ ...state, params });
};
