/** The identity module's action payloads (docs/ledger-format.md). */
import { z } from 'zod';
import { Address, Field, Groth16Proof, SignatureHex, VaultSetup } from '../schema';
import { FACTIONS } from './state';

const Faction = z.enum(FACTIONS);

export const EnrolPayload = z.strictObject({
  did: z.string(),
  label: z.string().max(100),
  faction: Faction,
  commitment: Field,
  nullifier: Field,
  publicSignals: z.array(Field),
  proof: Groth16Proof,
  attestor: Address,
  attestorSig: SignatureHex,
  vault: z.strictObject(VaultSetup),
});

export const ChangeFactionPayload = z.strictObject({ faction: Faction });

export const RegisterAttestorPayload = z.strictObject({ attestor: Address });
