/**
 * The Devices page: every Ledger and Trezor connected now, live, with model, versions, the app
 * open and the connection state; "verify address on device" for each; and, where emulators are
 * on (the Demo Commons, tests), the emulated devices with their buttons.
 */
import { useState } from 'react';
import { type DeviceInfo } from '../../shared/contract/devices';
import { type AppError } from '../../shared/contract/errors';
import { useApi } from '../app/api/client';
import { Badge, Card, EmulatedBadge, ErrorNotice, Loading } from '../ui/components';
import { EmulatorControls } from './EmulatorControls';
import { stateWords, useDevices, vendorName, type DevicePromptView } from './useDevices';

export function DevicesPage({ emulatorsEnabled }: { emulatorsEnabled: boolean }) {
  const { devices, prompts, error, reload } = useDevices();
  return (
    <div className="devices">
      {emulatorsEnabled && <AttachEmulators />}
      <Card title="Connected devices" aside={<span className="muted">Ledger over USB · Trezor through Trezor Bridge</span>}>
        {error && <ErrorNotice error={error} onRetry={reload} />}
        {devices === null && !error && <Loading label="Looking for devices…" />}
        {devices?.length === 0 && (
          <p className="muted">
            No device found. Plug in your Ledger or Trezor and unlock it. On Linux, the udev rules must be installed once (see the README).
          </p>
        )}
        <ul className="device-list">
          {devices?.map((device) => (
            <DeviceRow key={device.id} device={device} prompt={prompts[device.id] ?? null} />
          ))}
        </ul>
      </Card>
    </div>
  );
}

function AttachEmulators() {
  const api = useApi();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const attach = async (vendor: 'ledger' | 'trezor') => {
    setBusy(vendor);
    const answer = await api.call('devices.emulator.attach', { vendor, autoApprove: false });
    setBusy(null);
    setError(answer.ok ? null : answer.error);
  };
  return (
    <Card title="Emulated devices" aside={<Badge tone="emulated">test and demo only</Badge>}>
      <p className="muted">
        Emulated devices speak the real Ledger and Trezor protocols with keys from the vendors’ public test seeds. Anyone can derive those keys: never
        send real funds to them.
      </p>
      <div className="actions">
        <button type="button" onClick={() => void attach('ledger')} disabled={busy !== null}>
          Plug in an emulated Ledger
        </button>
        <button type="button" onClick={() => void attach('trezor')} disabled={busy !== null}>
          Plug in an emulated Trezor
        </button>
        {busy && <Loading label={`Connecting the emulated ${busy === 'ledger' ? 'Ledger' : 'Trezor'}…`} />}
      </div>
      {error && <ErrorNotice error={error} />}
    </Card>
  );
}

const DEFAULT_PATH = "m/44'/60'/0'/0/0";

function DeviceRow({ device, prompt }: { device: DeviceInfo; prompt: DevicePromptView | null }) {
  const api = useApi();
  const [path, setPath] = useState(DEFAULT_PATH);
  const [verifying, setVerifying] = useState(false);
  const [address, setAddress] = useState<{ address: string; verified: boolean } | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const verify = async () => {
    setVerifying(true);
    setError(null);
    setAddress(null);
    const answer = await api.call('devices.getAddress', { deviceId: device.id, path, display: true });
    setVerifying(false);
    if (answer.ok) setAddress({ address: answer.value.address, verified: answer.value.verifiedOnDevice });
    else setError(answer.error);
  };
  const cancel = async () => {
    await api.call('devices.cancel', { deviceId: device.id });
  };

  return (
    <li className={`device-row device-${device.state}`} data-testid="device" data-device-id={device.id} data-vendor={device.vendor}>
      <div className="device-head">
        <span className={`device device-${device.vendor}`}>{vendorName(device.vendor)}</span>
        <strong>{device.label}</strong>
        <span className="muted">{device.model}</span>
        {device.emulated && <EmulatedBadge />}
        <Badge tone={device.state === 'connected' ? 'ok' : device.state === 'disconnected' || device.state === 'locked' ? 'warn' : 'neutral'}>
          <span data-testid="device-state">{stateWords[device.state]}</span>
        </Badge>
      </div>
      <dl className="facts small">
        {device.firmwareVersion && (
          <>
            <dt>Firmware</dt>
            <dd>{device.firmwareVersion}</dd>
          </>
        )}
        {device.app && (
          <>
            <dt>App open</dt>
            <dd>{device.app.name === 'BOLOS' ? 'none (dashboard)' : `${device.app.name} ${device.app.version}`}</dd>
          </>
        )}
      </dl>
      {prompt && <DeviceScreen prompt={prompt} />}
      <div className="actions">
        <label className="inline">
          Path
          <input className="mono" value={path} onChange={(e) => setPath(e.target.value)} aria-label={`Derivation path on ${device.label}`} size={18} />
        </label>
        <button type="button" onClick={() => void verify()} disabled={verifying || device.state === 'disconnected'}>
          Verify address on device
        </button>
        {verifying && (
          <>
            <Loading label="Check that the device shows the same address, then confirm on it…" />
            <button type="button" onClick={() => void cancel()}>
              Cancel
            </button>
          </>
        )}
      </div>
      {address && (
        <p className="mono" data-testid="device-address">
          {address.address} {address.verified && <Badge tone="ok">confirmed on the device</Badge>}
        </p>
      )}
      {error && <ErrorNotice error={error} onRetry={() => void verify()} />}
      {device.emulated && <EmulatorControls device={device} />}
    </li>
  );
}

/** What the device's own screen shows while it waits for the person. */
export function DeviceScreen({ prompt }: { prompt: DevicePromptView }) {
  return (
    <div className="device-screen" role="status" aria-label="The device shows">
      <strong>{prompt.action}</strong>
      {prompt.lines.map((line, i) => (
        <div key={i} className="mono small">
          {line}
        </div>
      ))}
    </div>
  );
}
