/**
 * `npm run bench:tree`: building a membership path over N members (100,000 by default; BENCH_MEMBERS),
 * the old way — shared/zk/merkle.ts on the main thread — and the app's way — the prover's trees
 * worker (electron/services/prover/trees.ts) — with the main thread's longest event-loop stall
 * during each (perf_hooks.monitorEventLoopDelay), then the worker again after one member joined
 * (incremental) and with the same tree (cached). Issue 10, item 8.
 */
import { availableParallelism } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { merkleProof } from '../../shared/zk/merkle';
import { createTreeWorker } from '../../electron/services/prover/trees';

const N = Number(process.env['BENCH_MEMBERS'] ?? 100_000);
const leaves = Array.from({ length: N }, (_, i) => String(BigInt(i + 1) * 1_000_003n));

/** Runs `work` while a 10 ms timer ticks on this thread; the longest delay is what a window would feel. */
async function measure(label: string, work: () => unknown): Promise<{ ms: number; stallMs: number; value: unknown }> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const ticker = setInterval(() => undefined, 10);
  loop.enable();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 50));
  loop.disable();
  clearInterval(ticker);
  const stallMs = loop.max / 1e6;
  console.log(`${label.padEnd(48)} ${(ms / 1000).toFixed(2).padStart(7)} s   main-thread longest stall ${stallMs.toFixed(0).padStart(6)} ms`);
  return { ms, stallMs, value };
}

async function main() {
  console.log(`membership path over ${N.toLocaleString('en')} members, ${availableParallelism()} cores`);
  const trees = createTreeWorker();
  try {
    const worker = await measure('worker (trees.ts), first build', () => trees.path({ tree: 'member', commitments: leaves }, N - 1));
    const grown = [...leaves, String(BigInt(N + 1) * 1_000_003n)];
    await measure('worker, after one more member joined', () => trees.path({ tree: 'member', commitments: grown }, N));
    await measure('worker, same tree again', () => trees.path({ tree: 'member', commitments: grown }, 0));
    const old = await measure('main thread (shared/zk/merkle.ts), as before', () => merkleProof(leaves.map(BigInt), N - 1));
    const same = String((old.value as { root: bigint }).root) === String((worker.value as { root: bigint }).root);
    console.log(`same root both ways: ${same}; stall before/after: ${(old.stallMs / Math.max(worker.stallMs, 1)).toFixed(0)}x`);
    if (!same) process.exitCode = 1;
  } finally {
    await trees.close();
  }
}

await main();
