import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { channels } from './channels';
import { MAX_SIGNATURE_BATCH } from './ledger';
import { DEFAULT_MESSAGE_LIMITS, MAX_MESSAGE_DEPTH, largestRequestBytes, limitsOf, measureMessage } from './limits';

const nest = (levels: number, inner: unknown = []): unknown => {
  let value = inner;
  for (let level = 1; level < levels; level++) value = [value];
  return value;
};
const measure = (payload: unknown) => measureMessage(payload, DEFAULT_MESSAGE_LIMITS);

describe('the shape check before decoding', () => {
  it('refuses a payload nesting 1,500 arrays as too deep', () => {
    expect(measure(nest(1_500))).toEqual({ kind: 'MessageTooDeep', depth: MAX_MESSAGE_DEPTH + 1, max: MAX_MESSAGE_DEPTH });
  });

  it('walks a million levels of JSON without recursion', () => {
    const text = `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`;
    expect(measure(JSON.parse(text))).toMatchObject({ kind: 'MessageTooDeep' });
  });

  it('lets through a payload exactly as deep as the cap', () => {
    expect(measure(nest(MAX_MESSAGE_DEPTH))).toBeNull();
    expect(measure({ a: nest(MAX_MESSAGE_DEPTH - 1) })).toBeNull();
    expect(measure({ a: nest(MAX_MESSAGE_DEPTH) })).toMatchObject({ kind: 'MessageTooDeep' });
  });

  it('refuses a payload larger than its byte cap, however the bytes are spread', () => {
    const strings = Array.from({ length: 20 }, () => 'x'.repeat(60_000));
    expect(measure({ strings })).toMatchObject({ kind: 'MessageTooLarge', max: DEFAULT_MESSAGE_LIMITS.maxBytes });
    const keys = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`key-number-${i}`, i]));
    expect(measure(keys)).toMatchObject({ kind: 'MessageTooLarge' });
  });

  it('refuses one string over the string cap, naming where it is', () => {
    expect(measure({ typedData: { message: { memo: 'x'.repeat(DEFAULT_MESSAGE_LIMITS.maxStringLength + 1) } } })).toEqual({
      kind: 'MessagePartTooLong',
      path: 'typedData.message.memo',
      part: 'string',
      length: DEFAULT_MESSAGE_LIMITS.maxStringLength + 1,
      max: DEFAULT_MESSAGE_LIMITS.maxStringLength,
    });
    expect(measure({ ['k'.repeat(DEFAULT_MESSAGE_LIMITS.maxStringLength + 1)]: 1 })).toMatchObject({ kind: 'MessagePartTooLong', part: 'string' });
  });

  it('refuses an array over the length cap before reading its items', () => {
    const sparse: unknown[] = [];
    sparse.length = 1_000_000_000;
    const started = performance.now();
    expect(measure({ list: [1, 2, sparse] })).toEqual({ kind: 'MessagePartTooLong', path: 'list.2', part: 'array', length: 1_000_000_000, max: DEFAULT_MESSAGE_LIMITS.maxArrayLength });
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('refuses the key __proto__, which zod would make a prototype instead of a field', () => {
    const payload: unknown = JSON.parse('{"typedData":{"message":{"__proto__":{"isAdmin":true}}}}');
    expect(measure(payload)).toEqual({ kind: 'MessageNotJson', path: 'typedData.message.__proto__', found: 'the key "__proto__"' });
    // `constructor` and `prototype` are ordinary own fields of a parsed object: they pass to the schema.
    expect(measure(JSON.parse('{"constructor":{"prototype":{"x":1}}}'))).toBeNull();
  });

  it('refuses values no JSON request can hold (Electron’s structured clone can carry them)', () => {
    expect(measure({ a: 1n })).toEqual({ kind: 'MessageNotJson', path: 'a', found: 'a bigint' });
    expect(measure({ a: [new Map()] })).toEqual({ kind: 'MessageNotJson', path: 'a.0', found: 'an object of type Map' });
    expect(measure(new Uint8Array(10_000_000))).toEqual({ kind: 'MessageNotJson', path: '(root)', found: 'an object of type Uint8Array' });
    expect(measure({ when: new Date(0) })).toMatchObject({ kind: 'MessageNotJson', found: 'an object of type Date' });
    expect(measure({ f: () => 1 })).toMatchObject({ kind: 'MessageNotJson', found: 'a function' });
    expect(measure(Object.create(null) as object)).toBeNull();
  });

  it('ends on a cycle, and on a graph that shares one node 2^60 ways, within its caps', () => {
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    expect(measure(cycle)).toMatchObject({ kind: 'MessageTooDeep' });
    let shared: unknown = 'leaf';
    for (let level = 0; level < 60; level++) shared = [shared, shared];
    expect(measure(shared)).toMatchObject({ kind: 'MessageTooLarge' });
  });

  it('lets through the largest requests the contract’s schemas allow', () => {
    const field = '1'.repeat(77);
    const hash = `0x${'ab'.repeat(32)}` as const;
    const largest = {
      'ledger.verifySignatures': { jobs: Array.from({ length: MAX_SIGNATURE_BATCH }, () => ({ digest: hash, signature: `0x${'cd'.repeat(65)}` })) },
      'identity.proveMembership': { leaves: Array.from({ length: 100_000 }, () => field), scope: hash, message: field },
      'identity.proveCredential': { leaves: Array.from({ length: 100_000 }, () => ({ commitment: field, faction: 3, tier: 3 })), faction: 3, minTier: 3, scope: hash, message: field },
    } as const;
    for (const [name, request] of Object.entries(largest) as [keyof typeof largest, unknown][]) {
      expect(z.safeDecode(channels[name].request, request as never).success).toBe(true);
      expect(measureMessage(request, limitsOf(channels[name].limits))).toBeNull();
      expect(JSON.stringify(request).length).toBeLessThanOrEqual(largestRequestBytes(channels));
    }
  });
});
