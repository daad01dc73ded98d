import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { Amount } from '../money';
import { err, ok } from '../result';
import { channels } from './channels';
import { channel } from './define';
import { createClient, type Transport } from './client';
import { createDispatcher, type Handlers } from './dispatch';
import { ServiceError } from './errors';
import { MAX_MESSAGE_DEPTH } from './limits';

const table = {
  'vault.balance': channel({
    request: z.strictObject({ vault: z.string().regex(/^0x[0-9a-f]{40}$/), token: z.enum(['CONX', 'COMM']) }),
    response: z.strictObject({ amount: Amount }),
    summary: 'test',
    errors: ['InsufficientBalance'],
  }),
  'vault.broken': channel({ request: z.strictObject({}), response: z.strictObject({ n: z.number().int() }), summary: 'test', errors: [] }),
};
const vault = `0x${'ab'.repeat(20)}`;

function handlers(overrides: Partial<Handlers<typeof table>> = {}): Handlers<typeof table> {
  return {
    'vault.balance': async ({ token }) => ok({ amount: token === 'CONX' ? 12_345_678_901_234_567_890n : 0n }),
    'vault.broken': async () => ok({ n: 1.5 }),
    ...overrides,
  };
}

describe('the dispatcher', () => {
  it('decodes the request, runs the handler and encodes bigint amounts as decimal strings', async () => {
    const dispatch = createDispatcher(table, handlers());
    expect(await dispatch('vault.balance', { vault, token: 'CONX' }, { via: 'test' })).toEqual({ ok: true, value: { amount: '12345678901234567890' } });
  });

  it('answers an unknown channel with a typed error, including names on Object.prototype', async () => {
    const dispatch = createDispatcher(table, handlers());
    for (const name of ['vault.steal', 'constructor', '__proto__', 42]) {
      const answer = await dispatch(name, {}, { via: 'test' });
      expect(answer).toMatchObject({ ok: false, error: { kind: 'UnknownChannel' } });
    }
  });

  it('rejects a request that fails its schema, naming the field, without calling the service', async () => {
    const service = vi.fn(handlers()['vault.balance']);
    const dispatch = createDispatcher(table, handlers({ 'vault.balance': service }));
    const answer = await dispatch('vault.balance', { vault: 'nope', token: 'CONX' }, { via: 'test' });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'InvalidRequest', channel: 'vault.balance', issues: [{ path: 'vault' }] } });
    expect(service).not.toHaveBeenCalled();
    expect(await dispatch('vault.balance', { vault, token: 'CONX', extra: 1 }, { via: 'test' })).toMatchObject({ ok: false, error: { kind: 'InvalidRequest' } });
  });

  it('never lets a handler answer outside its response schema', async () => {
    const onFault = vi.fn();
    const dispatch = createDispatcher(table, handlers(), { onFault });
    expect(await dispatch('vault.broken', {}, { via: 'test' })).toMatchObject({ ok: false, error: { kind: 'InvalidResponse', channel: 'vault.broken' } });
    expect(onFault).toHaveBeenCalledOnce();
  });

  it('turns a thrown ServiceError into its typed error, with bigint details as decimal strings', async () => {
    const dispatch = createDispatcher(
      table,
      handlers({
        'vault.balance': async () => {
          throw new ServiceError({ kind: 'InsufficientBalance', message: 'not enough', have: 5n as unknown as string, need: 7n as unknown as string });
        },
      }),
    );
    expect(await dispatch('vault.balance', { vault, token: 'COMM' }, { via: 'test' })).toEqual({
      ok: false,
      error: { kind: 'InsufficientBalance', message: 'not enough', have: '5', need: '7' },
    });
  });

  it('turns an untyped exception into ServiceFailed and an error of no known shape into ServiceFailed', async () => {
    const dispatch = createDispatcher(
      table,
      handlers({
        'vault.balance': async () => {
          throw new TypeError('boom');
        },
        'vault.broken': async () => err({ nope: true } as never),
      }),
    );
    expect(await dispatch('vault.balance', { vault, token: 'COMM' }, { via: 'test' })).toMatchObject({ ok: false, error: { kind: 'ServiceFailed' } });
    expect(await dispatch('vault.broken', {}, { via: 'test' })).toMatchObject({ ok: false, error: { kind: 'ServiceFailed' } });
  });
});

/** A devices.sign request whose EIP-712 message nests `levels` arrays (issue 10: 1,500 arrays are 3 KB). */
function nestedSignRequest(levels: number): unknown {
  const text = `{"deviceId":"emu-ledger-1","path":"m/44'/60'/0'/0/0","typedData":{"domain":{},"types":{},"primaryType":"Mail","message":{"x":${'['.repeat(levels)}${']'.repeat(levels)}}}}`;
  return JSON.parse(text);
}

