/**
 * The Content-Security-Policy of the renderer, in one place: the Electron protocol handler
 * and the browser bridge send it as a header, and the built index.html carries it as a meta
 * tag too. No inline script, no eval, no remote origin: the renderer talks only to its own
 * origin (and, in browser mode, to the bridge's WebSocket on loopback).
 */
export function contentSecurityPolicy(options: { bridgeOrigins?: readonly string[] } = {}): string {
  const connect = ["'self'", ...(options.bridgeOrigins ?? [])].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Headers every renderer response carries, besides the CSP. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), hid=(), serial=()',
};
