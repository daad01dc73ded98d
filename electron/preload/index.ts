/**
 * The preload exposes exactly the contract's table: one function per channel, and a
 * subscription to the table's events. No generic IPC, no Node, nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { channels, events } from '../../shared/contract/channels';
import { IPC_EVENT, IPC_PREFIX } from '../../shared/contract/ipc';

const eventNames = new Set(Object.keys(events));

const call = Object.fromEntries(
  Object.keys(channels).map((name) => [name, (payload: unknown) => ipcRenderer.invoke(`${IPC_PREFIX}${name}`, payload)]),
);

contextBridge.exposeInMainWorld('c3', {
  shell: 'electron',
  call,
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!eventNames.has(event)) throw new Error(`No event named "${event}" in the contract.`);
    const handler = (_ipc: Electron.IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT, handler);
  },
});
