/**
 * Joining a Commons from its invite file (docs/invite-and-update-files.md): the invite is read and
 * kept by the main process, which then waits for that Commons' first ledger file. The ledger's
 * genesis must be the invite's (id, genesis hash, name, stewards, threshold) before any entry is
 * verified and stored; a ledger of another Commons is refused in words and changes nothing.
 */
import { useCallback, useEffect, useState } from 'react';
import { type AppError } from '../../shared/contract/errors';
import { type InviteFile } from '../../shared/commons/invite-file';
import { useApi } from '../app/api/client';
import { useWorkspace } from '../app/workspace';
import { useHashPath } from '../app/router';
import { Card, ErrorNotice } from '../ui/components';

export function InviteCard() {
  const api = useApi();
  const { workspace, choose } = useWorkspace();
  const [, navigate] = useHashPath();
  const [invites, setInvites] = useState<InviteFile[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const [joined, setJoined] = useState<{ name: string; height: number } | null>(null);

  const load = useCallback(async () => {
    const answer = await api.call('invite.list', {});
    if (answer.ok) setInvites(answer.value.invites);
  }, [api]);
  useEffect(() => void load(), [load]);

  const open = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setJoined(null);
    const answer = await api.call('invite.open', { text: await file.text() });
    if (!answer.ok) return setError(answer.error);
    await load();
  };

  const join = async (invite: InviteFile, file: File | undefined) => {
    if (!file) return;
    setError(null);
    const answer = await api.call('invite.join', { commonsId: invite.commonsId, log: await file.text() });
    if (!answer.ok) return setError(answer.error);
    setJoined({ name: answer.value.name, height: answer.value.height });
    await load();
    if (workspace !== 'real') choose('real');
    navigate('/vault');
  };

  return (
    <Card title="Join a Commons">
      <p className="small">Open the invite file the stewards gave you, then the Commons’ ledger file: your app checks that the ledger is the invited Commons and verifies every entry before storing it.</p>
      <label className="file-pick">
        Open an invite file
        <input type="file" accept=".json,application/json" data-testid="open-invite" onChange={(e) => void open(e.target.files?.[0])} />
      </label>
      {invites.map((invite) => (
        <div key={invite.commonsId} className="invite" data-testid="invite">
          <h3>{invite.name}</h3>
          <dl className="facts">
            <dt>Commons id</dt>
            <dd className="mono small">{invite.commonsId}</dd>
            <dt>Genesis hash</dt>
            <dd className="mono small">{invite.genesisHash}</dd>
            <dt>Stewards</dt>
            <dd>
              {invite.threshold} of {invite.stewards.length} must seal each entry:
              <ul>
                {invite.stewards.map((s) => (
                  <li key={s.address}>
                    {s.label} · {s.device} · <span className="mono small">{s.address}</span>
                  </li>
                ))}
              </ul>
            </dd>
          </dl>
          <label className="file-pick">
            Import its ledger file (.jsonl)
            <input type="file" accept=".jsonl,.json,application/jsonl,text/plain" data-testid="join-ledger" aria-label={`Ledger file for ${invite.name}`} onChange={(e) => void join(invite, e.target.files?.[0])} />
          </label>
        </div>
      ))}
      {joined && (
        <p role="status" data-testid="joined">
          Joined {joined.name}: {joined.height} {joined.height === 1 ? 'entry' : 'entries'} verified and stored. Import the stewards’ update files from entry {joined.height} on, as they seal them.
        </p>
      )}
      {error && <ErrorNotice error={error} />}
    </Card>
  );
}
