/** The ballots module's slice of the state (SPEC §7): anonymous tallies by proposal id. */
import { type OrderedMap } from 'immutable';
import { type CommonsState } from '../state';

export interface BallotTally {
  readonly yes: number;
  readonly no: number;
  readonly abstain: number;
}

declare module '../state' {
  interface CommonsState {
    /** Anonymous one-member-one-vote tallies by proposal id (SPEC §7). */
    readonly ballots: OrderedMap<string, BallotTally>;
  }
}

export type BallotsSlice = Pick<CommonsState, 'ballots'>;
