/** The composer's pre-flight as the renderer runs it: on the verified state, at the earliest time the stewards could sequence. */
import { describe, expect, it } from 'vitest';
import { type CommonsState } from '../../shared/commons/state';
import { describeError } from '../ui/describe-error';
import { alice, bob, commons, demoState, draft } from '../../shared/quorum/fixtures';
import { transferRequest } from '../../shared/quorum/request';
import { unwrap } from '../../shared/result';
import { preflightWith } from './preflight';
import { preflightAction } from '../../shared/commons/apply';
import { testVerifier } from '../../shared/commons/fixtures';
import { nobleRecoverer } from '../../shared/crypto/recover';
import { type Hex } from '../../shared/crypto/canonical';
import { refusedByRules } from './refusal';
import { enrolmentNotChecked } from '../identity/enrolment';
import { type VerifiedLedger } from './verified-ledger';

/** The verified ledger as main answers for it: the ledger's own pre-flight on `state`. */
const ledgerOf = (state: CommonsState | null): VerifiedLedger => ({
  commonsId: (state?.commonsId ?? commons.commonsId) as Hex,
  time: async () => state?.time ?? null,
  check: async (action, time) => {
    if (!state) return { status: 'not-loaded' };
    const dry = preflightAction(state, action, { verifier: testVerifier, recoverer: nobleRecoverer, time });
    return dry.ok ? { status: 'allowed' } : { status: 'refused', rule: dry.error };
  },
  executedAt: async () => ({ ok: true, value: null }),
  signersOf: () => null,
});

describe('the pre-flight in the composer', () => {
  it('a PPT transfer is refused in words before any device is asked', async () => {
    const request = unwrap(transferRequest(commons, alice, { token: 'PPT', to: bob, amount: 1_000_000n, validUntil: 1_900_000_000 }));
    expect(await preflightWith(ledgerOf(demoState))(request)).toMatchObject({ ok: false, error: { kind: 'LedgerWouldRefuse', message: 'PPT cannot be transferred (SPEC §2).' } });
    expect(await preflightWith(ledgerOf(demoState))(draft())).toEqual({ ok: true, value: null });
  });

  it('without a verified state nothing is passed: it says the ledger is still loading', async () => {
    expect(await preflightWith(ledgerOf(null))(draft())).toMatchObject({ ok: false, error: { kind: 'LedgerNotLoaded' } });
  });

  it('a pre-flight main did not answer is said with that error’s words, not as a ledger still loading nor as a rule the action breaks', async () => {
    const offline = { kind: 'BridgeUnavailable', message: 'The app could not reach its background services.', reason: 'socket closed' } as const;
    const unreachable: VerifiedLedger = { ...ledgerOf(demoState), check: async () => ({ status: 'unanswered', error: offline }) };
    const answer = await preflightWith(unreachable)(draft());
    expect(answer).toMatchObject({ ok: false, error: { kind: 'PreflightNotAnswered', error: offline } });
    if (answer.ok) return;
    expect(answer.error.message).not.toMatch(/loading|finished verifying|would refuse/i);
    // The enrolment flow shows main's own error (its registry's words), not "the ledger would refuse this enrolment".
    const shown = enrolmentNotChecked(answer.error);
    expect(shown).toBe(offline);
    expect(describeError(shown).title).toBe('The app’s background services are not answering');
  });

  it('a ledger still loading is not worded as a refusal of the enrolment', async () => {
    const answer = await preflightWith(ledgerOf(null))(draft());
    if (answer.ok) throw new Error('passed without a verified state');
    expect(describeError(enrolmentNotChecked(answer.error)).title).not.toMatch(/would refuse/);
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

  it('a demo log its stewards failed to write is not said as a rule the member’s action broke', () => {
    const diskFull = { kind: 'LogNotWritten', message: 'The log could not be written (ENOSPC), so entry 12 was not stored. Nothing changed; try again.', seq: 12, cause: 'ENOSPC' };
    expect(refusedByRules(diskFull, 'your ballot')).toBe(diskFull);
    const words = describeError(refusedByRules(diskFull, 'your ballot'));
    expect(words.title).toBe('The log could not be written on this machine');
    expect(`${words.title} ${words.detail} ${words.next ?? ''}`).not.toMatch(/rules refuse|did not verify|untampered/);
  });

  it('leaves other errors as they are', () => {
    const offline = { kind: 'BridgeUnavailable', message: 'gone', reason: 'closed' };
    expect(refusedByRules(offline, 'this action')).toBe(offline);
  });
});
