#!/usr/bin/env node
/**
 * postinstall: fetch Electron's binary where that is possible, and never fail `npm install`
 * where it is not. Electron's own install script is not allowed to run (package.json
 * `allowScripts`), because it exits non-zero when the download fails; this runs it instead
 * and turns a failure into one plain sentence. `npm start` then serves the browser mode.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { findElectronBinary } from './electron-binary.mjs';

const require = createRequire(import.meta.url);

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1') {
  console.log('C3 Vault: skipping the Electron binary (ELECTRON_SKIP_BINARY_DOWNLOAD=1); npm start will use browser mode.');
  process.exit(0);
}
if ('path' in findElectronBinary()) process.exit(0);

let installer;
try {
  installer = require.resolve('electron/install.js');
} catch {
  process.exit(0); // Electron is a dev dependency: absent in a production install.
}
const run = spawnSync(process.execPath, [installer], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8', timeout: 180_000 });
if (run.status === 0 && 'path' in findElectronBinary()) process.exit(0);
const reason = (run.stderr || '').trim().split('\n').find((line) => line.trim()) ?? (run.error ? run.error.message : `exit code ${run.status}`);
console.log(`C3 Vault: the Electron binary could not be downloaded on this machine (${reason.slice(0, 200)}), so npm start will serve the app in browser mode instead.`);
process.exit(0);
