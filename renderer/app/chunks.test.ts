import { describe, expect, it } from 'vitest';
import { chunkForPath, pathOfHash } from './chunks';
import { DEFAULT_ROUTE, ROUTES, routeFor } from './routes';

describe('the chunk the entry fetches first (chunks.ts)', () => {
  it('is the chunk of the route the page opens on, for every route and for any other path', () => {
    for (const route of ROUTES) expect(chunkForPath(route.path), route.path).toBe(route.preload);
    for (const path of ['', '/', '/nowhere', '/vault/extra', 'vault']) expect(chunkForPath(path), path).toBe(routeFor(path).preload);
    expect(chunkForPath('')).toBe(DEFAULT_ROUTE.preload);
  });

  it('reads the path from the fragment as the router does: the bridge token names no route', () => {
    expect(pathOfHash('#/sign')).toBe('/sign');
    expect(pathOfHash('#/identity/enrol')).toBe('/identity/enrol');
    expect(pathOfHash('#token=813369c4')).toBe('');
    expect(pathOfHash('')).toBe('');
  });
});
