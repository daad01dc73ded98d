// Starts zk-worker.ts from the sources (tsx, vitest), where no bundled zk-worker.js sits beside
// proof-pool.ts: tsx compiles it in this thread. The bundled app never loads this file.
import { tsImport } from 'tsx/esm/api';

await tsImport('./zk-worker.ts', import.meta.url);
