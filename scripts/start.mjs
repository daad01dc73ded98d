#!/usr/bin/env node
/**
 * `npm start` always brings the app up: the desktop app where Electron can run, and
 * otherwise the browser mode, with one sentence saying why.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { findElectronBinary, noDisplayReason } from './electron-binary.mjs';

const require = createRequire(import.meta.url);
const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin/electron-vite.js');

const binary = findElectronBinary();
const blocker = 'missing' in binary ? `the Electron binary is not installed (${binary.missing})` : noDisplayReason();

function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (blocker) {
  console.log(`C3 Vault cannot open its desktop window because ${blocker}; starting browser mode instead.`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  run(npm, ['run', '--silent', 'start:browser', '--', ...process.argv.slice(2)]);
} else {
  // Builds main, preload and renderer, then starts Electron on the build.
  run(process.execPath, [electronVite, 'preview']);
}
