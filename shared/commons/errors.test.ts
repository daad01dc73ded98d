import { describe, expect, it } from 'vitest';
import { fail, toWireError } from './errors';

describe('ledger errors', () => {
  it('say the rule in plain words with its numbers, amounts in tokens rather than minor units', () => {
    const error = fail('InsufficientBalance', { vault: '0x00b980e34f567ff27012408ac0fafc871d011904', token: 'CONX', have: 1_500_250_000n, need: 2_000_000_000n });
    expect(error.message).toBe('Vault 0x00b980…1904 holds 1,500.25 CONX and needs 2,000 CONX.');
    expect(error).toMatchObject({ kind: 'InsufficientBalance', have: 1_500_250_000n, need: 2_000_000_000n });
  });

  it('keep the numbers typed for scripts, amounts as decimal strings on the wire', () => {
    const wire = toWireError({ ...fail('ThresholdNotMet', { have: 1, need: 2 }), seq: 7, action: 0 });
    expect(wire).toEqual({ kind: 'ThresholdNotMet', message: 'The action has 1 valid signature; the vault needs 2.', have: 1, need: 2, seq: 7, action: 0 });
    expect(toWireError(fail('InvalidAmount', { amount: -5n }))).toMatchObject({ amount: '-5' });
  });

  it('name dates in UTC, so that a steward in any time zone reads the same entry the same way', () => {
    expect(fail('ActionExpired', { validUntil: 1_776_240_000, time: 1_776_243_600 }).message).toBe('The action was valid until 2026-04-15T08:00:00Z, but was sequenced at 2026-04-15T09:00:00Z.');
  });
});
