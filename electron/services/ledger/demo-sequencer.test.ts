/**
 * The demo sequencer's log on disk (issue 10, item 9): a new entry reaches the disk before memory,
 * so a failed write changes nothing and a retry succeeds; at start, a damaged log keeps its
 * longest valid prefix and only the rest is set aside, in a named file the service reports.
 */
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keySigner, signAction } from '../../../shared/commons/build';
import { type Action } from '../../../shared/commons/log';
import { encodeLog } from '../../../shared/commons/verify';
import { unwrap } from '../../../shared/result';
import { createServices } from '..';
import { emulatorDemoKeys, emulatorDemoLog } from './demo';
import { type DemoSequencer, createDemoSequencer } from './demo-sequencer';
import { type LogFs, nodeLogFs } from './log-file';

const FAR = 4_000_000_000;
const keys = emulatorDemoKeys();
// The Demo Commons' treasury quorum (shared/commons/demo.ts): Ledger 3 and Trezor 3.
const quorum = [keySigner(keys.ledger(3)), keySigner(keys.trezor(3))];

/** The treasury mints `amount` PPT into the first member's vault: an action the demo accepts. */
function mint(sequencer: DemoSequencer, amount: bigint): Action {
  const state = sequencer.state();
  const to = [...state.members.values()][0]!.vaults[0]!;
  return signAction(sequencer.commonsId(), { kind: 'token.mint', vault: state.treasury, nonce: state.vaults.get(state.treasury)!.nonce, validUntil: FAR, payload: { token: 'PPT', to, amount } }, quorum);
}

/** node:fs, except that the next `fsyncSync` fails while `broken` is set (a full or failing disk). */
function flakyFs() {
  const control = { broken: false };
  const fsys: LogFs = {
    ...nodeLogFs,
    fsyncSync(fd) {
      if (control.broken) throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
      nodeLogFs.fsyncSync(fd);
    },
  };
  return { fs: fsys, control };
}

const freshDir = () => fs.mkdtempSync(join(tmpdir(), 'c3-demo-log-'));

