import { describe, expect, it, vi } from 'vitest';
import { appUrlMatcher } from './app-url';
import { APP_ORIGIN, isAppUrl } from './protocol';

const { fake } = await vi.hoisted(async () => {
  const { createFakeElectron } = await import('./testing/fake-electron');
  return { fake: createFakeElectron({ appPath: '/nowhere', userData: '/nowhere' }) };
});
vi.mock('electron', () => fake.module);

describe("the app's own pages", () => {
  it('include the packaged page at c3://app/index.html, whose URL.origin Node calls "null"', () => {
    // The bug this guards against: comparing origins refused the app's own page.
    expect(new URL('c3://app/index.html').origin).toBe('null');
    expect(isAppUrl('c3://app/index.html')).toBe(true);
    expect(isAppUrl('c3://app/')).toBe(true);
    expect(isAppUrl('c3://app/assets/index-3f2a.js?v=1#top')).toBe(true);
    expect(APP_ORIGIN).toBe('c3://app');
  });

  it('do not include a look-alike host, credentials, a port, another scheme or no host at all', () => {
    for (const url of [
      'c3://app.evil/index.html',
      'c3://evil.app/index.html',
      'c3://evil@app/index.html',
      'c3://app:evil@app/index.html',
      'c3://app:8080/index.html',
      'c3://APP/index.html',
      'c3:app/index.html',
      'c3:///app/index.html',
      'c4://app/index.html',
      'https://app/index.html',
      'https://evil.example/',
      'file:///etc/passwd',
      'file://app/index.html',
      'data:text/html,<script>alert(1)</script>',
      'javascript:alert(1)',
      'about:blank',
      'blob:c3://app/5d1c0b0e',
      '',
      'not a url',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('of the dev server are its own scheme, host and port only', () => {
    const isDevPage = appUrlMatcher('http://localhost:5173');
    expect(isDevPage('http://localhost:5173/')).toBe(true);
    expect(isDevPage('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(isDevPage('http://localhost:5174/')).toBe(false);
    expect(isDevPage('https://localhost:5173/')).toBe(false);
    expect(isDevPage('http://localhost.evil.example:5173/')).toBe(false);
    expect(isDevPage('http://127.0.0.1:5173/')).toBe(false);
  });

  it('cannot be defined by an origin without a host', () => {
    expect(() => appUrlMatcher('c3:app')).toThrow('has no host');
  });
});
