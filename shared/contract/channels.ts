/**
 * The contract: every capability the renderer may ask of the main process, one row each.
 * The preload, the main-process IPC gate and the browser bridge are all derived from this
 * table; adding a capability is adding a row here and a handler in electron/services.
 */
import { z } from 'zod';
import { channel, event } from './define';
import { QUERY_ERRORS } from './ledger-errors';
import { CommonsView } from './commons-view';
import { ledgerChannels, ledgerEvents } from './ledger';
import { devicesChannels, devicesEvents } from './devices';
import { zkChannels } from './zk';
import { creditChannels } from './credit';
import { historyChannels } from './history';
import { stewardsChannels } from './stewards';

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.enum(['linux', 'darwin', 'win32', 'other']),
  /** How the renderer is connected: the Electron preload, or the browser bridge. */
  shell: z.enum(['electron', 'browser']),
  /** Emulated devices are test and demo devices; the UI labels them wherever they appear. */
  emulatorsEnabled: z.boolean(),
  /** How the member's identity secret is kept: encrypted by the OS keychain, or a 0600 file only. */
  secretProtection: z.enum(['os-keychain', 'file-permissions']),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** The Demo Commons (emulated devices, public test keys) or the member's own Commons. */
export const WorkspaceName = z.enum(['demo', 'real']);

export const TaskId = z.string().regex(/^task-[0-9a-z-]{1,64}$/, 'a task id such as task-3');

export const TaskProgress = z.object({
  taskId: TaskId,
  label: z.string(),
  stage: z.string(),
  /** Work done and total, in the task's own units; total 0 when unknown. */
  done: z.number().nonnegative(),
  total: z.number().nonnegative(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
});
export type TaskProgress = z.infer<typeof TaskProgress>;

/** The app's own rows; every other group of rows lives in its own file. */
const appChannels = {
  'app.info': channel({
    request: z.strictObject({}),
    response: AppInfo,
    summary: 'Name, version and platform of the app, and how the renderer is connected.',
    errors: [],
  }),
  'demo.commons': channel({
    request: z.strictObject({}),
    response: CommonsView,
    summary: 'The Demo Commons, folded from its verified log, for a newcomer without hardware.',
    errors: [...QUERY_ERRORS, 'DemoDisabled'],
  }),
  'task.cancel': channel({
    request: z.strictObject({ taskId: TaskId }),
    response: z.strictObject({ cancelled: z.boolean() }),
    summary: 'Cancels a long-running task (proving, a device prompt, a sync) if it is still running.',
    errors: [],
  }),
  'workspace.open': channel({
    request: z.strictObject({ workspace: WorkspaceName }),
    response: z.strictObject({ workspace: WorkspaceName, emulatorsEnabled: z.boolean() }),
    summary: 'Tells the services which workspace the window shows: in the desktop app, emulated devices and the demo sequencer exist only in the Demo one.',
    errors: [],
  }),
} as const;

/**
 * Every row, as the intersection of the groups' own types: named, so that the declaration of
 * `channels` refers to them instead of spelling out every schema (TypeScript refuses a type past
 * a size, TS7056). A new group is one spread and one `typeof` here.
 */
type AllChannels = typeof appChannels & typeof ledgerChannels & typeof devicesChannels & typeof zkChannels & typeof creditChannels & typeof historyChannels & typeof stewardsChannels;

export const channels: AllChannels = {
  ...appChannels,
  ...ledgerChannels,
  ...devicesChannels,
  ...zkChannels,
  ...creditChannels,
  ...historyChannels,
  ...stewardsChannels,
};

export const events = {
  'task.progress': event({
    payload: TaskProgress,
    summary: 'Progress of a long-running task, so that the UI can show it and offer a cancel.',
  }),
  ...devicesEvents,
  ...ledgerEvents,
} as const;

export type Channels = typeof channels;
export type Events = typeof events;
export type ChannelName = keyof Channels;
export type EventName = keyof Events;
