/**
 * The devices connected now, kept live: the list is fetched once and then follows the
 * `devices.changed` event (plug, unplug, lock, app opened, request started or finished);
 * what each device is asking the person to confirm comes with the list (so a reloaded page
 * still shows it) and follows `devices.prompt`.
 */
import { useCallback, useEffect, useState } from 'react';
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
  error: AppError | null;
  reload(): void;
}

export function useDevices(): DevicesState {
  const api = useApi();
  const [devices, setDevices] = useState<DeviceInfo[] | null>(null);
  const [prompts, setPrompts] = useState<Record<string, DevicePromptView>>({});
  const [error, setError] = useState<AppError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    const offChanged = api.on('devices.changed', ({ devices: next }) => {
      setDevices(next);
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
        setPrompts(promptsOf(answer.value.devices));
        setError(null);
      } else setError(answer.error);
    });
    return () => {
      live = false;
      offChanged();
      offPrompt();
    };
  }, [api, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { devices, prompts, error, reload };
}

const promptsOf = (devices: readonly DeviceInfo[]): Record<string, DevicePromptView> =>
  Object.fromEntries(devices.flatMap((d) => (d.prompt ? [[d.id, d.prompt] as const] : [])));

export { actionWords, deviceName, shortAddress, stateWords, vendorName } from './device-words';
