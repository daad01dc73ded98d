/** The vaults module's action payloads (docs/ledger-format.md). */
import { z } from 'zod';
import { NonNegativeAmount } from '../../money';
import { Address, SignerSpec, VaultSetup } from '../schema';

export const CreateVaultPayload = z.strictObject({ owner: z.string(), ...VaultSetup });
export const SetSignersPayload = z.strictObject({ signers: z.array(SignerSpec).min(1).max(15), threshold: z.number().int() });
export const SetThresholdPayload = z.strictObject({ threshold: z.number().int() });

/** A spend limit per period (SPEC §3): `amount` CONX in base units per `periodSeconds` (an hour to a year). */
export const SpendLimitSpec = z.strictObject({ amount: NonNegativeAmount, periodSeconds: z.number().int().min(3_600).max(366 * 86_400) });
/** A Commons vault (reserve, working funds), created by the treasury quorum: the action names the treasury; `address` is the new vault's. */
export const CreateCommonsVaultPayload = z.strictObject({ address: Address, ...VaultSetup, spendLimit: SpendLimitSpec.optional() });
/** Sets (or, with null, removes) a Commons vault's spend limit, by the treasury quorum. */
export const SetSpendLimitPayload = z.strictObject({ vault: Address, spendLimit: SpendLimitSpec.nullable() });