describe('the demo sequencer’s log on disk', () => {
  it('a failed write leaves the sequencer’s state unchanged and a retry succeeds', () => {
    const dir = freshDir();
    const file = join(dir, 'demo-commons.jsonl');
    const { fs: flaky, control } = flakyFs();
    const sequencer = createDemoSequencer({ file, fs: flaky });
    const first = mint(sequencer, 5_000_000n);
    expect(unwrap(sequencer.submit(first)).seq).toBe(emulatorDemoLog().length);
    const before = { entries: encodeLog(sequencer.entries()), head: sequencer.state().headHash, height: sequencer.state().height, file: fs.readFileSync(file, 'utf8') };

    control.broken = true;
    const action = mint(sequencer, 7_000_000n);
    const failed = sequencer.submit(action);
    expect(failed).toMatchObject({ ok: false, error: { kind: 'LogNotWritten', seq: before.height, cause: expect.stringContaining('EIO') } });
    // Nothing moved: not memory, not the file, and no temp file is left behind.
    expect(encodeLog(sequencer.entries())).toBe(before.entries);
    expect(sequencer.state().headHash).toBe(before.head);
    expect(fs.readFileSync(file, 'utf8')).toBe(before.file);
    expect(fs.readdirSync(dir).sort()).toEqual(['demo-commons.head.json', 'demo-commons.jsonl']);
    // Other calls do not serve the refused entry: the same action is still the next one.
    expect(mint(sequencer, 7_000_000n)).toEqual(action);

    control.broken = false;
    expect(sequencer.submit(action)).toMatchObject({ ok: true, value: { seq: before.height } });
    const restarted = createDemoSequencer({ file });
    expect(encodeLog(restarted.entries())).toBe(encodeLog(sequencer.entries()));
    expect(restarted.state().headHash).toBe(sequencer.state().headHash);
    expect(restarted.recovery()).toEqual({ kept: before.height + 1, setAside: null });
  });

  it('a damaged log keeps its longest valid prefix and sets aside only the rest', async () => {
    const dataDir = freshDir();
    const file = join(dataDir, 'demo-commons.jsonl');
    const sequencer = createDemoSequencer({ file });
    unwrap(sequencer.submit(mint(sequencer, 1_000_000n)));
    unwrap(sequencer.submit(mint(sequencer, 2_000_000n)));
    const builtIn = emulatorDemoLog().length;
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(builtIn + 2);
    const written = sequencer.entries();

    // A torn last line, as a crash of an appending writer would leave it.
    const torn = lines.at(-1)!.slice(0, 200);
    fs.writeFileSync(file, `${lines.slice(0, -1).join('\n')}\n${torn}`);
    const restarted = createDemoSequencer({ file, now: () => 1234 });
    expect(restarted.entries()).toHaveLength(builtIn + 1);
    expect(encodeLog(restarted.entries())).toBe(encodeLog(written.slice(0, builtIn + 1)));
    expect(restarted.recovery()).toMatchObject({ kept: builtIn + 1, setAside: { file: 'demo-commons.jsonl.set-aside-1234', entries: 1, fromSeq: builtIn + 1, reason: { kind: 'MalformedEntry' } } });
    expect(fs.readFileSync(join(dataDir, 'demo-commons.jsonl.set-aside-1234'), 'utf8')).toBe(torn);
    // The log itself now holds the kept prefix, so the next start finds nothing to set aside.
    expect(fs.readFileSync(file, 'utf8')).toBe(encodeLog(restarted.entries()));
    expect(createDemoSequencer({ file }).recovery()).toEqual({ kept: builtIn + 1, setAside: null });

    // An entry altered after the kept prefix (it no longer verifies): it and what follows go aside.
    const altered = lines[builtIn]!.replace(/"amount":"(\d+)"/, (_m, digits: string) => `"amount":"${BigInt(digits) + 1n}"`);
    fs.writeFileSync(file, `${[...lines.slice(0, builtIn), altered, lines[builtIn + 1]].join('\n')}\n`);
    const services = createServices({ version: '0.0.0-test', shell: 'browser', platform: 'linux', emulators: true, dataDir });
    try {
      const answer = unwrap(await services.handlers['demo.log']({}, { via: 'test' }));
      expect(answer.entries).toHaveLength(builtIn);
      expect(answer.setAside).toMatchObject({ entries: 2, fromSeq: builtIn, reason: { kind: 'BadSignature' } });
      expect(answer.setAside?.file).toMatch(/^demo-commons\.jsonl\.set-aside-\d+$/);
      expect(fs.readFileSync(join(dataDir, answer.setAside!.file), 'utf8')).toBe(`${altered}\n${lines[builtIn + 1]}\n`);
    } finally {
      await services.close();
    }
  });
});

describe('the demo’s clock', () => {
  it('a wait makes the stewards seal the next entry that much later, once, and survives a refused action', () => {
    const sequencer = createDemoSequencer({ file: join(freshDir(), 'demo-commons.jsonl') });
    const last = sequencer.state().time;
    expect(sequencer.nextTime()).toBe(last + 3_600);
    expect(sequencer.wait(86_400)).toEqual({ nextTime: last + 3_600 + 86_400 });
    expect(sequencer.wait(3_600).nextTime).toBe(last + 3_600 + 90_000);
    // A refused action seals nothing: the wait still holds for the next entry.
    const refused = sequencer.submit({ ...mint(sequencer, 1n), nonce: 999 });
    expect(refused.ok).toBe(false);
    expect(sequencer.nextTime()).toBe(last + 3_600 + 90_000);
    unwrap(sequencer.submit(mint(sequencer, 1n)));
    expect(sequencer.state().time).toBe(last + 3_600 + 90_000);
    // The wait is spent: the entry after comes an hour later again.
    expect(sequencer.nextTime()).toBe(sequencer.state().time + 3_600);
  });
});
