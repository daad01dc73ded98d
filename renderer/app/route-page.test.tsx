import { Suspense } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { loadedChunk, tracked } from './chunks';
import { routePage } from './route-page';

const render = (node: React.ReactNode) => renderToStaticMarkup(<Suspense fallback={<i>opening</i>}>{node}</Suspense>);

describe('a route page from its chunk (route-page.tsx)', () => {
  it('suspends while its chunk has not loaded, and renders at once, without a fallback, once it has', async () => {
    let loads = 0;
    const chunk = tracked(async () => {
      loads += 1;
      return { Page: ({ who }: { who: string }) => <p>page of {who}</p> };
    });
    const Page = routePage(chunk, (m) => m.Page);
    expect(loadedChunk(chunk)).toBeUndefined();
    // Not loaded: React.lazy, which suspends (the server renderer writes the fallback).
    expect(render(<Page who="ana" />)).toBe('<i>opening</i>');
    await chunk();
    expect(loadedChunk(chunk)).toBeDefined();
    // Loaded: the page itself, no fallback.
    expect(render(<Page who="ana" />)).toBe('<p>page of ana</p>');
    expect(loads).toBe(2);
  });

  it('remembers only a chunk that loaded, not one that failed', async () => {
    const chunk = tracked(() => Promise.reject(new Error('offline')));
    await expect(chunk()).rejects.toThrow('offline');
    expect(loadedChunk(chunk)).toBeUndefined();
  });
});