describe('the dispatcher under hostile messages', () => {
  it('a devices.sign request nesting 1,500 arrays is refused with a typed error, without reaching the schema or the service', async () => {
    const sign = vi.fn(async () => ok({ signature: '0x00', address: '0x00', mode: 'full' as const }));
    const onFault = vi.fn();
    // Only devices.sign is called here; the other handlers are not needed.
    const dispatch = createDispatcher(channels, { 'devices.sign': sign } as unknown as Handlers<typeof channels>, { onFault });
    const answer = await dispatch('devices.sign', nestedSignRequest(1_500), { via: 'test' });
    expect(answer).toEqual({
      ok: false,
      error: {
        kind: 'MessageTooDeep',
        depth: MAX_MESSAGE_DEPTH + 1,
        max: MAX_MESSAGE_DEPTH,
        channel: 'devices.sign',
        message: `The request for "devices.sign" was refused before reading it: it nests lists and objects more than ${MAX_MESSAGE_DEPTH} levels deep.`,
      },
    });
    expect(sign).not.toHaveBeenCalled();
    expect(onFault).not.toHaveBeenCalled();
  });

  it('a schema that throws while decoding (a stack overflow) answers a typed error, never an exception', async () => {
    const throwing = {
      'vault.overflow': channel({
        request: z.strictObject({
          a: z.string().transform((): string => {
            throw new RangeError('Maximum call stack size exceeded');
          }),
        }),
        response: z.strictObject({}),
        summary: 'test',
        errors: [],
      }),
    };
    const onFault = vi.fn();
    const dispatch = createDispatcher(throwing, { 'vault.overflow': async () => ok({}) }, { onFault });
    expect(await dispatch('vault.overflow', { a: 'x' }, { via: 'test' })).toMatchObject({
      ok: false,
      error: { kind: 'InvalidRequest', channel: 'vault.overflow', issues: [{ path: '(root)', message: 'decoding failed: RangeError: Maximum call stack size exceeded' }] },
    });
    expect(onFault).toHaveBeenCalledOnce();
  });

  it('an answer too deep to encode becomes ServiceFailed, never an exception', async () => {
    const deepAnswer = { 'vault.deep': channel({ request: z.strictObject({}), response: z.strictObject({ v: z.json() }), summary: 'test', errors: [] }) };
    let deep: unknown = [];
    for (let level = 0; level < 20_000; level++) deep = [deep];
    const dispatch = createDispatcher(deepAnswer, { 'vault.deep': async () => ok({ v: deep as never }) });
    expect(await dispatch('vault.deep', {}, { via: 'test' })).toMatchObject({ ok: false, error: { kind: 'ServiceFailed', channel: 'vault.deep' } });
  });

  it('a logger that throws on a fault does not turn the answer into an exception', async () => {
    const dispatch = createDispatcher(table, handlers(), {
      onFault: () => {
        throw new Error('log disk full');
      },
    });
    expect(await dispatch('vault.broken', {}, { via: 'test' })).toMatchObject({ ok: false, error: { kind: 'InvalidResponse' } });
  });

  it('a request carrying the key __proto__ is refused before decoding, not decoded into a prototype', async () => {
    const service = vi.fn(handlers()['vault.balance']);
    const dispatch = createDispatcher(table, handlers({ 'vault.balance': service }));
    const payload: unknown = JSON.parse(`{"vault":"${vault}","token":"CONX","__proto__":{"isAdmin":true}}`);
    expect(await dispatch('vault.balance', payload, { via: 'test' })).toMatchObject({
      ok: false,
      error: { kind: 'MessageNotJson', channel: 'vault.balance', path: '__proto__', found: 'the key "__proto__"' },
    });
    expect(service).not.toHaveBeenCalled();
  });
});

describe('client and dispatcher together', () => {
  it('carry bigint across a JSON transport exactly', async () => {
    const dispatch = createDispatcher(table, handlers());
    const transport: Transport = {
      shell: 'browser',
      invoke: async (name, payload) => JSON.parse(JSON.stringify(await dispatch(name, JSON.parse(JSON.stringify(payload)), { via: 'test' }))),
      subscribe: () => () => {},
    };
    const client = createClient(table, {}, transport);
    const answer = await client.call('vault.balance', { vault, token: 'CONX' });
    expect(answer).toEqual({ ok: true, value: { amount: 12_345_678_901_234_567_890n } });
  });

  it('report a transport that fails as BridgeUnavailable rather than throwing', async () => {
    const client = createClient(table, {}, { shell: 'browser', invoke: () => Promise.reject(new Error('socket closed')), subscribe: () => () => {} });
    expect(await client.call('vault.balance', { vault, token: 'CONX' })).toMatchObject({ ok: false, error: { kind: 'BridgeUnavailable', reason: 'socket closed' } });
  });

  it('turn an answer nested 20,000 levels deep into a typed error, not a rejected promise', async () => {
    let deep: unknown = [];
    for (let level = 0; level < 20_000; level++) deep = [deep];
    const client = createClient(table, {}, { shell: 'browser', invoke: async () => ({ ok: false, error: { kind: 'Nested', message: 'deep', detail: deep } }), subscribe: () => () => {} });
    expect(await client.call('vault.balance', { vault, token: 'CONX' })).toMatchObject({
      ok: false,
      error: { kind: 'InvalidResponse', channel: 'vault.balance', issues: [{ path: '(root)', message: expect.stringContaining('RangeError') as unknown }] },
    });
  });

  it('refuse an answer that does not match the response schema', async () => {
    const client = createClient(table, {}, { shell: 'browser', invoke: async () => ({ ok: true, value: { amount: 'lots' } }), subscribe: () => () => {} });
    expect(await client.call('vault.balance', { vault, token: 'CONX' })).toMatchObject({ ok: false, error: { kind: 'InvalidResponse' } });
  });
});
