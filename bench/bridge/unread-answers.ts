/**
 * Issue 10, item 7: a client that sends calls and never reads the answers. Starts the browser
 * bridge over the real services in this process, opens one connection that stops reading its
 * socket, sends `demo.log` calls until 600 KB of requests are out (~10,500 calls, each answered
 * with ~58 KB: 600 MB of answers), and reports how much the process grows while the server is
 * stuck with them. Before the bridge had flow control this grew by ~830 MB (peak heap+external);
 * with it, ~12 MB: 32 answers in flight and the frames already read wait, the rest stay in TCP.
 *
 *   npx tsx bench/bridge/unread-answers.ts [request KB]
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import WebSocket from 'ws';
import { channels } from '../../shared/contract/channels';
import { createDispatcher } from '../../shared/contract/dispatch';
import { startBridge } from '../../electron/bridge/server';
import { createServices } from '../../electron/services';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const used = () => {
  const memory = process.memoryUsage();
  return { heap: memory.heapUsed + memory.external, rss: memory.rss };
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const requestBytes = Number(process.argv[2] ?? 600) * 1024;
const staticDir = mkdtempSync(join(tmpdir(), 'c3-bench-bridge-'));
writeFileSync(join(staticDir, 'index.html'), '<!doctype html>');
const services = createServices({ version: '0', shell: 'browser', platform: 'linux', emulators: true, dataDir: mkdtempSync(join(tmpdir(), 'c3-bench-')) });
const dispatch = createDispatcher(channels, services.handlers);
const bridge = await startBridge({ staticDir, dispatch, hub: services.hub, port: 0 });
await dispatch('demo.log', {}, { via: 'test' }); // builds the demo chain once, outside the measurement

const client = new WebSocket(`ws://127.0.0.1:${bridge.port}/bridge`, [`c3-bridge.${bridge.token}`], { origin: bridge.origin });
await new Promise((resolve) => client.once('open', resolve));
client.pause(); // the attack: never read an answer

gc();
const before = used();
let sent = 0;
let calls = 0;
for (let id = 1; sent < requestBytes; id++, calls++) {
  const frame = JSON.stringify({ type: 'call', id, channel: 'demo.log', payload: {} });
  sent += Buffer.byteLength(frame);
  client.send(frame);
}
let peak = before;
let last = -1;
for (let stable = 0, tick = 0; stable < 8 && tick < 240; tick++) {
  await sleep(250);
  const now = used();
  peak = { heap: Math.max(peak.heap, now.heap), rss: Math.max(peak.rss, now.rss) };
  // `?.`: the script also runs against a bridge without `connections()`, for the figure before.
  const taken = bridge.connections?.()[0]?.callsTaken ?? -1;
  stable = now.heap - before.heap < 1 || (taken === last && taken >= 0) ? stable + 1 : 0;
  last = taken;
}
gc();
const after = used();
const state = bridge.connections?.()[0];
console.log(`${calls} calls, ${(sent / 1024).toFixed(0)} KB of requests, never read`);
console.log(`heap+external growth: peak ${mb(peak.heap - before.heap)}, settled ${mb(after.heap - before.heap)}; rss growth: peak ${mb(peak.rss - before.rss)}`);
if (state) {
  console.log(`server holds: ${state.callsInFlight} calls in flight (${state.callsTaken} taken up), ${state.waitingFrames} frames waiting, ${mb(state.unsentBytes)} unsent, reading ${state.paused ? 'paused' : 'on'}`);
}
client.terminate();
await bridge.close();
await services.close();
process.exit(0);
