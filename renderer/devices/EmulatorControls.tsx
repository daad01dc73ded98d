/**
 * The buttons of an emulated device: what a person would press on a real one (approve, reject),
 * and what they would do to it (lock, unplug, open an app). Test and demo devices only.
 */
import { useState } from 'react';
import { type DeviceInfo } from '../../shared/contract/devices';
import { type AppError } from '../../shared/contract/errors';
import { useApi } from '../app/api/client';
import { ErrorNotice } from '../ui/components';

const LEDGER_APPS = ['Ethereum', 'Bitcoin', 'Cardano ADA', 'BOLOS'] as const;

export function EmulatorControls({ device, compact = false }: { device: DeviceInfo; compact?: boolean }) {
  const api = useApi();
  const [error, setError] = useState<AppError | null>(null);
  const deviceId = device.id;
  type Control = 'devices.emulator.approve' | 'devices.emulator.reject' | 'devices.emulator.lock' | 'devices.emulator.unlock' | 'devices.emulator.unplug' | 'devices.emulator.replug';
  const press = (channel: Control) => async () => {
    const answer = await api.call(channel, { deviceId });
    setError(answer.ok ? null : answer.error);
  };
  const openApp = async (app: (typeof LEDGER_APPS)[number]) => {
    const answer = await api.call('devices.emulator.openApp', { deviceId, app });
    setError(answer.ok ? null : answer.error);
  };
  const name = `${device.label}`;
  const waiting = device.state === 'awaiting-confirmation';
  return (
    <div className="emulator-controls" aria-label={`Emulator controls of ${name}`}>
      <button type="button" onClick={press('devices.emulator.approve')} disabled={!waiting} aria-label={`Approve on ${name}`}>
        Approve on device
      </button>
      <button type="button" onClick={press('devices.emulator.reject')} disabled={!waiting} aria-label={`Reject on ${name}`}>
        Reject on device
      </button>
      {!compact && (
        <>
          {device.state === 'locked' ? (
            <button type="button" onClick={press('devices.emulator.unlock')} aria-label={`Unlock ${name}`}>
              Unlock
            </button>
          ) : (
            <button type="button" onClick={press('devices.emulator.lock')} disabled={device.state === 'disconnected'} aria-label={`Lock ${name}`}>
              Lock
            </button>
          )}
          {device.vendor === 'ledger' && (
            <label className="inline">
              App
              <select aria-label={`App open on ${name}`} value={device.app?.name ?? 'BOLOS'} onChange={(e) => void openApp(e.target.value as (typeof LEDGER_APPS)[number])} disabled={device.state === 'disconnected'}>
                {LEDGER_APPS.map((app) => (
                  <option key={app} value={app}>
                    {app === 'BOLOS' ? 'Dashboard (no app)' : app}
                  </option>
                ))}
              </select>
            </label>
          )}
        </>
      )}
      {device.state === 'disconnected' ? (
        <button type="button" onClick={press('devices.emulator.replug')} aria-label={`Plug in ${name}`}>
          Plug back in
        </button>
      ) : (
        <button type="button" onClick={press('devices.emulator.unplug')} aria-label={`Unplug ${name}`}>
          Unplug
        </button>
      )}
      {error && <ErrorNotice error={error} />}
    </div>
  );
}
