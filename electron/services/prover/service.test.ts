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
import { createProverService } from './service';
import { identityCommitment } from '../../../shared/zk/poseidon';

const COMMONS = '0x5670b5df87410c4dc417633e471743a4e13504c69a805d75ebb54d722d008af1';

function setup(artifactsDir = 'resources/zk') {
  const hub = createEventHub();
  const progress: TaskProgress[] = [];
  hub.subscribe((event, payload) => {
    if (event === 'task.progress') progress.push(payload);
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'c3-identity-'));
  const prover = createProver({ artifactsDir });
  const biometrics = developmentBiometrics('test seed');
  const service = createProverService({ artifactsDir, prover, identity: fileIdentityStore(dataDir), biometrics, tasks: createTaskRegistry(hub) });
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
