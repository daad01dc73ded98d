/** The params module: the governance parameters, fixed at genesis, changed by passed proposals (SPEC §7). */
import { ok } from '../../result';
import { action, defineModule, passedProposal } from '../module';
import { checkParamBounds } from './bounds';
import { paramsAtGenesis } from './defaults';
import { paramsSentences } from './errors';
import { setParams } from './handlers';
import { SetParamsPayload } from './payloads';
import { applyDue, nextPendingAt } from './pending';
import { type ParamsSlice } from './state';
import { type CommonsState } from '../state';
import { Params } from './schema';

export const params = defineModule({
  name: 'params',
  actions: {
    'params.set': action({ payload: SetParamsPayload, authority: passedProposal((p) => p.proposal), handle: setParams }),
  },
  state: {
    // A Commons starts inside the bounds its parameters must always keep (SPEC §4).
    initial: (genesis, logVersion) => {
      const params = paramsAtGenesis(genesis.params, logVersion);
      const bounded = checkParamBounds(params);
      if (!bounded.ok) return bounded;
      const slice: ParamsSlice = { params, pendingParams: [] };
      return ok(slice);
    },
  },
  // SPEC §4: a lowered threshold governs every moment after its effectiveAt (pending.ts).
  onTime: (state: CommonsState, from: number) => {
    const due = applyDue(state.params, state.pendingParams, from);
    return due.pendingParams === state.pendingParams ? state : { ...state, params: due.params, pendingParams: due.pendingParams };
  },
  nextChangeAt: (state: CommonsState, time: number) => nextPendingAt(state.pendingParams, time),
  errors: paramsSentences,
  view: {
    state: (state: ParamsSlice) => ({ params: state.params, pendingParams: state.pendingParams }),
    // The screens' copy of every parameter in force (the governance composer previews a change against it).
    commons: { shape: { params: Params }, of: (state: ParamsSlice) => ({ params: state.params }) },
  },
});

export { DEFAULT_PARAMS, DEFAULT_PARAMS_V2, PARAM_DEFAULTS_BY_VERSION, paramsAtGenesis } from './defaults';
export { Params, ParamsV1, ParamsV2 } from './schema';
export { checkParamBounds, type ParamOutOfBounds } from './bounds';
export { type PendingParam, withPending } from './pending';
