/**
 * One request to a hardware device from a flow: pick the device, start, and while the device
 * waits show what its screen shows, with a cancel (and, for an emulated device, its buttons);
 * a failure in plain words with a retry.
 */
import { useEffect, useState } from 'react';
import { type DeviceInfo } from '../../shared/contract/devices';
import { type AppError } from '../../shared/contract/errors';
import { useApi } from '../app/api/client';
import { ErrorNotice, Loading } from '../ui/components';
import { DeviceScreen } from './DevicesPage';
import { EmulatorControls } from './EmulatorControls';
import { useDevices } from './useDevices';

export function SignOnDevice(props: {
  /** What the button says, e.g. "Ask the attestor to sign". */
  action: string;
  /** What the person is waiting for, e.g. "Confirm on the attestor's device". */
  waiting: string;
  vendor?: DeviceInfo['vendor'];
  disabled?: boolean;
  testId: string;
  /** Does the work with the chosen device; returns an error to show, or null when done. */
  run: (deviceId: string, device: DeviceInfo) => Promise<AppError | null>;
}) {
  const api = useApi();
  const { devices, prompts } = useDevices();
  const candidates = (devices ?? []).filter((d) => !props.vendor || d.vendor === props.vendor);
  const [deviceId, setDeviceId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const chosen = candidates.find((d) => d.id === deviceId) ?? candidates.find((d) => d.state !== 'disconnected');
  useEffect(() => {
    if (!deviceId && chosen) setDeviceId(chosen.id);
  }, [deviceId, chosen]);

  const start = async () => {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      setError(await props.run(chosen.id, chosen));
    } finally {
      setBusy(false);
    }
  };
  const prompt = chosen ? (prompts[chosen.id] ?? null) : null;

  return (
    <div className="sign-on-device" data-testid={props.testId}>
      <div className="actions">
        {candidates.length === 0 ? (
          <span className="muted">Connect a {props.vendor === 'trezor' ? 'Trezor' : props.vendor === 'ledger' ? 'Ledger' : 'Ledger or Trezor'} (the Devices page lists them).</span>
        ) : (
          <label className="inline">
            Device
            <select value={chosen?.id ?? ''} onChange={(e) => setDeviceId(e.target.value)} aria-label={`Device for: ${props.action}`}>
              {candidates.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.label}
                  {d.emulated ? ' (emulated device)' : ''} — {d.state}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" onClick={() => void start()} disabled={!chosen || busy || props.disabled}>
          {props.action}
        </button>
      </div>
      {busy && chosen && (
        <div className="signing-prompt">
          <Loading label={`${props.waiting} (${chosen.label})…`} />
          {prompt && <DeviceScreen prompt={prompt} />}
          <button type="button" onClick={() => void api.call('devices.cancel', { deviceId: chosen.id })}>
            Cancel
          </button>
          {chosen.emulated && <EmulatorControls device={chosen} compact />}
        </div>
      )}
      {error && <ErrorNotice error={error} onRetry={() => void start()} />}
    </div>
  );
}
