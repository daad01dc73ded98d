/** Settings: which workspace is open (the Demo Commons or the member's own), what the app is running on, and its circuits. */
import { Fragment, useEffect, useState } from 'react';
import { type AppInfo, type Channels } from '../../shared/contract/channels';
import { type AppError } from '../../shared/contract/errors';
import { useApi } from '../app/api/client';
import { type Workspace } from '../app/db/databases';
import { Badge, Card, ErrorNotice } from '../ui/components';
import { type ResponseOf } from '../../shared/contract/define';

type ZkStatus = ResponseOf<Channels, 'zk.status'>;

export function SettingsPage({ workspace, onWorkspace }: { workspace: Workspace; onWorkspace: (workspace: Workspace) => void }) {
  const api = useApi();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [zk, setZk] = useState<ZkStatus | null>(null);

  useEffect(() => {
    void api.call('app.info', {}).then((answer) => (answer.ok ? setInfo(answer.value) : setError(answer.error)));
    void api.call('zk.status', {}).then((answer) => (answer.ok ? setZk(answer.value) : setError(answer.error)));
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
            <dt>Identity secret</dt>
            <dd data-testid="secret-protection">
              {info.secretProtection === 'os-keychain' ? (
                <Badge tone="ok">encrypted with your system keychain</Badge>
              ) : (
                <>
                  <Badge tone="warn">not encrypted</Badge> A file in the app’s data folder that only your user account may read (permissions
                  0600). Anyone who can read your files, or a copy of them, can read it.
                  {info.shell === 'browser' && ' The desktop app keeps it encrypted with the system keychain instead.'}
                </>
              )}
            </dd>
          </dl>
        )}
      </Card>
      <Card title="Zero-knowledge circuits">
        {zk && (
          <>
            <p>Proofs of membership, ballots and credentials are made on this machine with these circuits, each checked against its manifest hash before use.</p>
            {zk.problem && (
              <ErrorNotice error={zk.problem} />
            )}
            <dl className="facts" data-testid="zk-status">
              {zk.circuits.map((c) => (
                <Fragment key={c.name}>
                  <dt>{c.name}</dt>
                  <dd>
                    {c.constraints.toLocaleString('en')} constraints · {c.ready ? <Badge tone="ok">checked</Badge> : <Badge tone="warn">not usable</Badge>}
                  </dd>
                </Fragment>
              ))}
              <dt>Setup</dt>
              <dd>
                {zk.ceremony === 'local-beacon' ? (
                  <Badge tone="warn">development keys — a public-beacon setup, for the demo and tests only</Badge>
                ) : (
                  <Badge tone="ok">multi-party ceremony</Badge>
                )}
              </dd>
            </dl>
          </>
        )}
      </Card>
    </div>
  );
}
