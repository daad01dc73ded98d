/**
 * The state of a Commons: the fold of its log from genesis (SPEC §11). The core holds what every
 * entry needs (the chain's head, its time, the treasury); each module adds its own slice to
 * `CommonsState` from its folder (`declare module '../state'` in `<module>/state.ts`), and makes
 * its initial value at genesis. Addresses are lower-case hex throughout.
 */
import { type Hex } from '../crypto/canonical';
import { type LogVersion } from './schema';

/** Lower-case 0x-prefixed hex, 20 bytes (checked by the log schema). */
export type Address = string;

export interface Signer {
  readonly address: Address;
  readonly device: 'ledger' | 'trezor' | 'unknown';
  readonly label: string;
  /** BIP32 derivation path on the device, e.g. m/44'/60'/0'/0/1. */
  readonly path: string;
}

/** The core's part of the state; the modules' slices are merged into this interface. */
export interface CommonsState {
  /** The log format's version, fixed by the genesis entry (schema.ts LOG_VERSION). */
  readonly version: LogVersion;
  readonly commonsId: Hex;
  readonly name: string;
  /** Entries applied; the next entry's seq. */
  readonly height: number;
  /** Hash of the last entry applied (its LedgerEntry digest). */
  readonly headHash: Hex;
  /** Time of the last entry applied, seconds. */
  readonly time: number;
  /** The treasury vault, whose quorum also signs every entry as sequencer (SPEC §11). */
  readonly treasury: Address;
}

/** The fields of the state that belong to the core rather than to a module. */
export type CoreField = 'version' | 'commonsId' | 'name' | 'height' | 'headHash' | 'time' | 'treasury';

export const ZERO_HASH: Hex = `0x${'00'.repeat(32)}`;

// The modules' types, where they were before the modules had folders.
export { type Balances, balanceOf } from './balances';
export { type Faction, type Tier, type Member, type MemberTree, FACTIONS, ROOT_HISTORY } from './identity/state';
export { type Vault } from './vaults/state';
export { type Escrow, ROLE_TOKEN } from './tokens/state';
export { type BallotTally } from './ballots/state';
