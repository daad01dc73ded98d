/**
 * The app never reaches the network on a device's behalf. hw-app-eth is constructed with every
 * service URL off (ledger-eth-driver.ts), but @trezor/connect has no switch for two lookups:
 * its firmware release config (global `fetch`, at init) and the Ethereum network definitions
 * that `ethereumSignMessage` always downloads (cross-fetch → node-fetch → https.request).
 * Both tolerate a failed request and fall back to their bundled data, so we refuse the vendors'
 * data hosts here, narrowly: every other request of the process is left alone.
 */
import http from 'node:http';
import https from 'node:https';

const VENDOR_HOSTS = [/(^|\.)trezor\.io$/i, /(^|\.)sldev\.cz$/i, /(^|\.)ledger\.com$/i, /(^|\.)live\.ledger\.com$/i];

export const isVendorHost = (host: string): boolean => VENDOR_HOSTS.some((re) => re.test(host));

export class VendorNetworkRefused extends Error {
  constructor(readonly url: string) {
    super(`C3 Vault does not contact ${url} on a device's behalf.`);
    this.name = 'VendorNetworkRefused';
  }
}

let installed = false;
/** URLs refused since start (tests read it to prove the libraries tried and were stopped). */
export const refusedRequests: string[] = [];

function hostOf(input: unknown): string | null {
  try {
    if (typeof input === 'string') return new URL(input).hostname;
    if (input instanceof URL) return input.hostname;
    if (input && typeof input === 'object') {
      const o = input as { url?: unknown; hostname?: unknown; host?: unknown };
      if (typeof o.url === 'string') return new URL(o.url).hostname;
      if (typeof o.hostname === 'string') return o.hostname;
      if (typeof o.host === 'string') return o.host.split(':')[0] ?? null;
    }
  } catch {
    return null;
  }
  return null;
}

export function installVendorNetworkGuard(): void {
  if (installed) return;
  installed = true;
  const originalFetch = globalThis.fetch;
  if (typeof originalFetch === 'function') {
    globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
      const host = hostOf(input);
      if (host && isVendorHost(host)) {
        refusedRequests.push(String(input instanceof Request ? input.url : input));
        return Promise.reject(new VendorNetworkRefused(String(host)));
      }
      return originalFetch(input, init);
    }) as typeof fetch;
  }
  for (const mod of [http, https] as const) {
    for (const method of ['request', 'get'] as const) {
      const original = mod[method] as (...args: unknown[]) => http.ClientRequest;
      (mod as unknown as Record<string, unknown>)[method] = (...args: unknown[]): http.ClientRequest => {
        const host = hostOf(args[0]);
        if (host && isVendorHost(host)) {
          refusedRequests.push(String(args[0] instanceof URL ? args[0].href : typeof args[0] === 'string' ? args[0] : host));
          throw new VendorNetworkRefused(host);
        }
        return original.apply(mod, args);
      };
    }
  }
}
