/**
 * A second browser-mode server with a data folder of its own, for a spec whose actions move the
 * Demo Commons on (new entries, new balances): the other specs keep reading the built-in demo's
 * figures from the shared server, whatever order the specs run in. It serves the build that the
 * global setup made (out/), so it starts in a few seconds.
 */
import { printedUrl } from './printed-url';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface OwnApp {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startOwnApp(): Promise<OwnApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'c3-e2e-own-'));
  const server = spawn(process.execPath, ['out/main/serve.js', '--port', '0', '--no-hardware', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
  });
  const url = await printedUrl(server, 'out/main/serve.js', 60_000);
  return {
    url,
    async stop() {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      try {
        if (server.pid) process.kill(process.platform === 'win32' ? server.pid : -server.pid, 'SIGTERM');
      } catch {
        return; // already gone
      }
      await exited;
    },
  };
}
