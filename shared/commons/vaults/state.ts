/** The vaults module's slice of the state (SPEC §3): every vault, by address. */
import { type Balances } from '../balances';
import { type Address, type CommonsState, type Signer } from '../state';
import { type VaultMap } from './vault-map';

export interface Vault {
  readonly address: Address;
  readonly name: string;
  readonly kind: 'member' | 'commons';
  /** The owning member's DID for member vaults; null for Commons vaults. */
  readonly owner: string | null;
  readonly signers: readonly Signer[];
  readonly threshold: number;
  readonly nonce: number;
  readonly balances: Balances;
  /** Commons vaults only, when the treasury set one (SPEC §3): at most this much CONX a period. Absent otherwise (never undefined: the state hash sees keys). */
  readonly spendLimit?: SpendLimit;
  /** What the vault spent in the period it last spent in (spend-limit.ts); absent until its first spend under a limit. */
  readonly spent?: { readonly periodStart: number; readonly amount: bigint };
}

/** A spend limit: `amount` CONX (base units) per period of `periodSeconds` of ledger time. */
export interface SpendLimit {
  readonly amount: bigint;
  readonly periodSeconds: number;
}

declare module '../state' {
  interface CommonsState {
    /** Vaults by address, in creation order (a persistent map: one action shares the other vaults, vault-map.ts). */
    readonly vaults: VaultMap;
  }
}

export type VaultsSlice = Pick<CommonsState, 'vaults'>;
