/**
 * Renderer entry. The chunk of the route the page opens on is asked for first, so that it loads
 * alongside the app's own code rather than after that code has loaded and run (a page load's
 * longest wait was that second round trip); then the app starts (app/boot.tsx).
 */
import { chunkForPath, pathOfHash } from './app/chunks';
import './ui/styles.css';

void chunkForPath(pathOfHash(window.location.hash))().catch(() => undefined);
void import('./app/boot');
