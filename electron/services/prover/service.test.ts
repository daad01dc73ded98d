import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEventHub } from '../events';
import { createTaskRegistry } from '../tasks';
import { type TaskProgress } from '../../../shared/contract/channels';
import { createGroth16Verifier } from '../../../shared/zk/groth16';
import { loadVerificationKeysSync } from '../ledger/zk-verifier';
import { bioKeyOf, developmentBiometrics } from './biometrics';
import { fileIdentityStore } from './identity-store';
import { createProver } from './prover';
import { type KnownCommons, createProverService } from './service';
import { identityCommitment } from '../../../shared/zk/poseidon';
import { fieldOfHash } from '../../../shared/zk/field';
import { commonsIdOf } from '../../../shared/commons/apply';
import { genesisEntry } from '../../../shared/commons/fixtures';
import { type Action } from '../../../shared/commons/log';
import { encodeLog } from '../../../shared/commons/verify';
import { createLedgerService } from '../ledger/service';
import { emulatorDemoLog } from '../ledger/demo';

const COMMONS = '0x5670b5df87410c4dc417633e471743a4e13504c69a805d75ebb54d722d008af1';

/** A Commons main has verified: only COMMONS (the tests below that are not about which Commons). */
const onlyCommons: KnownCommons = { find: (id) => (id === COMMONS ? { commonsId: COMMONS } : null) };

function setup(artifactsDir = 'resources/zk', commons: KnownCommons = onlyCommons) {
  const hub = createEventHub();
  const progress: TaskProgress[] = [];
  hub.subscribe((event, payload) => {
    if (event === 'task.progress') progress.push(payload);
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'c3-identity-'));
  const prover = createProver({ artifactsDir });
  const biometrics = developmentBiometrics('test seed');
  const service = createProverService({ artifactsDir, prover, identity: fileIdentityStore(dataDir), biometrics, tasks: createTaskRegistry(hub), commons });
  return { service, prover, dataDir, progress, biometrics };
}

const opened: ReturnType<typeof setup>[] = [];
afterAll(async () => {
  for (const s of opened) await s.prover.close();
});

describe('the identity service', () => {
  it('proves an enrolment with progress, and nothing but public values leave it', async () => {
    const s = setup();
    opened.push(s);
    const status = await s.service['identity.status']({});
    expect(status).toMatchObject({ ok: true, value: { exists: false, provider: { kind: 'development', label: expect.stringContaining('not a biometric') } } });

    const answer = await s.service['identity.proveEnrolment']({ commonsId: COMMONS });
    if (!answer.ok) throw new Error(answer.error.message);
    const verifier = createGroth16Verifier(loadVerificationKeysSync('resources/zk'));
    expect(verifier.verify('identity', answer.value.publicSignals, answer.value.proof)).toBe(true);
    expect(s.progress.map((p) => p.stage)).toEqual(expect.arrayContaining(['witness', 'proving', 'verifying']));
    expect(s.progress.at(-1)).toMatchObject({ label: 'Proving your MEID', state: 'done' });

    // The secret is on disk, readable by this user only; neither it nor the bioKey is in the answer.
    const file = join(s.dataDir, 'identity.json');
    const secret = BigInt(JSON.parse(readFileSync(file, 'utf8')).secret as string);
    const bioKey = bioKeyOf(await s.biometrics.capture('test'));
    const wire = JSON.stringify(answer.value);
    expect(wire).not.toContain(secret.toString());
    expect(wire).not.toContain(bioKey.toString());
    expect(answer.value.commitment).toBe(String(identityCommitment(secret, bioKey)));
    if (process.platform !== 'win32') expect((await import('node:fs')).statSync(file).mode & 0o777).toBe(0o600);

    // The same machine proves the same MEID again: the identity is kept.
    const again = await s.service['identity.proveEnrolment']({ commonsId: COMMONS });
    expect(again.ok && again.value.commitment).toBe(answer.value.commitment);
  }, 30_000);

  it('says so when the member is not in the tree or the claim is not true, without proving anything', async () => {
    const s = setup();
    opened.push(s);
    expect(await s.service['identity.proveMembership']({ leaves: ['1', '2'], scope: COMMONS, message: '1' })).toMatchObject({ ok: false, error: { kind: 'NotInTree' } });
    const enrolled = await s.service['identity.proveEnrolment']({ commonsId: COMMONS });
    if (!enrolled.ok) throw new Error(enrolled.error.message);
    const leaves = [{ commitment: enrolled.value.commitment, faction: 1, tier: 1 }];
    expect(await s.service['identity.proveCredential']({ leaves, faction: 2, minTier: 0, scope: COMMONS, message: '1' })).toMatchObject({ ok: false, error: { kind: 'ClaimNotTrue' } });
    expect(await s.service['identity.proveCredential']({ leaves, faction: 1, minTier: 1, scope: COMMONS, message: '1' })).toMatchObject({ ok: true, value: { publicSignals: expect.any(Array) } });
  }, 30_000);

  it('refuses artifacts that do not match the manifest, and says which', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'c3-zk-tampered-'));
    cpSync('resources/zk', dir, { recursive: true });
    const zkey = readFileSync(join(dir, 'membership.zkey'));
    zkey[zkey.length - 100] = (zkey[zkey.length - 100] ?? 0) ^ 0xff;
    writeFileSync(join(dir, 'membership.zkey'), zkey);
    const s = setup(dir);
    opened.push(s);
    const status = await s.service['zk.status']({});
    expect(status).toMatchObject({ ok: true, value: { problem: { kind: 'ArtifactTampered', file: 'membership.zkey' } } });
    expect(status.ok && status.value.circuits.find((c) => c.name === 'identity')?.ready).toBe(true);
    const enrolled = await s.service['identity.proveEnrolment']({ commonsId: COMMONS });
    if (!enrolled.ok) throw new Error(enrolled.error.message);
    const proof = await s.service['identity.proveMembership']({ leaves: [enrolled.value.commitment], scope: COMMONS, message: '1' });
    expect(proof).toMatchObject({ ok: false, error: { kind: 'ArtifactTampered', file: 'membership.zkey' } });
  }, 30_000);
});

