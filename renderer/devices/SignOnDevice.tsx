/**
 * One request to a hardware device from a flow: pick the device, start, and while the device
 * waits show what its screen shows, with a cancel (and, for an emulated device, its buttons);
 * a failure in plain words with a retry.
 */
import { useState } from 'react';
import { type DeviceInfo } from '../../shared/contract/devices';
import { type AppError } from '../../shared/contract/errors';
import { useApi } from '../app/api/client';
import { ErrorNotice, Loading } from '../ui/components';
import { DevicePicker, useDeviceChoice } from './DevicePicker';
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
  const { chosen, choose } = useDeviceChoice(candidates);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

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
        <DevicePicker
          candidates={candidates}
          chosen={chosen}
          choose={choose}
          label={`Device for: ${props.action}`}
          none={`Connect a ${props.vendor === 'trezor' ? 'Trezor' : props.vendor === 'ledger' ? 'Ledger' : 'Ledger or Trezor'} (the Devices page lists them).`}
        />
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
