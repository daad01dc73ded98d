/**
 * Update files between machines (issue 16, docs/invite-and-update-files.md): a steward's app
 * exports the entries that follow, a member's app imports update after update, verifying each
 * entry before storing it; gaps, other Commons and lying headers are refused in words; a second
 * entry sealed by the stewards at a stored height is a fork, named with both hashes and signers,
 * while a differing entry the stewards did not seal is a forgery (`EntryDiffers`). Nothing is
 * stored by a refused import.
 */
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apply } from '../../../shared/commons/apply';
import { type DigestSigner, sealEntry } from '../../../shared/commons/build';
import { TREASURY, act, enrolAction, genesisEntry, genesisState, keys, member, testRecoverer } from '../../../shared/commons/fixtures';
import { type Entry } from '../../../shared/commons/log';
import { entryHash } from '../../../shared/commons/quorum';
import { type CommonsState } from '../../../shared/commons/state';
import { UPDATE_FORMAT, encodeUpdateFile } from '../../../shared/commons/update-file';
import { encodeLog } from '../../../shared/commons/verify';
import { ledgerChannels } from '../../../shared/contract/ledger';
import { unwrap } from '../../../shared/result';
import { testLog, verifier } from './log-fixtures.test-support';
import { createLedgerService } from './service';

const { entries, states } = testLog(14);
const commonsId = states[0]!.commonsId;
const genesisHash = states[0]!.headHash;
const bob = member('Bob', 'Guild', [keys.bob], 1, commonsId);

const opened: { close(): Promise<void> }[] = [];
afterAll(() => Promise.all(opened.map((s) => s.close())));
function app() {
  const created = createLedgerService({ dataDir: fs.mkdtempSync(join(tmpdir(), 'c3-update-')), verifier, workers: 1 });
  opened.push(created);
  return created;
}

/** A steward's app holding the first `height` entries. */
async function stewardAt(height: number) {
  const steward = app();
  unwrap(await steward.importLog(encodeLog(entries.slice(0, height))));
  return steward;
}

/** Entry `seq` sealed otherwise: a mint of 1 PPT instead of the log's, on the state before it, sealed by `sealers`. */
function otherEntryAt(seq: number, sealers: readonly DigestSigner[]): Entry {
  const before: CommonsState = states[seq - 1]!;
  const mint = act(before, 'token.mint', TREASURY, { token: 'PPT', to: bob.vault, amount: 1n }, [keys.steward1, keys.steward2]);
  return sealEntry(commonsId, { seq, prevHash: before.headHash, time: before.time + 60, actions: [mint] }, sealers, before.version);
}

const updateOf = (list: readonly Entry[]) =>
  encodeUpdateFile({ commonsId, genesisHash, fromSeq: list[0]!.seq, toSeq: list[list.length - 1]!.seq, headHash: entryHash(commonsId, list[list.length - 1]!) }, list);

const headOf = async (service: ReturnType<typeof app>) => (await service.list('real')).map((c) => ({ height: c.height, headHash: c.headHash }));

