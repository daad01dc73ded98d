/**
 * The proof pool's worker in the bundled main process (out/main): electron.vite.config.ts builds
 * zk-worker.ts as an entry of its own beside the chunks, the bundled pool looks for it there, and
 * it checks proofs with nothing of the sources at hand. The main process is built here with the
 * app's own configuration (electron-vite's, main only), into a folder of out/ (so that the
 * externalised packages resolve from node_modules, as in the app).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolveConfig } from 'electron-vite';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commonsIdOf } from '../../../shared/commons/apply';
import { demoLog } from '../../../shared/commons/demo';
import { demoEnrolmentSignals } from '../../../shared/zk/demo-identities';
import { SNARK_FIELD } from '../../../shared/zk/field';
import { demoProofs, emulatorDemoKeys } from './demo';
import { type CircuitProof, createProofPool, zkWorkerEntry } from './proof-pool';
import { loadVerificationKeysSync } from './zk-verifier';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
let outDir = '';

beforeAll(async () => {
  mkdirSync(join(root, 'out'), { recursive: true });
  outDir = mkdtempSync(join(root, 'out', 'zk-bundle-test-'));
  const { config } = await resolveConfig({ configFile: join(root, 'electron.vite.config.ts'), logLevel: 'warn' }, 'build');
  const main = config?.main;
  if (!main?.build) throw new Error('electron.vite.config.ts has no main build');
  await build({ ...main, configFile: false, logLevel: 'warn', build: { ...main.build, outDir, emptyOutDir: false } });
}, 120_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const genesis = demoLog(emulatorDemoKeys())[0]!.actions[0]!;
if (genesis.kind !== 'commons.genesis') throw new Error('the demo log has no genesis');
const commonsId = commonsIdOf(genesis);
const real: CircuitProof[] = Object.entries(demoProofs()!).map(([label, proof]) => ({ circuit: 'identity', publicSignals: demoEnrolmentSignals(label, commonsId).publicSignals, proof }));

describe('the proof pool in the bundled main process', () => {
  it('the build puts zk-worker.js beside the chunks, and the bundled pool looks for it there', () => {
    expect(existsSync(join(outDir, 'zk-worker.js'))).toBe(true);
    const chunks = readdirSync(outDir).filter((f) => f.endsWith('.js'));
    const pool = chunks.filter((f) => readFileSync(join(outDir, f), 'utf8').includes('new URL("./zk-worker.js", from)'));
    expect(pool).toHaveLength(1);
    // From any chunk of out/main, the entry resolves to the bundled worker, not the sources' bootstrap.
    expect(fileURLToPath(zkWorkerEntry(pathToFileURL(join(outDir, pool[0]!))))).toBe(join(outDir, 'zk-worker.js'));
  });

  it('the bundled worker checks real proofs on its threads and names a forged one', async () => {
    const pool = createProofPool(loadVerificationKeysSync(), { threads: 2, minChunk: 1, entry: zkWorkerEntry(pathToFileURL(join(outDir, 'index.js'))) });
    try {
      const forged = { ...real[1]!, publicSignals: real[1]!.publicSignals.map((s, i) => (i === 0 ? String((BigInt(s) + 1n) % SNARK_FIELD) : s)) };
      const items = [...real, forged];
      expect(await pool.verifyManyAsync(items)).toEqual(items.map((_, i) => i !== real.length));
      expect(pool.checked()).toEqual({ onThreads: items.length, here: 0 });
    } finally {
      await pool.close();
    }
  });
});
