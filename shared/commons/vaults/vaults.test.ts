import { describe, expect, it } from 'vitest';
import { unwrap } from '../../result';
import { type Action } from '../log';
import { act, givenCommons, keys, run, spec } from '../fixtures';
import { deriveVaultAddress } from '.';
import { pkhDid } from '../identity-did';

describe('quorum signing (SPEC §3)', () => {
  it('when one of two required signatures is given, then ThresholdNotMet { have: 1, need: 2 }', () => {
    const { state, alice } = givenCommons();
    expect(run(state, act(state, 'token.burnToComm', alice.vault, { amount: 1n }, [keys.alice1]))).toMatchObject({ ok: false, error: { kind: 'ThresholdNotMet', have: 1, need: 2 } });
  });

  it('when the nonce is not the vault’s, then NonceMismatch; after execution the nonce moves on so it cannot replay', () => {
    const { state, bob, sign } = givenCommons();
    const action = act(state, 'token.burnToComm', bob.vault, { amount: 1n }, sign(bob));
    const after = unwrap(run(state, action));
    expect(after.vaults.get(bob.vault)!.nonce).toBe(state.vaults.get(bob.vault)!.nonce + 1);
    expect(run(after, action)).toMatchObject({ ok: false, error: { kind: 'NonceMismatch', expected: state.vaults.get(bob.vault)!.nonce + 1, got: state.vaults.get(bob.vault)!.nonce } });
  });

  it('when the entry’s time is at or past validUntil, then ActionExpired', () => {
    const { state, bob, sign } = givenCommons();
    const action = act(state, 'token.burnToComm', bob.vault, { amount: 1n }, sign(bob), { validUntil: state.time + 10 });
    expect(run(state, action, state.time + 10)).toMatchObject({ ok: false, error: { kind: 'ActionExpired', validUntil: state.time + 10, time: state.time + 10 } });
    expect(run(state, action, state.time + 9).ok).toBe(true);
  });

  it('when signatures are not sorted strictly ascending (or one signer twice), then SignaturesNotSorted', () => {
    const { state, alice, sign } = givenCommons();
    const action = act(state, 'token.burnToComm', alice.vault, { amount: 1n }, sign(alice));
    const reversed = { ...action, sigs: [...action.sigs].reverse() } as Action;
    const twice = { ...action, sigs: [action.sigs[0]!, action.sigs[0]!] } as Action;
    expect(run(state, reversed)).toMatchObject({ ok: false, error: { kind: 'SignaturesNotSorted', index: 1 } });
    expect(run(state, twice)).toMatchObject({ ok: false, error: { kind: 'SignaturesNotSorted', index: 1 } });
  });

  it('when a signature is by someone else than its named signer, then BadSignature', () => {
    const { state, bob, sign } = givenCommons();
    const action = act(state, 'token.burnToComm', bob.vault, { amount: 1n }, sign(bob));
    const other = act(state, 'token.burnToComm', bob.vault, { amount: 2n }, sign(bob));
    const swapped = { ...action, sigs: [{ signer: keys.bob.address, sig: other.sigs[0]!.sig }] } as Action;
    expect(run(state, swapped)).toMatchObject({ ok: false, error: { kind: 'BadSignature', signer: keys.bob.address, index: 0 } });
  });

  it('when a non-signer signs, then NotASigner', () => {
    const { state, bob } = givenCommons();
    expect(run(state, act(state, 'token.burnToComm', bob.vault, { amount: 1n }, [keys.mallory]))).toMatchObject({ ok: false, error: { kind: 'NotASigner', signer: keys.mallory.address } });
  });

  it('when the vault does not exist, then UnknownVault', () => {
    const { state } = givenCommons();
    const nowhere = `0x${'97'.repeat(20)}`;
    expect(run(state, act(state, 'token.burnToComm', nowhere, { amount: 1n }, [keys.bob]))).toMatchObject({ ok: false, error: { kind: 'UnknownVault', vault: nowhere } });
  });
});

