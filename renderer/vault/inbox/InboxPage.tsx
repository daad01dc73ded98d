/**
 * The request inbox of each vault (SPEC §3): every signing request this machine holds for it, kept
 * in dexie so that it survives a reload (store.ts), each with where it stands on the verified
 * ledger and who is still needed; copies from files or QR codes merge into the request they ask
 * the same as, a request for another vault is refused, and a request whose action number the
 * ledger spent on another action reads as superseded, naming the entry that spent it.
 */
import { liveQuery } from 'dexie';
import { useEffect, useMemo, useState } from 'react';
import { type CommonsView } from '../../../shared/contract/commons-view';
import { type Hex } from '../../../shared/crypto/canonical';
import { nobleRecoverer } from '../../../shared/crypto/recover';
import { authorityOf } from '../../../shared/quorum/authority';
import { describeAction } from '../../../shared/quorum/describe';
import { parseRequestFile, type SigningRequest } from '../../../shared/quorum/request';
import { validSigners } from '../../../shared/quorum/signatures';
import { useApi } from '../../app/api/client';
import { useWorkspace } from '../../app/workspace';
import { ledgerClient } from '../../ledger/client';
import { useLedger } from '../../ledger/LedgerProvider';
import { Collect } from '../../sign/Collect';
import { RequestStatus, stateBadge } from '../../sign/RequestStatus';
import { ScanQr } from '../../sign/qr/ScanQr';
import { useRequestState } from '../../sign/useRequestState';
import { useSignatureChecks } from '../../sign/useSignatureChecks';
import { Badge, Card, ErrorNotice } from '../../ui/components';
import { type ShownError } from '../../ui/describe-error';
import { requestFileUnreadable } from '../../ui/errors/flows';
import { signable, supersededWords } from './inbox';
import { type HeldRequest, addToInbox, loadInbox, removeHeld, saveHeld } from './store';

const nowSeconds = () => Math.floor(Date.now() / 1000);
/** The select's value for every vault's requests at once. */
const EVERY = '*';

/** The inboxes' vaults: the ledger's, then any vault a held request creates. */
function inboxVaults(commons: CommonsView, held: readonly HeldRequest[]): { address: string; name: string }[] {
  const known = commons.vaults.map((v) => ({ address: v.address.toLowerCase(), name: `${v.name} (${v.threshold}-of-${v.signers.length})` }));
  const pending = [...new Set(held.map((h) => h.request.action.vault))].filter((a) => !known.some((k) => k.address === a));
  return [...known, ...pending.map((address) => ({ address, name: `a new vault, ${address}` }))];
}

