/** The open workspace (the Demo Commons or the member's own), its local database, and the way to switch. */
import { createContext, useContext } from 'react';
import { type VaultDatabase, type Workspace } from './db/databases';

export interface WorkspaceState {
  readonly workspace: Workspace;
  /** The member's local data of this workspace: drafts, labels, their MEID commitment, the read-model cache. */
  readonly db: VaultDatabase;
  choose(workspace: Workspace): void;
}

export const WorkspaceContext = createContext<WorkspaceState | null>(null);

export function useWorkspace(): WorkspaceState {
  const state = useContext(WorkspaceContext);
  if (!state) throw new Error('useWorkspace outside <WorkspaceContext.Provider>');
  return state;
}
