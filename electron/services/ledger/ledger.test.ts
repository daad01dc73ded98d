import { describe, expect, it } from 'vitest';
import { bytesToHex } from '@noble/hashes/utils.js';
import { fold, stateHash } from '../../../shared/commons/apply';
import { UNCHECKED_ZK_VERIFIER, collectSignatures, encodeLog } from '../../../shared/commons/verify';
import { ledgerChannels } from '../../../shared/contract/ledger';
import { nobleRecoverer, signDigest, addressOfPrivateKey, hexBytes } from '../../../shared/crypto/recover';
import { unwrap } from '../../../shared/result';
import { loadNative, nativeRecoverer } from './native';
import { demoCommonsView, emulatorDemoLog } from './demo';
import { CommonsView } from '../../../shared/contract/commons-view';
import { replayParallel } from './replay';
import { createLedgerService } from './service';
import { createDemoSequencer } from './demo-sequencer';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SPECULOS_MNEMONIC, TREZOR_MNEMONIC, deriveKey, ethereumPath } from '../emulators/mnemonics';

const native = loadNative();

describe('libsecp256k1 recoverer', () => {
  it('loads here (the prebuilt binary) and agrees with @noble/curves, including on refusals', () => {
    expect(native).not.toBeNull();
    const recoverer = nativeRecoverer(native!);
    const key = hexBytes('42'.repeat(32));
    for (let i = 0; i < 5; i++) {
      const digest = hexBytes((i + 10).toString(16).padStart(64, '0'));
      const sig = hexBytes(signDigest(key, digest));
      expect(recoverer.recover(digest, sig)).toBe(addressOfPrivateKey(key));
      // The hex path (decoded in place, the replay's) answers the same as the bytes path.
      const hex = `0x${bytesToHex(sig)}`;
      expect(recoverer.recoverHex?.(digest, hex)).toBe(addressOfPrivateKey(key));
      const broken = new Uint8Array(sig);
      broken[5]! ^= 1;
      expect(recoverer.recover(digest, broken)).toBe(nobleRecoverer.recover(digest, broken));
      expect(recoverer.recoverHex?.(digest, `0x${bytesToHex(broken)}`)).toBe(nobleRecoverer.recover(digest, broken));
      broken[64] = 29;
      expect(recoverer.recover(digest, broken)).toBeNull();
      expect(recoverer.recoverHex?.(digest, `0x${bytesToHex(broken)}`)).toBeNull();
      expect(recoverer.recoverHex?.(digest, hex.slice(0, -2))).toBeNull();
    }
  });
});

describe('the Demo Commons', () => {
  const entries = emulatorDemoLog();
  const state = unwrap(fold(entries, { verifier: UNCHECKED_ZK_VERIFIER, recoverer: nativeRecoverer(native!) }));

  it('is alive: six members in three factions, a 2-of-3 treasury, 2-of-2 vaults of a Ledger and a Trezor key', () => {
    const members = [...state.members.values()];
    expect(members).toHaveLength(6);
    expect(new Set(members.map((m) => m.faction))).toEqual(new Set(['Union', 'Guild', 'Syndicate']));
    const treasury = state.vaults.get(state.treasury)!;
    expect(treasury).toMatchObject({ kind: 'commons', threshold: 2 });
    expect(treasury.signers).toHaveLength(3);
    const pairs = [...state.vaults.values()].filter((v) => v.threshold === 2 && v.signers.length === 2);
    expect(pairs.length).toBeGreaterThanOrEqual(2);
    for (const v of pairs) expect(new Set(v.signers.map((s) => s.device))).toEqual(new Set(['ledger', 'trezor']));
    expect(state.supplies.COMM).toBeGreaterThan(0n);
    expect(state.supplies.CONX).toBeGreaterThan(0n);
  });

  it('is signed by the emulators’ keys (Speculos and Trezor test mnemonics)', () => {
    const ledger1 = addressOfPrivateKey(deriveKey(SPECULOS_MNEMONIC, ethereumPath(1)).privateKey!);
    const trezor1 = addressOfPrivateKey(deriveKey(TREZOR_MNEMONIC, ethereumPath(1)).privateKey!);
    const alice = [...state.vaults.values()].find((v) => v.name === "Alice's vault")!;
    expect(alice.signers.map((s) => s.address).sort()).toEqual([ledger1, trezor1].sort());
  });

  it('serves the dashboard a CommonsView folded from the verified log, valid against the contract schema', () => {
    const view = demoCommonsView();
    expect(CommonsView.safeEncode(view).success).toBe(true);
    expect(view).toMatchObject({ commonsId: state.commonsId, height: entries.length, headHash: state.headHash, demo: true });
    expect(view.members.find((m) => m.label === 'Alice')!.balances.COMM).toBe(state.vaults.get([...state.members.values()].find((m) => m.label === 'Alice')!.vaults[0]!)!.balances.COMM! + 20_000_000_000n);
    expect(view.vaults.every((v) => v.signers.every((s) => s.emulated))).toBe(true);
  });

  it('replays on worker threads to the very same state as the fold on one thread', async () => {
    const parallel = unwrap(await replayParallel(encodeLog(entries), { verifier: UNCHECKED_ZK_VERIFIER, workers: 2, batch: 3 }));
    expect(stateHash(parallel)).toBe(stateHash(state));
  });

  it('a parallel replay of a tampered log fails at the same entry as the fold', async () => {
    const text = encodeLog(entries).replace(/"amount":"(\d+)"/, (_, n: string) => `"amount":"${BigInt(n) + 1n}"`);
    const result = await replayParallel(text, { verifier: UNCHECKED_ZK_VERIFIER, workers: 2, batch: 2 });
    expect(result.ok).toBe(false);
  });
});

describe('ledger service (contract rows)', () => {
  const service = createLedgerService({ demo: createDemoSequencer({ file: join(mkdtempSync(join(tmpdir(), 'c3-ledger-rows-')), 'demo-commons.jsonl') }) });

  it('ledger.verifySignatures answers who signed each digest, null for a bad one; the answer fits its schema', async () => {
    const entries = emulatorDemoLog();
    const jobs = collectSignatures(entries).slice(0, 20);
    const request = ledgerChannels['ledger.verifySignatures'].request.parse({
      jobs: [...jobs.map((j) => ({ digest: `0x${bytesToHex(j.digest)}`, signature: j.sigHex })), { digest: `0x${'00'.repeat(32)}`, signature: `0x${'00'.repeat(64)}1b` }],
    });
    const answer = unwrap(await service['ledger.verifySignatures'](request));
    expect(ledgerChannels['ledger.verifySignatures'].response.safeParse(answer).success).toBe(true);
    expect(answer.signers.slice(0, 20)).toEqual(jobs.map((j) => nobleRecoverer.recover(j.digest, hexBytes(j.sigHex))));
    expect(answer.signers[20]).toBeNull();
    expect(answer.recoverer).toBe('libsecp256k1');
  });

  it('demo.log serves the demo entries, which encode to the wire (amounts as strings) and decode back', async () => {
    const answer = unwrap(await service['demo.log']({}));
    const schema = ledgerChannels['demo.log'].response;
    const wire = schema.encode(answer);
    expect(JSON.stringify(wire)).toContain('"amount":"');
    expect(encodeLog(schema.decode(JSON.parse(JSON.stringify(wire))).entries)).toBe(encodeLog(answer.entries));
    await service.close();
  });
});
