/**
 * Errors as closed unions per contract row: a row declares the kinds it may answer with, the
 * dispatcher (and the client) answer any other kind as the contract's `UndeclaredError`, and the
 * type of a row's error is the closed union of its kinds and the contract's own.
 */
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { z } from 'zod';
import { err, ok } from '../result';
import { type Channels, channels } from './channels';
import { createClient } from './client';
import { type RowError, channel } from './define';
import { DEVICE_REQUEST_ERRORS } from './device-errors';
import { createDispatcher, type Handlers } from './dispatch';
import { type AppError, CONTRACT_ERRORS, type ContractErrorKind, ServiceError, isContractError } from './errors';
import { COMMONS_ERRORS } from './ledger-errors';

const table = {
  'vault.move': channel({
    request: z.strictObject({}),
    response: z.strictObject({ done: z.boolean() }),
    summary: 'test',
    errors: ['InsufficientBalance', 'DeviceLocked'],
  }),
  'vault.quiet': channel({ request: z.strictObject({}), response: z.strictObject({ done: z.boolean() }), summary: 'test', errors: [] }),
};

const handlers = (overrides: Partial<Handlers<typeof table>>): Handlers<typeof table> => ({
  'vault.move': async () => ok({ done: true }),
  'vault.quiet': async () => ok({ done: true }),
  ...overrides,
});

describe('a row’s declared error kinds', () => {
  it('a service answering a kind its row does not declare is answered as UndeclaredError, logged, never passed through', async () => {
    const onFault = vi.fn();
    const dispatch = createDispatcher(table, handlers({ 'vault.move': async () => err({ kind: 'StewardsLostYourMoney', message: 'made up', amount: '5' }) }), { onFault });
    const answer = await dispatch('vault.move', {}, { via: 'test' });
    expect(answer).toEqual({
      ok: false,
      error: {
        kind: 'UndeclaredError',
        channel: 'vault.move',
        undeclaredKind: 'StewardsLostYourMoney',
        message: 'The service behind "vault.move" answered with an error of kind "StewardsLostYourMoney", which that channel does not declare.',
      },
    });
    expect(JSON.stringify(answer)).not.toContain('made up');
    expect(onFault).toHaveBeenCalledOnce();
    expect(String(onFault.mock.calls[0]![1])).toContain('StewardsLostYourMoney');
  });

  it('a kind declared by another row is undeclared on this one, thrown or returned', async () => {
    const dispatch = createDispatcher(
      table,
      handlers({
        'vault.quiet': async () => {
          throw new ServiceError({ kind: 'InsufficientBalance', message: 'not enough' });
        },
      }),
    );
    expect(await dispatch('vault.quiet', {}, { via: 'test' })).toMatchObject({ ok: false, error: { kind: 'UndeclaredError', undeclaredKind: 'InsufficientBalance' } });
  });

  it('a declared kind and every contract kind pass through unchanged', async () => {
    const errors: AppError[] = [
      { kind: 'InsufficientBalance', message: 'not enough', have: '5', need: '7' },
      { kind: 'DeviceLocked', message: 'locked', nextStep: 'unlock it', vendor: 'ledger' },
      { kind: 'Cancelled', message: 'cancelled', taskId: 'task-1' },
    ];
    for (const error of errors) {
      const dispatch = createDispatcher(table, handlers({ 'vault.move': async () => err(error) }));
      expect(await dispatch('vault.move', {}, { via: 'test' })).toEqual({ ok: false, error });
    }
  });

  it('the dispatcher never throws, whatever kind a service answers with (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.constantFrom('InsufficientBalance', 'DeviceLocked', '__proto__', 'constructor', 'toString')), fc.jsonValue(), async (kind, detail) => {
        const dispatch = createDispatcher(
          table,
          handlers({ 'vault.move': async () => err({ kind, message: 'x', detail } as never) }),
          { onFault: () => { throw new Error('a logger that throws'); } },
        );
        const answer = await dispatch('vault.move', {}, { via: 'test' });
        expect(answer.ok).toBe(false);
        if (!answer.ok) expect(['InsufficientBalance', 'DeviceLocked', 'UndeclaredError', 'ServiceFailed']).toContain(answer.error.kind);
      }),
      { numRuns: 200 },
    );
  });

  it('the client refuses an undeclared kind from a main process that let it through', async () => {
    const client = createClient(table, {}, { shell: 'browser', invoke: async () => ({ ok: false, error: { kind: 'SomethingElse', message: 'x' } }), subscribe: () => () => {} });
    expect(await client.call('vault.move', {})).toMatchObject({ ok: false, error: { kind: 'UndeclaredError', channel: 'vault.move', undeclaredKind: 'SomethingElse' } });
  });

  it('types a row’s error as the closed union of its kinds and the contract’s', () => {
    expectTypeOf<RowError<typeof table, 'vault.quiet'>['kind']>().toEqualTypeOf<ContractErrorKind>();
    expectTypeOf<RowError<typeof table, 'vault.move'>['kind']>().toEqualTypeOf<ContractErrorKind | 'InsufficientBalance' | 'DeviceLocked'>();
    expectTypeOf<RowError<Channels, 'identity.proveCredential'>['kind']>().toExtend<string>();
    // A switch over a row's kinds is exhaustive-checked: this one compiles only because it names them all.
    const words = (error: RowError<typeof table, 'vault.move'>): string => {
      if (isContractError(error)) return 'the contract';
      switch (error.kind) {
        case 'InsufficientBalance':
          return `short by ${error.need}`;
        case 'DeviceLocked':
          return `unlock your ${error.vendor}`;
        default:
          return error satisfies never;
      }
    };
    expect(words({ kind: 'DeviceLocked', message: '', nextStep: '', vendor: 'ledger' })).toBe('unlock your ledger');
  });
});

describe('the contract’s rows', () => {
  it('every row declares its kinds, each named once', () => {
    for (const [name, spec] of Object.entries(channels)) {
      expect(Array.isArray(spec.errors), name).toBe(true);
      expect(new Set(spec.errors).size, name).toBe(spec.errors.length);
      for (const kind of spec.errors) expect(kind in CONTRACT_ERRORS, `${name} redeclares the contract's ${kind}`).toBe(false);
    }
  });

  it('the rows that use a device declare every device error, and the Commons rows every rule of the ledger', () => {
    for (const row of ['devices.getAddress', 'devices.sign', 'devices.accounts'] as const) expect(channels[row].errors).toEqual(expect.arrayContaining([...DEVICE_REQUEST_ERRORS]));
    for (const row of ['ledger.import', 'demo.submit'] as const) expect(channels[row].errors).toEqual(expect.arrayContaining([...COMMONS_ERRORS]));
    expect(COMMONS_ERRORS).toEqual(expect.arrayContaining(['InsufficientBalance', 'DuplicateNullifier', 'ThresholdNotMet']));
  });
});
