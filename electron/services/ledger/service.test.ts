/**
 * The ledger service, the one owner of the logs (issue 11): imports verify everything before
 * anything is stored, updates continue a stored head, state and history come from the stored
 * log, every change is announced, a restart finds what was stored, and the pre-flight refuses an
 * action in words before anyone signs it.
 */
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { stateHash } from '../../../shared/commons/apply';
import { keySigner, signAction } from '../../../shared/commons/build';
import { TREASURY, keys, member } from '../../../shared/commons/fixtures';
import { type Action } from '../../../shared/commons/log';
import { encodeLog } from '../../../shared/commons/verify';
import { ledgerChannels } from '../../../shared/contract/ledger';
import { unwrap } from '../../../shared/result';
import { type LedgerChange } from './interface';
import { testLog, verifier } from './log-fixtures.test-support';
import { createLedgerService } from './service';
import { createDemoSequencer } from './demo-sequencer';
import { emulatorDemoKeys } from './demo';

const freshDir = () => fs.mkdtempSync(join(tmpdir(), 'c3-ledger-service-'));
const FAR = 4_000_000_000;
const { entries, states } = testLog(12);
const commonsId = states[0]!.commonsId;
const bob = member('Bob', 'Guild', [keys.bob], 1, commonsId);
const tamper = (text: string) => text.replace(/"amount":"(\d+)"/, (_m, digits: string) => `"amount":"${BigInt(digits) + 1n}"`);

const opened: { close(): Promise<void> }[] = [];
afterAll(() => Promise.all(opened.map((s) => s.close())));
function service(dataDir = freshDir()) {
  const created = createLedgerService({ dataDir, verifier, workers: 1 });
  opened.push(created);
  const changes: LedgerChange[] = [];
  created.subscribe((change) => changes.push(change));
  return { service: created, changes, dataDir };
}

