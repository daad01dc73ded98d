/**
 * The Commons modules, one line each (ARCHITECTURE.md). The ledger is their composition
 * (compose.ts): the Action and error unions, the state, the time step and the views are derived
 * from this list. Order matters where modules meet: genesis makes and checks the slices in this
 * order, time passes through them in this order, and the views list their fields in this order.
 */
import { identity } from './identity';
import { vaults } from './vaults';
import { tokens } from './tokens';
import { ballots } from './ballots';
import { params } from './params';
import { patronage } from './patronage';
import { impact } from './impact';
import { staking } from './staking';
import { credit } from './credit';
import { governance } from './governance';
import { dex } from './dex';
import { judicial } from './judicial';

export const modules = [
  identity,
  vaults,
  tokens,
  ballots,
  params,
  patronage,
  impact,
  staking,
  credit,
  governance,
  dex,
  judicial,
] as const;
