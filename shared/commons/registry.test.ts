/**
 * The registry of Commons modules: a module declared here, in the test file only — a toy
 * `counter` with one action, one error, a time step and a view — works end to end once it is
 * composed with the app's modules (schema, authority, handler, error sentence, view, onTime),
 * without a line changed anywhere else. And time: `onTime` computed from absolute times gives
 * the same state however the time between two entries is split.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { hexBytes } from '../crypto/recover';
import { divCeil } from '../money';
import { type Result, err, ok, unwrap } from '../result';
import { signAll } from './build';
import { composeCommons } from './compose';
import { type E, type Handler, type Sentences, VAULT_QUORUM, action, defineModule, failWith } from './module';
import { Entry as AppEntry, LOG_VERSION } from './log';
import { modules } from './registry';
import { actionDigest, entryHash } from './quorum';
import { type ActionWith } from './schema';
import { type CommonsState } from './state';
import { DAY, T0, TREASURY, genesisEntry, keys, testRecoverer, testVerifier } from './fixtures';
import { type DigestSigner } from './build';

// ---- The toy module, as a module's folder would hold it. -------------------------------------

/** Accrues 3 points a day since the counter started, rounded up (as fees are, SPEC §0). */
const RATE_PER_DAY = 3n;
const MAX = 100;

interface CounterSlice {
  readonly counter: { readonly count: number; readonly since: number | null; readonly accrued: bigint };
}

type CounterError = E<'CounterOverflow', { count: number; by: number; max: number }>;
const counterSentences: Sentences<CounterError> = {
  CounterOverflow: (e) => `The counter is at ${e.count}; adding ${e.by} would pass its maximum of ${e.max}.`,
};
const fail = failWith<CounterError>(counterSentences);

const AddPayload = z.strictObject({ by: z.number().int().positive() });

const add: Handler<ActionWith<'counter.add', typeof AddPayload>, CounterSlice> = (state, act) => {
  const { count } = state.counter;
  if (count + act.payload.by > MAX) return err(fail('CounterOverflow', { count, by: act.payload.by, max: MAX }));
  return ok({ ...state, counter: { ...state.counter, count: count + act.payload.by } });
};

/** The accrual at `to`, from absolute times: never the sum of per-step roundings. */
const accrue = (state: CommonsState & CounterSlice, from: number, to: number): CommonsState & CounterSlice => {
  const since = state.counter.since ?? from;
  return { ...state, counter: { ...state.counter, since, accrued: divCeil(BigInt(to - since) * RATE_PER_DAY, BigInt(DAY)) } };
};

const counter = defineModule({
  name: 'counter',
  actions: { 'counter.add': action({ payload: AddPayload, authority: VAULT_QUORUM, handle: add }) },
  state: { initial: (): Result<CounterSlice, never> => ok({ counter: { count: 0, since: null, accrued: 0n } }) },
  onTime: accrue,
  errors: counterSentences,
  view: {
    state: (state: CounterSlice) => ({ counter: { count: state.counter.count, accrued: state.counter.accrued } }),
    commons: {
      shape: { counter: z.object({ count: z.number().int(), accrued: z.bigint() }) },
      of: (state: CounterSlice) => ({ counter: { count: state.counter.count, accrued: state.counter.accrued } }),
    },
  },
});

// ---- Building a log for the composed ledger. --------------------------------------------------

const withCounter = composeCommons([...modules, counter]);
const ctx = { verifier: testVerifier, recoverer: testRecoverer };
const stewards = [keys.steward1, keys.steward2];

function addAction(commonsId: `0x${string}`, nonce: number, by: number, signers: readonly DigestSigner[] = stewards) {
  const unsigned = { kind: 'counter.add' as const, vault: TREASURY, nonce, validUntil: T0 + 365 * DAY, payload: { by }, sigs: [] };
  return { ...unsigned, sigs: signAll(actionDigest(commonsId, unsigned), signers) };
}

/** Genesis (the fixtures' Commons) followed by one entry per time, each adding 1 to the counter. */
function logAt(times: readonly number[]) {
  const entries: z.output<typeof withCounter.Entry>[] = [genesisEntry()];
  const g = unwrap(withCounter.genesis(entries[0]!, ctx));
  let prevHash = g.headHash;
  times.forEach((time, i) => {
    const body = { seq: i + 1, prevHash, time, actions: [addAction(g.commonsId, i, 1)] };
    const entry = { v: LOG_VERSION, ...body, sequencerSigs: signAll(hexBytes(entryHash(g.commonsId, body)), stewards) };
    entries.push(entry);
    prevHash = entryHash(g.commonsId, body);
  });
  return { entries, genesis: g };
}

