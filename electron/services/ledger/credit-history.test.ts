/**
 * `credit.history`: how a line's health moved, read by main from the verified log (the renderer
 * never folds one). In the Demo Commons (log version 1, its stewards' and members' keys the
 * emulators'): the stewards attest ETH, Alice locks COMM, pledges ETH and draws, then a lower
 * price comes; one point per entry that changed her line or a price, with the figures the
 * dashboard's view has at that entry.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keySigner, signAction } from '../../../shared/commons/build';
import { type ActionKind, type PayloadOf } from '../../../shared/commons/log';
import { toCommonsView } from '../../../shared/commons/view';
import { creditChannels } from '../../../shared/contract/credit';
import { unwrap } from '../../../shared/result';
import { emulatorDemoKeys } from './demo';
import { createDemoSequencer, type DemoSequencer } from './demo-sequencer';
import { createLedgerService } from './service';

const keys = emulatorDemoKeys();
const stewards = [keySigner(keys.ledger(3)), keySigner(keys.trezor(3))];
const alice = [keySigner(keys.ledger(1)), keySigner(keys.trezor(1))];
const FAR = 4_000_000_000;
const units = (whole: bigint) => whole * 1_000_000n;

const opened: { close(): Promise<void> }[] = [];
afterAll(() => Promise.all(opened.map((s) => s.close())));

function demoService() {
  const demo = createDemoSequencer({ file: join(mkdtempSync(join(tmpdir(), 'c3-credit-history-')), 'demo-commons.jsonl') });
  const ledger = createLedgerService({ demo, trustDemo: true, workers: 1 });
  opened.push(ledger);
  const state = demo.state();
  const aliceVault = [...state.members.values()].find((m) => m.label === 'Alice')!.vaults[0]!;
  return { demo, ledger, aliceVault, commonsId: state.commonsId };
}

function submit<K extends ActionKind>(demo: DemoSequencer, kind: K, vault: string, payload: PayloadOf<K>, signers: typeof alice) {
  const state = demo.state();
  const action = signAction(state.commonsId, { kind, vault, nonce: state.vaults.get(vault)!.nonce, validUntil: FAR, payload } as never, signers);
  return unwrap(demo.submit(action)).seq;
}

describe('credit.history', () => {
  it('gives one point per entry that changed the line or a price, with the figures the view has at that entry', async () => {
    const { demo, ledger, aliceVault, commonsId } = demoService();
    const treasury = demo.state().treasury;
    const eth = (conx: bigint) => ({ asset: 'ETH' as const, price: units(conx) });

    submit(demo, 'price.attest', treasury, eth(3_000n), stewards);
    const lock = submit(demo, 'credit.lock', aliceVault, { amount: units(1_000n) }, alice);
    const pledge = submit(demo, 'credit.pledge', aliceVault, { asset: 'ETH', amount: 10n ** 18n }, alice);
    const draw = submit(demo, 'credit.draw', aliceVault, { amount: units(2_000n) }, alice);
    const afterDraw = toCommonsView(demo.state(), { demo: true, verifiedAt: null, emulated: () => true });
    const fall = submit(demo, 'price.attest', treasury, eth(2_400n), stewards);

    const history = unwrap(await ledger.creditHistory('demo', commonsId, aliceVault));
    expect(history.height).toBe(demo.state().height);
    expect(history.earlier).toBe(0);
    // Nothing before the line existed: the first attestation is not on it.
    expect(history.points.map((p) => [p.seq, p.cause])).toEqual([
      [lock, 'line'],
      [pledge, 'line'],
      [draw, 'line'],
      [fall, 'line-and-price'],
    ]);
    expect(history.points[0]).toMatchObject({ healthBps: null, capacity: units(1_000n), debt: 0n });
    expect(history.points[1]).toMatchObject({ healthBps: null, capacity: units(2_200n), debt: 0n });
    // After the draw: (1,000 × 100 % + 3,000 × 70 %) ÷ 2,000 = 1.55, as the dashboard's view has it.
    const viewed = afterDraw.credit.lines.find((l) => l.vault === aliceVault)!;
    expect(history.points[2]).toMatchObject({ healthBps: 15_500, capacity: viewed.capacity, debt: units(2_000n) });
    // An hour of fees later, ETH at 2,400: (1,000 + 1,680) ÷ (2,000 + fees) is just under 1.34.
    expect(history.points[3]!.healthBps).toBe(13_399);
    expect(history.points[3]!.debt).toBeGreaterThan(units(2_000n));
    const now = unwrap(await ledger.view('demo', commonsId)).credit.lines.find((l) => l.vault === aliceVault)!;
    expect(BigInt(history.points[3]!.healthBps!)).toBe(now.healthBps);
  });

  it('follows the log as it moves on, folding only the new entries, and is the same as read from genesis', async () => {
    const { demo, ledger, aliceVault, commonsId } = demoService();
    submit(demo, 'credit.lock', aliceVault, { amount: units(500n) }, alice);
    expect(unwrap(await ledger.creditHistory('demo', commonsId, aliceVault)).points).toHaveLength(1);
    const draw = submit(demo, 'credit.draw', aliceVault, { amount: units(200n) }, alice);
    const followed = unwrap(await ledger.creditHistory('demo', commonsId, aliceVault));
    expect(followed.points.map((p) => p.seq)).toEqual([draw - 1, draw]);
    expect(followed.points[1]).toMatchObject({ healthBps: 25_000, debt: units(200n) });

    // A second service reads the same log from genesis: the same points.
    const fresh = createLedgerService({ demo, trustDemo: true, workers: 1 });
    opened.push(fresh);
    expect(unwrap(await fresh.creditHistory('demo', commonsId, aliceVault))).toEqual(followed);
  });

  it('a vault without a line has no points; a vault or a Commons this app does not hold is refused in words', async () => {
    const { demo, ledger, commonsId } = demoService();
    const bob = [...demo.state().members.values()].find((m) => m.label === 'Bob')!.vaults[0]!;
    expect(unwrap(await ledger.creditHistory('demo', commonsId, bob))).toEqual({ height: demo.state().height, points: [], earlier: 0 });
    const stranger = `0x${'cd'.repeat(20)}`;
    expect(await ledger['credit.history']({ workspace: 'demo', commonsId, vault: stranger })).toMatchObject({ ok: false, error: { kind: 'NoCreditLineVault', vault: stranger, message: expect.stringContaining('holds no vault') } });
    // Either case names the same vault.
    expect(unwrap(await ledger.creditHistory('demo', commonsId, bob.toUpperCase().replace('0X', '0x')))).toEqual({ height: demo.state().height, points: [], earlier: 0 });
    const other = `0x${'ab'.repeat(32)}`;
    expect(await ledger['credit.history']({ workspace: 'demo', commonsId: other as `0x${string}`, vault: bob })).toMatchObject({ ok: false, error: { kind: 'UnknownCommons', commonsId: other } });
  });

  it('travels the contract as decimal strings and decodes to the same figures', async () => {
    const { demo, ledger, aliceVault, commonsId } = demoService();
    submit(demo, 'credit.lock', aliceVault, { amount: units(1_000n) }, alice);
    submit(demo, 'credit.draw', aliceVault, { amount: units(300n) }, alice);
    const answer = unwrap(await ledger['credit.history']({ workspace: 'demo', commonsId, vault: aliceVault }));
    const row = creditChannels['credit.history'].response;
    const wire = JSON.parse(JSON.stringify(row.encode(answer))) as { points: { debt: unknown }[] };
    expect(wire.points[1]!.debt).toBe('300000000');
    expect(row.decode(wire as never)).toEqual(answer);
  });
});
