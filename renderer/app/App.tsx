/**
 * The app shell: the open workspace with its two providers (the ledger and the devices, one
 * subscription each for every page), the navigation of the route table, and the page of the
 * current hash route, loaded on first use.
 */
import { Suspense, useEffect, useMemo, useState } from 'react';
import { Badge, ErrorNotice, Loading } from '../ui/components';
import { databaseFor, openVaultDatabase, readWorkspace, REAL_DB_NAME, writeWorkspace, type Workspace } from './db/databases';
import { useApi } from './api/client';
import { LedgerProvider, useLedger } from '../ledger/LedgerProvider';
import { NoCommons } from '../ledger/NoCommons';
import { DevicesProvider } from '../devices/DevicesProvider';
import { ROUTES, routeFor, type Route } from './routes';
import { useHashPath } from './router';
import { WorkspaceContext, useWorkspace, type WorkspaceState } from './workspace';

export function App({ bridgeState }: { bridgeState: 'connecting' | 'open' | 'closed' | 'electron' }) {
  const settingsDb = useMemo(() => openVaultDatabase(REAL_DB_NAME), []);
  const [workspace, setWorkspace] = useState<Workspace | null>(null);
  const [path, navigate] = useHashPath();
  const route = routeFor(path);
  const api = useApi();

  // The services hear which workspace is shown before anything in it asks them (calls are answered
  // in the order they are sent): in the desktop app, emulated devices and the demo's sequencer exist
  // only in the Demo workspace, and are refused (DemoWorkspaceOnly) everywhere else.
  const show = (next: Workspace) => {
    void api.call('workspace.open', { workspace: next });
    setWorkspace(next);
  };

  useEffect(() => {
    void readWorkspace(settingsDb).then(show);
  }, [settingsDb]);

  // The open route's chunk is fetched while the services are asked for the Commons, not after.
  useEffect(() => {
    void route.preload().catch(() => undefined);
  }, [route]);

  const choose = (next: Workspace) => {
    show(next);
    void writeWorkspace(settingsDb, next);
  };

  if (!workspace) return <Loading label="Opening C3 Vault…" />;

  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            C3
          </span>
          <span>Vault</span>
        </div>
        <nav aria-label="Main">
          {ROUTES.map((r) => (
            <button key={r.path} type="button" className={route === r ? 'nav-item active' : 'nav-item'} aria-current={route === r ? 'page' : undefined} onClick={() => navigate(r.path)}>
              {r.label}
            </button>
          ))}
        </nav>
        <div className="sidebar-foot">
          {bridgeState === 'electron' ? (
            <span className="muted small">Desktop app</span>
          ) : (
            <span className={`conn conn-${bridgeState}`}>Browser mode · {bridgeState === 'open' ? 'connected' : bridgeState}</span>
          )}
        </div>
      </aside>
      <main className="content">
        <WorkspaceView key={workspace} workspace={workspace} route={route} onWorkspace={choose} />
      </main>
    </div>
  );
}

function WorkspaceView({ workspace, route, onWorkspace }: { workspace: Workspace; route: Route; onWorkspace: (w: Workspace) => void }) {
  const db = useMemo(() => openVaultDatabase(databaseFor(workspace)), [workspace]);
  const state = useMemo<WorkspaceState>(() => ({ workspace, db, choose: onWorkspace }), [workspace, db, onWorkspace]);
  return (
    <WorkspaceContext.Provider value={state}>
      <LedgerProvider workspace={workspace} db={db}>
        <DevicesProvider>
          {workspace === 'demo' && (
            <div className="demo-banner" role="note" data-testid="demo-banner">
              <strong>Demo Commons</strong> — a local demonstration on emulated devices with public test keys. Nothing here is real money, and nothing
              you do here touches your own Commons.
            </div>
          )}
          <Page route={route} />
        </DevicesProvider>
      </LedgerProvider>
    </WorkspaceContext.Provider>
  );
}

function Page({ route }: { route: Route }) {
  const ledger = useLedger();
  const workspace = useWorkspace();
  const commons = ledger.status.kind === 'ready' ? ledger.status.commons : null;
  const title = route.title ?? commons?.name ?? (workspace.workspace === 'demo' ? 'Demo Commons' : 'My Commons');
  return (
    <>
      <header className="page-header">
        <h1>{title}</h1>
        {route.title === null && commons?.demo && <Badge tone="demo">Demo</Badge>}
      </header>
      <Suspense fallback={<Loading label="Opening the page…" />}>{route.needsCommons ? <RequireCommons route={route} /> : route.render({ ledger, workspace })}</Suspense>
    </>
  );
}

/** A page that shows a Commons: shown once there is one; otherwise what to do, never a wait for nothing. */
function RequireCommons({ route }: { route: Extract<Route, { needsCommons: true }> }) {
  const ledger = useLedger();
  const workspace = useWorkspace();
  switch (ledger.status.kind) {
    case 'loading':
      return <Loading label="Loading the Commons…" />;
    case 'failed':
      return (
        <>
          <ErrorNotice error={ledger.status.error} onRetry={ledger.refresh} />
          {workspace.workspace === 'real' && <NoCommons />}
        </>
      );
    case 'empty':
      return <NoCommons />;
    case 'ready':
      return route.render(ledger.status.commons, { ledger, workspace });
  }
}
