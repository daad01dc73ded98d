/** The vaults module's action payloads (docs/ledger-format.md). */
import { z } from 'zod';
import { SignerSpec, VaultSetup } from '../schema';

export const CreateVaultPayload = z.strictObject({ owner: z.string(), ...VaultSetup });
export const SetSignersPayload = z.strictObject({ signers: z.array(SignerSpec).min(1).max(15), threshold: z.number().int() });
export const SetThresholdPayload = z.strictObject({ threshold: z.number().int() });
