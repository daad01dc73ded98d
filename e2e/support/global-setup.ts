/**
 * Starts the app the way a newcomer without Electron does — `npm run start:browser`, which
 * builds main, preload and renderer and serves them on 127.0.0.1 — and hands the URL it
 * prints to the tests. The server stops when the run ends.
 */
import { printedUrl } from './printed-url';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // A data folder of its own: the member identity the enrolment test creates stays out of the user's.
  const dataDir = mkdtempSync(join(tmpdir(), 'c3-e2e-data-'));
  const server = spawn(npm, ['run', '--silent', 'start:browser', '--', '--port', '0', '--no-hardware', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
  });
  const url = await printedUrl(server, 'start:browser', 180_000);
  for (const dir of ['out/main', 'out/preload', 'out/renderer']) {
    if (!existsSync(dir)) throw new Error(`electron-vite build did not produce ${dir}`);
  }
  process.env['C3_BRIDGE_URL'] = url;
  return async () => {
    try {
      if (server.pid) process.kill(process.platform === 'win32' ? server.pid : -server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
}