describe('signers and threshold (SPEC §3: 1 ≤ M ≤ N ≤ 15, changed under the current quorum)', () => {
  it('adds a signer and raises the threshold under the current quorum; the old quorum no longer suffices', () => {
    const { state, bob, sign } = givenCommons();
    const after = unwrap(run(state, act(state, 'vault.setSigners', bob.vault, { signers: [spec(keys.bob), spec(keys.dave)], threshold: 2 }, sign(bob))));
    expect(after.vaults.get(bob.vault)).toMatchObject({ threshold: 2, signers: [{ address: keys.bob.address }, { address: keys.dave.address }] });
    expect(run(after, act(after, 'token.burnToComm', bob.vault, { amount: 1n }, [keys.bob]))).toMatchObject({ ok: false, error: { kind: 'ThresholdNotMet', have: 1, need: 2 } });
    expect(run(after, act(after, 'token.burnToComm', bob.vault, { amount: 1n }, [keys.bob, keys.dave])).ok).toBe(true);
  });

  it('when a new signer set would be signed by its new members only, then NotASigner (the current quorum decides)', () => {
    const { state, bob } = givenCommons();
    expect(run(state, act(state, 'vault.setSigners', bob.vault, { signers: [spec(keys.bob), spec(keys.dave)], threshold: 1 }, [keys.dave]))).toMatchObject({ ok: false, error: { kind: 'NotASigner' } });
  });

  it('when M > N, M < 1 or N > 15, then InvalidThreshold; a signer twice, DuplicateSigner', () => {
    const { state, alice, sign } = givenCommons();
    expect(run(state, act(state, 'vault.setThreshold', alice.vault, { threshold: 3 }, sign(alice)))).toMatchObject({ ok: false, error: { kind: 'InvalidThreshold', threshold: 3, signers: 2, max: 15 } });
    expect(run(state, act(state, 'vault.setThreshold', alice.vault, { threshold: 0 }, sign(alice)))).toMatchObject({ ok: false, error: { kind: 'InvalidThreshold', threshold: 0 } });
    const sixteen = Array.from({ length: 16 }, (_, i) => ({ ...spec(keys.alice1), address: `0x${(i + 1).toString(16).padStart(40, '0')}` }));
    sixteen[0] = spec(keys.alice1);
    expect(run(state, act(state, 'vault.setSigners', alice.vault, { signers: sixteen, threshold: 1 }, sign(alice)))).toMatchObject({ ok: false, error: { kind: 'InvalidThreshold', signers: 16 } });
    expect(run(state, act(state, 'vault.setSigners', alice.vault, { signers: [spec(keys.alice1), spec(keys.alice1)], threshold: 1 }, sign(alice)))).toMatchObject({ ok: false, error: { kind: 'DuplicateSigner' } });
    expect(unwrap(run(state, act(state, 'vault.setThreshold', alice.vault, { threshold: 1 }, sign(alice)))).vaults.get(alice.vault)!.threshold).toBe(1);
  });

  it('when a member vault would drop its owner’s key, then OwnerNotSigner', () => {
    const { state, bob, sign } = givenCommons();
    expect(run(state, act(state, 'vault.setSigners', bob.vault, { signers: [spec(keys.dave)], threshold: 1 }, sign(bob)))).toMatchObject({ ok: false, error: { kind: 'OwnerNotSigner', owner: bob.did } });
  });

  it('when a vault is created at an address other than its derived one, then VaultAddressMismatch; for a non-member, NotAMember', () => {
    const { state, bob } = givenCommons();
    const wrong = deriveVaultAddress(state.commonsId, bob.did, 'other');
    const setup = { owner: bob.did, name: 'Second', signers: [spec(keys.bob)], threshold: 1, salt: 'second' };
    expect(run(state, act(state, 'vault.create', wrong, setup, [keys.bob], { nonce: 0 }))).toMatchObject({
      ok: false,
      error: { kind: 'VaultAddressMismatch', expected: deriveVaultAddress(state.commonsId, bob.did, 'second'), got: wrong },
    });
    const stranger = pkhDid(keys.mallory.address);
    const address = deriveVaultAddress(state.commonsId, stranger, 'x');
    const strangers = { ...setup, owner: stranger, signers: [spec(keys.mallory)], salt: 'x' };
    expect(run(state, act(state, 'vault.create', address, strangers, [keys.mallory], { nonce: 0 }))).toMatchObject({ ok: false, error: { kind: 'NotAMember', who: stranger } });
  });

  it('the treasury changes its stewards under its current 2-of-3', () => {
    const { state, quorum } = givenCommons();
    const after = unwrap(run(state, act(state, 'vault.setSigners', state.treasury, { signers: [spec(keys.steward1), spec(keys.steward2), spec(keys.dave)], threshold: 2 }, quorum)));
    expect(after.vaults.get(after.treasury)!.signers.map((s) => s.address)).toContain(keys.dave.address);
  });
});