describe('update files', () => {
  it('a steward’s export is the stored log under a header naming the Commons, its genesis and the head it ends at', async () => {
    const steward = await stewardAt(6);
    const whole = unwrap(await steward.exportUpdate('real', commonsId, 0));
    expect(whole.header).toEqual({ commonsId, genesisHash, fromSeq: 0, toSeq: 5, headHash: states[5]!.headHash });
    const [head, ...lines] = whole.text.trimEnd().split('\n');
    expect(JSON.parse(head!)).toEqual({ format: UPDATE_FORMAT, ...whole.header });
    expect(`${lines.join('\n')}\n`).toBe(encodeLog(entries.slice(0, 6)));
    expect(whole.fileName).toBe('Test Commons-ledger-0-5.jsonl');
    // Past the head there is nothing to export: said so.
    expect(await steward.exportUpdate('real', commonsId, 6)).toMatchObject({ ok: false, error: { kind: 'ExportBeyondHead', fromSeq: 6, height: 6 } });
    // The rows answer in their wire shapes.
    const row = unwrap(await steward['ledger.exportUpdate']({ workspace: 'real', commonsId, fromSeq: 3 }));
    expect(z.safeEncode(ledgerChannels['ledger.exportUpdate'].response, row).success).toBe(true);
    expect(row.header).toMatchObject({ fromSeq: 3, toSeq: 5 });
    expect(unwrap(await steward['ledger.export']({ workspace: 'real', commonsId })).text).toBe(whole.text);
  });

  it('a member’s app imports three successive updates, each verified and appended', async () => {
    const memberApp = app();
    const steward = await stewardAt(4);
    expect(unwrap(await memberApp.importLog(unwrap(await steward.exportUpdate('real', commonsId, 0)).text))).toMatchObject({ height: 4, added: 4 });
    for (const [from, to] of [[4, 7], [7, 10], [10, 14]] as const) {
      unwrap(await steward.importLog(encodeLog(entries.slice(from, to))));
      const update = unwrap(await steward.exportUpdate('real', commonsId, from));
      expect(update.header).toMatchObject({ fromSeq: from, toSeq: to - 1 });
      expect(unwrap(await memberApp.importLog(update.text))).toMatchObject({ commonsId, height: to, headHash: states[to - 1]!.headHash, added: to - from, skipped: 0 });
    }
    expect(await headOf(memberApp)).toEqual([{ height: 14, headHash: states[13]!.headHash }]);
  });

  it('an update replayed twice is nothing new: a success with no entry added', async () => {
    const memberApp = await stewardAt(7);
    const update = updateOf(entries.slice(4, 10));
    expect(unwrap(await memberApp.importLog(update))).toMatchObject({ height: 10, added: 3, skipped: 3 });
    expect(unwrap(await memberApp.importLog(update))).toMatchObject({ height: 10, added: 0, skipped: 6 });
  });

  it('an update that skips entries is refused naming the missing range, and nothing is stored', async () => {
    const memberApp = await stewardAt(4);
    const refused = await memberApp.importLog(updateOf(entries.slice(7, 10)));
    expect(refused).toMatchObject({ ok: false, error: { kind: 'UpdateSkipsEntries', commonsId, fromSeq: 4, toSeq: 6, nextStep: expect.stringContaining('4 to 6') } });
    expect(await headOf(memberApp)).toEqual([{ height: 4, headHash: states[3]!.headHash }]);
  });

  it('an update for another Commons is refused naming that Commons, and nothing is stored', async () => {
    // Another Commons: the test Commons' genesis in log version 1 (another payload, so another id), and one entry.
    const other = genesisState(1);
    const enrol = enrolAction(other, member('Bob', 'Guild', [keys.bob], 1, other.commonsId));
    const next = sealEntry(other.commonsId, { seq: 1, prevHash: other.headHash, time: other.time + 60, actions: [enrol] }, [keys.steward1, keys.steward2], other.version);
    unwrap(apply(other, next, { verifier, recoverer: testRecoverer }));
    const otherSteward = app();
    unwrap(await otherSteward.importLog(encodeLog([genesisEntry(2, 1), next])));
    const update = unwrap(await otherSteward.exportUpdate('real', other.commonsId, 1));

    const memberApp = await stewardAt(4);
    expect(await memberApp.importLog(update.text)).toMatchObject({ ok: false, error: { kind: 'UpdateNotForThisCommons', commonsId: other.commonsId, genesisHash: other.headHash } });
    expect(await headOf(memberApp)).toEqual([{ height: 4, headHash: states[3]!.headHash }]);
  });

  it('an update whose header does not describe its entries is refused, and nothing is stored', async () => {
    const memberApp = await stewardAt(4);
    const header = { commonsId, genesisHash, fromSeq: 4, toSeq: 7, headHash: states[6]!.headHash };
    // One entry fewer than announced.
    expect(await memberApp.importLog(encodeUpdateFile(header, entries.slice(4, 7)))).toMatchObject({ ok: false, error: { kind: 'UpdateFileInvalid', reason: expect.stringContaining('4 entries') } });
    // A head hash that is not the last entry's.
    expect(await memberApp.importLog(encodeUpdateFile({ ...header, headHash: states[5]!.headHash }, entries.slice(4, 8)))).toMatchObject({ ok: false, error: { kind: 'UpdateFileInvalid' } });
    // Another format version.
    expect(await memberApp.importLog(encodeUpdateFile(header, entries.slice(4, 8)).replace(UPDATE_FORMAT, 'c3-ledger-update/9'))).toMatchObject({ ok: false, error: { kind: 'UpdateFileInvalid' } });
    expect(await headOf(memberApp)).toEqual([{ height: 4, headHash: states[3]!.headHash }]);
  });
});

describe('forks', () => {
  it('a second entry sealed by the stewards at a stored height is a fork naming both entries and who sealed each; nothing is imported', async () => {
    const memberApp = await stewardAt(10);
    const sealers = [keys.steward1, keys.steward3];
    const forked = otherEntryAt(8, sealers);
    const refused = await memberApp.importLog(updateOf([forked]));
    const storedSigners = entries[8]!.sequencerSigs.map((s) => s.signer);
    expect(refused).toMatchObject({
      ok: false,
      error: { kind: 'Fork', seq: 8, storedHash: states[8]!.headHash, importedHash: entryHash(commonsId, forked), storedSigners, importedSigners: forked.sequencerSigs.map((s) => s.signer) },
    });
    if (refused.ok) return;
    expect(refused.error.message).toContain('Two different entries were sealed at height 8');
    expect(refused.error.message).toContain(states[8]!.headHash);
    expect(refused.error.message).toContain(entryHash(commonsId, forked));
    expect(refused.error.message).toContain(keys.steward3.address);
    expect(refused.error.message).toContain('Nothing was imported.');
    // The fork is also seen in a plain log file, without a header.
    expect(await memberApp.importLog(encodeLog([...entries.slice(0, 8), forked]))).toMatchObject({ ok: false, error: { kind: 'Fork', seq: 8 } });
    expect(await headOf(memberApp)).toEqual([{ height: 10, headHash: states[9]!.headHash }]);
  });

  it('a differing entry the stewards did not seal (one steward and an outsider) is a forgery, not a fork; nothing is imported', async () => {
    const memberApp = await stewardAt(10);
    const forged = otherEntryAt(8, [keys.steward1, keys.mallory]);
    expect(await memberApp.importLog(updateOf([forged]))).toMatchObject({ ok: false, error: { kind: 'EntryDiffers', seq: 8 } });
    // Below the threshold: one steward alone.
    expect(await memberApp.importLog(updateOf([otherEntryAt(8, [keys.steward2])]))).toMatchObject({ ok: false, error: { kind: 'EntryDiffers', seq: 8 } });
    expect(await headOf(memberApp)).toEqual([{ height: 10, headHash: states[9]!.headHash }]);
  });
});
