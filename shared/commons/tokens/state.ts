/** The tokens module's slice of the state (SPEC §2): supplies, and what is held in escrow. */
import { type Map as ImmutableMap } from 'immutable';
import { type CommonsToken } from '../../money';
import { type Balances } from '../balances';
import { type CommonsState } from '../state';
import { type Faction } from '../identity/state';

/** SPEC §2: the role token of each faction. */
export const ROLE_TOKEN: Record<Faction, CommonsToken> = { Union: 'PDT', Guild: 'PCT', Syndicate: 'PMT' };

/** Tokens held outside any vault, bound to an offer, a stake or a dispute (SPEC §5, §8). */
export interface Escrow {
  readonly id: string;
  readonly token: CommonsToken;
  readonly amount: bigint;
}

declare module '../state' {
  interface CommonsState {
    /** Per token: Σ balances + Σ escrows, always (SPEC §2). */
    readonly supplies: Balances;
    readonly escrows: ImmutableMap<string, Escrow>;
  }
}

export type TokensSlice = Pick<CommonsState, 'supplies' | 'escrows'>;
