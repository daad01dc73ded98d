/**
 * Local data in IndexedDB through dexie. Two databases that never mix: the member's real
 * Commons data, and the Demo Commons a newcomer sees on first start. Settings (which of the
 * two is open) live in the real one. The ledger itself is not here: the main process owns it;
 * `projections` only caches the last view it served, for an instant start.
 */
import Dexie, { type EntityTable } from 'dexie';
import { z } from 'zod';
import { CommonsView } from '../../../shared/contract/commons-view';

export const REAL_DB_NAME = 'c3-vault';
export const DEMO_DB_NAME = 'c3-vault-demo';
export type Workspace = 'demo' | 'real';

export interface SettingRow {
  key: string;
  value: unknown;
}

/** The last view of a Commons the main process served (a read-model cache), in its wire form (amounts as decimal strings). */
export interface ProjectionRow {
  commonsId: string;
  view: z.input<typeof CommonsView>;
  storedAt: number;
}

/**
 * A signing request this machine holds in a vault's inbox (renderer/vault/inbox/store.ts), in its
 * file form: it is read back through the request file parser, so a row is trusted no more than a file.
 */
export interface InboxRow {
  /** `${commonsId}:${action digest}`. */
  id: string;
  commonsId: string;
  /** The vault whose quorum signs it (the action's vault). */
  vault: string;
  nonce: number;
  file: unknown;
  receivedAt: number;
  /** When this app handed it, with its quorum, to the stewards (seconds), or null. */
  submittedAt: number | null;
}

export type VaultDatabase = Dexie & {
  settings: EntityTable<SettingRow, 'key'>;
  projections: EntityTable<ProjectionRow, 'commonsId'>;
  inbox: EntityTable<InboxRow, 'id'>;
};

export function openVaultDatabase(name: string, indexedDB?: IDBFactory, keyRange?: typeof IDBKeyRange): VaultDatabase {
  const db = new Dexie(name, indexedDB && keyRange ? { indexedDB, IDBKeyRange: keyRange } : undefined) as VaultDatabase;
  db.version(1).stores({
    settings: 'key',
    projections: 'commonsId',
  });
  // Version 2: the vaults' request inboxes, so that they survive a reload.
  db.version(2).stores({ inbox: 'id, commonsId, [commonsId+vault]' });
  return db;
}

export const databaseFor = (workspace: Workspace): string => (workspace === 'demo' ? DEMO_DB_NAME : REAL_DB_NAME);

const WorkspaceSetting = z.enum(['demo', 'real']);

/** Which workspace to open: the demo on first start, and whatever the member chose after. */
export async function readWorkspace(settingsDb: VaultDatabase): Promise<Workspace> {
  const row = await settingsDb.settings.get('workspace');
  const parsed = WorkspaceSetting.safeParse(row?.value);
  return parsed.success ? parsed.data : 'demo';
}

export async function writeWorkspace(settingsDb: VaultDatabase, workspace: Workspace): Promise<void> {
  await settingsDb.settings.put({ key: 'workspace', value: workspace });
}

export async function saveProjection(db: VaultDatabase, view: CommonsView, now: number): Promise<void> {
  await db.projections.put({ commonsId: view.commonsId, view: z.encode(CommonsView, view), storedAt: now });
}

/** The stored projections, decoded; a row that no longer decodes (an older format) is skipped, not trusted. */
export async function loadProjections(db: VaultDatabase): Promise<CommonsView[]> {
  const rows = await db.projections.toArray();
  return rows.flatMap((row) => {
    const decoded = z.safeDecode(CommonsView, row.view);
    return decoded.success ? [decoded.data] : [];
  });
}