describe('a module added in a test, composed with the registry', () => {
  it('is read by the composed schema, and only by it', () => {
    const { entries } = logAt([T0 + DAY]);
    const line = JSON.parse(JSON.stringify(entries[1]));
    expect(withCounter.Entry.safeParse(line).success).toBe(true);
    expect(AppEntry.safeParse(line).success).toBe(false);
    const { sigs: _sigs, ...unsigned } = entries[1]!.actions[0]!;
    expect(withCounter.Action.safeParse({ ...unsigned, payload: { by: 0 }, sigs: [] }).success).toBe(false);
  });

  it('runs its handler under its authority: the treasury quorum adds, one signature short is refused', () => {
    const { genesis: g } = logAt([]);
    const at = { ...ctx, time: T0 + DAY };
    const added = unwrap(withCounter.applyAction(g, addAction(g.commonsId, 0, 5), at));
    expect(added.counter.count).toBe(5);
    expect(added.vaults.get(TREASURY)!.nonce).toBe(1);
    expect(withCounter.applyAction(g, addAction(g.commonsId, 0, 5, [keys.steward1]), at)).toMatchObject({ ok: false, error: { kind: 'ThresholdNotMet', have: 1, need: 2 } });
    expect(withCounter.applyAction(g, addAction(g.commonsId, 3, 5), at)).toMatchObject({ ok: false, error: { kind: 'NonceMismatch', expected: 0, got: 3 } });
    expect(withCounter.applyAction(g, addAction(g.commonsId, 0, 5, [keys.steward1, keys.mallory]), at)).toMatchObject({ ok: false, error: { kind: 'NotASigner' } });
  });

  it('refuses with its own error kind and sentence, and changes nothing', () => {
    const { genesis: g } = logAt([]);
    const refused = withCounter.applyAction(g, addAction(g.commonsId, 0, MAX + 1), { ...ctx, time: T0 });
    expect(refused).toEqual({ ok: false, error: { kind: 'CounterOverflow', count: 0, by: MAX + 1, max: MAX, message: 'The counter is at 0; adding 101 would pass its maximum of 100.' } });
    expect(withCounter.fail('CounterOverflow', { count: 1, by: 2, max: 3 }).message).toBe('The counter is at 1; adding 2 would pass its maximum of 3.');
    expect(g.counter).toEqual({ count: 0, since: null, accrued: 0n });
  });

  it('folds a log: time passes before each entry, and the views show the module', () => {
    const { entries } = logAt([T0 + DAY, T0 + 2 * DAY + 1]);
    const state = unwrap(withCounter.fold(entries, ctx));
    // Two days and a second since genesis: 6 points and a fraction of one, rounded up.
    expect(state.counter).toEqual({ count: 2, since: T0, accrued: 7n });
    expect(withCounter.stateView(state)).toMatchObject({ height: 3, counter: { count: 2, accrued: 7n } });
    const view = withCounter.toCommonsView(state, { demo: false, verifiedAt: null, emulated: () => false });
    // The view is the decoded form (amounts bigint); the schema reads its wire form.
    expect(withCounter.CommonsView.parse(z.encode(withCounter.CommonsView, view)).counter).toEqual({ count: 2, accrued: 7n });
    expect(view.members).toEqual([]);
  });

  it('declares nothing twice: a second module with the same action or error kind is refused at load', () => {
    expect(() => composeCommons([...modules, counter, counter])).toThrow(/counter.add is declared twice/);
    const overflow = defineModule({ ...counter, name: 'other', actions: {} });
    expect(() => composeCommons([...modules, counter, overflow])).toThrow(/CounterOverflow is declared twice/);
  });
});

describe('time (onTime)', () => {
  const start = unwrap(withCounter.genesis(genesisEntry(), ctx));
  // `since` is set by the first step, as at the first entry after genesis.
  const started = withCounter.onTime(start, T0, T0);
  const afterFirst = withCounter.onTime(start, T0, T0 + 1);

  it('one step from a to c equals any split of it at intermediate times, accruing from absolute times', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 * DAY }), { maxLength: 12 }), fc.integer({ min: 1, max: 40 * DAY }), (cuts, span) => {
        const end = T0 + 1 + span;
        const times = [...new Set(cuts.map((c) => T0 + 1 + (c % span)))].sort((a, b) => a - b);
        let split = afterFirst;
        let from = T0 + 1;
        for (const t of [...times, end]) {
          split = withCounter.onTime(split, from, t);
          from = t;
        }
        expect(split).toEqual(withCounter.onTime(afterFirst, T0 + 1, end));
      }),
      { numRuns: 300 },
    );
    expect(started).toBe(start);
  });

  it('folding with or without entries in between gives the same accrual', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 20 * DAY }), { minLength: 1, maxLength: 6 }), (gaps) => {
        const times = gaps.reduce<number[]>((all, gap) => [...all, (all.at(-1) ?? T0) + gap], []);
        const every = unwrap(withCounter.fold(logAt(times).entries, ctx));
        const last = unwrap(withCounter.fold(logAt([times.at(-1)!]).entries, ctx));
        expect(every.counter.accrued).toBe(last.counter.accrued);
        expect(every.counter.accrued).toBe(divCeil(BigInt(times.at(-1)! - T0) * RATE_PER_DAY, BigInt(DAY)));
      }),
      { numRuns: 25 },
    );
  });

  it('the same property catches an accrual summed step by step (rounding up each step)', () => {
    const stepwise = (state: CommonsState & CounterSlice, from: number, to: number) => ({
      ...state,
      counter: { ...state.counter, accrued: state.counter.accrued + divCeil(BigInt(to - from) * RATE_PER_DAY, BigInt(DAY)) },
    });
    const broken = composeCommons([...modules, defineModule({ ...counter, onTime: stepwise })]);
    const s = unwrap(broken.genesis(genesisEntry(), ctx));
    const whole = broken.onTime(s, T0, T0 + DAY);
    const halves = broken.onTime(broken.onTime(s, T0, T0 + DAY / 2 + 1), T0 + DAY / 2 + 1, T0 + DAY);
    expect(whole.counter.accrued).toBe(3n);
    expect(halves.counter.accrued).not.toBe(whole.counter.accrued);
  });
});
