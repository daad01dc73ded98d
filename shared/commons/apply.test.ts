import { describe, expect, it } from 'vitest';
import { unwrap } from '../result';
import { LogBuilder } from './build';
import { type Entry } from './log';
import { T0, DAY, act, enrolAction, genesisEntry, genesisPayload, keys, member, spec, testRecoverer, testVerifier } from './fixtures';
import { apply, commonsIdOf, fold, genesis, stateHash } from './apply';
import { DEFAULT_PARAMS } from './params';
import { encodeLog, parseLog, verifyLog } from './verify';
import { entryHash } from './quorum';
import { ZERO_HASH } from './state';

const ctx = { verifier: testVerifier, recoverer: testRecoverer };

/** A short log: genesis, Bob enrols, the treasury mints him PPT, he burns some to CONX. */
function smallLog() {
  const log = new LogBuilder(genesisPayload(), T0, [keys.steward1, keys.steward2]);
  const g = unwrap(genesis(log.entries[0]!, ctx));
  const bob = member('Bob', 'Guild', [keys.bob], 1, g.commonsId);
  log.append(T0 + DAY, [enrolAction(g, bob)]);
  const s1 = unwrap(fold(log.entries, ctx));
  log.append(T0 + 2 * DAY, [act(s1, 'token.mint', s1.treasury, { token: 'PPT', to: bob.vault, amount: 500n }, [keys.steward2, keys.steward3])]);
  const s2 = unwrap(fold(log.entries, ctx));
  log.append(T0 + 3 * DAY, [act(s2, 'token.burnToConx', bob.vault, { amount: 200n }, [keys.bob])]);
  return { log, bob };
}

