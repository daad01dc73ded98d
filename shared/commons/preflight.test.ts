/** The composer's pre-flight: every rule but the signatures, against the current verified state. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAction, preflightAction } from './apply';
import { unwrap } from '../result';
import { act, ctxAt, givenCommons as given, run } from './fixtures';

const units = (n: number) => BigInt(n) * 1_000_000n;

/** The fixtures' Commons, with Bob holding 500 CONX (burnt from his PPT). */
function givenCommons() {
  const commons = given();
  const state = unwrap(run(commons.state, act(commons.state, 'token.burnToConx', commons.bob.vault, { amount: units(500) }, commons.sign(commons.bob))));
  return { ...commons, state };
}

describe('preflightAction', () => {
  it('a PPT transfer is refused before anyone signs, with the rule', () => {
    const { state, bob, alice } = givenCommons();
    const { sigs: _none, ...unsigned } = act(state, 'token.transfer', bob.vault, { token: 'PPT', to: alice.vault, amount: units(1) }, []);
    expect(preflightAction(state, unsigned, ctxAt(state.time))).toMatchObject({ ok: false, error: { kind: 'NonTransferable', token: 'PPT' } });
  });

  it('an unsigned CONX transfer that the quorum could execute passes, and the same action signed gives the same state', () => {
    const { state, bob, alice, sign } = givenCommons();
    const signed = act(state, 'token.transfer', bob.vault, { token: 'CONX', to: alice.vault, amount: units(1) }, sign(bob));
    const { sigs: _sigs, ...unsigned } = signed;
    const dry = preflightAction(state, unsigned, ctxAt(state.time));
    const real = applyAction(state, signed, ctxAt(state.time));
    expect(dry.ok && real.ok).toBe(true);
    if (dry.ok && real.ok) expect(dry.value).toEqual(real.value);
  });

  it('refuses whatever the ledger refuses, signatures aside: same verdict for any amount and any moment', () => {
    const { state, bob, alice, sign } = givenCommons();
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: units(20_000) }), fc.integer({ min: 0, max: 30 }), (amount, days) => {
        const signed = act(state, 'token.transfer', bob.vault, { token: 'CONX', to: alice.vault, amount }, sign(bob));
        const { sigs: _sigs, ...unsigned } = signed;
        const time = state.time + days * 86_400;
        const dry = preflightAction(state, unsigned, ctxAt(time));
        const real = applyAction(state, signed, ctxAt(time));
        expect(dry.ok).toBe(real.ok);
        if (!dry.ok && !real.ok) expect(dry.error.kind).toBe(real.error.kind);
      }),
      { numRuns: 200 },
    );
  });
});
