import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { demoLog } from '../../shared/commons/demo';
import { stateHash } from '../../shared/commons/apply';
import { encodeLog } from '../../shared/commons/verify';
import { type RecoveryJob } from '../../shared/commons/verify';
import { nobleRecoverer } from '../../shared/crypto/recover';
import { unwrap } from '../../shared/result';
import { type ZkVerifier } from '../../shared/zk/types';
import { CommonsLedger } from './store';

// The demo generator with fixed test keys (the emulators' own keys are derived in electron/, not here).
const key = (vendor: string) => (index: number) => keccak_256(utf8ToBytes(`${vendor} ${index}`));
const entries = demoLog({ ledger: key('ledger'), trezor: key('trezor') });
const text = encodeLog(entries);
const verifier: ZkVerifier = { verify: () => true };

// Stands in for the contract's ledger.verifySignatures (main process); counts what it was asked.
let asked = 0;
const recoverBatch = async (jobs: readonly RecoveryJob[]) => {
  asked += jobs.length;
  return jobs.map((j) => nobleRecoverer.recover(j.digest, j.signature));
};

let n = 0;
const fresh = () => `c3-ledger-test-${n++}`;

describe('the ledger on dexie', () => {
  it('imports a verified log, and its projection survives a restart', async () => {
    const name = fresh();
    const ledger = new CommonsLedger(name, { verifier, recoverBatch });
    const report = unwrap(await ledger.importText(text));
    expect(report.added).toBe(entries.length);
    expect(asked).toBeGreaterThan(100);
    ledger.close();
    const reopened = new CommonsLedger(name, { verifier, recoverBatch });
    const state = await reopened.state();
    expect(state && stateHash(state)).toBe(stateHash(report.state));
    expect(await reopened.height()).toBe(entries.length);
    expect(await reopened.exportLog()).toBe(text);
    reopened.close();
  });

  it('stores nothing from a log with one edited amount', async () => {
    const ledger = new CommonsLedger(fresh(), { verifier, recoverBatch });
    const tampered = text.replace(/"amount":"(\d+)"/, (_, v: string) => `"amount":"${BigInt(v) + 1n}"`);
    const result = await ledger.importText(tampered);
    expect(result.ok).toBe(false);
    expect(await ledger.height()).toBe(0);
    expect(await ledger.state()).toBeNull();
    ledger.close();
  });

  it('imports in parts (entries after the head), skips what it already holds, refuses a different history', async () => {
    const ledger = new CommonsLedger(fresh(), { verifier, recoverBatch });
    unwrap(await ledger.importEntries(entries.slice(0, 5)));
    const rest = unwrap(await ledger.importEntries(entries));
    expect(rest).toMatchObject({ added: entries.length - 5, skipped: 5 });
    const other = demoLog({ ledger: key('other'), trezor: key('trezor') });
    expect((await ledger.importEntries(other.slice(0, 2))).ok).toBe(false);
    ledger.close();
  });

  it('can forget everything and take the other history afterwards (the demo starting again)', async () => {
    const ledger = new CommonsLedger(fresh(), { verifier, recoverBatch });
    unwrap(await ledger.importEntries(entries));
    const other = demoLog({ ledger: key('other'), trezor: key('trezor') });
    await ledger.clear();
    expect(await ledger.height()).toBe(0);
    expect(await ledger.state()).toBeNull();
    expect(unwrap(await ledger.importEntries(other)).added).toBe(other.length);
    expect(await ledger.exportLog()).toBe(encodeLog(other));
    ledger.close();
  });

  it('re-verifies from genesis on demand, recovering locally without a batch recoverer, and stamps the time', async () => {
    const name = fresh();
    const ledger = new CommonsLedger(name, { verifier, recoverBatch, now: () => 1_234 });
    unwrap(await ledger.importText(text));
    const local = new CommonsLedger(name, { verifier, now: () => 5_678 });
    const state = unwrap(await local.reverify());
    expect(state.height).toBe(entries.length);
    expect((await local.head())?.verifiedAt).toBe(5_678);
    ledger.close();
    local.close();
  });

  it('re-verification catches a stored entry altered behind its back', async () => {
    const name = fresh();
    const ledger = new CommonsLedger(name, { verifier, recoverBatch });
    unwrap(await ledger.importText(text));
    const row = (await ledger.db.entries.get(3))!;
    const first = row.entry.actions[0]!;
    await ledger.db.entries.put({ ...row, entry: { ...row.entry, actions: [{ ...first, validUntil: first.validUntil + 1 }, ...row.entry.actions.slice(1)] } });
    expect((await ledger.reverify()).ok).toBe(false);
    ledger.close();
  });
});
