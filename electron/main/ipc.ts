/**
 * Wires the contract to Electron IPC: one `ipcMain.handle` per channel of the table, each
 * refusing senders that are not the app's own top-level page, each validated by the same
 * dispatcher the browser bridge uses. Events go out on one IPC channel, encoded by schema.
 */
import { type BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channels, events } from '../../shared/contract/channels';
import { encodeEvent } from '../../shared/contract/client';
import { type Dispatch } from '../../shared/contract/dispatch';
import { type ContractError } from '../../shared/contract/errors';
import { IPC_EVENT, IPC_PREFIX } from '../../shared/contract/ipc';
import { err } from '../../shared/result';
import { type EventHub } from '../services/events';


export function wireIpc(dispatch: Dispatch, hub: EventHub, isAppUrl: (url: string) => boolean, windows: () => BrowserWindow[]): () => void {
  const trusted = (event: IpcMainInvokeEvent) => {
    const frame = event.senderFrame;
    return frame !== null && frame.parent === null && isAppUrl(frame.url);
  };
  for (const name of Object.keys(channels)) {
    ipcMain.handle(`${IPC_PREFIX}${name}`, (event, payload: unknown) => {
      if (!trusted(event)) {
        const rejected: ContractError = {
          kind: 'SenderRejected',
          message: 'Only the app’s own window may call its services.',
          channel: name,
        };
        return err(rejected);
      }
      return dispatch(name, payload, { via: 'ipc' });
    });
  }
  const unsubscribe = hub.subscribe((event, payload) => {
    const encoded = encodeEvent(events, event, payload);
    for (const window of windows()) {
      if (!window.isDestroyed()) window.webContents.send(IPC_EVENT, event, encoded);
    }
  });
  return () => {
    unsubscribe();
    for (const name of Object.keys(channels)) ipcMain.removeHandler(`${IPC_PREFIX}${name}`);
  };
}
