/**
 * Where the Electron binary is, if it is installed at all — found without `require('electron')`,
 * which since Electron 40 tries to download a missing binary on the spot (a network call).
 * Electron's npm package downloads the binary in its postinstall; on machines that reach
 * only the package registries that download is impossible.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** @returns {{ path: string } | { missing: string }} */
export function findElectronBinary(env = process.env) {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH || join(packageDir, 'dist');
  if (!relative && !env.ELECTRON_OVERRIDE_DIST_PATH) return { missing: 'its download did not happen or failed' };
  const path = join(distDir, relative || 'electron');
  return existsSync(path) ? { path } : { missing: `${path} does not exist` };
}

/** Why Electron cannot show a window here even if its binary exists, or null. */
export function noDisplayReason(env = process.env, platform = process.platform) {
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)';
  return null;
}
