/** `npm install` never fails because Electron's binary cannot be downloaded. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function postinstall(env: Record<string, string>) {
  const { ELECTRON_SKIP_BINARY_DOWNLOAD: _skip, ...rest } = process.env;
  return spawnSync(process.execPath, ['scripts/ensure-electron.mjs'], { env: { ...rest, ...env }, encoding: 'utf8', timeout: 120_000 });
}

describe('the postinstall step', () => {
  it('turns an impossible download into one sentence and a success', () => {
    // A mirror on a closed loopback port: the download fails at once, without leaving the machine.
    const run = postinstall({
      ELECTRON_MIRROR: 'http://127.0.0.1:9/',
      electron_config_cache: mkdtempSync(join(tmpdir(), 'c3-electron-cache-')),
      ELECTRON_OVERRIDE_DIST_PATH: mkdtempSync(join(tmpdir(), 'c3-no-electron-')),
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/the Electron binary could not be downloaded on this machine \(.+\), so npm start will serve the app in browser mode instead\./);
  });

  it('skips the download when asked to', () => {
    const run = postinstall({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('skipping the Electron binary');
  });
});
