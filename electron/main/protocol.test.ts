import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { SECURITY_HEADERS, contentSecurityPolicy } from '../bridge/csp';
import { registerAppScheme, serveRenderer } from './protocol';

const { fake } = await vi.hoisted(async () => {
  const { createFakeElectron } = await import('./testing/fake-electron');
  return { fake: createFakeElectron({ appPath: '/nowhere', userData: '/nowhere' }) };
});
vi.mock('electron', () => fake.module);

const root = mkdtempSync(join(tmpdir(), 'c3-protocol-'));
const rendererDir = join(root, 'renderer');
mkdirSync(join(rendererDir, 'assets'), { recursive: true });
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><div id="root"></div>');
writeFileSync(join(rendererDir, 'assets', 'app.css'), 'body{}');
writeFileSync(join(root, 'identity.json'), '{"secret":"42"}');

registerAppScheme();
await fake.emitReady();
serveRenderer(rendererDir);

describe('the c3:// scheme', () => {
  it('is registered before the app is ready as a standard, secure scheme (a real origin for the page)', () => {
    expect(fake.protocol.privileged).toEqual([{ scheme: 'c3', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
  });

  it('serves the renderer with its CSP and security headers', async () => {
    for (const url of ['c3://app/index.html', 'c3://app/']) {
      const response = await fake.fetch(url);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('<!doctype html><div id="root"></div>');
      expect(response.headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy());
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name)).toBe(value);
    }
    const css = await fake.fetch('c3://app/assets/app.css');
    expect(css.headers.get('Content-Type')).toBe('text/css; charset=utf-8');
  });

  it('serves nothing outside the renderer folder, however the path is written', async () => {
    for (const url of ['c3://app/../identity.json', 'c3://app/..%2fidentity.json', 'c3://app/%2e%2e/identity.json', 'c3://app/assets/..%2f..%2fidentity.json', 'c3://app/%00index.html', 'c3://app/%E0%A4%A']) {
      const response = await fake.fetch(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('secret');
      expect(response.headers.get('Content-Security-Policy'), url).toBe(contentSecurityPolicy());
    }
  });

  it('answers 404 for a missing file or another host, never an error page from the network stack', async () => {
    for (const url of ['c3://app/missing.js', 'c3://other/index.html', 'c3://app.evil/index.html', 'c3://app:8080/index.html']) {
      expect((await fake.fetch(url)).status, url).toBe(404);
    }
  });
});
