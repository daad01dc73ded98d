/**
 * The circuits, through the app's own prover (snarkjs in a worker) and verifier (@noble/curves):
 * a real proof for each, valid and invalid witnesses, and agreement with snarkjs's verifier.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as snarkjs from 'snarkjs';
import { createProver } from '../electron/services/prover/prover';
import { loadCircuit } from '../electron/services/prover/artifacts';
import { createGroth16Verifier } from '../shared/zk/groth16';
import { fieldOfHash } from '../shared/zk/field';
import { merkleProof, rootOf, emptyFrontier, insertLeaf } from '../shared/zk/merkle';
import { credentialLeaf, identityCommitment, scopeNullifier, uniquenessNullifier } from '../shared/zk/poseidon';
import { loadVerificationKeysSync } from '../electron/services/ledger/zk-verifier';

const dir = 'resources/zk';
const prover = createProver({ artifactsDir: dir });
const verifier = createGroth16Verifier(loadVerificationKeysSync(dir));
afterAll(() => prover.close());

const members = [11n, 22n, 33n, 44n, 55n].map((n) => ({ secret: n * 1000n + 7n, bioKey: n * 31n + 5n }));
const commitments = members.map((m) => identityCommitment(m.secret, m.bioKey));
const me = members[2]!;
const commons = fieldOfHash('0x5670b5df87410c4dc417633e471743a4e13504c69a805d75ebb54d722d008af1');
const scope = fieldOfHash('0x' + 'ab'.repeat(32));

describe('the Merkle tree helper', () => {
  it('keeps the frontier in step with a full recomputation', () => {
    let frontier = emptyFrontier();
    for (const leaf of commitments) frontier = insertLeaf(frontier, leaf);
    expect(frontier.root).toBe(String(rootOf(commitments)));
  });
});

describe('identity', () => {
  it('proves C = Poseidon(secret, bioKey) and U = Poseidon(bioKey, commonsId), verified by both verifiers', async () => {
    const stages: string[] = [];
    const { proof, publicSignals } = await prover.prove('identity', { secret: me.secret, bioKey: me.bioKey, commonsId: commons }, { onStage: (s) => stages.push(s) });
    expect(stages).toEqual(['loading', 'witness', 'proving', 'verifying']);
    expect(publicSignals).toEqual([String(identityCommitment(me.secret, me.bioKey)), String(uniquenessNullifier(me.bioKey, commons)), String(commons)]);
    expect(verifier.verify('identity', publicSignals, proof)).toBe(true);
    const { vkey } = await loadCircuit(dir, 'identity');
    expect(await snarkjs.groth16.verify(vkey, publicSignals, proof)).toBe(true);
    // Another Commons id, or another commitment: the same proof no longer verifies.
    expect(verifier.verify('identity', [publicSignals[0]!, publicSignals[1]!, String(commons + 1n)], proof)).toBe(false);
    expect(verifier.verify('identity', ['1', publicSignals[1]!, publicSignals[2]!], proof)).toBe(false);
    expect(await snarkjs.groth16.verify(vkey, ['1', publicSignals[1]!, publicSignals[2]!], proof)).toBe(false);
    // A proof for one circuit is no proof for another.
    expect(verifier.verify('membership', publicSignals, proof)).toBe(false);
  });
});

describe('membership', () => {
  const path = merkleProof(commitments, 2);
  const input = (over: Record<string, unknown> = {}) => ({ secret: me.secret, bioKey: me.bioKey, pathElements: path.pathElements, pathIndices: path.pathIndices, scope, message: 1n, ...over });

  it('proves inclusion in the member tree with a per-scope nullifier and a bound message', async () => {
    const { proof, publicSignals } = await prover.prove('membership', input());
    expect(publicSignals).toEqual([String(path.root), String(scopeNullifier(scope, me.secret)), String(scope), '1']);
    expect(verifier.verify('membership', publicSignals, proof)).toBe(true);
    // The message is bound: the same proof with another choice fails.
    expect(verifier.verify('membership', [...publicSignals.slice(0, 3), '2'], proof)).toBe(false);
  });

  it('with a wrong secret or a wrong path, the proof is of another root, not of the Commons’ tree', async () => {
    const wrongSecret = await prover.prove('membership', input({ secret: me.secret + 1n }));
    expect(wrongSecret.publicSignals[0]).not.toBe(String(path.root));
    const wrongPath = await prover.prove('membership', input({ pathElements: merkleProof(commitments, 1).pathElements }));
    expect(wrongPath.publicSignals[0]).not.toBe(String(path.root));
    // Claiming the real root with either proof fails.
    expect(verifier.verify('membership', [String(path.root), ...wrongSecret.publicSignals.slice(1)], wrongSecret.proof)).toBe(false);
  });

  it('refuses a path index that is not a bit', async () => {
    await expect(prover.prove('membership', input({ pathIndices: path.pathIndices.map((i, d) => (d === 0 ? 2 : i)) }))).rejects.toMatchObject({ body: { kind: 'WitnessRejected' } });
  });
});

describe('credential', () => {
  // Factions 1..3, tiers 0..3: me (leaf 2) is a Syndicate (3) member of tier Silver (2).
  const credentials = commitments.map((c, i) => ({ c, faction: BigInt((i % 3) + 1), tier: BigInt(i % 4) }));
  const leaves = credentials.map((x) => credentialLeaf(x.c, x.faction, x.tier));
  const path = merkleProof(leaves, 2);
  const input = (over: Record<string, unknown> = {}) => ({
    secret: me.secret,
    bioKey: me.bioKey,
    memberFaction: 3n,
    memberTier: 2n,
    pathElements: path.pathElements,
    pathIndices: path.pathIndices,
    faction: 3n,
    minTier: 1n,
    scope,
    message: 9n,
    ...over,
  });

  it('proves "faction = Syndicate and tier ≥ Bronze" without revealing the tier', async () => {
    const { proof, publicSignals } = await prover.prove('credential', input());
    expect(publicSignals).toEqual([String(path.root), String(scopeNullifier(scope, me.secret)), '3', '1', String(scope), '9']);
    expect(verifier.verify('credential', publicSignals, proof)).toBe(true);
    // The claim is part of the statement: the proof does not stretch to a higher tier or another faction.
    expect(verifier.verify('credential', [publicSignals[0]!, publicSignals[1]!, '3', '3', publicSignals[4]!, '9'], proof)).toBe(false);
    expect(verifier.verify('credential', [publicSignals[0]!, publicSignals[1]!, '1', '1', publicSignals[4]!, '9'], proof)).toBe(false);
  });

  it('proves a tier alone (faction 0 claims nothing)', async () => {
    const { publicSignals } = await prover.prove('credential', input({ faction: 0n, minTier: 2n }));
    expect(publicSignals.slice(2, 4)).toEqual(['0', '2']);
  });

  it('cannot prove a tier below the threshold or another faction', async () => {
    await expect(prover.prove('credential', input({ minTier: 3n }))).rejects.toMatchObject({ body: { kind: 'WitnessRejected' } });
    await expect(prover.prove('credential', input({ faction: 1n }))).rejects.toMatchObject({ body: { kind: 'WitnessRejected' } });
  });
});

describe('the prover', () => {
  it('stops a proof when cancelled, and proves again afterwards', async () => {
    const controller = new AbortController();
    const path = merkleProof(commitments, 0);
    const input = { secret: members[0]!.secret, bioKey: members[0]!.bioKey, pathElements: path.pathElements, pathIndices: path.pathIndices, scope, message: 1n };
    const pending = prover.prove('membership', input, { signal: controller.signal, onStage: (s) => s === 'proving' && controller.abort() });
    await expect(pending).rejects.toMatchObject({ body: { kind: 'Cancelled' } });
    const again = await prover.prove('membership', input);
    expect(verifier.verify('membership', again.publicSignals, again.proof)).toBe(true);
  });

  it('warms up ahead of the first proof, and again after a cancel, without holding up the next proof', async () => {
    const warmed = createProver({ artifactsDir: dir, rewarmAfterCancel: true });
    try {
      await warmed.warmUp(['membership']);
      const path = merkleProof(commitments, 1);
      const input = { secret: members[1]!.secret, bioKey: members[1]!.bioKey, pathElements: path.pathElements, pathIndices: path.pathIndices, scope, message: 2n };
      const first = await warmed.prove('membership', input);
      expect(verifier.verify('membership', first.publicSignals, first.proof)).toBe(true);
      const controller = new AbortController();
      const cancelled = warmed.prove('membership', input, { signal: controller.signal, onStage: (s) => s === 'witness' && controller.abort() });
      await expect(cancelled).rejects.toMatchObject({ body: { kind: 'Cancelled' } });
      const again = await warmed.prove('membership', input);
      expect(again.publicSignals).toEqual(first.publicSignals);
      expect(verifier.verify('membership', again.publicSignals, again.proof)).toBe(true);
    } finally {
      await warmed.close();
    }
  });
});
