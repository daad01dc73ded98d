import { describe, expect, it } from 'vitest';
import { unwrap } from '../../result';
import { plainState } from '../plain';
import { DAY, act, givenCommons, keys, run, spec } from '../fixtures';
import { deriveVaultAddress } from '.';

const CONX = (n: number) => BigInt(n) * 1_000_000n;
const MONTH = 30 * DAY;

/** A Commons with a reserve vault (2-of-3 of Alice's and Carol's keys) limited to 100 CONX a month, holding 500 CONX that Bob sent it. */
function givenReserve(limit = { amount: CONX(100), periodSeconds: MONTH }) {
  const given = givenCommons();
  const { bob, quorum, sign } = given;
  let state = given.state;
  const reserve = deriveVaultAddress(state.commonsId, 'commons', 'reserve');
  const setup = { address: reserve, name: 'Reserve', signers: [spec(keys.alice1), spec(keys.carol), spec(keys.dave)], threshold: 2, salt: 'reserve', spendLimit: limit };
  state = unwrap(run(state, act(state, 'vault.createCommons', state.treasury, setup, quorum)));
  state = unwrap(run(state, act(state, 'token.burnToConx', bob.vault, { amount: CONX(800) }, sign(bob))));
  state = unwrap(run(state, act(state, 'token.transfer', bob.vault, { token: 'CONX', to: reserve, amount: CONX(500) }, sign(bob))));
  return { ...given, state, reserve, reserveKeys: [keys.alice1, keys.carol] };
}

