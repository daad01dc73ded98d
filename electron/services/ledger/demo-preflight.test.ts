/**
 * The Demo Commons' pre-flight checks an action at the time its stewards will seal it (an hour
 * after the last entry), not at the machine's clock: the demo's history sits in the past, so a
 * check at "now" would judge time-driven rules (expiry, fees, price staleness) at another time
 * than the one the action is applied at, and refuse what the stewards accept (or the reverse).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keySigner, signAction } from '../../../shared/commons/build';
import { type Action } from '../../../shared/commons/log';
import { emulatorDemoKeys } from './demo';
import { createDemoSequencer } from './demo-sequencer';
import { createLedgerService } from './service';

const keys = emulatorDemoKeys();
const quorum = [keySigner(keys.ledger(3)), keySigner(keys.trezor(3))];
const YEAR = 365 * 86_400;
const services: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.close()));
});

describe('the demo’s pre-flight', () => {
  it('an action valid until just after the stewards’ next entry passes the pre-flight, as the stewards sequence it', async () => {
    const demo = createDemoSequencer({ file: join(mkdtempSync(join(tmpdir(), 'c3-demo-pf-')), 'demo-commons.jsonl') });
    const head = demo.state();
    // The machine's clock is a year past the demo's last entry.
    const ledger = createLedgerService({ demo, trustDemo: true, now: () => (head.time + YEAR) * 1000 });
    services.push(ledger);
    const to = [...head.members.values()][0]!.vaults[0]!;
    const unsigned = { kind: 'token.mint' as const, vault: head.treasury, nonce: head.vaults.get(head.treasury)!.nonce, validUntil: demo.nextTime() + 60, payload: { token: 'PPT' as const, to, amount: 1n } };
    expect(demo.nextTime()).toBe(head.time + 3600);

    const checked = await ledger.preflight('demo', head.commonsId, { ...unsigned, sigs: [] } as Action, head.time + YEAR);
    expect(checked).toEqual({ ok: true, value: { allowed: true } });
    expect(demo.submit(signAction(head.commonsId, unsigned, quorum))).toEqual({ ok: true, value: { seq: head.height } });
  });

  it('an action that expires before the stewards’ next entry is refused by the pre-flight, as the stewards would refuse it', async () => {
    const demo = createDemoSequencer({ file: join(mkdtempSync(join(tmpdir(), 'c3-demo-pf-')), 'demo-commons.jsonl') });
    const head = demo.state();
    const ledger = createLedgerService({ demo, trustDemo: true, now: () => (head.time - YEAR) * 1000 });
    services.push(ledger);
    const to = [...head.members.values()][0]!.vaults[0]!;
    const unsigned = { kind: 'token.mint' as const, vault: head.treasury, nonce: head.vaults.get(head.treasury)!.nonce, validUntil: head.time + 60, payload: { token: 'PPT' as const, to, amount: 1n } };

    const checked = await ledger.preflight('demo', head.commonsId, { ...unsigned, sigs: [] } as Action);
    expect(checked).toMatchObject({ ok: true, value: { allowed: false, refusal: { kind: 'ActionExpired' } } });
    expect(demo.submit(signAction(head.commonsId, unsigned, quorum))).toMatchObject({ ok: false, error: { kind: 'ActionExpired' } });
    expect(demo.state().height).toBe(head.height);
  });
});
