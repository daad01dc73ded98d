import { describe, expect, it } from 'vitest';
import { unwrap } from '../../result';
import { stateHash } from '../apply';
import { act, givenCommons, keys, run } from '../fixtures';
import { deriveVaultAddress } from '../vaults';
import { heldTotal } from '.';
import { COMMONS_TOKENS } from '../../money';

const PPT = (n: number) => BigInt(n) * 1_000_000n;

describe('minting (SPEC §2)', () => {
  it('the treasury quorum mints PPT into a member vault, and the supply follows', () => {
    const { state, bob, quorum } = givenCommons();
    const after = unwrap(run(state, act(state, 'token.mint', state.treasury, { token: 'PPT', to: bob.vault, amount: PPT(5) }, quorum)));
    expect(after.vaults.get(bob.vault)!.balances.PPT).toBe(PPT(1_005));
    expect(after.supplies.PPT).toBe(PPT(3_005));
  });

  it('when a member vault mints, then NotTreasury', () => {
    const { state, bob, sign } = givenCommons();
    expect(run(state, act(state, 'token.mint', bob.vault, { token: 'PPT', to: bob.vault, amount: PPT(5) }, sign(bob)))).toMatchObject({ ok: false, error: { kind: 'NotTreasury', vault: bob.vault } });
  });

  it('when COMM or CONX is minted directly, then MintNotAllowed', () => {
    const { state, bob, quorum } = givenCommons();
    for (const token of ['COMM', 'CONX'] as const) {
      expect(run(state, act(state, 'token.mint', state.treasury, { token, to: bob.vault, amount: PPT(5) }, quorum))).toMatchObject({ ok: false, error: { kind: 'MintNotAllowed', token } });
    }
  });

  it('from log version 2, the treasury mints no role token at all: they come from completed work', () => {
    const { state, bob, carol, quorum } = givenCommons();
    for (const [token, to] of [['PCT', bob.vault], ['PMT', carol.vault]] as const) {
      const before = stateHash(state);
      expect(run(state, act(state, 'token.mint', state.treasury, { token, to, amount: 1n }, quorum))).toMatchObject({ ok: false, error: { kind: 'RoleTokenMintedByWork', token } });
      expect(stateHash(state)).toBe(before);
    }
  });

  it('in a version 1 log, when PDT goes to a Guild member, then RoleTokenFaction; PCT to the Guild is fine; PMT only to the Syndicate', () => {
    const { state, bob, carol, quorum } = givenCommons(1);
    expect(run(state, act(state, 'token.mint', state.treasury, { token: 'PDT', to: bob.vault, amount: 1n }, quorum))).toMatchObject({
      ok: false,
      error: { kind: 'RoleTokenFaction', token: 'PDT', faction: 'Guild', needs: 'Union' },
    });
    expect(run(state, act(state, 'token.mint', state.treasury, { token: 'PCT', to: bob.vault, amount: 1n }, quorum)).ok).toBe(true);
    expect(run(state, act(state, 'token.mint', state.treasury, { token: 'PMT', to: bob.vault, amount: 1n }, quorum))).toMatchObject({
      ok: false,
      error: { kind: 'RoleTokenFaction', token: 'PMT', faction: 'Guild', needs: 'Syndicate' },
    });
    expect(run(state, act(state, 'token.mint', state.treasury, { token: 'PMT', to: carol.vault, amount: 1n }, quorum)).ok).toBe(true);
  });

  it('when PPT is minted to a Commons vault, then HolderNotAllowed (member-only holding)', () => {
    const { state, quorum } = givenCommons();
    expect(run(state, act(state, 'token.mint', state.treasury, { token: 'PPT', to: state.treasury, amount: 1n }, quorum))).toMatchObject({ ok: false, error: { kind: 'HolderNotAllowed', token: 'PPT' } });
  });

  it('when the recipient is no vault, then UnknownVault; when the amount is 0, then InvalidAmount', () => {
    const { state, bob, quorum } = givenCommons();
    const nowhere = `0x${'99'.repeat(20)}`;
    expect(run(state, act(state, 'token.mint', state.treasury, { token: 'PPT', to: nowhere, amount: 1n }, quorum))).toMatchObject({ ok: false, error: { kind: 'UnknownVault', vault: nowhere } });
    expect(run(state, act(state, 'token.mint', state.treasury, { token: 'PPT', to: bob.vault, amount: 0n }, quorum))).toMatchObject({ ok: false, error: { kind: 'InvalidAmount', amount: 0n } });
  });
});