export function InboxPage({ commons, onSequenced }: { commons: CommonsView; onSequenced: () => void }) {
  const { db } = useWorkspace();
  const [held, setHeld] = useState<HeldRequest[]>([]);
  const [vault, setVault] = useState<string>(EVERY);
  const [open, setOpen] = useState<string | null>(null);
  const [result, setResult] = useState<{ tone: 'ok'; text: string } | { tone: 'error'; error: ShownError } | null>(null);

  useEffect(() => {
    const subscription = liveQuery(() => loadInbox(db, commons.commonsId)).subscribe({ next: setHeld, error: () => setHeld([]) });
    return () => subscription.unsubscribe();
  }, [db, commons.commonsId]);

  const vaults = useMemo(() => inboxVaults(commons, held), [commons, held]);
  // Every vault's requests until the member picks one vault; then only that vault's, and a request for another is refused.
  const selected = vault;
  const mine = selected === EVERY ? held : held.filter((h) => h.request.action.vault === selected);

  const admit = async (request: SigningRequest) => {
    const answer = await addToInbox(db, { commonsId: commons.commonsId, vault: selected === EVERY ? request.action.vault : selected }, request, nobleRecoverer, nowSeconds());
    if (!answer.ok) return setResult({ tone: 'error', error: answer.error });
    const { added, dropped, isNew } = answer.value;
    const left = dropped > 0 ? ` ${dropped} signature${dropped === 1 ? '' : 's'} did not hold for this action and ${dropped === 1 ? 'was' : 'were'} left out.` : '';
    setResult({ tone: 'ok', text: `${isNew ? 'A new request was added to this vault’s inbox' : `Merged into the request held: ${added === 0 ? 'no new signature' : `${added} new signature${added === 1 ? '' : 's'}`}`}.${left}` });
  };

  const importFile = async (file: File | undefined) => {
    setResult(null);
    if (!file) return;
    const parsed = parseRequestFile(await file.text());
    if (!parsed.ok) return setResult({ tone: 'error', error: requestFileUnreadable(parsed.error) });
    await admit(parsed.value);
  };

  const opened = held.find((h) => h.id === open);
  return (
    <div className="inbox">
      <Card title="Request inbox">
        <label>
          Vault
          <select aria-label="Vault" value={selected} onChange={(e) => setVault(e.target.value)}>
            <option value={EVERY}>Every vault (a request goes to the vault it names)</option>
            {vaults.map((v) => (
              <option key={v.address} value={v.address}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        <label className="file-pick">
          Add a request or a signed copy from a file (a copy of a request held here merges into it)
          <input type="file" accept=".json,application/json" data-testid="inbox-import" onChange={(e) => {
              const file = e.target.files?.[0];
              // The same file may be chosen again (a copy re-imported into another vault's inbox).
              e.target.value = '';
              void importFile(file);
            }} />
        </label>
        <ScanQr testId="inbox-scan" onRequest={(request) => void admit(request)} />
        {result?.tone === 'ok' && (
          <p className="notice notice-ok" role="status" data-testid="inbox-result">
            {result.text}
          </p>
        )}
        {result?.tone === 'error' && (
          <div data-testid="inbox-result">
            <ErrorNotice error={result.error} />
          </div>
        )}
        {mine.length === 0 && <p className="muted">{selected === EVERY ? 'No request is held here.' : 'No request is held for this vault.'}</p>}
        <ul className="inbox-rows">
          {mine.map((h) => (
            <HeldRow key={h.id} commons={commons} held={h} onOpen={() => setOpen(h.id)} onRemove={() => void removeHeld(db, h.id)} />
          ))}
        </ul>
      </Card>
      {opened && <OpenedHeld key={opened.id} commons={commons} held={opened} onClose={() => setOpen(null)} onSequenced={onSequenced} />}
    </div>
  );
}

/** One held request: its words, where it stands and who is still needed; a superseded one names the entry that spent its number. */
function HeldRow({ commons, held, onOpen, onRemove }: { commons: CommonsView; held: HeldRequest; onOpen: () => void; onRemove: () => void }) {
  const { request } = held;
  const commonsId = commons.commonsId.toLowerCase() as Hex;
  const authority = useMemo(() => authorityOf(commons, request.action), [commons, request]);
  const signers = useMemo(() => ({ signers: authority.ok ? authority.value.signers.map((s) => ({ ...s, emulated: commons.demo })) : [] }), [authority, commons.demo]);
  const checked = useSignatureChecks(commonsId, signers, request);
  const lifecycle = useRequestState(commons, request, checked.status === 'done' ? validSigners(checked.checks) : null, held.submittedAt);
  const state = lifecycle.status === 'done' ? lifecycle.state : null;
  const words = useMemo(() => describeAction(commons, request.action), [commons, request]);
  const spent = useSpentBy(commons, request, state?.state === 'superseded' ? state.seq : null);
  const canSign = state ? signable(request, state) : null;
  return (
    <li className="inbox-row" data-testid="inbox-row" data-state={state?.state ?? 'checking'} data-nonce={request.action.nonce}>
      <p>
        {state ? stateBadge(state) : <Badge>checking…</Badge>} <span className="small muted">action number {request.action.nonce}</span>
      </p>
      <p data-testid="inbox-words">{words.text}</p>
      {words.warning && !(canSign && !canSign.ok) && <p className="notice notice-warn small">{words.warning}</p>}
      {state && <RequestStatus state={state} />}
      {spent && (
        <p className="small" data-testid="superseded-by">
          {spent}
        </p>
      )}
      {lifecycle.status === 'problem' && <ErrorNotice error={lifecycle.problem} />}
      <div className="actions">
        <button type="button" onClick={onOpen} disabled={!canSign?.ok} title={canSign && !canSign.ok ? canSign.error.message : undefined}>
          Open to sign
        </button>
        <button type="button" onClick={onRemove}>
          Remove from the inbox
        </button>
      </div>
    </li>
  );
}

/** Which entry spent a superseded request's action number, and on what, read from the verified log. */
function useSpentBy(commons: CommonsView, request: SigningRequest, seq: number | null): string | null {
  const api = useApi();
  const { workspace } = useLedger();
  const [words, setWords] = useState<{ seq: number; text: string } | null>(null);
  useEffect(() => {
    if (seq === null) return;
    let cancelled = false;
    void ledgerClient(api, workspace)
      .history(commons.commonsId.toLowerCase(), seq, 1)
      .then((page) => {
        const entry = page.ok ? page.value.entries[0] : undefined;
        if (!cancelled && entry) setWords({ seq, text: supersededWords(commons, entry, request.action.vault, request.action.nonce) });
      });
    return () => {
      cancelled = true;
    };
  }, [api, workspace, commons, request, seq]);
  return words && words.seq === seq ? words.text : null;
}

/** A held request opened in the signing flow; what it makes of the request (a signature, a merged copy) is kept in the inbox. */
function OpenedHeld({ commons, held, onClose, onSequenced }: { commons: CommonsView; held: HeldRequest; onClose: () => void; onSequenced: () => void }) {
  const { db } = useWorkspace();
  const [request, setRequest] = useState(held.request);
  // The authority as the request was opened: once a vault it creates exists, the ledger no longer gives it.
  const [authority] = useState(() => authorityOf(commons, held.request.action));
  if (!authority.ok) return <ErrorNotice error={authority.error} />;
  return (
    <Collect
      commons={commons}
      request={request}
      authority={authority.value}
      onChange={(next) => {
        setRequest(next);
        void saveHeld(db, next, nowSeconds());
      }}
      onClose={onClose}
      onSequenced={onSequenced}
    />
  );
}