describe('which Commons the prover proves an enrolment for (issue 10, item 1)', () => {
  const ledger = createLedgerService({ workers: 1 });
  afterAll(() => ledger.close());
  const joining = emulatorDemoLog();
  // Another Commons, built with the project's own builders: its id is a valid hash the renderer could name.
  const other = commonsIdOf(genesisEntry().actions[0] as Extract<Action, { kind: 'commons.genesis' }>);

  it('the prover refuses to prove enrolment for another Commons than the one being joined', async () => {
    const verified = await ledger['ledger.openCommons']({ log: encodeLog(joining) });
    if (!verified.ok) throw new Error(verified.error.message);
    const s = setup('resources/zk', ledger.commons);
    opened.push(s);
    let captures = 0;
    const counted = s.biometrics.capture.bind(s.biometrics);
    s.biometrics.capture = (reason) => ((captures += 1), counted(reason));

    const refused = await s.service['identity.proveEnrolment']({ commonsId: other });
    expect(refused).toEqual({ ok: false, error: { kind: 'UnknownCommons', commonsId: other, message: expect.stringContaining(other), nextStep: expect.any(String) } });
    // Nothing happened: no capture, no identity created, no task started.
    expect(captures).toBe(0);
    expect(await s.service['identity.status']({})).toMatchObject({ ok: true, value: { exists: false } });
    expect(s.progress).toEqual([]);

    // The Commons being joined, named in capitals: proved, and for the id main verified.
    const proved = await s.service['identity.proveEnrolment']({ commonsId: verified.value.commonsId.toUpperCase().replace('0X', '0x') as typeof other });
    if (!proved.ok) throw new Error(proved.error.message);
    expect(proved.value.publicSignals[2]).toBe(String(fieldOfHash(verified.value.commonsId)));
    expect(createGroth16Verifier(loadVerificationKeysSync('resources/zk')).verify('identity', proved.value.publicSignals, proved.value.proof)).toBe(true);
  }, 60_000);

  it('a Commons whose log does not verify in the main process is not one the prover proves for', async () => {
    const fresh = createLedgerService({ workers: 1 });
    try {
      const tampered = encodeLog(joining).replace(/"amount":"(\d+)"/, (_m, digits: string) => `"amount":"${BigInt(digits) + 1n}"`);
      expect(await fresh['ledger.openCommons']({ log: tampered })).toMatchObject({ ok: false, error: { kind: 'BadSignature' } });
      const s = setup('resources/zk', fresh.commons);
      opened.push(s);
      const genesis = joining[0]!.actions[0] as Extract<Action, { kind: 'commons.genesis' }>;
      expect(await s.service['identity.proveEnrolment']({ commonsId: commonsIdOf(genesis) })).toMatchObject({ ok: false, error: { kind: 'UnknownCommons' } });
    } finally {
      await fresh.close();
    }
  }, 60_000);
});
