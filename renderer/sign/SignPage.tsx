/**
 * Co-signing a Commons action: compose it (or open a request file a co-signer sent), see what
 * every device will show (the action in words, the EIP-712 domain and message hashes), and
 * collect the quorum of hardware signatures that the verified ledger says the action needs, each
 * recovered and checked before it counts. Every word and hash shown is derived from the verified
 * ledger and the signed action (shared/quorum/), never from names a file carries; an action the
 * ledger would refuse is said in words before any device is asked (Compose.tsx, Collect.tsx).
 */
import { useMemo, useState } from 'react';
import { type CommonsView } from '../../shared/contract/commons-view';
import { authorityOf } from '../../shared/quorum/authority';
import { parseRequestFile, type SigningRequest } from '../../shared/quorum/request';
import { requestProblem } from '../../shared/quorum/errors';
import { Card, ErrorNotice } from '../ui/components';
import { type ShownError } from '../ui/describe-error';
import { requestFileUnreadable } from '../ui/errors/flows';
import { Collect } from './Collect';
import { Compose } from './Compose';
import { ScanQr } from './qr/ScanQr';

export function SignPage({ commons, onSequenced }: { commons: CommonsView; /** The demo's stewards sequenced an action: time to sync. */ onSequenced: () => void }) {
  const [request, setRequest] = useState<SigningRequest | null>(null);
  const [fileError, setFileError] = useState<ShownError | null>(null);
  // Who must sign, from the ledger: a request for a vault it does not hold cannot be collected.
  const authority = useMemo(() => (request ? authorityOf(commons, request.action) : null), [commons, request]);
  // Once the request executed, its vault exists (a vault it created) or moved on: it is shown by
  // the authority it had when it was opened.
  const [opened, setOpened] = useState<{ request: SigningRequest; authority: NonNullable<typeof authority> & { ok: true } } | null>(null);
  const current = authority?.ok ? authority : opened && request && opened.request.action === request.action ? opened.authority : null;

  const open = (next: SigningRequest) => {
    const found = authorityOf(commons, next.action);
    if (!found.ok) return setFileError(found.error);
    setFileError(null);
    setOpened({ request: next, authority: found });
    setRequest(next);
  };

  /** A request read from a file or from QR codes (read by the same parser): opened if it is this Commons'. */
  const openRead = (read: SigningRequest) => {
    // Names in the file are not signed: say which Commons by what the ledger knows.
    if (read.commonsId !== commons.commonsId.toLowerCase()) return setFileError(requestProblem('OtherCommons', { ours: commons.commonsId.toLowerCase(), theirs: read.commonsId }));
    open(read);
  };

  const openFile = async (file: File | undefined) => {
    if (!file) return;
    const parsed = parseRequestFile(await file.text());
    if (!parsed.ok) return setFileError(requestFileUnreadable(parsed.error));
    openRead(parsed.value);
  };

  return (
    <div className="sign">
      {!request && (
        <>
          <Compose commons={commons} onCreate={open} />
          <Card title="Co-sign a request from a file or QR code">
            <label className="file-pick">
              Open a signing request (.json) that a co-signer sent you
              <input type="file" accept=".json,application/json" data-testid="open-request" onChange={(e) => void openFile(e.target.files?.[0])} />
            </label>
            <ScanQr onRequest={openRead} />
            {fileError && <ErrorNotice error={fileError} />}
          </Card>
        </>
      )}
      {request && current && (
        <Collect
          commons={commons}
          request={request}
          authority={current.value}
          onChange={setRequest}
          onClose={() => {
            setRequest(null);
            setOpened(null);
          }}
          onSequenced={onSequenced}
        />
      )}
    </div>
  );
}
