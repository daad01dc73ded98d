/**
 * `npm start` always brings the app up: without an Electron binary it says why in one
 * sentence and serves the browser mode, printing the URL to open.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronBinary, noDisplayReason } from './electron-binary.mjs';

describe('finding Electron', () => {
  it('reports a missing binary without trying to download it', () => {
    const empty = mkdtempSync(join(tmpdir(), 'c3-no-electron-'));
    expect(findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: empty })).toHaveProperty('missing');
  });

  it('knows a Linux session without a display cannot show a window', () => {
    expect(noDisplayReason({}, 'linux')).toMatch(/no display/);
    expect(noDisplayReason({ DISPLAY: ':0' }, 'linux')).toBeNull();
    expect(noDisplayReason({}, 'darwin')).toBeNull();
  });
});

describe('npm start', () => {
  it('falls back to browser mode with one plain sentence when Electron cannot run', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'c3-no-electron-'));
    const child = spawn(process.execPath, ['scripts/start.mjs', '--port', '0'], {
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty, DISPLAY: ':99' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 120_000);
        const read = (chunk: Buffer) => {
          output += chunk.toString();
          if (/http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}/.test(output)) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout.on('data', read);
        child.stderr.on('data', read);
        child.on('exit', (code) => reject(new Error(`exited ${code}:\n${output}`)));
      });
    } finally {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    }
    expect(output).toMatch(/C3 Vault cannot open its desktop window because the Electron binary is not installed .*; starting browser mode instead\./);
  }, 150_000);
});
