/**
 * Choosing which connected device answers a request: the flows that sign (co-signing a vault
 * action, enrolment, verifying a signer) share it. Until the person picks one, the device that can
 * sign now is chosen (never a locked, disconnected or wrong-app device while another can sign);
 * each device is named so that two of one model can be told apart, and the picker says why a
 * device cannot sign now, or why it is not offered at all.
 */
import { type ReactNode, useEffect, useState } from 'react';
import { type DeviceInfo } from '../../shared/contract/devices';
import { automaticChoice, whyNotReady } from './device-choice';
import { deviceName, stateWords } from './useDevices';

export { whyNotReady } from './device-choice';

/** The chosen device: the person's pick, else `prefer` (e.g. the device found to hold the key), else the best one. */
export function useDeviceChoice(candidates: readonly DeviceInfo[], prefer?: string) {
  const [picked, setPicked] = useState('');
  const [auto, setAuto] = useState('');
  const pickedDevice = candidates.find((d) => d.id === picked);
  const preferred = prefer ? candidates.find((d) => d.id === prefer) : undefined;
  const automatic = preferred ?? automaticChoice(candidates, auto);
  const chosen = pickedDevice ?? automatic;
  useEffect(() => {
    if (!pickedDevice && automatic && automatic.id !== auto) setAuto(automatic.id);
  }, [pickedDevice, automatic, auto]);
  return { chosen, choose: setPicked };
}

export function DevicePicker(props: {
  candidates: readonly DeviceInfo[];
  chosen: DeviceInfo | undefined;
  choose: (deviceId: string) => void;
  /** The select's accessible name, e.g. "Device for Alice". */
  label: string;
  /** What to say when no device fits. */
  none: ReactNode;
  /** Connected devices this request cannot use, and why (e.g. the key is on a Trezor). */
  notOffered?: readonly { device: DeviceInfo; reason: string }[];
}) {
  const notOffered = props.notOffered ?? [];
  const why = props.chosen ? whyNotReady(props.chosen) : null;
  return (
    <div className="device-picker">
      {props.candidates.length === 0 ? (
        <span className="muted">{props.none}</span>
      ) : (
        <label className="inline">
          Device
          <select value={props.chosen?.id ?? ''} onChange={(e) => props.choose(e.target.value)} aria-label={props.label}>
            {props.candidates.map((d) => (
              <option key={d.id} value={d.id} disabled={d.state === 'disconnected' && d.id !== props.chosen?.id}>
                {deviceName(d)}
                {d.emulated ? ' (emulated device)' : ''} — {whyNotReady(d) ?? stateWords[d.state]}
              </option>
            ))}
          </select>
        </label>
      )}
      {why && props.chosen && props.chosen.state !== 'busy' && props.chosen.state !== 'awaiting-confirmation' && (
        <p className="small warn-text" data-testid="device-not-ready">
          {deviceName(props.chosen)} is {why}
          {props.candidates.length > 1 ? ', or pick another device.' : '.'}
        </p>
      )}
      {notOffered.length > 0 && (
        <ul className="small muted not-offered" aria-label="Devices not offered">
          {notOffered.map(({ device, reason }) => (
            <li key={device.id}>
              Not offered: {deviceName(device)}
              {device.emulated ? ' (emulated device)' : ''} — {reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
