/**
 * Who may talk to the emulator Bridge: the checks the real Trezor Bridge applies, so that a web
 * page the person happens to have open cannot drive an emulated Trezor.
 *
 * - Origin (trezord-go's CORS validator, server/api/api.go, and trezor-suite's Node bridge,
 *   packages/transport-bridge/src/http.ts): `https://` trezor.io and its subdomains, SatoshiLabs'
 *   sldev.cz development servers, Suite's Tor onion address, and `localhost` pages (the Node
 *   bridge allows any port). The patterns are anchored: `https://eviltrezor.io` or
 *   `https://trezor.io.evil.example` is not trezor.io. The Node build of @trezor/connect sends
 *   `Origin: https://wallet.trezor.io` (applyBridgeApiCallHeaders), so the app passes.
 * - No Origin at all (a Node client such as connect's pinger, or a person typing the address):
 *   allowed, as the Node bridge allows it, but only with the loopback Host below.
 * - Host: `127.0.0.1:<port>` or `localhost:<port>` only. A page on `http://evil.example:21325`
 *   whose name is re-pointed at 127.0.0.1 (DNS rebinding) reaches this server with its own name
 *   in Host (and its own Origin), and is refused.
 */
import { type IncomingHttpHeaders } from 'node:http';

const ALLOWED_ORIGINS: readonly RegExp[] = [
  /^https:\/\/([A-Za-z0-9_-]+\.)*trezor\.io$/,
  /^https:\/\/([A-Za-z0-9_-]+\.)*sldev\.cz$/,
  /^https?:\/\/([A-Za-z0-9_-]+\.)*trezoriovpjcahpzkrewelclulmszwbqpzmzgub37gbcjlvluxtruqad\.onion$/,
  /^https?:\/\/localhost(:\d{1,5})?$/,
];

export type BridgeRefusal = 'host' | 'origin';

export function isAllowedBridgeOrigin(origin: string): boolean {
  return ALLOWED_ORIGINS.some((pattern) => pattern.test(origin));
}

/** Why a request must be refused (403, nothing done), or null when it may go on. */
export function bridgeRequestRefusal(headers: IncomingHttpHeaders, port: number): BridgeRefusal | null {
  const host = headers.host;
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return 'host';
  const origin = headers.origin;
  if (origin !== undefined && !isAllowedBridgeOrigin(origin)) return 'origin';
  return null;
}

/** trezord-go's CORS answer: the allowed Origin echoed back, and what a preflight may ask for. */
export const CORS_ALLOWED_METHODS = 'POST, OPTIONS';
export const CORS_ALLOWED_HEADERS = 'Accept, Accept-Language, Content-Language, Origin, Content-Type';
