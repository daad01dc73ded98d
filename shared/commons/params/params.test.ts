/**
 * Parameters that can grow: version 1's set is frozen in the genesis payload; a parameter a later
 * version adds takes its default from PARAM_DEFAULTS_BY_VERSION without changing any older log;
 * parameters change only through `params.set`, under a passed proposal, inside SPEC §4's bounds.
 */
import { describe, expect, it } from 'vitest';
import { type z } from 'zod';
import { type Result, bigintReplacer, err, ok, unwrap } from '../../result';
import { LogBuilder } from '../build';
import { composeCommons } from '../compose';
import { DAY, T0, act, genesisPayload, givenCommons, keys, member, enrolAction, ctxAt, testRecoverer, testVerifier } from '../fixtures';
import { applyAction, fold, genesis, stateHash } from '../apply';
import { type E, type ProvidedAuthority, type Sentences, defineModule, failWith } from '../module';
import { type Action, type PayloadOf } from '../log';
import { modules } from '../registry';
import { type CommonsState } from '../state';
import { DEFAULT_PARAMS, DEFAULT_PARAMS_V2, PARAM_DEFAULTS_BY_VERSION, type Params, ParamsV1, paramsAtGenesis, params } from '.';

const ctx = { verifier: testVerifier, recoverer: testRecoverer };
const PROPOSAL = `0x${'ab'.repeat(32)}` as const;

/** A `params.set` as anyone triggers a passed proposal's execution: on the treasury, nonce 0, unsigned. */
function setParams(state: CommonsState, changes: PayloadOf<'params.set'>['params'], proposal: `0x${string}` = PROPOSAL): Action {
  return { kind: 'params.set', vault: state.treasury, nonce: 0, validUntil: state.time + DAY, payload: { proposal, params: changes }, sigs: [] };
}

describe('parameters of version 1', () => {
  it('are exactly what a genesis payload carries: an unknown parameter in it is refused by the schema', () => {
    const wire = JSON.parse(JSON.stringify(DEFAULT_PARAMS, bigintReplacer)) as object;
    expect(ParamsV1.safeParse(wire).success).toBe(true);
    expect(ParamsV1.safeParse({ ...wire, veloc2Param: 1 }).success).toBe(false);
    expect(PARAM_DEFAULTS_BY_VERSION[1]).toBe(DEFAULT_PARAMS);
  });

  it('a Commons starts with the parameters its genesis set', () => {
    const state = unwrap(genesis(new LogBuilder(genesisPayload(), T0, [keys.steward1, keys.steward2]).entries[0]!, ctx));
    expect(state.params).toEqual(DEFAULT_PARAMS_V2);
    // A version 1 Commons sets version 1's and takes version 2's defaults.
    const old = unwrap(genesis(new LogBuilder(genesisPayload(2, 1), T0, [keys.steward1, keys.steward2]).entries[0]!, ctx));
    expect(old.params).toEqual(DEFAULT_PARAMS_V2);
  });
});

describe('a parameter that a later version adds', () => {
  // What a later module does: a row of defaults for the version that brings its parameters.
  const table = { ...PARAM_DEFAULTS_BY_VERSION, 3: { stakingEpochSeconds: 7 * DAY } };
  const growing = composeCommons(
    modules.map((m) =>
      m === params ? defineModule({ ...params, state: { initial: (g: { params: ParamsV1 }, v: number) => ok({ params: paramsAtGenesis(g.params, v, table), pendingParams: [] }) } }) : m,
    ),
  );

  it('takes its default in a Commons whose genesis did not set it, after the parameters the genesis set', () => {
    const grown = paramsAtGenesis({ ...DEFAULT_PARAMS, factionCooldownSeconds: 3 * DAY }, 1, table) as Params & { stakingEpochSeconds: number };
    expect(grown).toEqual({ ...DEFAULT_PARAMS_V2, factionCooldownSeconds: 3 * DAY, stakingEpochSeconds: 7 * DAY });
    expect(Object.keys(grown).at(-1)).toBe('stakingEpochSeconds');
    // A log of version 3 would set it in its genesis; the table fills only what a version after the log's brought.
    expect(paramsAtGenesis(DEFAULT_PARAMS_V2, 3, table)).toEqual(DEFAULT_PARAMS_V2);
  });

  it('leaves a log written before it with its Commons id, its head and every value it fixed', () => {
    const log = new LogBuilder(genesisPayload(2, 1), T0, [keys.steward1, keys.steward2]);
    const g = unwrap(genesis(log.entries[0]!, ctx));
    log.append(T0 + DAY, [enrolAction(g, member('Bob', 'Guild', [keys.bob], 1, g.commonsId))]);
    const before = unwrap(fold(log.entries, ctx));
    const after = unwrap(growing.fold(log.entries, ctx));
    expect(after.commonsId).toBe(before.commonsId);
    expect(after.headHash).toBe(before.headHash);
    expect(after.params).toEqual({ ...before.params, stakingEpochSeconds: 7 * DAY });
    expect({ ...after, params: before.params }).toEqual(before);
  });
});

