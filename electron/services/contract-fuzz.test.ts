/**
 * Throws random messages at every channel of the real contract, served by the real
 * main-process services: none that fails its schema may be accepted, and none may crash
 * the dispatcher (every answer is a well-formed WireAnswer).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { channels } from '../../shared/contract/channels';
import { createDispatcher } from '../../shared/contract/dispatch';
import { WireAnswer } from '../../shared/contract/wire';
import { createServices } from '.';

const services = createServices({ version: '0.0.0-test', shell: 'browser', platform: 'linux', emulators: true, dataDir: mkdtempSync(join(tmpdir(), 'c3-services-')) });
const faults: unknown[] = [];
const dispatch = createDispatcher(channels, services.handlers, { onFault: (_channel, fault) => faults.push(fault) });
afterAll(() => services.close());

const names = Object.keys(channels) as (keyof typeof channels)[];

describe('every channel of the contract', () => {
  it('accepts only messages that pass its request schema, and always answers a WireAnswer', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.anything({ withBigInt: false, withNullPrototype: true, withObjectString: true, maxDepth: 3 }), async (name, payload) => {
        const answer = await dispatch(name, payload, { via: 'test' });
        expect(WireAnswer.safeParse(answer).success).toBe(true);
        const valid = z.safeDecode(channels[name].request, payload as never).success;
        if (!valid) expect(answer).toMatchObject({ ok: false, error: { kind: 'InvalidRequest', channel: name } });
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
