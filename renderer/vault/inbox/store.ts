/**
 * The request inboxes in dexie (renderer/app/db/databases.ts, `inbox`), so that what a co-signer
 * gathered survives a reload. A row holds the request in its file form and is read back through
 * the request file parser: a row that no longer parses is left out, never trusted.
 */
import { type SignatureRecoverer } from '../../../shared/crypto/recover';
import { type RequestProblem } from '../../../shared/quorum/errors';
import { encodeRequestFile, parseRequestFile, type SigningRequest } from '../../../shared/quorum/request';
import { type Result, ok } from '../../../shared/result';
import { type InboxRow, type VaultDatabase } from '../../app/db/databases';
import { type Admitted, type InboxOf, admitToInbox, requestId } from './inbox';

export interface HeldRequest {
  readonly id: string;
  readonly request: SigningRequest;
  readonly receivedAt: number;
  readonly submittedAt: number | null;
}

const rowId = (request: SigningRequest) => `${request.commonsId}:${requestId(request)}`;

function decode(row: InboxRow): HeldRequest | null {
  const parsed = parseRequestFile(JSON.stringify(row.file));
  return parsed.ok ? { id: row.id, request: parsed.value, receivedAt: row.receivedAt, submittedAt: row.submittedAt } : null;
}

/** The requests held for a Commons (every vault's), oldest first. */
export async function loadInbox(db: VaultDatabase, commonsId: string): Promise<HeldRequest[]> {
  const rows = await db.inbox.where('commonsId').equals(commonsId.toLowerCase()).toArray();
  return rows.flatMap((row) => decode(row) ?? []).sort((a, b) => a.receivedAt - b.receivedAt);
}

/** Adds `incoming` to `inbox`, merged with the copy held of the same action; refused (nothing stored) for another vault or Commons. */
export async function addToInbox(db: VaultDatabase, inbox: InboxOf, incoming: SigningRequest, recoverer: SignatureRecoverer, now: number): Promise<Result<Admitted, RequestProblem>> {
  const id = rowId(incoming);
  return db.transaction('rw', db.inbox, async () => {
    const row = await db.inbox.get(id);
    const held = row ? (decode(row)?.request ?? undefined) : undefined;
    const admitted = admitToInbox(inbox, incoming, held, recoverer);
    if (!admitted.ok) return admitted;
    await db.inbox.put({
      id,
      commonsId: admitted.value.request.commonsId,
      vault: admitted.value.request.action.vault,
      nonce: admitted.value.request.action.nonce,
      file: encodeRequestFile(admitted.value.request),
      receivedAt: row?.receivedAt ?? now,
      submittedAt: row?.submittedAt ?? null,
    });
    return ok(admitted.value);
  });
}

/** Keeps what the signing flow made of a held request (a signature added, a copy merged): the same action, so the same row. */
export async function saveHeld(db: VaultDatabase, request: SigningRequest, now: number): Promise<void> {
  const id = rowId(request);
  const row = await db.inbox.get(id);
  await db.inbox.put({ id, commonsId: request.commonsId, vault: request.action.vault, nonce: request.action.nonce, file: encodeRequestFile(request), receivedAt: row?.receivedAt ?? now, submittedAt: row?.submittedAt ?? null });
}

export async function removeHeld(db: VaultDatabase, id: string): Promise<void> {
  await db.inbox.delete(id);
}
