import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { type Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * The dev server (npm run dev) injects an inline script for React Fast Refresh, which the
 * production CSP forbids; drop the meta tag in dev only. Builds keep it, and the c3:// handler
 * and the bridge send the same policy as a header.
 */
const devWithoutCspMeta = (): Plugin => ({
  name: 'c3-dev-without-csp-meta',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/s, ''),
});

/**
 * Worker-thread entry points (`*-worker.mjs`, plain JavaScript so that they start the same under
 * tsx, vitest and the bundle) are loaded with `new URL('./x-worker.mjs', import.meta.url)`: copy
 * them next to the bundled main process, where that URL points after the build.
 */
const copyServiceWorkers = (): Plugin => ({
  name: 'c3-copy-service-workers',
  apply: 'build',
  writeBundle(options) {
    const outDir = options.dir ?? resolve(root, 'out/main');
    mkdirSync(outDir, { recursive: true });
    const found = (readdirSync(resolve(root, 'electron/services'), { recursive: true }) as string[]).filter((f) => f.endsWith('-worker.mjs'));
    for (const file of found) copyFileSync(resolve(root, 'electron/services', file), join(outDir, basename(file)));
  },
});

export default defineConfig({
  main: {
    plugins: [copyServiceWorkers()],
    build: {
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          // The Electron shell, and the same services behind the browser bridge (npm run start:browser).
          index: resolve(root, 'electron/main/index.ts'),
          serve: resolve(root, 'electron/serve.ts'),
          // The proof pool's worker thread, beside the chunks (proof-pool.ts zkWorkerEntry): it imports the verifier's TypeScript.
          'zk-worker': resolve(root, 'electron/services/ledger/zk-worker.ts'),
        },
        // Flat, so that `new URL('./x-worker.mjs', import.meta.url)` in any chunk finds the copied workers.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require nothing but 'electron': bundle the contract table (and zod) into it.
      externalizeDeps: false,
      // A sandboxed preload must be CommonJS (Electron: "ESM preload scripts are not supported in sandbox").
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), devWithoutCspMeta()],
    build: {
      // Minified: the first page parses about a third of the JavaScript (issue 11: dashboard in < 1 s).
      minify: true,
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
