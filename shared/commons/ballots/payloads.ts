/** The ballots module's action payloads (docs/ledger-format.md). */
import { z } from 'zod';
import { Field, Groth16Proof, Hash } from '../schema';

/**
 * An anonymous ballot (SPEC §7): no vault signs it (that would name the voter); a membership
 * proof over the member tree does, with the proposal as scope and the choice as the bound message.
 */
export const AnonymousBallotPayload = z.strictObject({
  proposal: Hash,
  choice: z.enum(['yes', 'no', 'abstain']),
  root: Field,
  nullifier: Field,
  publicSignals: z.array(Field),
  proof: Groth16Proof,
});
