/**
 * The Demo Commons' enrolment proofs: the identity circuit over each demo member's published demo
 * identity (shared/zk/demo-identities.ts), for the demo's Commons id. Written to
 * resources/zk/demo-proofs.json by `npm run zk:build` (and alone with `npx tsx circuits/demo-proofs.ts`);
 * the demo log embeds them, and every verifier checks them like any other proof.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as snarkjs from 'snarkjs';
import { commonsIdOf } from '../shared/commons/apply';
import { demoLog, type DemoProofs } from '../shared/commons/demo';
import { demoIdentity } from '../shared/zk/demo-identities';
import { fieldOfHash } from '../shared/zk/field';
import { emulatorDemoKeys } from '../electron/services/ledger/demo';

export async function writeDemoProofs(dir: string): Promise<DemoProofs> {
  const entries = demoLog(emulatorDemoKeys());
  const genesis = entries[0]?.actions[0];
  if (genesis?.kind !== 'commons.genesis') throw new Error('the demo log has no genesis');
  const commonsField = fieldOfHash(commonsIdOf(genesis));
  const labels = entries.flatMap((e) => e.actions.flatMap((a) => (a.kind === 'member.enrol' ? [a.payload.label] : [])));
  const wasm = new Uint8Array(readFileSync(join(dir, 'identity.wasm')));
  const zkey = new Uint8Array(readFileSync(join(dir, 'identity.zkey')));
  const proofs: Record<string, DemoProofs[string]> = {};
  for (const label of labels) {
    const { secret, bioKey } = demoIdentity(label);
    const { proof } = await snarkjs.groth16.fullProve({ secret, bioKey, commonsId: commonsField }, wasm, zkey);
    proofs[label] = proof as DemoProofs[string];
  }
  writeFileSync(join(dir, 'demo-proofs.json'), `${JSON.stringify(proofs, null, 1)}\n`);
  await (globalThis as { curve_bn128?: { terminate(): Promise<void> } }).curve_bn128?.terminate();
  return proofs;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = resolve(fileURLToPath(import.meta.url), '../../resources/zk');
  const proofs = await writeDemoProofs(dir);
  console.log(`[zk:build] demo enrolment proofs for ${Object.keys(proofs).length} members: ${dir}/demo-proofs.json`);
}