describe('params.set', () => {
  it('a parameter change under a proposal that was never registered is refused in words, and changes nothing', () => {
    const { state } = givenCommons();
    const before = stateHash(state);
    const refused = applyAction(state, setParams(state, { factionCooldownSeconds: DAY }), ctxAt(state.time));
    expect(refused).toMatchObject({ ok: false, error: { kind: 'UnknownProposal', proposal: PROPOSAL } });
    expect(stateHash(state)).toBe(before);
  });

  it('a change that names no parameter, or one that does not exist, is not a params.set', () => {
    const Payload = params.actions['params.set'].payload as z.ZodType;
    expect(Payload.safeParse({ proposal: PROPOSAL, params: {} }).success).toBe(false);
    expect(Payload.safeParse({ proposal: PROPOSAL, params: { quorumOfMartians: 1 } }).success).toBe(false);
    expect(Payload.safeParse({ proposal: PROPOSAL, params: { minDebt: '5000000' } }).success).toBe(true);
  });

  // A stand-in for governance: proposals it was told passed, each executable once.
  type ToyGovernanceError = E<'ProposalNotPassed', { proposal: string }>;
  const toySentences: Sentences<ToyGovernanceError> = { ProposalNotPassed: (e) => `Proposal ${e.proposal} has not passed, or has already executed.` };
  const failToy = failWith<ToyGovernanceError>(toySentences);
  interface Passed {
    readonly passed: Readonly<Record<string, true>>;
  }
  const executePassed: ProvidedAuthority = (state, _action, proposal) => {
    const { passed } = state as CommonsState & Passed;
    if (!passed[proposal]) return err(failToy('ProposalNotPassed', { proposal }));
    const { [proposal]: _executed, ...rest } = passed;
    return ok({ ...state, passed: rest } as CommonsState);
  };
  const toyGovernance = defineModule({
    name: 'toy-governance',
    actions: {},
    state: { initial: (): Result<Passed, never> => ok({ passed: { [PROPOSAL]: true } }) },
    errors: toySentences,
    provides: { 'passed-proposal': executePassed },
  });
  // The registry's governance module provides passed-proposal too: the toy stands in for it here.
  const governed = composeCommons([...modules.filter((m) => m.name !== 'governance'), toyGovernance] as unknown as [...typeof modules, typeof toyGovernance]);

  function givenGoverned() {
    const log = new LogBuilder(genesisPayload(), T0, [keys.steward1, keys.steward2]);
    return unwrap(governed.fold(log.entries, ctx));
  }

  it('under a passed proposal, changes the parameters it names and no other, once', () => {
    const state = givenGoverned();
    const changed = unwrap(governed.applyAction(state, setParams(state, { factionCooldownSeconds: 30 * DAY, minDebt: 50_000_000n }), ctxAt(state.time)));
    expect(changed.params).toEqual({ ...DEFAULT_PARAMS_V2, factionCooldownSeconds: 30 * DAY, minDebt: 50_000_000n });
    expect(changed.vaults.get(state.treasury)!.nonce).toBe(state.vaults.get(state.treasury)!.nonce);
    expect(governed.applyAction(changed, setParams(changed, { factionCooldownSeconds: DAY }), ctxAt(state.time))).toMatchObject({
      ok: false,
      error: { kind: 'ProposalNotPassed', proposal: PROPOSAL },
    });
  });

  it('a passed change that would break a bound of SPEC §4 is refused at execution, and changes nothing', () => {
    const state = givenGoverned();
    const before = governed.stateView(state);
    // A draw cap above the liquidation threshold: a line could be drawn that is liquidable at once.
    const refused = governed.applyAction(state, setParams(state, { drawCapBps: { ...DEFAULT_PARAMS.drawCapBps, ADA: 9_600 } }), ctxAt(state.time));
    expect(refused).toMatchObject({ ok: false, error: { kind: 'ParamOutOfBounds', param: 'drawCapBps.ADA', value: 9_600, relation: '<', bound: 9_500 } });
    expect(governed.stateView(state)).toEqual(before);
  });

  it('a proposal that did not pass changes nothing', () => {
    const state = givenGoverned();
    const other = `0x${'cd'.repeat(32)}` as const;
    expect(governed.applyAction(state, setParams(state, { reserveBps: 2_000 }, other), ctxAt(state.time))).toMatchObject({ ok: false, error: { kind: 'ProposalNotPassed', proposal: other } });
  });

  it('a faction change then waits out the new cool-down (the handlers read the parameters as they stand)', () => {
    const state0 = givenGoverned();
    const bob = member('Bob', 'Guild', [keys.bob], 1, state0.commonsId);
    const enrolled = unwrap(governed.applyAction(state0, enrolAction(state0, bob), ctxAt(T0)));
    const shorter = unwrap(governed.applyAction(enrolled, setParams(enrolled, { factionCooldownSeconds: DAY }), ctxAt(T0)));
    const change = act(shorter, 'member.changeFaction', bob.vault, { faction: 'Union' }, [keys.bob]);
    expect(governed.applyAction(enrolled, change, ctxAt(T0 + 2 * DAY))).toMatchObject({ ok: false, error: { kind: 'FactionCooldown' } });
    expect(unwrap(governed.applyAction(shorter, change, ctxAt(T0 + 2 * DAY))).members.get(bob.did)!.faction).toBe('Union');
  });
});
