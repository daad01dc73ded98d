import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { findDuplicateKey, findDuplicateKeyDecoding, parseStrictJson } from './strict-json';
import { parseJsonFile } from './json-file';
import { parsePresentation } from './zk/presentation';

describe('strict JSON: JSON.parse without duplicate keys', () => {
  it('reads what JSON.parse reads when no key repeats, however it is laid out (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        expect(parseStrictJson(text)).toEqual({ ok: true, value: JSON.parse(text) as unknown });
      }),
      { numRuns: 300 },
    );
  });

  it('finds a key named twice in any object, at any depth, and names its path (property)', () => {
    const object = fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1, maxKeys: 5 });
    fc.assert(
      fc.property(object, fc.nat(), fc.jsonValue(), (record, pick, extra) => {
        const keys = Object.keys(record);
        const key = keys[pick % keys.length]!;
        // The same key once more, in front: `{"k":extra, …record…}`.
        const doubled = `{${JSON.stringify(key)}:${JSON.stringify(extra)},${JSON.stringify(record).slice(1)}`;
        expect(parseStrictJson(doubled)).toEqual({ ok: false, error: { kind: 'DuplicateKey', key, path: '(root)' } });
        expect(findDuplicateKey(`[0,{"x":[true,${doubled}]}]`)).toEqual({ key, path: '[1].x[1]' });
      }),
      { numRuns: 200 },
    );
  });

  it('scans a text without backslashes (every ledger line) as the decoding scan does, duplicate or not, at any depth (property)', () => {
    // Keys from a small alphabet so that duplicates are common; no character JSON would escape.
    const key = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é', '{', '[', ',', ':', ' '), maxLength: 2 });
    const value = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(1, 'x', null, true, '}]', ''),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.array(fc.tuple(key, tie('node')), { maxLength: 5 }).map((pairs) => ({ pairs })),
      ),
    })).node;
    // Objects written from their pairs, so that a key may repeat (JSON.stringify could not).
    const write = (node: unknown): string =>
      Array.isArray(node)
        ? `[${node.map(write).join(',')}]`
        : node !== null && typeof node === 'object'
          ? `{${(node as { pairs: [string, unknown][] }).pairs.map(([k, v]) => `${JSON.stringify(k)}:${write(v)}`).join(',')}}`
          : JSON.stringify(node);
    let duplicates = 0;
    fc.assert(
      fc.property(value, (node) => {
        const text = write(node);
        expect(text.includes('\\')).toBe(false);
        const found = findDuplicateKey(text);
        if (found) duplicates += 1;
        expect(found).toEqual(findDuplicateKeyDecoding(text));
      }),
      { numRuns: 1000 },
    );
    // Both answers were met: texts with a repeated key and texts without.
    expect(duplicates).toBeGreaterThan(50);
    expect(duplicates).toBeLessThan(950);
  });

  it('scans a text nested or wide past the stacks it keeps, then the next text as before', () => {
    const deep = `${'['.repeat(20_000)}{"a":1,"a":2}${']'.repeat(20_000)}`;
    expect(findDuplicateKey(deep)).toEqual({ key: 'a', path: '[0]'.repeat(20_000) });
    const wide = `{${Array.from({ length: 10_000 }, (_, i) => `"k${i}":${i}`).join(',')},"k9999":0}`;
    expect(findDuplicateKey(wide)).toEqual({ key: 'k9999', path: '(root)' });
    expect(findDuplicateKey('{"x":[{"b":1}],"y":{"c":1,"c":2}}')).toEqual({ key: 'c', path: 'y' });
    expect(findDuplicateKey('{"x":[{"b":1}],"y":{"c":1,"d":2}}')).toBeNull();
  });

  it('compares keys by their decoded value, and is not fooled by quotes, braces or backslashes inside strings', () => {
    expect(findDuplicateKey('{"a":1,"\\u0061":2}')).toEqual({ key: 'a', path: '(root)' });
    expect(findDuplicateKey('{"a\\\\":1,"a\\\\":2}')).toEqual({ key: 'a\\', path: '(root)' });
    expect(findDuplicateKey('{"a":"\\",\\"a\\":{","b":"}\\\\","c":1}')).toBeNull();
    expect(findDuplicateKey('{"k":"x\\\\","k2":1}')).toBeNull();
    expect(findDuplicateKey('[{"a":1},{"a":2}]')).toBeNull();
    expect(findDuplicateKey('{"a":{"a":{"a":1}},"b":[{"a":1,"b":2}]}')).toBeNull();
    expect(findDuplicateKey('{"a":{"b":1,"c":{},"b":2}}')).toEqual({ key: 'b', path: 'a' });
    expect(findDuplicateKey('{"__proto__":1,"__proto__":2}')).toEqual({ key: '__proto__', path: '(root)' });
  });

  it('says when the text is not JSON at all', () => {
    expect(parseStrictJson('{"a":1,}')).toMatchObject({ ok: false, error: { kind: 'NotJson' } });
  });
});

describe('files someone sent (signing requests, presentations)', () => {
  const schema = z.strictObject({ amount: z.string() });

  it('refuse a key named twice, naming it', () => {
    expect(parseJsonFile('{"amount":"1","amount":"2"}', schema)).toMatchObject({ ok: false, error: { kind: 'DuplicateKey', key: 'amount', path: '(root)' } });
    expect(parseJsonFile('nope', schema)).toMatchObject({ ok: false, error: { kind: 'NotJson' } });
    expect(parseJsonFile('{"amount":2}', schema)).toMatchObject({ ok: false, error: { kind: 'SchemaMismatch' } });
    expect(parseJsonFile('{"amount":"2"}', schema)).toEqual({ ok: true, value: { amount: '2' } });
  });

  it('a presentation with a duplicate key is refused', () => {
    const hash = `0x${'11'.repeat(32)}`;
    const proof = { pi_a: ['1', '2', '1'], pi_b: [['1', '2'], ['3', '4'], ['1', '0']], pi_c: ['1', '2', '1'], protocol: 'groth16', curve: 'bn128' };
    const presentation = { format: 'c3-presentation/1', commons: { id: hash, name: 'Demo Commons' }, claim: { faction: 1, minTier: 0 }, scope: hash, message: '0', root: '1', nullifier: '2', publicSignals: ['1', '2', '1', '0', '3', '0'], proof, height: 3 };
    const text = JSON.stringify(presentation);
    expect(parsePresentation(text).ok).toBe(true);
    // Claims the Union to one reader and the Syndicate to another.
    const doubled = text.replace('"faction":1', '"faction":1,"faction":3');
    expect(parsePresentation(doubled)).toEqual({ ok: false, error: expect.stringContaining('"faction" twice') as unknown });
  });
});
