/**
 * Batched Groth16 verification (shared/zk/groth16.ts) on the Demo Commons' real enrolment proofs:
 * the batch agrees with one-at-a-time verification, and one forged proof among valid ones is
 * found, never hidden by the others.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commonsIdOf } from '../../../shared/commons/apply';
import { demoLog } from '../../../shared/commons/demo';
import { type ProofItem, createGroth16Verifier, prepareKey, primedVerifier, proofKey, verifyGroth16, verifyGroth16Batch, verifyMany } from '../../../shared/zk/groth16';
import { demoEnrolmentSignals } from '../../../shared/zk/demo-identities';
import { SNARK_FIELD } from '../../../shared/zk/field';
import { demoProofs, emulatorDemoKeys } from './demo';
import { loadVerificationKeysSync } from './zk-verifier';

const keys = loadVerificationKeysSync();
const identity = prepareKey(keys.identity!);
const proofs = demoProofs()!;
const genesis = demoLog(emulatorDemoKeys())[0]!.actions[0]!;
if (genesis.kind !== 'commons.genesis') throw new Error('the demo log has no genesis');
const commonsId = commonsIdOf(genesis);
const items: ProofItem[] = Object.entries(proofs).map(([label, proof]) => ({ publicSignals: demoEnrolmentSignals(label, commonsId).publicSignals, proof }));

/** The same proof claimed for other signals: what a forger who cannot prove would send. */
const forge = (item: ProofItem, signal: number): ProofItem => ({
  ...item,
  publicSignals: item.publicSignals.map((s, i) => (i === signal ? String((BigInt(s) + 1n) % SNARK_FIELD) : s)),
});

describe('batched Groth16 verification', () => {
  it('accepts a batch of valid proofs that each verify alone', () => {
    expect(items.length).toBeGreaterThanOrEqual(4);
    for (const item of items) expect(verifyGroth16(identity, item.publicSignals, item.proof)).toBe(true);
    expect(verifyGroth16Batch(identity, items)).toBe(true);
  });

  it('one forged proof among valid ones fails the batch and is the only one found invalid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: items.length - 1 }), fc.integer({ min: 0, max: 2 }), (bad, signal) => {
        const batch = items.map((item, i) => (i === bad ? forge(item, signal) : item));
        expect(verifyGroth16Batch(identity, batch)).toBe(false);
        expect(verifyMany(identity, batch, { batchSize: 4 })).toEqual(batch.map((_, i) => i !== bad));
      }),
      { numRuns: 12 },
    );
  });

  it('two proofs with their signals swapped do not pass together', () => {
    const [a, b] = items as [ProofItem, ProofItem];
    const swapped = [
      { publicSignals: b.publicSignals, proof: a.proof },
      { publicSignals: a.publicSignals, proof: b.proof },
    ];
    expect(verifyGroth16Batch(identity, swapped)).toBe(false);
  });

  it('a malformed proof (off the curve, non-canonical signal) fails the batch instead of throwing', () => {
    const [a, b] = items as [ProofItem, ProofItem];
    const offCurve = { ...a, proof: { ...a.proof, pi_a: [a.proof.pi_a[0], '1', '1'] as [string, string, string] } };
    expect(verifyGroth16Batch(identity, [offCurve, b])).toBe(false);
    const alias = { ...a, publicSignals: a.publicSignals.map((s, i) => (i === 2 ? String(BigInt(s) + SNARK_FIELD) : s)) };
    expect(verifyGroth16Batch(identity, [alias, b])).toBe(false);
  });

  it('the primed verifier answers the fold from the batch, and checks any other proof itself', () => {
    const verifier = createGroth16Verifier(keys);
    const forged = forge(items[0]!, 1);
    const all = [...items.map((i) => ({ ...i, circuit: 'identity' as const })), { ...forged, circuit: 'identity' as const }];
    const verdicts = verifier.verifyMany(all);
    expect(verdicts).toEqual([...items.map(() => true), false]);
    const checked = new Map(all.map((item, i) => [proofKey(item.circuit, item.publicSignals, item.proof), verdicts[i]!]));
    let fallbacks = 0;
    const primed = primedVerifier({ verify: (...args) => (fallbacks++, verifier.verify(...args)) }, checked);
    expect(primed.verify('identity', items[1]!.publicSignals, items[1]!.proof)).toBe(true);
    expect(primed.verify('identity', forged.publicSignals, forged.proof)).toBe(false);
    expect(fallbacks).toBe(0);
    expect(primed.verify('identity', forge(items[2]!, 0).publicSignals, items[2]!.proof)).toBe(false);
    expect(fallbacks).toBe(1);
  });
});
