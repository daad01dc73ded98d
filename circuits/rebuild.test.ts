/**
 * Reproducibility: rebuilding the circuits from source with the same beacons gives byte-identical
 * artifacts (the manifest's hashes). Compiling takes about a minute, and the first run on a
 * machine adds the powers-of-tau phase (about 3 minutes, cached outside the repository): the test
 * runs in CI (CI=true) and wherever C3_ZK_REBUILD=1, and says it was skipped otherwise.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAll } from './build';

const enabled = process.env['C3_ZK_REBUILD'] === '1' || process.env['CI'] === 'true';

describe('the circuits build', () => {
  it.skipIf(!enabled)('reproduces resources/zk byte for byte (runs in CI or with C3_ZK_REBUILD=1; skipped otherwise)', () => {
    const out = mkdtempSync(join(tmpdir(), 'c3-zk-rebuild-'));
    const rebuilt = buildAll(out, process.env['C3_ZK_CACHE'] ?? join(homedir(), '.cache/c3-vault/zk'));
    const shipped = JSON.parse(readFileSync('resources/zk/manifest.json', 'utf8')) as typeof rebuilt;
    expect(rebuilt).toEqual(shipped);
  }, 900_000);
});
