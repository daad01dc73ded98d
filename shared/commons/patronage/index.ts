/** The patronage module (SPEC §9): points per member per period; the period close comes with patronage periods. */
import { Map as ImmutableMap } from 'immutable';
import { ok } from '../../result';
import { defineModule } from '../module';
import { EMPTY_LOSS_RESERVE, type PatronageSlice } from './state';

const initial: PatronageSlice = { patronage: ImmutableMap(), lossReserve: EMPTY_LOSS_RESERVE };

export const patronage = defineModule({
  name: 'patronage',
  actions: {},
  state: { initial: () => ok(initial) },
  errors: {},
  view: {
    state: (state: PatronageSlice) => ({
      patronage: Object.fromEntries([...state.patronage.entries()].map(([did, points]) => [did, points])),
      lossReserve: state.lossReserve,
    }),
  },
});

export { PATRONAGE_SOURCES, type PatronageSource, type PatronagePoints, NO_POINTS } from './state';
export { chargeLossReserve, pointsFor, queueSharedLoss, recordPatronage, totalPoints } from './points';
export { type LossReserve } from './state';
