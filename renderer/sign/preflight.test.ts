/** The composer's pre-flight as the renderer runs it: on the verified state, at the earliest time the stewards could sequence. */
import { describe, expect, it } from 'vitest';
import { type CommonsState } from '../../shared/commons/state';
import { describeError } from '../ui/describe-error';
import { alice, bob, commons, demoState, draft } from '../../shared/quorum/fixtures';
import { transferRequest } from '../../shared/quorum/request';
import { unwrap } from '../../shared/result';
import { preflightWith } from './preflight';
import { refusedByRules } from './refusal';
import { type VerifiedLedger } from './verified-ledger';

const ledgerOf = (state: CommonsState | null): VerifiedLedger => ({ state: async () => state, executedAt: async () => null });

describe('the pre-flight in the composer', () => {
  it('a PPT transfer is refused in words before any device is asked', async () => {
    const request = unwrap(transferRequest(commons, alice, { token: 'PPT', to: bob, amount: 1_000_000n, validUntil: 1_900_000_000 }));
    expect(await preflightWith(ledgerOf(demoState))(request)).toMatchObject({ ok: false, error: { kind: 'LedgerWouldRefuse', message: 'PPT cannot be transferred (SPEC §2).' } });
    expect(await preflightWith(ledgerOf(demoState))(draft())).toEqual({ ok: true, value: null });
  });

  it('without a verified state nothing is passed: it says the ledger is still loading', async () => {
    expect(await preflightWith(ledgerOf(null))(draft())).toMatchObject({ ok: false, error: { kind: 'LedgerNotLoaded' } });
  });

  it('checks expiry at this machine’s time when it is past the ledger’s, since the stewards cannot sequence earlier', async () => {
    const validUntil = demoState.time + 3600;
    const request = { ...draft(), action: { ...draft().action, validUntil } };
    expect(await preflightWith(ledgerOf(demoState), () => (demoState.time + 60) * 1000)(request)).toEqual({ ok: true, value: null });
    expect(await preflightWith(ledgerOf(demoState), () => validUntil * 1000)(request)).toMatchObject({ ok: false, error: { rule: { kind: 'ActionExpired' } } });
  });
});

describe('an action the stewards did not sequence', () => {
  // What demo.submit answers for a PPT transfer that reached the stewards: the ledger's error, at the entry it was tried in.
  const answer = { kind: 'NonTransferable', message: 'PPT cannot be transferred (SPEC §2).', token: 'PPT', seq: 12, action: 0 };

  it('is said as the rule the member’s action broke, not as a ledger that did not verify', () => {
    expect(describeError(answer).title).toBe('The Commons ledger did not verify');
    const words = describeError(refusedByRules(answer, 'your enrolment'));
    expect(words.title).not.toContain('did not verify');
    expect(`${words.detail} ${words.next ?? ''}`).not.toMatch(/untampered|ask the commons’ stewards/i);
    expect(words.detail).toBe('The stewards did not sequence your enrolment: the ledger’s rules refuse it. PPT cannot be transferred (SPEC §2).');
  });

  it('keeps the words of a rule the app explains itself', () => {
    expect(describeError(refusedByRules({ kind: 'DuplicateNullifier', message: 'x', nullifier: '1', seq: 3, action: 0 }, 'your enrolment')).title).toBe('This person is already enrolled in this Commons');
  });

  it('leaves other errors as they are', () => {
    const offline = { kind: 'BridgeUnavailable', message: 'gone', reason: 'closed' };
    expect(refusedByRules(offline, 'this action')).toBe(offline);
  });
});
