/** The params module's slice of the state: the Commons' governance parameters (SPEC.md *(param)*). */
import { type CommonsState } from '../state';
import { type Params } from './schema';

declare module '../state' {
  interface CommonsState {
    readonly params: Params;
  }
}

export type ParamsSlice = Pick<CommonsState, 'params'>;
