/**
 * One steward sealing an entry on their device (the genesis, or the next entry of the stewards'
 * inbox): which connected device holds their key (found by scanning its Ethereum accounts), the
 * device's prompt while it waits, and the signature, kept only once it recovers to the steward's
 * key over this very entry. The entry's digest is shown beside it, computed here from the entry
 * itself, for the steward to compare with what the device displays (SPEC §3).
 */
import { useState } from 'react';
import { hashTypedData } from 'viem';
import { type DeviceInfo } from '../../shared/contract/devices';
import { type AppError } from '../../shared/contract/errors';
import { type Hex } from '../../shared/crypto/canonical';
import { hexBytes, nobleRecoverer } from '../../shared/crypto/recover';
import { type Entry } from '../../shared/commons/log';
import { useApi } from '../app/api/client';
import { Badge, EmulatedBadge, ErrorNotice, Loading } from '../ui/components';
import { DevicePicker, useDeviceChoice } from '../devices/DevicePicker';
import { DeviceScreen } from '../devices/DevicesPage';
import { EmulatorControls } from '../devices/EmulatorControls';
import { type DevicePromptView, vendorName } from '../devices/useDevices';
import { findAccount, isAppError, useKeyHolder } from '../devices/find-account';
import { ledgerEntryTypedDataJson } from './words';

export interface Steward {
  readonly address: string;
  readonly device: 'ledger' | 'trezor' | 'unknown';
  readonly label: string;
  readonly path: string;
}

type Phase = { kind: 'idle' } | { kind: 'finding' } | { kind: 'signing'; path: string } | { kind: 'failed'; error: AppError };

export function StewardSignRow(props: {
  commonsId: Hex;
  /** The entry to seal, without its sequencer signatures. */
  entry: Entry;
  steward: Steward;
  signature: string | null;
  devices: DeviceInfo[];
  prompts: Record<string, DevicePromptView>;
  onSigned: (sig: string) => void;
}) {
  const { commonsId, entry, steward, signature, devices, prompts, onSigned } = props;
  const api = useApi();
  const address = steward.address.toLowerCase();
  const candidates = devices.filter((d) => steward.device === 'unknown' || d.vendor === steward.device);
  const holder = useKeyHolder(signature ? null : devices, [address]);
  const { chosen, choose } = useDeviceChoice(candidates, holder.kind === 'found' ? holder.device.id : undefined);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });

  const sign = async () => {
    if (!chosen) return;
    setPhase({ kind: 'finding' });
    const found = await findAccount(api, chosen.id, (a) => a === address, `${steward.label}’s key`);
    if (isAppError(found)) return setPhase({ kind: 'failed', error: found });
    setPhase({ kind: 'signing', path: found.path });
    const typedData = ledgerEntryTypedDataJson(commonsId, entry);
    const answer = await api.call('devices.sign', { deviceId: chosen.id, path: found.path, typedData, mode: 'auto' });
    if (!answer.ok) return setPhase({ kind: 'failed', error: answer.error });
    // Kept only if it recovers to this steward's key over this very entry.
    const digest = hashTypedData(typedData as never);
    const recovered = nobleRecoverer.recover(hexBytes(digest), hexBytes(answer.value.signature));
    if (recovered !== address) {
      return setPhase({
        kind: 'failed',
        error: {
          kind: 'SignatureNotFromSigner',
          message: recovered === null ? 'The device returned a signature that does not recover to any key.' : `The signature recovers to ${recovered}, not to ${steward.label}'s key ${address}.`,
          nextStep: 'Nothing was kept. Check that the device holds this steward’s key and sign again.',
        },
      });
    }
    setPhase({ kind: 'idle' });
    onSigned(answer.value.signature.toLowerCase());
  };

  const prompt = chosen ? (prompts[chosen.id] ?? null) : null;
  return (
    <li className="signer-row" data-testid="steward-row" data-steward={address}>
      <div className="signer-head">
        <span className={`device device-${steward.device}`}>{steward.device === 'unknown' ? 'Device' : vendorName(steward.device)}</span>
        <strong>{steward.label}</strong>
        <span className="mono muted small">{address}</span>
        {chosen?.emulated && <EmulatedBadge />}
      </div>
      {signature ? (
        <p className="verified" data-testid="steward-signed">
          <Badge tone="ok">signed</Badge> sealed by {steward.label} — the signature recovers to this steward’s key over this entry.
        </p>
      ) : (
        <>
          <div className="actions">
            <DevicePicker
              candidates={candidates}
              chosen={chosen}
              choose={choose}
              label={`Device for ${steward.label}`}
              none={`Connect ${steward.device === 'unknown' ? 'the device' : `the ${vendorName(steward.device)}`} that holds this key.`}
            />
            <button type="button" onClick={() => void sign()} disabled={!chosen || phase.kind === 'finding' || phase.kind === 'signing'} aria-label={`Seal as ${steward.label}`}>
              Sign on device
            </button>
          </div>
          {phase.kind === 'finding' && <Loading label="Looking for this steward’s key on the device…" />}
          {phase.kind === 'signing' && chosen && (
            <div className="signing-prompt" data-testid="signing-prompt">
              <Loading label={`Waiting for confirmation on ${chosen.label} (${phase.path})…`} />
              <p className="small">The device shows the entry’s hashes: compare them with the entry digest above before you approve.</p>
              {prompt && <DeviceScreen prompt={prompt} />}
              <button type="button" onClick={() => void api.call('devices.cancel', { deviceId: chosen.id })}>
                Cancel
              </button>
              {chosen.emulated && <EmulatorControls device={chosen} compact />}
            </div>
          )}
          {phase.kind === 'failed' && <ErrorNotice error={phase.error} onRetry={() => void sign()} />}
        </>
      )}
    </li>
  );
}
