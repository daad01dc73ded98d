import { describe, expect, it } from 'vitest';
import { channels } from '../../../shared/contract/channels';
import { CONTRACT_ERRORS, undeclaredError } from '../../../shared/contract/errors';
import { COMMONS_ERRORS } from '../../../shared/contract/ledger-errors';
import { REGISTRIES, describeError, hasWords } from '../describe-error';

const stewards = /steward/i;

describe('one kind→words registry per module', () => {
  it('every kind a row of the contract declares, and every contract kind, has words', () => {
    const missing = [...Object.keys(CONTRACT_ERRORS), ...Object.values(channels).flatMap((spec) => [...spec.errors])].filter((kind) => !hasWords(kind));
    expect(missing).toEqual([]);
  });

  it('no kind is worded by two registries, nor by a registry and the Commons’ rules', () => {
    const seen = new Map<string, string>();
    for (const [name, registry] of Object.entries(REGISTRIES)) {
      for (const kind of Object.keys(registry)) {
        expect(seen.get(kind), `${kind} is in ${name} and ${seen.get(kind)}`).toBeUndefined();
        expect(COMMONS_ERRORS, `${kind} is a Commons rule and in ${name}`).not.toContain(kind);
        seen.set(kind, name);
      }
    }
  });
});

describe('words that put the cause where it is', () => {
  it('a log this machine failed to write is not blamed on the Commons or its stewards', () => {
    const words = describeError({ kind: 'LogNotWritten', message: 'The log could not be written (ENOSPC), so entry 7 was not stored. Nothing changed; try again.', seq: 7, cause: 'ENOSPC' } as never);
    expect(words.title).not.toMatch(/did not verify/);
    expect(`${words.title} ${words.detail} ${words.next}`).not.toMatch(stewards);
    expect(words.next).toMatch(/disk/);
  });

  it('an update imported before its Commons is the member’s step to take, not a ledger that did not verify', () => {
    const words = describeError({
      kind: 'UpdateFollowsNothing',
      message: 'These entries (from 12 on) continue no Commons stored here, and nothing from them was stored.',
      nextStep: 'Import the Commons’ whole ledger file first; updates can follow it after.',
      fromSeq: 12,
    } as never);
    expect(words.title).toBe('These entries continue no Commons stored here');
    expect(`${words.title} ${words.detail} ${words.next}`).not.toMatch(stewards);
    expect(words.next).toMatch(/whole ledger file first/);
  });

  it('a rule that refuses the member’s own action is said as the action’s rule, not as a ledger that did not verify', () => {
    const words = describeError({ kind: 'ActionExpired', message: 'The action was valid until 1 May, but was sequenced at 2 May.', validUntil: 1, time: 2 } as never);
    expect(words.title).toBe('The ledger’s rules refuse this action');
    expect(`${words.title} ${words.detail} ${words.next}`).not.toMatch(stewards);
  });

  it('an entry of an imported log that breaks a rule names the entry and its rule in words, not the rule’s identifier', () => {
    const words = describeError({ kind: 'BadSignature', message: 'Signature 0 does not come from its signer 0xab…cd.', signer: '0xab', index: 0, seq: 4, action: 1 } as never);
    expect(words.title).toBe('The Commons ledger did not verify');
    expect(words.detail).toBe('Entry 4, action 1: Signature 0 does not come from its signer 0xab…cd.');
    expect(words.detail).not.toContain('BadSignature');
  });

  it('an undeclared kind is worded as a fault inside the app, never with the service’s own text', () => {
    const words = describeError(undeclaredError('devices.sign', 'StewardsStoleIt'));
    expect(words.title).toBe('Something went wrong inside C3 Vault');
    expect(`${words.detail} ${words.next}`).not.toContain('StewardsStoleIt');
  });

  it('a claim the member’s credential does not hold is theirs to change, and nothing was sent', () => {
    const words = describeError({ kind: 'ClaimNotTrue', message: 'Your credential does not support that claim, so no proof can be made.', nextStep: 'Choose a claim your credential supports.' } as never);
    expect(words.detail).toMatch(/Nothing was proved or sent/);
    expect(`${words.title} ${words.detail}`).not.toMatch(stewards);
  });
});

describe('a re-verification of the log stored here', () => {
  it('an entry of the stored copy that breaks a rule is said as this machine’s copy, not as a file to ask the stewards for again', async () => {
    const { reverifyError } = await import('../../ledger/reverify-error');
    const broken = { kind: 'BadSignature', message: 'Signature 0 does not come from its signer 0xab…cd.', signer: '0xab', index: 0, seq: 4 } as const;
    const words = describeError(reverifyError(broken));
    expect(words.title).toBe('The copy of the log stored on this machine does not verify');
    expect(words.detail).toBe('Entry 4: Signature 0 does not come from its signer 0xab…cd.');
    expect(`${words.title} ${words.detail} ${words.next}`).not.toMatch(/steward|Nothing from this log was stored/i);
    const unknown = { kind: 'UnknownCommons', message: 'x', nextStep: 'y', workspace: 'real', commonsId: '0x12' } as const;
    expect(reverifyError(unknown)).toBe(unknown);
  });
});
