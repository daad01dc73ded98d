/**
 * The renderer is served from a custom `c3://app/` scheme rather than file:// (Electron
 * security checklist: "avoid file://"): its origin is fixed, it reaches nothing else on disk,
 * and every response carries the CSP header.
 */
import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { SECURITY_HEADERS, contentSecurityPolicy } from '../bridge/csp';
import { contentTypeOf, resolveStaticPath } from '../bridge/static-files';

export const APP_SCHEME = 'c3';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  const csp = contentSecurityPolicy();
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'app' ? resolveStaticPath(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    const upstream = await net.fetch(pathToFileURL(file).toString());
    if (!upstream.ok) return new Response('Not found', { status: 404 });
    return new Response(upstream.body, {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Security-Policy': csp, 'Content-Type': contentTypeOf(file) },
    });
  });
}
