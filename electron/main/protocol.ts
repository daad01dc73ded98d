/**
 * The renderer is served from a custom `c3://app/` scheme rather than file:// (Electron
 * security checklist: "avoid file://"): its origin is fixed, it reaches nothing else on disk,
 * and every response carries the CSP header.
 */
import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { SECURITY_HEADERS, contentSecurityPolicy } from '../bridge/csp';
import { contentTypeOf, resolveStaticPath } from '../bridge/static-files';
import { appUrlMatcher } from './app-url';

export const APP_SCHEME = 'c3';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
/** Whether a URL is one of the app's own pages (scheme and host compared, see app-url.ts). */
export const isAppUrl = appUrlMatcher(APP_ORIGIN);

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  const csp = contentSecurityPolicy();
  const headers = (contentType: string) => ({ ...SECURITY_HEADERS, 'Content-Security-Policy': csp, 'Content-Type': contentType });
  const notFound = () => new Response('Not found', { status: 404, headers: headers('text/plain; charset=utf-8') });
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = isAppUrl(request.url) ? resolveStaticPath(rendererDir, url.pathname) : null;
    if (!file) return notFound();
    // net.fetch reads inside the app's asar archive; a missing file is a rejection, not a 404.
    const upstream = await net.fetch(pathToFileURL(file).toString()).catch(() => null);
    if (!upstream?.ok) return notFound();
    return new Response(upstream.body, { status: 200, headers: headers(contentTypeOf(file)) });
  });
}
