/** Electron IPC channel names, shared by the preload and the main process's gate. */
export const IPC_PREFIX = 'c3:';
export const IPC_EVENT = 'c3:event';
