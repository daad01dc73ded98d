/**
 * Hash routes (`#/vault`, `#/sign`, …): the address says which page is open, so a reload or the
 * back button keeps it, and nothing leaves the page (no server routes: the app is served from
 * c3://app or 127.0.0.1). The bridge token, which arrives once in the fragment, is taken and
 * removed before the router reads it (api/transports.ts).
 */
import { useCallback, useSyncExternalStore } from 'react';
import { pathOfHash } from './chunks';

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** The path in the fragment (`/sign` for `#/sign`), or '' when there is none. */
const currentPath = () => pathOfHash(window.location.hash);

export function useHashPath(): [path: string, navigate: (path: string) => void] {
  const path = useSyncExternalStore(subscribe, currentPath);
  const navigate = useCallback((next: string) => {
    if (currentPath() !== next) window.location.hash = next;
  }, []);
  return [path, navigate];
}