describe('burn-to-COMM and burn-to-CONX (SPEC §2, param rates)', () => {
  it('burns PPT and mints COMM 1:1 at the default rate', () => {
    const { state, alice, sign } = givenCommons();
    const after = unwrap(run(state, act(state, 'token.burnToComm', alice.vault, { amount: PPT(400) }, sign(alice))));
    expect(after.vaults.get(alice.vault)!.balances).toMatchObject({ PPT: PPT(600), COMM: PPT(400) });
    expect(after.supplies).toMatchObject({ PPT: PPT(2_600), COMM: PPT(400) });
  });

  it('mints at the parameter rate, rounding down in favour of the Commons', () => {
    const given = givenCommons();
    const state = { ...given.state, params: { ...given.state.params, burnToConxRateBps: 3_333 } };
    const after = unwrap(run(state, act(state, 'token.burnToConx', given.bob.vault, { amount: 10n }, given.sign(given.bob))));
    expect(after.vaults.get(given.bob.vault)!.balances).toMatchObject({ PPT: PPT(1_000) - 10n, CONX: 3n });
  });

  it('when burning more PPT than held, then InsufficientBalance with have and need', () => {
    const { state, bob, sign } = givenCommons();
    expect(run(state, act(state, 'token.burnToConx', bob.vault, { amount: PPT(1_001) }, sign(bob)))).toMatchObject({
      ok: false,
      error: { kind: 'InsufficientBalance', token: 'PPT', have: PPT(1_000), need: PPT(1_001) },
    });
  });

  it('when a Commons vault burns, then NotAMemberVault', () => {
    const { state, quorum } = givenCommons();
    expect(run(state, act(state, 'token.burnToComm', state.treasury, { amount: 1n }, quorum))).toMatchObject({ ok: false, error: { kind: 'NotAMemberVault' } });
  });
});

describe('transfers (SPEC §2)', () => {
  const withConxAndComm = () => {
    const given = givenCommons();
    let state = unwrap(run(given.state, act(given.state, 'token.burnToConx', given.alice.vault, { amount: PPT(300) }, given.sign(given.alice))));
    state = unwrap(run(state, act(state, 'token.burnToComm', given.alice.vault, { amount: PPT(300) }, given.sign(given.alice))));
    return { ...given, state };
  };

  it('CONX moves freely between member and Commons vaults', () => {
    const { state, alice, bob, sign } = withConxAndComm();
    let after = unwrap(run(state, act(state, 'token.transfer', alice.vault, { token: 'CONX', to: bob.vault, amount: PPT(100) }, sign(alice))));
    after = unwrap(run(after, act(after, 'token.transfer', alice.vault, { token: 'CONX', to: after.treasury, amount: PPT(50) }, sign(alice))));
    expect(after.vaults.get(alice.vault)!.balances.CONX).toBe(PPT(150));
    expect(after.vaults.get(bob.vault)!.balances.CONX).toBe(PPT(100));
    expect(after.vaults.get(after.treasury)!.balances.CONX).toBe(PPT(50));
    expect(after.supplies.CONX).toBe(PPT(300));
  });

  it('when PPT or a role token is transferred, then NonTransferable', () => {
    const { state, alice, bob, sign } = withConxAndComm();
    for (const token of ['PPT', 'PDT', 'PCT', 'PMT'] as const) {
      expect(run(state, act(state, 'token.transfer', alice.vault, { token, to: bob.vault, amount: 1n }, sign(alice)))).toMatchObject({ ok: false, error: { kind: 'NonTransferable', token } });
    }
  });

  it('COMM moves between a member’s own vaults, and not to anyone else’s', () => {
    const { state, alice, bob, sign } = withConxAndComm();
    const savings = deriveVaultAddress(state.commonsId, alice.did, 'savings');
    const created = unwrap(run(state, act(state, 'vault.create', savings, { owner: alice.did, name: 'Savings', signers: [{ address: keys.alice1.address, device: 'ledger', label: 'A', path: 'm' }], threshold: 1, salt: 'savings' }, [keys.alice1])));
    const moved = unwrap(run(created, act(created, 'token.transfer', alice.vault, { token: 'COMM', to: savings, amount: PPT(100) }, sign(alice))));
    expect(moved.vaults.get(savings)!.balances.COMM).toBe(PPT(100));
    expect(moved.members.get(alice.did)!.vaults).toEqual([alice.vault, savings]);
    expect(run(moved, act(moved, 'token.transfer', alice.vault, { token: 'COMM', to: bob.vault, amount: 1n }, sign(alice)))).toMatchObject({
      ok: false,
      error: { kind: 'CommOutsideOwnVaults', from: alice.did, to: bob.did },
    });
  });

  it('when sending more than held, then InsufficientBalance; to itself, SelfTransfer; to nowhere, UnknownVault', () => {
    const { state, alice, bob, sign } = withConxAndComm();
    expect(run(state, act(state, 'token.transfer', alice.vault, { token: 'CONX', to: bob.vault, amount: PPT(301) }, sign(alice)))).toMatchObject({
      ok: false,
      error: { kind: 'InsufficientBalance', vault: alice.vault, token: 'CONX', have: PPT(300), need: PPT(301) },
    });
    expect(run(state, act(state, 'token.transfer', alice.vault, { token: 'CONX', to: alice.vault, amount: 1n }, sign(alice)))).toMatchObject({ ok: false, error: { kind: 'SelfTransfer' } });
    expect(run(state, act(state, 'token.transfer', alice.vault, { token: 'CONX', to: `0x${'98'.repeat(20)}`, amount: 1n }, sign(alice)))).toMatchObject({ ok: false, error: { kind: 'UnknownVault' } });
  });

  it('supply equals the sum of balances and escrows for every token', () => {
    const { state } = withConxAndComm();
    for (const token of COMMONS_TOKENS) expect(heldTotal(state, token)).toBe(state.supplies[token] ?? 0n);
  });
});
