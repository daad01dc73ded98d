/**
 * Credential presentations (SPEC §1): "I am a member of this Commons whose faction is F and/or
 * whose tier is at least T", as a file another member's app verifies against its own verified
 * ledger, learning nothing else — not the MEID, not the member, not the tier beyond T.
 */
import { z } from 'zod';
import { type CommonsView } from '../contract/commons-view';
import { Field, Groth16Proof, Hash } from '../commons/log';
import { parseJsonFile } from '../json-file';
import { type Result, err, ok } from '../result';
import { FACTION_CODE, FACTION_NAMES, TIER_CODE, TIER_NAMES, fieldOfHash } from './field';
import { rootOf } from './merkle';
import { credentialLeaf } from './poseidon';
import { type ZkVerifier } from './types';

export const Presentation = z.strictObject({
  format: z.literal('c3-presentation/1'),
  commons: z.strictObject({ id: Hash, name: z.string() }),
  claim: z.strictObject({ faction: z.number().int().min(0).max(3), minTier: z.number().int().min(0).max(3) }),
  /** A fresh scope per presentation, so that two presentations cannot be linked by their nullifier. */
  scope: Hash,
  message: Field,
  root: Field,
  nullifier: Field,
  publicSignals: z.array(Field),
  proof: Groth16Proof,
  /** The ledger height the prover's credential tree was taken at. */
  height: z.number().int().nonnegative(),
});
export type Presentation = z.infer<typeof Presentation>;


/** The credential leaves in member-tree order: Poseidon(C, faction, tier) per member (what the stewards' ledger records). */
export function credentialLeaves(commons: CommonsView): { commitment: string; faction: number; tier: number }[] {
  const byCommitment = new Map(commons.members.map((m) => [m.commitment, m]));
  return commons.memberLeaves.flatMap((commitment) => {
    const member = byCommitment.get(commitment);
    return member ? [{ commitment, faction: Number(FACTION_CODE[member.faction]), tier: Number(TIER_CODE[member.tier]) }] : [];
  });
}

export const credentialRoot = (commons: CommonsView): string =>
  String(rootOf(credentialLeaves(commons).map((l) => credentialLeaf(BigInt(l.commitment), BigInt(l.faction), BigInt(l.tier)))));

export function claimWords(claim: Presentation['claim'], commonsName: string): string {
  const parts = [`a member of ${commonsName}`];
  if (claim.faction > 0) parts.push(`in the ${FACTION_NAMES[claim.faction - 1]}`);
  if (claim.minTier > 0) parts.push(`of tier ${TIER_NAMES[claim.minTier]} or higher`);
  return parts.join(' ');
}

export function parsePresentation(text: string): Result<Presentation, string> {
  const parsed = parseJsonFile(text, Presentation);
  if (parsed.ok) return parsed;
  return err(parsed.error.kind === 'SchemaMismatch' ? 'The file is not a C3 credential presentation.' : parsed.error.message);
}

/** Checks a presentation against this app's verified ledger: same Commons, current credential tree, valid proof. */
export function verifyPresentation(p: Presentation, commons: CommonsView, verifier: ZkVerifier): Result<string, string> {
  if (p.commons.id !== commons.commonsId.toLowerCase()) return err(`It is about another Commons (${p.commons.name}).`);
  const expected = [p.root, p.nullifier, String(p.claim.faction), String(p.claim.minTier), String(fieldOfHash(p.scope)), p.message];
  if (p.publicSignals.length !== expected.length || p.publicSignals.some((s, i) => s !== expected[i])) return err('Its public values do not match its claim.');
  if (p.root !== credentialRoot(commons)) {
    return err(`It was made against another state of the credentials (entry ${p.height}; this ledger is at entry ${commons.height}). Ask for a new presentation.`);
  }
  if (!verifier.verify('credential', p.publicSignals, p.proof)) return err('Its proof does not verify.');
  return ok(claimWords(p.claim, commons.name));
}
