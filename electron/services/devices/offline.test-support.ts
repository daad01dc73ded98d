/**
 * Test support: every attempt to leave 127.0.0.1 (a socket to another host, a global fetch)
 * is recorded and fails, so that a test can prove the device layer never reaches the network.
 */
import net from 'node:net';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', undefined, '']);

export interface OfflineGuard {
  readonly attempts: string[];
  restore(): void;
}

export function goOffline(): OfflineGuard {
  const attempts: string[] = [];
  const originalConnect = net.Socket.prototype.connect;
  const originalFetch = globalThis.fetch;
  net.Socket.prototype.connect = function patched(this: net.Socket, ...args: unknown[]) {
    const first = args[0] as { host?: string; path?: string } | number | string | undefined;
    const host = typeof first === 'object' && first !== null ? (first.path ? 'localhost' : first.host) : typeof args[1] === 'string' ? args[1] : undefined;
    if (!LOOPBACK.has(host)) {
      attempts.push(`socket ${String(host)}`);
      throw new Error(`offline test: connection to ${String(host)} refused`);
    }
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
  globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!/^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url)) {
      attempts.push(`fetch ${url}`);
      return Promise.reject(new Error(`offline test: fetch ${url} refused`));
    }
    return originalFetch(input, init);
  }) as typeof fetch;
  return {
    attempts,
    restore() {
      net.Socket.prototype.connect = originalConnect;
      globalThis.fetch = originalFetch;
    },
  };
}
