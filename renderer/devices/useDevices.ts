/**
 * The devices connected now, kept live: the list is fetched once and then follows the
 * `devices.changed` event (plug, unplug, lock, app opened, request started or finished);
 * what each device is asking the person to confirm comes with the list (so a reloaded page
 * still shows it) and follows `devices.prompt`. One subscription for the app (DevicesProvider);
 * `useDevices()` reads it.
 */
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { type DeviceInfo } from '../../shared/contract/devices';
import { type AppError } from '../../shared/contract/errors';
import { useApi } from '../app/api/client';

export interface DevicePromptView {
  action: string;
  lines: string[];
}

export interface DevicesState {
  devices: DeviceInfo[] | null;
  prompts: Record<string, DevicePromptView>;
  /** What keeps a source from finding devices (the machine's Trezor Bridge is not running), in words. */
  problems: AppError[];
  error: AppError | null;
  reload(): void;
}

/** What DevicesProvider shares. */
export const DevicesContext = createContext<DevicesState | null>(null);

/** The devices, from the app's DevicesProvider (or a subscription of its own outside one). */
export function useDevices(): DevicesState {
  const shared = useContext(DevicesContext);
  const own = useDevicesSubscription(shared === null);
  return shared ?? own;
}

/** The subscription itself; `enabled` false subscribes to nothing (a provider above already does). */
export function useDevicesSubscription(enabled = true): DevicesState {
  const api = useApi();
  const [devices, setDevices] = useState<DeviceInfo[] | null>(null);
  const [prompts, setPrompts] = useState<Record<string, DevicePromptView>>({});
  const [problems, setProblems] = useState<AppError[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const offChanged = api.on('devices.changed', ({ devices: next, problems: now }) => {
      setDevices(next);
      setProblems(now);
      setPrompts(promptsOf(next));
    });
    const offPrompt = api.on('devices.prompt', ({ deviceId, prompt }) =>
      setPrompts((current) => {
        const next = { ...current };
        if (prompt) next[deviceId] = prompt;
        else delete next[deviceId];
        return next;
      }),
    );
    void api.call('devices.list', {}).then((answer) => {
      if (!live) return;
      if (answer.ok) {
        setDevices(answer.value.devices);
        setProblems(answer.value.problems);
        setPrompts(promptsOf(answer.value.devices));
        setError(null);
      } else setError(answer.error);
    });
    return () => {
      live = false;
      offChanged();
      offPrompt();
    };
  }, [api, attempt, enabled]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { devices, prompts, problems, error, reload };
}

const promptsOf = (devices: readonly DeviceInfo[]): Record<string, DevicePromptView> =>
  Object.fromEntries(devices.flatMap((d) => (d.prompt ? [[d.id, d.prompt] as const] : [])));

export { actionWords, deviceName, shortAddress, stateWords, vendorName } from './device-words';
