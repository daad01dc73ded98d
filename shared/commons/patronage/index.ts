/** The patronage module (SPEC §9): points per member per period; the period close comes with patronage periods. */
import { Map as ImmutableMap } from 'immutable';
import { ok } from '../../result';
import { defineModule } from '../module';
import { type PatronageSlice } from './state';

const initial: PatronageSlice = { patronage: ImmutableMap() };

export const patronage = defineModule({
  name: 'patronage',
  actions: {},
  state: { initial: () => ok(initial) },
  errors: {},
  view: {
    state: (state: PatronageSlice) => ({
      patronage: Object.fromEntries([...state.patronage.entries()].map(([did, points]) => [did, points])),
    }),
  },
});

export { PATRONAGE_SOURCES, type PatronageSource, type PatronagePoints, NO_POINTS } from './state';
export { pointsFor, recordPatronage, totalPoints } from './points';
