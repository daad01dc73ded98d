/**
 * Every error a service may answer across the contract, by module: the devices', the prover's,
 * the ledger service's and the Commons' rules. A row of the contract names the kinds it may answer
 * with (`errors` in ./define.ts); its error type is the closed union of those and the contract's
 * own (./errors.ts `ContractError`), which any row may answer.
 */
import { type DeviceError } from './device-errors';
import { type CommonsWireError, type LedgerServiceError, type ProverUnknownCommons } from './ledger-errors';
import { type ZkError } from './zk-errors';
import { type StewardsError } from './stewards-errors';

export type KnownError = DeviceError | ZkError | LedgerServiceError | ProverUnknownCommons | CommonsWireError | StewardsError;
export type KnownErrorKind = KnownError['kind'];
