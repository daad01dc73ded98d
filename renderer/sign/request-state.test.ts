/** Where a request stands, as the signing flow reads it from main: a history main did not answer is not a request superseded. */
import { describe, expect, it } from 'vitest';
import { alice, commons, draft } from '../../shared/quorum/fixtures';
import { err, ok } from '../../shared/result';
import { requestStateView } from './useRequestState';

// The vault moved past the request's action number: the request executed, or another action did.
const movedOn = { ...commons, vaults: commons.vaults.map((v) => (v.address === alice.address ? { ...v, nonce: v.nonce + 1 } : v)) };
const offline = { kind: 'BridgeUnavailable', message: 'The app could not reach its background services.', reason: 'socket closed' } as const;

describe('the state of a request in the signing flow', () => {
  it('a request whose history main did not answer is not shown as superseded (it may well have executed)', async () => {
    const ledger = { time: async () => commons.time, executedAt: async () => err(offline) };
    expect(await requestStateView(ledger, movedOn, draft(), { valid: [], submittedAt: null })).toEqual({ status: 'unanswered', error: offline });
  });

  it('a request whose number went to no action main knows of is superseded, as before', async () => {
    const ledger = { time: async () => commons.time, executedAt: async () => ok(null) };
    expect(await requestStateView(ledger, movedOn, draft(), { valid: [], submittedAt: null })).toMatchObject({ status: 'done', state: { state: 'superseded' } });
  });

  it('a request on a vault that has not moved does not ask main for history at all', async () => {
    const ledger = {
      time: async () => commons.time,
      executedAt: async () => {
        throw new Error('asked');
      },
    };
    expect(await requestStateView(ledger, commons, draft(), { valid: [], submittedAt: null })).toMatchObject({ status: 'done', state: { state: 'collecting' } });
  });
});
