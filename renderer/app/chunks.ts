/**
 * Each flow's chunk, fetched once: on first render of its route, ahead of it when the route opens
 * (App), or, for the route the page opens on, by the entry itself before the app's own code has
 * loaded (main.tsx). Nothing here imports a page: the entry stays small.
 */
/** Each chunk's module once it has loaded, keyed by its loader. */
const loaded = new Map<() => Promise<unknown>, unknown>();

/** A chunk loader that remembers its module once loaded (`loadedChunk`). */
export function tracked<M>(load: () => Promise<M>): () => Promise<M> {
  const chunk = (): Promise<M> =>
    load().then((module) => {
      loaded.set(chunk, module);
      return module;
    });
  return chunk;
}

/** A chunk's module if it has loaded already (the route can then render without suspending). */
export const loadedChunk = <M>(chunk: () => Promise<M>): M | undefined => loaded.get(chunk) as M | undefined;

export const chunks = {
  vault: tracked(() => import('../vault/VaultRoute')),
  enrol: tracked(() => import('../identity/EnrolRoute')),
  sign: tracked(() => import('../sign/SignPage')),
  governance: tracked(() => import('../governance/GovernancePage')),
  credit: tracked(() => import('../credit/CreditPage')),
  staking: tracked(() => import('../staking/StakingPage')),
  impact: tracked(() => import('../impact/ImpactPage')),
  dex: tracked(() => import('../dex/DexPage')),
  disputes: tracked(() => import('../judicial/DisputePage')),
  credentials: tracked(() => import('../identity/CredentialsPage')),
  patronage: tracked(() => import('../patronage/PatronagePage')),
  devices: tracked(() => import('./DevicesRoute')),
  vaultWizard: tracked(() => import('../vault/wizard/VaultWizardPage')),
  inbox: tracked(() => import('../vault/inbox/InboxPage')),
  history: tracked(() => import('../history/HistoryPage')),
  settings: tracked(() => import('../settings/SettingsPage')),
  genesis: tracked(() => import('../genesis/GenesisRoute')),
};

/** The chunk of each route's path (routes.tsx's `preload`; a test keeps the two the same). */
const CHUNK_OF_PATH: Readonly<Record<string, () => Promise<unknown>>> = {
  '/vault': chunks.vault,
  '/identity/enrol': chunks.enrol,
  '/sign': chunks.sign,
  '/vaults/new': chunks.vaultWizard,
  '/inbox': chunks.inbox,
  '/history': chunks.history,
  '/credit': chunks.credit,
  '/governance': chunks.governance,
  '/staking': chunks.staking,
  '/impact': chunks.impact,
  '/dex': chunks.dex,
  '/patronage': chunks.patronage,
  '/disputes': chunks.disputes,
  '/identity/credentials': chunks.credentials,
  '/stewards': chunks.genesis,
  '/stewards/genesis': chunks.genesis,
  '/join': chunks.genesis,
  '/devices': chunks.devices,
  '/settings': chunks.settings,
};

/** The route path a location hash opens ('' when it names none: the dashboard). */
export const pathOfHash = (hash: string): string => (hash.startsWith('#/') ? hash.slice(1) : '');

/** The chunk of the route a path opens: the dashboard's for any path that is not a route (routes.tsx `routeFor`). */
export const chunkForPath = (path: string): (() => Promise<unknown>) => CHUNK_OF_PATH[path] ?? chunks.vault;
