import { type ComponentType, lazy, useState } from 'react';
import { loadedChunk } from './chunks';

/**
 * A route's page from its chunk: rendered at once when the chunk has loaded already (main.tsx asks
 * for the opening route's chunk first thing), through React.lazy otherwise. Suspending on a chunk
 * that is already there cost a page load 300 ms: React 19 reveals what a Suspense fallback stood
 * for no sooner than 300 ms after the fallback was shown. Chosen once per mount, so that a page
 * never remounts (and loses what is typed in it) when its chunk arrives.
 */
export function routePage<M, P extends object>(chunk: () => Promise<M>, pick: (module: M) => ComponentType<P>): ComponentType<P> {
  const Lazy = lazy(() => chunk().then((module) => ({ default: pick(module) })));
  return function RoutePage(props: P) {
    const [Loaded] = useState(() => {
      const module = loadedChunk(chunk);
      return module === undefined ? null : pick(module);
    });
    const Page = (Loaded ?? Lazy) as ComponentType<P>;
    return <Page {...props} />;
  };
}
