/** The params module's slice of the state: the Commons' governance parameters (SPEC.md *(param)*). */
import { type CommonsState } from '../state';
import { type PendingParam } from './pending';
import { type Params } from './schema';

declare module '../state' {
  interface CommonsState {
    readonly params: Params;
    /** Lowered liquidation thresholds waiting for their cure period, in effectiveAt order (SPEC §4, pending.ts). */
    readonly pendingParams: readonly PendingParam[];
  }
}

export type ParamsSlice = Pick<CommonsState, 'params' | 'pendingParams'>;