describe('the log (SPEC §11)', () => {
  it('folds from genesis: the Commons id is the hash of the genesis payload, the treasury quorum signs as sequencer', () => {
    const { log, bob } = smallLog();
    const state = unwrap(fold(log.entries, ctx));
    expect(state.commonsId).toBe(log.commonsId);
    expect(state.height).toBe(4);
    expect(state.vaults.get(bob.vault)!.balances).toEqual({ PPT: 300n, CONX: 200n });
    expect(state.supplies).toEqual({ PPT: 300n, CONX: 200n });
  });

  it('writes and reads back byte for byte, and replays to the same state hash', () => {
    const { log } = smallLog();
    const text = encodeLog(log.entries);
    const read = unwrap(parseLog(text));
    expect(encodeLog(read)).toBe(text);
    expect(stateHash(unwrap(verifyLog(text, ctx)).state)).toBe(stateHash(unwrap(fold(log.entries, ctx))));
  });

  it('when an entry has the wrong seq, prevHash or an earlier time, then SeqMismatch, PrevHashMismatch or TimeWentBackwards', () => {
    const { log } = smallLog();
    const base = unwrap(fold(log.entries.slice(0, 3), ctx));
    const next = log.entries[3]!;
    expect(apply(base, { ...next, seq: 7 }, ctx)).toMatchObject({ ok: false, error: { kind: 'SeqMismatch', expected: 3, got: 7, seq: 7 } });
    expect(apply(base, { ...next, prevHash: ZERO_HASH }, ctx)).toMatchObject({ ok: false, error: { kind: 'PrevHashMismatch', expected: base.headHash, got: ZERO_HASH } });
    expect(apply(base, { ...next, time: T0 }, ctx)).toMatchObject({ ok: false, error: { kind: 'TimeWentBackwards', previous: T0 + 2 * DAY, time: T0 } });
  });

  it('when only one steward sequenced an entry, then SequencerQuorumNotMet { have: 1, need: 2 }', () => {
    const { log, bob } = smallLog();
    const base = unwrap(fold(log.entries, ctx));
    const builder = Object.assign(Object.create(Object.getPrototypeOf(log)) as LogBuilder, log);
    const entry = builder.append(T0 + 4 * DAY, [act(base, 'token.burnToComm', bob.vault, { amount: 1n }, [keys.bob])], [keys.steward1]);
    expect(apply(base, entry, ctx)).toMatchObject({ ok: false, error: { kind: 'SequencerQuorumNotMet', have: 1, need: 2, seq: 4 } });
  });

  it('when an action in an entry fails, the whole entry is rejected with the action’s index and the state is untouched', () => {
    const { log, bob } = smallLog();
    const base = unwrap(fold(log.entries, ctx));
    const before = structuredClone(base);
    const good = act(base, 'token.burnToComm', bob.vault, { amount: 1n }, [keys.bob]);
    const bad = act(base, 'token.burnToComm', bob.vault, { amount: 10_000n }, [keys.bob], { nonce: base.vaults.get(bob.vault)!.nonce + 1 });
    const entry = log.append(T0 + 4 * DAY, [good, bad]);
    expect(apply(base, entry, ctx)).toMatchObject({ ok: false, error: { kind: 'InsufficientBalance', seq: 4, action: 1 } });
    expect(base).toEqual(before);
  });

  it('genesis must be one commons.genesis action with a valid treasury', () => {
    const entry = genesisEntry();
    expect(genesis({ ...entry, seq: 1 }, ctx)).toMatchObject({ ok: false, error: { kind: 'SeqMismatch' } });
    expect(genesis({ ...entry, actions: [...entry.actions, ...entry.actions] } as Entry, ctx)).toMatchObject({ ok: false, error: { kind: 'GenesisInvalid' } });
    expect(genesisEntry(4) && genesis(genesisEntry(4), ctx)).toMatchObject({ ok: false, error: { kind: 'InvalidThreshold', threshold: 4, signers: 3 } });
    expect(fold([], ctx)).toMatchObject({ ok: false, error: { kind: 'GenesisInvalid' } });
  });

  it('a line that is not an entry is MalformedEntry naming its position; an unknown version is refused', () => {
    const { log } = smallLog();
    const lines = encodeLog(log.entries).trimEnd().split('\n');
    lines[2] = lines[2]!.replace('"v":2', '"v":3');
    expect(parseLog(lines.join('\n'))).toMatchObject({ ok: false, error: { kind: 'MalformedEntry', seq: 2 } });
    expect(parseLog('{"v":1}\nnot json')).toMatchObject({ ok: false, error: { kind: 'MalformedEntry', seq: 0 } });
  });

  it('a version 2 log passed off as version 1 (to mint role tokens under the old rule) breaks every signature', () => {
    const { log } = smallLog();
    // Relabel each entry and drop the version from the genesis payload: the Commons id changes with it.
    const relabelled = encodeLog(log.entries).replaceAll('"v":2', '"v":1').replace(',"logVersion":2', '');
    expect(relabelled).not.toContain('logVersion');
    expect(verifyLog(relabelled, ctx)).toMatchObject({ ok: false, error: { seq: 0 } });
    // Even a genesis rewritten to version 1's exact shape is another Commons: its id is not the one every signature covers.
    const v2 = genesisPayload();
    const v1 = { name: v2.name, salt: v2.salt, treasury: v2.treasury, attestors: v2.attestors, params: DEFAULT_PARAMS };
    expect(commonsIdOf({ payload: v1 })).not.toBe(commonsIdOf({ payload: v2 }));
    // One entry relabelled alone is refused for not being the Commons' version.
    const lines = encodeLog(log.entries).trimEnd().split('\n');
    lines[1] = lines[1]!.replace('"v":2', '"v":1');
    expect(verifyLog(lines.join('\n'), ctx)).toMatchObject({ ok: false, error: { kind: 'UnsupportedVersion', version: 1, seq: 1 } });
  });

  it('editing one amount in the file breaks the chain at that entry', () => {
    const { log } = smallLog();
    const text = encodeLog(log.entries).replace('"amount":"500"', '"amount":"501"');
    expect(verifyLog(text, ctx)).toMatchObject({ ok: false, error: { seq: 2 } });
    expect(entryHash(log.commonsId, unwrap(parseLog(text))[2]!)).not.toBe(entryHash(log.commonsId, log.entries[2]!));
  });

  it('the signer-set change of the treasury changes who sequences the next entries', () => {
    const { log } = smallLog();
    const base = unwrap(fold(log.entries, ctx));
    log.append(T0 + 4 * DAY, [act(base, 'vault.setSigners', base.treasury, { signers: [spec(keys.steward1), spec(keys.dave)], threshold: 2 }, [keys.steward1, keys.steward2])]);
    const changed = unwrap(fold(log.entries, ctx));
    const old = log.append(T0 + 5 * DAY, [act(changed, 'token.mint', changed.treasury, { token: 'PPT', to: [...changed.vaults.keys()][1]!, amount: 1n }, [keys.steward1, keys.dave])], [keys.steward1, keys.steward2]);
    expect(apply(changed, old, ctx)).toMatchObject({ ok: false, error: { kind: 'NotASigner', signer: keys.steward2.address } });
  });
});
