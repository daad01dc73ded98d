/**
 * `npm run start:browser`: the renderer build and the main-process services behind the
 * browser bridge on 127.0.0.1, for machines without the Electron binary and for tests.
 * Prints the one URL to open (it carries the per-run token).
 *
 *   node out/main/serve.js [--port N] [--no-emulators] [--no-hardware] [--data-dir DIR]
 *
 * Like the desktop app, it looks for real devices (Ledgers over USB HID, Trezors through the
 * machine's trezord) beside the emulated ones; the tests pass --no-hardware, so that a device
 * plugged into a developer's machine never shows up in them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { channels } from '../shared/contract/channels';
import { createDispatcher } from '../shared/contract/dispatch';
import { startBridge } from './bridge/server';
import { createServices } from './services';

const DEFAULT_PORT = 5180;

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const here = dirname(fileURLToPath(import.meta.url));
  const staticDir = resolve(here, '../renderer');
  if (!existsSync(resolve(staticDir, 'index.html'))) {
    console.error(`The renderer has not been built (no ${staticDir}/index.html). Run: npx electron-vite build`);
    process.exit(1);
  }
  const pkg = JSON.parse(readFileSync(resolve(here, '../../package.json'), 'utf8')) as { version: string };
  const services = createServices({
    version: pkg.version,
    shell: 'browser',
    platform: process.platform,
    emulators: !process.argv.includes('--no-emulators'),
    hardware: !process.argv.includes('--no-hardware'),
    // The member's identity secret lives here; tests pass a folder of their own.
    dataDir: resolve(argValue('--data-dir') ?? join(process.env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'c3-vault', 'browser-mode')),
    warmProver: true,
  });
  const dispatch = createDispatcher(channels, services.handlers, {
    onFault: (channel, fault) => console.error(`[c3] service fault on ${channel}:`, fault),
  });
  const requested = argValue('--port');
  const port = requested === undefined ? DEFAULT_PORT : Number(requested);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port takes a port number from 0 to 65535, not "${requested}".`);
    process.exit(2);
  }
  const start = (p: number) => startBridge({ staticDir, dispatch, hub: services.hub, port: p, log: (line) => console.error(`[c3] ${line}`) });
  const bridge = await start(port).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE' || requested !== undefined) throw error;
    console.error(`[c3] port ${port} is in use; picking a free one.`);
    return start(0);
  });

  console.log(`C3 Vault is running in browser mode. Open this URL in a browser on this machine:\n${bridge.url}`);

  const stop = async () => {
    await bridge.close();
    await services.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
