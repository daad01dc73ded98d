/** The app shell: header with the open Commons, navigation, and the page. */
import { useEffect, useMemo, useState } from 'react';
import { Dashboard } from '../vault/Dashboard';
import { SettingsPage } from '../settings/SettingsPage';
import { Badge, Card, ErrorNotice, Loading } from '../ui/components';
import { databaseFor, openVaultDatabase, readWorkspace, REAL_DB_NAME, writeWorkspace, type Workspace } from './db/databases';
import { useCommons } from './useCommons';
import { ImportLedger } from '../ledger/ImportLedger';
import { DevicesPage } from '../devices/DevicesPage';
import { SignPage } from '../sign/SignPage';
import { EnrolPage } from '../identity/EnrolPage';
import { useMyMeid } from '../identity/useMyMeid';
import { GovernancePage } from '../governance/GovernancePage';
import { CredentialsPage } from '../identity/CredentialsPage';
import { useApi } from './api/client';

type Page = 'dashboard' | 'enrol' | 'sign' | 'vote' | 'credentials' | 'devices' | 'settings';
const PAGES: { id: Page; label: string }[] = [
  { id: 'dashboard', label: 'Dashboard' },
  { id: 'enrol', label: 'Enrol' },
  { id: 'sign', label: 'Co-sign' },
  { id: 'vote', label: 'Vote' },
  { id: 'credentials', label: 'Credentials' },
  { id: 'devices', label: 'Devices' },
  { id: 'settings', label: 'Settings' },
];
const TITLES: Record<Exclude<Page, 'dashboard'>, string> = { enrol: 'Enrol with your MEID', vote: 'Vote', credentials: 'Credentials', sign: 'Co-sign a vault action', devices: 'Devices', settings: 'Settings' };

export function App({ bridgeState }: { bridgeState: 'connecting' | 'open' | 'closed' | 'electron' }) {
  const settingsDb = useMemo(() => openVaultDatabase(REAL_DB_NAME), []);
  const [workspace, setWorkspace] = useState<Workspace | null>(null);
  const [page, setPage] = useState<Page>('dashboard');
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

  const choose = (next: Workspace) => {
    void show(next);
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
          {PAGES.map((p) => (
            <button key={p.id} type="button" className={page === p.id ? 'nav-item active' : 'nav-item'} aria-current={page === p.id ? 'page' : undefined} onClick={() => setPage(p.id)}>
              {p.label}
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
        <WorkspaceView key={workspace} workspace={workspace} page={page} onWorkspace={choose} />
      </main>
    </div>
  );
}

function WorkspaceView({ workspace, page, onWorkspace }: { workspace: Workspace; page: Page; onWorkspace: (w: Workspace) => void }) {
  const db = useMemo(() => openVaultDatabase(databaseFor(workspace)), [workspace]);
  const { state, refresh, ledger } = useCommons(workspace, db);
  const commons = state.status === 'ready' ? state.commons[0] : undefined;
  const emulatorsEnabled = useEmulatorsEnabled();
  const meid = useMyMeid(db);

  return (
    <>
      {workspace === 'demo' && (
        <div className="demo-banner" role="note" data-testid="demo-banner">
          <strong>Demo Commons</strong> — a local demonstration on emulated devices with public test keys. Nothing here is real money, and nothing
          you do here touches your own Commons.
        </div>
      )}
      <header className="page-header">
        <h1>{page !== 'dashboard' ? TITLES[page] : (commons?.name ?? (workspace === 'demo' ? 'Demo Commons' : 'My Commons'))}</h1>
        {page === 'dashboard' && commons?.demo && <Badge tone="demo">Demo</Badge>}
      </header>
      {page === 'settings' && <SettingsPage workspace={workspace} onWorkspace={onWorkspace} />}
      {page === 'devices' && <DevicesPage emulatorsEnabled={emulatorsEnabled} />}
      {page === 'vote' && (commons ? <GovernancePage commons={commons} demo={workspace === 'demo'} onCast={refresh} /> : <Loading label="Loading the Commons…" />)}
      {page === 'credentials' && (commons ? <CredentialsPage commons={commons} /> : <Loading label="Loading the Commons…" />)}
      {page === 'enrol' &&
        (commons ? (
          <EnrolPage
            commons={commons}
            demo={workspace === 'demo'}
            exportLog={ledger.exportLog}
            onEnrolled={(commitment) => {
              void meid.remember(commitment);
              refresh();
            }}
          />
        ) : (
          <Loading label="Loading the Commons…" />
        ))}
      {page === 'sign' && (commons ? <SignPage commons={commons} onSequenced={refresh} /> : <Loading label="Loading the Commons…" />)}
      {page === 'dashboard' && (
        <>
          {state.status === 'loading' && <Loading label="Loading the Commons…" />}
          {state.status === 'failed' && <ErrorNotice error={state.error} onRetry={refresh} />}
          {state.status === 'ready' && state.syncError && (
            <>
              <ErrorNotice error={state.syncError} onRetry={refresh} />
              {ledger.startDemoAgain && typeof state.syncError['seq'] === 'number' && (
                <p className="small">
                  This copy of the Demo Commons no longer matches the demo’s own log (it was reset, or its saved log did not verify).{' '}
                  <button type="button" onClick={() => void ledger.startDemoAgain?.()}>
                    Start the Demo Commons again
                  </button>
                </p>
              )}
            </>
          )}
          {state.status === 'ready' && commons && <Dashboard commons={commons} ledger={ledger} myCommitment={meid.commitment} />}
          {state.status === 'ready' && !commons && (
            <Card title="No Commons yet">
              <p>You have not joined a Commons on this machine. Your own data will appear here once you import a Commons ledger or enrol.</p>
              <ImportLedger ledger={ledger} />
              <button type="button" onClick={() => onWorkspace('demo')}>
                Open the Demo Commons
              </button>
            </Card>
          )}
        </>
      )}
    </>
  );
}

/** Whether emulated devices may be plugged in (the demo and tests), as the services say. */
function useEmulatorsEnabled(): boolean {
  const api = useApi();
  const [enabled, setEnabled] = useState(false);
  useEffect(() => {
    let live = true;
    void api.call('app.info', {}).then((answer) => live && answer.ok && setEnabled(answer.value.emulatorsEnabled));
    return () => {
      live = false;
    };
  }, [api]);
  return enabled;
}