describe('the ledger service', () => {
  it('a tampered ledger file is refused naming its entry, and nothing from it is stored', async () => {
    const { service: ledger, changes, dataDir } = service();
    const refused = await ledger.importLog(tamper(encodeLog(entries)));
    expect(refused).toMatchObject({ ok: false, error: { kind: 'BadSignature', seq: 2 } });
    expect(await ledger.list('real')).toEqual([]);
    expect(changes).toEqual([]);
    expect(fs.existsSync(join(dataDir, 'commons'))).toBe(false);
  });

  it('an imported log is stored whole, serves its state and history, and a restarted service finds it on disk', async () => {
    const { service: ledger, changes, dataDir } = service();
    const imported = unwrap(await ledger.importLog(encodeLog(entries)));
    expect(imported).toMatchObject({ commonsId, height: 12, added: 12, skipped: 0 });
    expect(changes).toEqual([{ workspace: 'real', commonsId, height: 12, headHash: states[11]!.headHash }]);
    expect(await ledger.list('real')).toMatchObject([{ commonsId, name: 'Test Commons', height: 12, setAside: null, verifiedAt: expect.any(Number) }]);
    expect(stateHash(unwrap(await ledger.state('real', commonsId)))).toBe(stateHash(states[11]!));
    expect(unwrap(await ledger.view('real', commonsId))).toMatchObject({ commonsId, height: 12, demo: false });
    const page = unwrap(await ledger.history('real', commonsId, 3, 4));
    expect(page.height).toBe(12);
    expect(encodeLog(page.entries)).toBe(encodeLog(entries.slice(3, 7)));
    // The prover's registry knows it: this process verified it.
    expect(ledger.commons.find(commonsId.toUpperCase().replace('0X', '0x'))).toMatchObject({ commonsId, source: 'stored' });

    const restarted = service(dataDir).service;
    expect(await restarted.list('real')).toMatchObject([{ commonsId, height: 12 }]);
    expect(stateHash(unwrap(await restarted.state('real', commonsId)))).toBe(stateHash(states[11]!));
  });

  it('an update continues the stored head: only the new entries are verified and stored', async () => {
    const { service: ledger, changes } = service();
    unwrap(await ledger.importLog(encodeLog(entries.slice(0, 8))));
    // Entries 6–11: two already stored (the very same), four new.
    const update = unwrap(await ledger.importLog(encodeLog(entries.slice(6))));
    expect(update).toMatchObject({ commonsId, height: 12, added: 4, skipped: 2 });
    expect(changes.map((c) => c.height)).toEqual([8, 12]);
    // The whole file again: nothing new.
    expect(unwrap(await ledger.importLog(encodeLog(entries)))).toMatchObject({ added: 0, skipped: 12 });
  });

  it('an update whose entries differ from the stored ones (a fork) is refused, and nothing changes', async () => {
    const { service: ledger } = service();
    unwrap(await ledger.importLog(encodeLog(entries.slice(0, 8))));
    const forked = tamper(encodeLog(entries.slice(6)));
    expect(await ledger.importLog(forked)).toMatchObject({ ok: false, error: { kind: 'EntryDiffers', seq: 6 } });
    expect(await ledger.list('real')).toMatchObject([{ height: 8 }]);
  });

  it('entries that continue no stored Commons are refused with the next step', async () => {
    const { service: ledger } = service();
    expect(await ledger.importLog(encodeLog(entries.slice(5)))).toMatchObject({ ok: false, error: { kind: 'UpdateFollowsNothing', fromSeq: 5, nextStep: expect.any(String) } });
  });

  it('an update with an invalid new entry stores none of the update', async () => {
    const { service: ledger } = service();
    unwrap(await ledger.importLog(encodeLog(entries.slice(0, 6))));
    const lines = encodeLog(entries.slice(6)).trimEnd().split('\n');
    lines[3] = tamper(lines[3]!);
    expect(await ledger.importLog(`${lines.join('\n')}\n`)).toMatchObject({ ok: false, error: { seq: 9 } });
    expect(await ledger.list('real')).toMatchObject([{ height: 6 }]);
  });

  it('a PPT transfer is refused by the pre-flight with its rule before anyone signs; a mint the quorum could sign passes', async () => {
    const { service: ledger } = service();
    unwrap(await ledger.importLog(encodeLog(entries)));
    const transfer = { kind: 'token.transfer', vault: bob.vault, nonce: states[11]!.vaults.get(bob.vault)!.nonce, validUntil: FAR, payload: { token: 'PPT', to: TREASURY, amount: 1_000n }, sigs: [] as Action['sigs'] };
    expect(await ledger.preflight('real', commonsId, transfer as Action)).toMatchObject({ ok: true, value: { allowed: false, refusal: { kind: 'NonTransferable', token: 'PPT', message: expect.any(String) } } });
    const mint = { kind: 'token.mint', vault: TREASURY, nonce: states[11]!.vaults.get(TREASURY)!.nonce, validUntil: FAR, payload: { token: 'PPT', to: bob.vault, amount: 5n }, sigs: [] as Action['sigs'] };
    expect(await ledger.preflight('real', commonsId, mint as Action)).toEqual({ ok: true, value: { allowed: true } });
    // A Commons this app never stored: said so, with what to do.
    expect(await ledger.preflight('real', `0x${'ab'.repeat(32)}`, mint as Action)).toMatchObject({ ok: false, error: { kind: 'UnknownCommons', nextStep: expect.any(String) } });
  });

  it('re-verification from genesis replays every stored entry and signature', async () => {
    const { service: ledger, changes } = service();
    unwrap(await ledger.importLog(encodeLog(entries)));
    const report = unwrap(await ledger.reverify('real', commonsId));
    const signatures = entries.reduce((n, e) => n + e.sequencerSigs.length + e.actions.reduce((m, a) => m + a.sigs.length, 0), 0);
    expect(report).toMatchObject({ entries: 12, signatures, recoverer: expect.stringContaining('worker threads') });
    expect(changes).toHaveLength(2);
  });

  it('the contract rows answer in their wire shapes', async () => {
    const { service: ledger } = service();
    unwrap(await ledger['ledger.import']({ log: encodeLog(entries) }));
    const list = unwrap(await ledger['ledger.list']({ workspace: 'real' }));
    expect(z.safeEncode(ledgerChannels['ledger.list'].response, list).success).toBe(true);
    const history = unwrap(await ledger['ledger.history']({ workspace: 'real', commonsId, from: 0, limit: 3 }));
    const wire = JSON.parse(JSON.stringify(ledgerChannels['ledger.history'].response.encode(history))) as unknown;
    expect(encodeLog(ledgerChannels['ledger.history'].response.decode(wire as never).entries)).toBe(encodeLog(entries.slice(0, 3)));
    const view = unwrap(await ledger['ledger.state']({ workspace: 'real', commonsId }));
    expect(z.safeEncode(ledgerChannels['ledger.state'].response, view).success).toBe(true);
    const refused = await ledger['ledger.import']({ log: tamper(encodeLog(entries)) });
    // Amounts in errors leave as decimal strings.
    expect(refused.ok).toBe(false);
    expect(JSON.stringify(refused)).not.toMatch(/\d+n/);
  });
});

describe('the Demo Commons through the service', () => {
  it('its sequencer’s entries are stored through the same log and announced', async () => {
    const demo = createDemoSequencer({ file: join(freshDir(), 'demo-commons.jsonl') });
    const ledger = createLedgerService({ dataDir: freshDir(), demo, trustDemo: true, workers: 1 });
    opened.push(ledger);
    const changes: LedgerChange[] = [];
    ledger.subscribe((change) => changes.push(change));
    const [summary] = await ledger.list('demo');
    expect(summary).toMatchObject({ name: 'Demo Commons', height: demo.state().height });
    const state = demo.state();
    const to = [...state.members.values()][0]!.vaults[0]!;
    const demoKeys = emulatorDemoKeys();
    const quorum = [keySigner(demoKeys.ledger(3)), keySigner(demoKeys.trezor(3))];
    const mint = signAction(state.commonsId, { kind: 'token.mint', vault: state.treasury, nonce: state.vaults.get(state.treasury)!.nonce, validUntil: FAR, payload: { token: 'PPT', to, amount: 1n } }, quorum);
    expect(ledger.submitDemo(mint)).toEqual({ ok: true, value: { seq: summary!.height } });
    expect(changes).toEqual([{ workspace: 'demo', commonsId: state.commonsId, height: summary!.height + 1, headHash: demo.state().headHash }]);
    expect(unwrap(await ledger.view('demo', state.commonsId))).toMatchObject({ height: summary!.height + 1, demo: true });
    expect(ledger.commons.find(state.commonsId)).toMatchObject({ source: 'demo' });
    // The real workspace never sees the demo.
    expect(await ledger.state('real', state.commonsId)).toMatchObject({ ok: false, error: { kind: 'UnknownCommons' } });
  });
});
