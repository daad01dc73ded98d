/** The composer's pre-flight: a request the ledger would refuse is refused in words before any device is asked. */
import { describe, expect, it } from 'vitest';
import { stateHash } from '../commons/apply';
import { type Hex } from '../crypto/canonical';
import { alice, bob, commons, commonsId, ctx, demoState, draft, treasury } from './fixtures';
import { preflightRequest, sequencingTime } from './preflight';
import { signersRequest, thresholdRequest, transferRequest, unsignedRequest } from './request';
import { unwrap } from '../result';

const at = (time = demoState.time) => ({ ...ctx, time });
const VALID_UNTIL = 1_900_000_000;

describe('the pre-flight of a signing request', () => {
  it('a PPT transfer is refused before anyone signs, with the rule in words', () => {
    // Alice's vault holds PPT, so the composer offers it; the ledger never moves PPT (SPEC §2).
    expect(alice.balances.PPT).toBeGreaterThan(0n);
    const request = unwrap(transferRequest(commons, alice, { token: 'PPT', to: bob, amount: 1_000_000n, validUntil: VALID_UNTIL }));
    const before = stateHash(demoState);
    expect(preflightRequest(demoState, request, at())).toEqual({
      ok: false,
      error: { kind: 'LedgerWouldRefuse', rule: expect.objectContaining({ kind: 'NonTransferable', token: 'PPT' }), message: 'PPT cannot be transferred (SPEC §2).' },
    });
    expect(stateHash(demoState)).toBe(before);
  });

  it('a CONX transfer the quorum could execute passes', () => {
    expect(preflightRequest(demoState, draft(), at())).toEqual({ ok: true, value: null });
  });

  it('COMM to another member’s vault is refused, naming the rule', () => {
    const request = unsignedRequest(commons, alice, 'token.transfer', { token: 'COMM', to: bob.address.toLowerCase(), amount: 1n }, VALID_UNTIL);
    expect(preflightRequest(demoState, request, at())).toMatchObject({ ok: false, error: { rule: { kind: 'CommOutsideOwnVaults' } } });
  });

  it('a threshold above the vault’s signers is refused before the quorum signs it', () => {
    const request = unwrap(thresholdRequest(commons, alice, 3, VALID_UNTIL));
    expect(preflightRequest(demoState, request, at())).toMatchObject({
      ok: false,
      error: { kind: 'LedgerWouldRefuse', rule: { kind: 'InvalidThreshold', threshold: 3, signers: 2 }, message: expect.stringContaining('A threshold of 3 with 2 signers is not allowed') },
    });
    expect(preflightRequest(demoState, unwrap(thresholdRequest(commons, alice, 1, VALID_UNTIL)), at())).toEqual({ ok: true, value: null });
  });

  it('new signers that leave out the owner’s own key are refused', () => {
    const trezorOnly = alice.signers.filter((s) => s.device === 'trezor').map((s) => ({ address: s.address, device: s.device, label: s.label, path: "m/44'/60'/0'/0/1" }));
    const request = unwrap(signersRequest(commons, alice, trezorOnly, 1, VALID_UNTIL));
    expect(preflightRequest(demoState, request, at())).toMatchObject({ ok: false, error: { rule: { kind: 'OwnerNotSigner' } } });
  });

  it('a mint by a member’s vault is refused: only the treasury mints', () => {
    const request = unsignedRequest(commons, alice, 'token.mint', { token: 'PPT', to: alice.address.toLowerCase(), amount: 1n }, VALID_UNTIL);
    expect(preflightRequest(demoState, request, at())).toMatchObject({ ok: false, error: { rule: { kind: 'NotTreasury' } } });
    const byTreasury = unsignedRequest(commons, treasury, 'token.mint', { token: 'PPT', to: alice.address.toLowerCase(), amount: 1n }, VALID_UNTIL);
    expect(preflightRequest(demoState, byTreasury, at())).toEqual({ ok: true, value: null });
  });

  it('an expired request is said to have expired, not to have been sequenced', () => {
    const request = { ...draft(), action: { ...draft().action, validUntil: demoState.time } };
    const result = preflightRequest(demoState, request, at());
    expect(result).toMatchObject({ ok: false, error: { rule: { kind: 'ActionExpired' } } });
    if (!result.ok) expect(result.error.message).toBe(`This request was valid until ${new Date(demoState.time * 1000).toISOString().replace('.000Z', 'Z')}; the ledger refuses it from then on. Start a new request.`);
  });

  it('a request whose action number was already used says another action came first', () => {
    const request = { ...draft(), action: { ...draft().action, nonce: alice.nonce - 1 } };
    const result = preflightRequest(demoState, request, at());
    expect(result).toMatchObject({ ok: false, error: { rule: { kind: 'NonceMismatch' }, message: expect.stringContaining('another action was sequenced first') } });
  });

  it('a request made for another Commons is refused', () => {
    const request = { ...draft(), commonsId: `0x${'11'.repeat(32)}` as Hex };
    expect(preflightRequest(demoState, request, at())).toMatchObject({ ok: false, error: { kind: 'OtherCommons', ours: commonsId } });
  });

  it('runs at the earliest time the stewards could sequence it', () => {
    expect(sequencingTime(100, 50)).toBe(100);
    expect(sequencingTime(100, 150)).toBe(150);
  });
});