describe('Commons vaults and their spend limit per period (SPEC §3)', () => {
  it('the treasury quorum creates a Commons vault with its signers, threshold and spend limit', () => {
    const { state, reserve } = givenReserve();
    expect(state.vaults.get(reserve)).toMatchObject({ kind: 'commons', owner: null, threshold: 2, nonce: 0, spendLimit: { amount: CONX(100), periodSeconds: MONTH } });
    expect(state.vaults.get(reserve)!.signers.map((s) => s.address)).toEqual([keys.alice1.address, keys.carol.address, keys.dave.address]);
  });

  it('a Commons vault created by signers other than the treasury quorum is refused (NotASigner), nothing changed', () => {
    const { state, bob, sign } = givenCommons();
    const address = deriveVaultAddress(state.commonsId, 'commons', 'mine');
    const setup = { address, name: 'Mine', signers: [spec(keys.bob)], threshold: 1, salt: 'mine' };
    expect(run(state, act(state, 'vault.createCommons', state.treasury, setup, sign(bob)))).toMatchObject({ ok: false, error: { kind: 'NotASigner', signer: keys.bob.address } });
    // Named on another vault than the treasury, the treasury's rule refuses it before its signers are counted.
    expect(run(state, act(state, 'vault.createCommons', bob.vault, setup, sign(bob)))).toMatchObject({ ok: false, error: { kind: 'NotTreasury' } });
    expect(state.vaults.has(address)).toBe(false);
  });

  it('spends up to the limit within a period, and counts afresh in the next one', () => {
    const { state, reserve, reserveKeys, bob } = givenReserve();
    let after = unwrap(run(state, act(state, 'token.transfer', reserve, { token: 'CONX', to: bob.vault, amount: CONX(60) }, reserveKeys)));
    after = unwrap(run(after, act(after, 'token.transfer', reserve, { token: 'CONX', to: bob.vault, amount: CONX(40) }, reserveKeys)));
    expect(after.vaults.get(reserve)!.balances.CONX).toBe(CONX(400));
    const nextPeriod = (Math.floor(after.time / MONTH) + 1) * MONTH;
    after = unwrap(run(after, act(after, 'token.transfer', reserve, { token: 'CONX', to: bob.vault, amount: CONX(100) }, reserveKeys), nextPeriod));
    expect(after.vaults.get(reserve)!.spent).toEqual({ periodStart: nextPeriod, amount: CONX(100) });
  });

  it('a spend above the limit in a period is refused with the numbers, and nothing changed', () => {
    const { state, reserve, reserveKeys, bob } = givenReserve();
    const first = unwrap(run(state, act(state, 'token.transfer', reserve, { token: 'CONX', to: bob.vault, amount: CONX(70) }, reserveKeys)));
    const over = act(first, 'token.transfer', reserve, { token: 'CONX', to: bob.vault, amount: CONX(31) }, reserveKeys);
    const periodStart = Math.floor(first.time / MONTH) * MONTH;
    const plain = () => JSON.stringify(plainState(first), (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    const before = plain();
    const refused = run(first, over);
    expect(refused).toMatchObject({
      ok: false,
      error: { kind: 'SpendLimitExceeded', vault: reserve, limit: CONX(100), spent: CONX(70), amount: CONX(31), periodStart, periodEnd: periodStart + MONTH },
    });
    if (refused.ok) throw new Error('refused');
    expect(refused.error.message).toContain('may spend at most 100 CONX');
    expect(refused.error.message).toContain('it has spent 70 CONX');
    expect(refused.error.message).toContain('needs a governance vote');
    // Refusals change nothing: the state it met is as it was, and the vault can still spend what is left of its limit.
    expect(plain()).toBe(before);
    expect(first.vaults.get(reserve)).toMatchObject({ nonce: 1, spent: { amount: CONX(70) }, balances: { CONX: CONX(430) } });
    expect(run(first, act(first, 'token.transfer', reserve, { token: 'CONX', to: bob.vault, amount: CONX(30) }, reserveKeys)).ok).toBe(true);
  });

  it('the vault’s own quorum cannot raise its limit: only the treasury quorum sets it', () => {
    const { state, reserve, reserveKeys, quorum, bob } = givenReserve();
    const raise = { vault: reserve, spendLimit: { amount: CONX(1_000), periodSeconds: MONTH } };
    // Signed by the reserve's own signers on the reserve: the treasury's rule refuses it.
    expect(run(state, act(state, 'vault.setSpendLimit', reserve, raise, reserveKeys))).toMatchObject({ ok: false, error: { kind: 'NotTreasury' } });
    // On the treasury, by keys that are not its signers.
    expect(run(state, act(state, 'vault.setSpendLimit', state.treasury, raise, reserveKeys))).toMatchObject({ ok: false, error: { kind: 'NotASigner' } });
    const raised = unwrap(run(state, act(state, 'vault.setSpendLimit', state.treasury, raise, quorum)));
    expect(unwrap(run(raised, act(raised, 'token.transfer', reserve, { token: 'CONX', to: bob.vault, amount: CONX(500) }, reserveKeys))).vaults.get(reserve)!.balances.CONX ?? 0n).toBe(0n);
    const lifted = unwrap(run(state, act(state, 'vault.setSpendLimit', state.treasury, { vault: reserve, spendLimit: null }, quorum)));
    expect(lifted.vaults.get(reserve)!.spendLimit).toBeUndefined();
    expect('spendLimit' in lifted.vaults.get(reserve)!).toBe(false);
  });

  it('a spend limit on a member’s vault is refused (NotACommonsVault)', () => {
    const { state, quorum, bob } = givenCommons();
    expect(run(state, act(state, 'vault.setSpendLimit', state.treasury, { vault: bob.vault, spendLimit: { amount: 1n, periodSeconds: DAY } }, quorum))).toMatchObject({
      ok: false,
      error: { kind: 'NotACommonsVault', vault: bob.vault },
    });
  });

  it('a vault without a limit keeps no spend record (its state hash is as before)', () => {
    const { state, quorum, bob, sign } = givenCommons();
    let after = unwrap(run(state, act(state, 'token.burnToConx', bob.vault, { amount: CONX(10) }, sign(bob))));
    after = unwrap(run(after, act(after, 'token.transfer', bob.vault, { token: 'CONX', to: state.treasury, amount: CONX(5) }, sign(bob))));
    after = unwrap(run(after, act(after, 'token.transfer', state.treasury, { token: 'CONX', to: bob.vault, amount: CONX(5) }, quorum)));
    expect(Object.keys(after.vaults.get(state.treasury)!)).not.toContain('spent');
  });
});

describe('what the dashboard shows of a spend limit', () => {
  it('the view carries the limit and what the vault spent in the current period', async () => {
    const { toCommonsView } = await import('../view');
    const { state, reserve, reserveKeys, bob } = givenReserve();
    const after = unwrap(run(state, act(state, 'token.transfer', reserve, { token: 'CONX', to: bob.vault, amount: CONX(30) }, reserveKeys)));
    const view = toCommonsView(after, { demo: false, verifiedAt: null, emulated: () => false });
    expect(view.vaults.find((v) => v.address === reserve)!.spendLimit).toEqual({ amount: CONX(100), periodSeconds: MONTH, spent: CONX(30), periodStart: Math.floor(after.time / MONTH) * MONTH });
    expect(view.vaults.find((v) => v.address === bob.vault)!.spendLimit).toBeUndefined();
  });
});
