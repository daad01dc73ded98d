import { describe, expect, it } from 'vitest';
import { unwrap } from '../../result';
import { DAY, act, enrolAction, givenCommons, keys, member, run } from '../fixtures';
import { useScopeNullifier } from '.';

describe('enrolment (SPEC §1)', () => {
  it('given an attested, proven enrolment, then the member and their vault exist', () => {
    const { state, alice } = givenCommons();
    const dave = member('Dave', 'Guild', [keys.dave], 1, state.commonsId);
    const after = unwrap(run(state, enrolAction(state, dave)));
    expect(after.members.get(dave.did)).toMatchObject({ label: 'Dave', faction: 'Guild', vaults: [dave.vault], enrolledAt: state.time });
    expect(after.vaults.get(dave.vault)).toMatchObject({ kind: 'member', owner: dave.did, threshold: 1, nonce: 1 });
    expect(after.members.get(alice.did)).toBe(state.members.get(alice.did));
  });

  it('when the uniqueness nullifier U was used before, then DuplicateNullifier', () => {
    const { state, alice } = givenCommons();
    const dave = member('Dave', 'Guild', [keys.dave], 1, state.commonsId);
    const result = run(state, enrolAction(state, dave, { nullifier: state.members.get(alice.did)!.nullifier }));
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ kind: 'DuplicateNullifier', nullifier: state.members.get(alice.did)!.nullifier }) });
  });

  it('when the attestor is not registered, then UnknownAttestor', () => {
    const { state } = givenCommons();
    const dave = member('Dave', 'Guild', [keys.dave], 1, state.commonsId);
    const result = run(state, enrolAction(state, dave, { attestor: keys.mallory }));
    expect(!result.ok && result.error).toMatchObject({ kind: 'UnknownAttestor', attestor: keys.mallory.address });
  });

  it('when the attestor signature is over other values, then BadAttestation', () => {
    const { state } = givenCommons();
    const dave = member('Dave', 'Guild', [keys.dave], 1, state.commonsId);
    const action = enrolAction(state, dave);
    if (action.kind !== 'member.enrol') throw new Error('unexpected kind');
    const forged = { ...action.payload, commitment: '999999', publicSignals: ['999999', action.payload.nullifier] };
    const result = run(state, act(state, 'member.enrol', dave.vault, forged, [keys.dave], { nonce: 0 }));
    expect(!result.ok && result.error).toMatchObject({ kind: 'BadAttestation' });
  });

  it('when the proof does not verify, then InvalidProof', () => {
    const { state } = givenCommons();
    const dave = member('Dave', 'Guild', [keys.dave], 1, state.commonsId);
    const result = run(state, enrolAction(state, dave, { proof: { pi_a: ['2', '0', '0'], pi_b: [['0', '0'], ['0', '0'], ['0', '0']], pi_c: ['0', '0', '0'], protocol: 'groth16', curve: 'bn128' } }));
    expect(!result.ok && result.error).toMatchObject({ kind: 'InvalidProof', circuit: 'identity' });
  });

  it('when the same DID enrols again with a new vault, then AlreadyMember', () => {
    const { state, alice } = givenCommons();
    const result = run(state, enrolAction(state, alice, { salt: 'second' }));
    expect(!result.ok && result.error).toMatchObject({ kind: 'AlreadyMember', did: alice.did });
  });

  it('when the same DID enrols again into its existing vault, then VaultExists', () => {
    const { state, alice } = givenCommons();
    const result = run(state, enrolAction(state, alice));
    expect(!result.ok && result.error).toMatchObject({ kind: 'VaultExists', vault: alice.vault });
  });

  it('when the new vault leaves out the DID’s own key, then MemberDidNotSign, or NotASigner if that key signs anyway', () => {
    const { state } = givenCommons();
    const dave = member('Dave', 'Guild', [keys.dave], 1, state.commonsId);
    const result = run(state, enrolAction(state, { ...dave, keys: [keys.mallory] }));
    expect(!result.ok && result.error).toMatchObject({ kind: 'MemberDidNotSign', did: dave.did, key: keys.dave.address });
    const signedAnyway = run(state, enrolAction(state, { ...dave, keys: [keys.mallory] }, { signers: [keys.dave, keys.mallory] }));
    expect(!signedAnyway.ok && signedAnyway.error).toMatchObject({ kind: 'NotASigner', signer: keys.dave.address });
  });
});

describe('faction changes (SPEC §1: 90-day cool-down)', () => {
  it('when 89 days have passed, then FactionCooldown with since and until', () => {
    const { state, bob, sign } = givenCommons();
    const since = state.members.get(bob.did)!.factionSince;
    const result = run(state, act(state, 'member.changeFaction', bob.vault, { faction: 'Union' }, sign(bob)), since + 89 * DAY);
    expect(!result.ok && result.error).toMatchObject({ kind: 'FactionCooldown', since, until: since + 90 * DAY, time: since + 89 * DAY });
  });

  it('when 90 days have passed, then the faction changes and the cool-down starts again', () => {
    const { state, bob, sign } = givenCommons();
    const at = state.members.get(bob.did)!.factionSince + 90 * DAY;
    const after = unwrap(run(state, act(state, 'member.changeFaction', bob.vault, { faction: 'Union' }, sign(bob)), at));
    expect(after.members.get(bob.did)).toMatchObject({ faction: 'Union', factionSince: at });
  });

  it('when the faction is the same, then SameFaction', () => {
    const { state, bob, sign } = givenCommons();
    const result = run(state, act(state, 'member.changeFaction', bob.vault, { faction: 'Guild' }, sign(bob)), state.time + 100 * DAY);
    expect(!result.ok && result.error).toMatchObject({ kind: 'SameFaction' });
  });

  it('when a Commons vault asks, then NotAMember', () => {
    const { state, quorum } = givenCommons();
    const result = run(state, act(state, 'member.changeFaction', state.treasury, { faction: 'Guild' }, quorum), state.time + 100 * DAY);
    expect(!result.ok && result.error).toMatchObject({ kind: 'NotAMember' });
  });
});

describe('attestors and scope nullifiers', () => {
  it('only the treasury registers attestors, once each', () => {
    const { state, bob, sign, quorum } = givenCommons();
    expect(run(state, act(state, 'attestor.register', bob.vault, { attestor: keys.dave.address }, sign(bob)))).toMatchObject({ ok: false, error: { kind: 'NotTreasury' } });
    const after = unwrap(run(state, act(state, 'attestor.register', state.treasury, { attestor: keys.dave.address }, quorum)));
    expect(after.attestors[keys.dave.address]).toBe(true);
    expect(run(after, act(after, 'attestor.register', after.treasury, { attestor: keys.dave.address }, quorum))).toMatchObject({ ok: false, error: { kind: 'AttestorExists' } });
  });

  it('a scope nullifier is accepted once per scope', () => {
    const { state } = givenCommons();
    const once = unwrap(useScopeNullifier(state, 'proposal-1', '42'));
    expect(useScopeNullifier(once, 'proposal-1', '42')).toMatchObject({ ok: false, error: { kind: 'DuplicateScopeNullifier', scope: 'proposal-1', nullifier: '42' } });
    expect(useScopeNullifier(once, 'proposal-2', '42').ok).toBe(true);
  });
});
