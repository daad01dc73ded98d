/**
 * Throws random messages at every channel of the real contract, served by the real
 * main-process services: none that fails its schema may be accepted, and none may crash
 * the dispatcher (every answer is a well-formed WireAnswer). Hostile ones too: nesting far
 * past the depth cap, strings and arrays past their caps, and prototype keys.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { channels } from '../../shared/contract/channels';
import { createDispatcher } from '../../shared/contract/dispatch';
import { limitsOf, measureMessage } from '../../shared/contract/limits';
import { WireAnswer } from '../../shared/contract/wire';
import { createServices } from '.';

const services = createServices({ version: '0.0.0-test', shell: 'browser', platform: 'linux', emulators: true, dataDir: mkdtempSync(join(tmpdir(), 'c3-services-')) });
const faults: unknown[] = [];
const dispatch = createDispatcher(channels, services.handlers, { onFault: (_channel, fault) => faults.push(fault) });
afterAll(() => services.close());

const names = Object.keys(channels) as (keyof typeof channels)[];

describe('every channel of the contract', () => {
  it('accepts only messages that pass its request schema, and always answers a WireAnswer', async () => {
    // The case fast-check found now and then (and CI once): an own key __proto__ is refused by the
    // transport's shape check, not the schema. Pinned here so it runs every time, not by chance.
    const proto = JSON.parse('{"__proto__": ""}') as unknown;
    expect(await dispatch('app.info', proto, { via: 'test' })).toMatchObject({ ok: false, error: { kind: measureMessage(proto, limitsOf(channels['app.info'].limits))!.kind } });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.anything({ withBigInt: false, withNullPrototype: true, withObjectString: true, maxDepth: 3 }), async (name, payload) => {
        const answer = await dispatch(name, payload, { via: 'test' });
        expect(WireAnswer.safeParse(answer).success).toBe(true);
        // A message the transport refuses before any schema reads it (a key such as __proto__, which
        // fast-check makes now and then, or a part past its cap) is refused as such; any other
        // message that fails the channel's schema is an InvalidRequest.
        const refusal = measureMessage(payload, limitsOf(channels[name].limits));
        const valid = z.safeDecode(channels[name].request, payload as never).success;
        if (refusal) expect(answer).toMatchObject({ ok: false, error: { kind: refusal.kind, channel: name } });
        else if (!valid) expect(answer).toMatchObject({ ok: false, error: { kind: 'InvalidRequest', channel: name } });
      }),
      { numRuns: 300 },
    );
    expect(faults).toEqual([]);
  });

  it('answers well-formed requests built from each schema without a service fault', async () => {
    // Requests that almost pass: the right keys with random values, and the empty object.
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.dictionary(fc.constantFrom('taskId', 'token', 'vault', 'x'), fc.oneof(fc.string(), fc.integer(), fc.constant('task-1'))), async (name, payload) => {
        const answer = await dispatch(name, payload, { via: 'test' });
        expect(WireAnswer.safeParse(answer).success).toBe(true);
        if (z.safeDecode(channels[name].request, payload as never).success) expect(answer.ok).toBe(true);
      }),
      { numRuns: 200 },
    );
    expect(faults).toEqual([]);
  });

  it('rejects channel names that are not in the table', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.object()), async (name) => {
        fc.pre(typeof name !== 'string' || !Object.hasOwn(channels, name));
        const answer = await dispatch(name, {}, { via: 'test' });
        expect(answer).toMatchObject({ ok: false, error: { kind: 'UnknownChannel' } });
      }),
      { numRuns: 200 },
    );
  });
});

/** Keys that name parts of Object.prototype, set as own fields the way JSON.parse sets them. */
const prototypeKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__');
const nested = fc
  .record({ levels: fc.integer({ min: 1, max: 5_000 }), kind: fc.constantFrom('array', 'object') })
  .map(({ levels, kind }): unknown => JSON.parse(kind === 'array' ? `${'['.repeat(levels)}${']'.repeat(levels)}` : `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`));
const hugeString = fc.record({ length: fc.integer({ min: 0, max: 2_000_000 }), char: fc.constantFrom('x', 'é', '\u0000', '"') }).map(({ length, char }) => char.repeat(length));
const longArray = fc.integer({ min: 0, max: 200_000 }).map((length) => new Array<number>(length).fill(0));
const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown; withKeys: object }>((tie) => ({
  value: fc.oneof(nested, hugeString, longArray, tie('withKeys'), fc.anything({ maxDepth: 2 })),
  withKeys: fc.array(fc.tuple(fc.oneof(prototypeKey, fc.string()), fc.oneof({ depthSize: 'small' }, tie('value'), fc.constant({ polluted: true }))), { maxLength: 4 }).map((entries) => {
    const object = {};
    for (const [key, value] of entries) Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
    return object;
  }),
})).value;

/** Where the hostile value goes: the whole payload, or one field of an almost valid signing request. */
const hostileRequest = fc.record({ value: hostileValue, key: fc.oneof(prototypeKey, fc.constantFrom('x', 'deviceId', 'path')), at: fc.constantFrom('payload', 'field', 'message', 'domain') }).map(({ value, key, at }): unknown => {
  if (at === 'payload') return value;
  const request = { deviceId: 'emu-ledger-1', path: "m/44'/60'/0'/0/0", typedData: { domain: {}, types: {}, primaryType: 'Mail', message: {} } };
  const target = at === 'field' ? request : at === 'message' ? request.typedData.message : request.typedData.domain;
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return request;
});

describe('every channel of the contract, under hostile messages', () => {
  it('answers deep nesting, huge strings and arrays and prototype keys with a typed error or a valid answer, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<keyof typeof channels>('devices.sign', ...names), hostileRequest, async (name, payload) => {
        const answer = await dispatch(name, payload, { via: 'test' });
        expect(WireAnswer.safeParse(answer).success).toBe(true);
        const refusal = measureMessage(payload, limitsOf(channels[name].limits));
        if (refusal) expect(answer).toMatchObject({ ok: false, error: { kind: refusal.kind, channel: name } });
        expect(faults).toEqual([]); // no schema threw and no service broke: the shape check caught it first
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
