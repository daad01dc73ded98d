/**
 * The state shares structure between versions (persistent maps), and comes back whole from its
 * plain and stored forms.
 */
import { describe, expect, it } from 'vitest';
import { unwrap } from '../result';
import { act, givenCommons, keys, run } from './fixtures';
import { stateHash } from './apply';
import { plainState, restoredState, storedState } from './plain';

const units = (n: number) => BigInt(n) * 1_000_000n;

describe('the state between two actions', () => {
  it('shares what an action did not touch, and the state before it is left as it was', () => {
    const { state, bob, carol, alice, sign } = givenCommons();
    const before = stateHash(state);
    const burnt = unwrap(run(state, act(state, 'token.burnToConx', bob.vault, { amount: units(10) }, sign(bob))));
    const paid = unwrap(run(burnt, act(burnt, 'token.transfer', bob.vault, { token: 'CONX', to: carol.vault, amount: units(4) }, sign(bob))));
    expect(paid.vaults.get(alice.vault)).toBe(state.vaults.get(alice.vault));
    expect(paid.members).toBe(state.members);
    expect(paid.vaults.get(carol.vault)!.balances.CONX).toBe(units(4));
    expect(state.vaults.get(carol.vault)!.balances.CONX).toBeUndefined();
    expect(stateHash(state)).toBe(before);
  });
});

describe('the plain form', () => {
  it('writes maps as records and sets as records of true, the shape the state had before persistent maps', () => {
    const { state, alice } = givenCommons();
    const plain = plainState(state) as { vaults: Record<string, { nonce: number }>; members: Record<string, { label: string }>; scopeNullifiers: object; uniqueness: Record<string, string> };
    expect(plain.vaults[alice.vault]!.nonce).toBe(state.vaults.get(alice.vault)!.nonce);
    expect(plain.members[alice.did]!.label).toBe('Alice');
    expect(Object.keys(plain.vaults)).toEqual([...state.vaults.keys()]);
    expect(plain.uniqueness[state.members.get(alice.did)!.nullifier]).toBe(alice.did);
    expect(plain.scopeNullifiers).toEqual({});
  });

  it('survives structured clone (IndexedDB) as the same state, which the ledger can go on from', () => {
    const { state, bob, sign } = givenCommons();
    const back = restoredState(structuredClone(storedState(state)));
    expect(stateHash(back)).toBe(stateHash(state));
    const action = act(state, 'token.burnToComm', bob.vault, { amount: units(1) }, sign(bob));
    expect(stateHash(unwrap(run(back, action)))).toBe(stateHash(unwrap(run(state, action))));
    expect(run(back, act(back, 'token.mint', back.treasury, { token: 'PPT', to: bob.vault, amount: 1n }, [keys.steward1]))).toMatchObject({ ok: false, error: { kind: 'ThresholdNotMet' } });
  });
});
