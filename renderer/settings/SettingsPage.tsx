/** Settings: which workspace is open (the Demo Commons or the member's own), and what the app is running on. */
import { useEffect, useState } from 'react';
import { type AppInfo } from '../../shared/contract/channels';
import { type AppError } from '../../shared/contract/errors';
import { useApi } from '../app/api/client';
import { type Workspace } from '../app/db/databases';
import { Card, ErrorNotice } from '../ui/components';

export function SettingsPage({ workspace, onWorkspace }: { workspace: Workspace; onWorkspace: (workspace: Workspace) => void }) {
  const api = useApi();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    void api.call('app.info', {}).then((answer) => (answer.ok ? setInfo(answer.value) : setError(answer.error)));
  }, [api]);

  return (
    <div className="stack">
      <Card title="Workspace">
        <p>
          The Demo Commons runs on emulated devices with public test keys, in a database of its own. Your own Commons data is kept
          apart from it and is never mixed with the demo.
        </p>
        <div className="segmented" role="radiogroup" aria-label="Workspace">
          <label>
            <input type="radio" name="workspace" checked={workspace === 'demo'} onChange={() => onWorkspace('demo')} /> Demo Commons
          </label>
          <label>
            <input type="radio" name="workspace" checked={workspace === 'real'} onChange={() => onWorkspace('real')} /> My Commons
          </label>
        </div>
      </Card>
      <Card title="About this app">
        {error && <ErrorNotice error={error} />}
        {info && (
          <dl className="facts">
            <dt>Version</dt>
            <dd>
              {info.name} {info.version}
            </dd>
            <dt>Running as</dt>
            <dd>{info.shell === 'electron' ? 'Desktop app (Electron)' : 'Browser mode, served on 127.0.0.1 by npm run start:browser'}</dd>
            <dt>Platform</dt>
            <dd>{info.platform}</dd>
            <dt>Emulated devices</dt>
            <dd>{info.emulatorsEnabled ? 'On — for the demo and tests only, never for real funds' : 'Off'}</dd>
          </dl>
        )}
      </Card>
    </div>
  );
}
