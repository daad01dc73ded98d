/** Credential presentations (shared/zk/presentation.ts) with real proofs of the credential circuit. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as snarkjs from 'snarkjs';
import { type CommonsView } from '../shared/contract/commons-view';
import { createGroth16Verifier, type VerificationKey } from '../shared/zk/groth16';
import { fieldOfHash } from '../shared/zk/field';
import { merkleProof } from '../shared/zk/merkle';
import { credentialLeaf, identityCommitment } from '../shared/zk/poseidon';
import { type Presentation, credentialLeaves, credentialRoot, verifyPresentation } from '../shared/zk/presentation';

const vkey = JSON.parse(readFileSync('resources/zk/credential.vkey.json', 'utf8')) as VerificationKey;
const verifier = createGroth16Verifier({ credential: vkey });
const people = [
  { label: 'A', secret: 1n, bioKey: 2n, faction: 'Union', tier: 'Silver' },
  { label: 'B', secret: 3n, bioKey: 4n, faction: 'Guild', tier: 'None' },
] as const;
const commitments = people.map((p) => String(identityCommitment(p.secret, p.bioKey)));
const commons = {
  commonsId: `0x${'c3'.repeat(32)}`,
  name: 'Test Commons',
  height: 5,
  members: people.map((p, i) => ({ did: `did:key:${p.label}`, label: p.label, faction: p.faction, tier: p.tier, balances: {}, commitment: commitments[i]!, enrolledAt: 0 })),
  memberLeaves: commitments,
} as unknown as CommonsView;

async function present(claim: { faction: number; minTier: number }): Promise<Presentation> {
  const leaves = credentialLeaves(commons);
  const tree = leaves.map((l) => credentialLeaf(BigInt(l.commitment), BigInt(l.faction), BigInt(l.tier)));
  const path = merkleProof(tree, 0);
  const scope = `0x${'ab'.repeat(32)}` as const;
  const input = { secret: 1n, bioKey: 2n, memberFaction: 1n, memberTier: 2n, pathElements: path.pathElements, pathIndices: path.pathIndices, faction: BigInt(claim.faction), minTier: BigInt(claim.minTier), scope: fieldOfHash(scope), message: 0n };
  const { proof, publicSignals } = await snarkjs.groth16.fullProve(input, new Uint8Array(readFileSync('resources/zk/credential.wasm')), new Uint8Array(readFileSync('resources/zk/credential.zkey')));
  return { format: 'c3-presentation/1', commons: { id: commons.commonsId as `0x${string}`, name: commons.name }, claim, scope, message: '0', root: publicSignals[0]!, nullifier: publicSignals[1]!, publicSignals, proof: proof as Presentation['proof'], height: 5 };
}

describe('a credential presentation', () => {
  it('verifies against the ledger’s credential tree, and nothing altered does', async () => {
    const p = await present({ faction: 1, minTier: 2 });
    expect(p.root).toBe(credentialRoot(commons));
    expect(verifyPresentation(p, commons, verifier)).toEqual({ ok: true, value: 'a member of Test Commons in the Union of tier Silver or higher' });
    expect(verifyPresentation({ ...p, claim: { faction: 1, minTier: 3 } }, commons, verifier)).toMatchObject({ ok: false });
    expect(verifyPresentation({ ...p, commons: { ...p.commons, id: `0x${'00'.repeat(32)}` } }, commons, verifier)).toMatchObject({ ok: false });
    // A later credential state (B became Gold) is another tree: the presentation must be made again.
    const later = { ...commons, members: commons.members.map((m) => (m.label === 'B' ? { ...m, tier: 'Gold' as const } : m)) };
    expect(verifyPresentation(p, later, verifier)).toMatchObject({ ok: false, error: expect.stringContaining('another state') });
    await (globalThis as { curve_bn128?: { terminate(): Promise<void> } }).curve_bn128?.terminate();
  }, 30_000);
});
