/**
 * The Devices page: every Ledger and Trezor connected now, live, with model, versions, the app
 * open and the connection state; "verify address on device" for each; and, where emulators are
 * on (the Demo Commons, tests), the emulated devices with their buttons.
 */
import { useState } from 'react';
import { derivationPathProblem, type DeviceInfo } from '../../shared/contract/devices';
import { type AppError } from '../../shared/contract/errors';
import { useApi } from '../app/api/client';
import { describeError } from '../ui/describe-error';
import { Badge, Card, EmulatedBadge, ErrorNotice, Loading } from '../ui/components';
import { ExportCosignerButton, ImportCosignerCard } from './CosignerFiles';
import { EmulatorControls } from './EmulatorControls';
import { actionWords, stateWords, useDevices, vendorName, type DevicePromptView } from './useDevices';

export function DevicesPage({ emulatorsEnabled }: { emulatorsEnabled: boolean }) {
  const { devices, prompts, problems, error, reload } = useDevices();
  return (
    <div className="devices">
      {emulatorsEnabled && <AttachEmulators />}
      <Card title="Connected devices" aside={<span className="muted">Ledger over USB · Trezor through Trezor Bridge</span>}>
        {error && <ErrorNotice error={error} onRetry={reload} />}
        {devices === null && !error && <Loading label="Looking for devices…" />}
        {problems.map((problem) => {
          const words = describeError(problem);
          return (
            <div key={problem.kind} className="notice notice-warn" role="status">
              <p>
                <strong>{words.title}.</strong> {words.detail}
              </p>
              {words.next && <p className="muted">{words.next}</p>}
            </div>
          );
        })}
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
      <ImportCosignerCard devices={devices ?? []} />
    </div>
  );
}

function AttachEmulators() {
  const api = useApi();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const attach = async (vendor: 'ledger' | 'trezor', seed: 'vendor' | 'bip39-test-vector' = 'vendor') => {
    setBusy(vendor);
    const answer = await api.call('devices.emulator.attach', { vendor, autoApprove: false, seed });
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
        <button
          type="button"
          onClick={() => void attach('ledger', 'bip39-test-vector')}
          disabled={busy !== null}
          title="A second Ledger of the same model, with the keys of the BIP-39 test vector (“abandon … about”), also public"
        >
          Plug in a second emulated Ledger (other test keys)
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
  const [address, setAddress] = useState<{ address: string; verified: boolean; path: string } | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [nothingToCancel, setNothingToCancel] = useState(false);
  const pathProblem = derivationPathProblem(path);

  const verify = async () => {
    if (pathProblem) return;
    setNothingToCancel(false);
    setVerifying(true);
    setError(null);
    setAddress(null);
    const answer = await api.call('devices.getAddress', { deviceId: device.id, path, display: true });
    setVerifying(false);
    if (answer.ok) setAddress({ address: answer.value.address, verified: answer.value.verifiedOnDevice, path });
    else setError(answer.error);
  };
  // Cancel ends whatever request of this app the device is on, including one started before the
  // page was reloaded (the list still carries its prompt).
  const cancel = async () => {
    const answer = await api.call('devices.cancel', { deviceId: device.id });
    setNothingToCancel(answer.ok && !answer.value.cancelled);
  };
  const waiting = verifying || prompt !== null || device.state === 'awaiting-confirmation';
  const pathHelp = `path-help-${device.id}`;

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
        {device.firstAddress && (
          <>
            <dt>First address</dt>
            <dd className="mono" data-testid="device-first-address" title="m/44'/60'/0'/0/0: tells this device apart from another of the same model">
              {device.firstAddress}
            </dd>
          </>
        )}
      </dl>
      {prompt && <DeviceScreen prompt={prompt} />}
      <div className="actions">
        <label className="inline">
          Path
          <input
            className="mono"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            aria-label={`Derivation path on ${device.label}`}
            aria-invalid={pathProblem !== null}
            aria-describedby={pathProblem ? pathHelp : undefined}
            size={18}
          />
        </label>
        <button type="button" onClick={() => void verify()} disabled={verifying || pathProblem !== null || device.state === 'disconnected'}>
          Verify address on device
        </button>
        {verifying && <Loading label="Check that the device shows the same address, then confirm on it…" />}
        {waiting && (
          <button type="button" onClick={() => void cancel()} aria-label={`Cancel the request on ${device.label}`}>
            Cancel
          </button>
        )}
      </div>
      {pathProblem && (
        <p id={pathHelp} className="small warn-text" data-testid="path-problem">
          {pathProblem}
        </p>
      )}
      {nothingToCancel && (
        <p className="small muted" role="status">
          No request of C3 Vault is waiting on this device. If its screen still shows one, reject it there.
        </p>
      )}
      {address && (
        <p className="mono" data-testid="device-address">
          {address.address} {address.verified && <Badge tone="ok">confirmed on the device</Badge>}
        </p>
      )}
      {/* Only an address the device itself confirmed goes into a co-signer file. */}
      {address?.verified && <ExportCosignerButton device={device} path={address.path} address={address.address} />}
      {error && <ErrorNotice error={error} onRetry={() => void verify()} />}
      {device.emulated && <EmulatorControls device={device} />}
    </li>
  );
}

/** What the device's own screen shows while it waits for the person. */
export function DeviceScreen({ prompt }: { prompt: DevicePromptView }) {
  return (
    <div className="device-screen" role="status" aria-label="The device shows">
      <strong>{actionWords(prompt.action)}</strong>
      {prompt.lines.map((line, i) => (
        <div key={i} className="mono small">
          {line}
        </div>
      ))}
    </div>
  );
}
