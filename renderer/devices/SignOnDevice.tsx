/**
 * One request to a hardware device from a flow: say which device holds the key asked for (when
 * the flow names a role's key), pick the device, start, and while the device waits show what its
 * screen shows, with a Cancel that ends the request (and, for an emulated device, its buttons);
 * a failure in plain words with a retry.
 */
import { useState } from 'react';
import { type DeviceInfo } from '../../shared/contract/devices';
import { type ShownError } from '../ui/describe-error';
import { useApi } from '../app/api/client';
import { ErrorNotice, Loading } from '../ui/components';
import { DevicePicker, useDeviceChoice } from './DevicePicker';
import { DeviceScreen } from './DevicesPage';
import { EmulatorControls } from './EmulatorControls';
import { useKeyHolder } from './find-account';
import { KeyHolderNote } from './KeyHolderNote';
import { deviceName, useDevices, vendorName } from './useDevices';

const NO_ADDRESSES: readonly string[] = [];

export function SignOnDevice(props: {
  /** What the button says, e.g. "Ask the attestor to sign". */
  action: string;
  /** What the person is waiting for, e.g. "Confirm on the attestor's device". */
  waiting: string;
  vendor?: DeviceInfo['vendor'];
  disabled?: boolean;
  testId: string;
  /** The key this request needs, when it is a role's (e.g. the attestor's): the screen says which device holds it. */
  keyOf?: { role: string; addresses: readonly string[] };
  /** Does the work with the chosen device; returns an error to show, or null when done. */
  run: (deviceId: string, device: DeviceInfo) => Promise<ShownError | null>;
}) {
  const api = useApi();
  const { devices, prompts } = useDevices();
  const all = devices ?? [];
  const candidates = all.filter((d) => !props.vendor || d.vendor === props.vendor);
  const notOffered = all
    .filter((d) => props.vendor && d.vendor !== props.vendor)
    .map((device) => ({ device, reason: `this request needs a ${vendorName(props.vendor ?? 'ledger')}` }));
  const holder = useKeyHolder(props.keyOf ? devices : null, props.keyOf?.addresses ?? NO_ADDRESSES);
  const { chosen, choose } = useDeviceChoice(candidates, holder.kind === 'found' ? holder.device.id : undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);

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
      {props.keyOf && (
        <KeyHolderNote holder={holder} whose={`${props.keyOf.role}’s key`} hint="connect the device that does, unlocked, with its Ethereum app open." />
      )}
      <div className="actions">
        <DevicePicker
          candidates={candidates}
          chosen={chosen}
          choose={choose}
          label={`Device for: ${props.action}`}
          none={`Connect a ${props.vendor ? vendorName(props.vendor) : 'Ledger or Trezor'} (the Devices page lists them).`}
          notOffered={notOffered}
        />
        <button type="button" onClick={() => void start()} disabled={!chosen || busy || props.disabled}>
          {props.action}
        </button>
      </div>
      {busy && chosen && (
        <div className="signing-prompt" data-testid="signing-prompt">
          <Loading label={`${props.waiting} (${deviceName(chosen)})…`} />
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
