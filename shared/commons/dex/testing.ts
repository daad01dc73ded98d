/** Test fixtures of the DEX: the test Commons with CONX in every member's vault and Alice's bike-repair listing. Tests only. */
import { unwrap } from '../../result';
import { type Action, type ActionKind, type PayloadOf } from '../log';
import { type CommonsState } from '../state';
import { act, givenCommons, run, type TestMember } from '../fixtures';

export const CONX = (n: number) => BigInt(Math.round(n * 1_000_000));

/** Alice (Union), Bob (Guild), Carol (Syndicate) with 500 CONX each; Alice lists `bikes`, bike repair at 20 CONX an hour. */
export function givenMarket() {
  const given = givenCommons();
  let state = given.state;
  for (const m of [given.alice, given.bob, given.carol]) state = unwrap(run(state, act(state, 'token.burnToConx', m.vault, { amount: CONX(500) }, given.sign(m))));
  state = unwrap(run(state, act(state, 'dex.list', given.alice.vault, { id: 'bikes', title: 'Bike repair', unit: 'hour', price: CONX(20) }, given.sign(given.alice))));
  /** Signs `kind` on the member's vault at its current nonce. */
  const by = <K extends ActionKind>(s: CommonsState, m: TestMember, kind: K, payload: PayloadOf<K>): Action => act(s, kind, m.vault, payload, given.sign(m));
  const order = (s: CommonsState, m: TestMember, id: string, side: 'buy' | 'sell', price: bigint, quantity: bigint, market = 'bikes') =>
    run(s, by(s, m, 'dex.order', { id, market, side, price, quantity }));
  return { ...given, state, by, order };
}

export const conxOf = (state: CommonsState, vault: string) => state.vaults.get(vault)?.balances.CONX ?? 0n;
