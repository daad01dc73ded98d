import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type SignatureRecoverer } from '../crypto/recover';
import { type RecoveryJob, cachedRecoverer } from './verify';

/** A recoverer that says which (digest, signature) it was asked for, and counts the calls. */
function countingBase(): SignatureRecoverer & { calls: number } {
  const base = {
    name: 'base',
    calls: 0,
    recover: () => null,
    recoverHex(digest: Uint8Array, signature: string) {
      base.calls += 1;
      return `base:${digest[31]}:${signature}` as `0x${string}`;
    },
  };
  return base;
}

const digestOf = (...bytes: number[]) => {
  const digest = new Uint8Array(32);
  bytes.forEach((b, i) => (digest[31 - i] = b));
  return digest;
};

describe('cachedRecoverer: answers recovered ahead, for the very digest and signature only', () => {
  it('answers each job from its result, whether the digest is the same object or an equal copy', () => {
    const a = digestOf(1);
    const b = digestOf(2);
    const jobs: RecoveryJob[] = [
      { digest: a, sigHex: '0xa1' },
      { digest: a, sigHex: '0xa2' },
      { digest: b, sigHex: '0xb1' },
    ];
    const base = countingBase();
    const cached = cachedRecoverer(jobs, ['0xA1', null, '0xB1'], base);
    expect(cached.recoverHex!(a, '0xa1')).toBe('0xA1');
    expect(cached.recoverHex!(a, '0xa2')).toBeNull();
    expect(cached.recoverHex!(digestOf(2), '0xb1')).toBe('0xB1');
    expect(base.calls).toBe(0);
  });

  it('recovers afresh a signature it was not given, or given for another digest', () => {
    const a = digestOf(1);
    const b = digestOf(2);
    const base = countingBase();
    const cached = cachedRecoverer([{ digest: a, sigHex: '0xa1' }], ['0xA1'], base);
    expect(cached.recoverHex!(a, '0xzz')).toBe('base:1:0xzz');
    expect(cached.recoverHex!(b, '0xa1')).toBe('base:2:0xa1');
    expect(base.calls).toBe(2);
  });

  it('is not fooled by two digests that share their first bytes (the key it looks them up by)', () => {
    const a = new Uint8Array(32).fill(7);
    const b = a.slice();
    b[31] = 8;
    const base = countingBase();
    const cached = cachedRecoverer([{ digest: a, sigHex: '0x01' }, { digest: b, sigHex: '0x02' }], ['0xA', '0xB'], base);
    expect(cached.recoverHex!(b, '0x02')).toBe('0xB');
    expect(cached.recoverHex!(a, '0x01')).toBe('0xA');
    expect(base.calls).toBe(0);
    // A's signature with B's digest was never recovered: the base is asked.
    expect(cached.recoverHex!(b, '0x01')).toBe('base:8:0x01');
  });

  it('never answers with another job\'s result, among jobs that repeat digests and signatures (property)', () => {
    // Small alphabets, so that repeated digests, repeated signatures and shared prefixes are common.
    const digestIds = fc.integer({ min: 0, max: 5 });
    const sigs = fc.constantFrom('0x1', '0x2', '0x3');
    let hits = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(digestIds, sigs), { maxLength: 12 }), fc.array(fc.tuple(digestIds, sigs), { minLength: 1, maxLength: 8 }), (given, asked) => {
        // Digests 0–5 share their first 31 bytes; some jobs share one digest object, others hold equal copies.
        const shared = Array.from({ length: 6 }, (_, id) => digestOf(id));
        const jobs = given.map(([id, sigHex], i) => ({ digest: i % 2 === 0 ? shared[id]! : digestOf(id), sigHex }));
        // Every (digest, signature) has its own answer, so that another job's would show.
        const truth = (digest: Uint8Array, sig: string) => `0x${digest[31]}${sig.slice(2)}` as `0x${string}`;
        const base = { name: 'base', calls: 0, recover: () => null, recoverHex: (d: Uint8Array, s: string) => ((base.calls += 1), truth(d, s)) };
        const cached = cachedRecoverer(jobs, jobs.map((j) => truth(j.digest, j.sigHex)), base);
        for (const [id, sig] of asked) {
          const before = base.calls;
          expect(cached.recoverHex!(digestOf(id), sig)).toBe(truth(digestOf(id), sig));
          // What was given ahead is answered without the base; only the rest is recovered afresh.
          const given = jobs.some((j) => j.digest[31] === id && j.sigHex === sig);
          expect(base.calls - before).toBe(given ? 0 : 1);
          if (given) hits += 1;
        }
      }),
      { numRuns: 500 },
    );
    expect(hits).toBeGreaterThan(100);
  });
});
