/**
 * Choosing which connected device answers a request: the flows that sign (co-signing a vault
 * action, enrolment) share it. The first device that is not disconnected is chosen until the
 * person picks another.
 */
import { type ReactNode, useEffect, useState } from 'react';
import { type DeviceInfo } from '../../shared/contract/devices';

export function useDeviceChoice(candidates: readonly DeviceInfo[]) {
  const [deviceId, setDeviceId] = useState('');
  const chosen = candidates.find((d) => d.id === deviceId) ?? candidates.find((d) => d.state !== 'disconnected');
  useEffect(() => {
    if (!deviceId && chosen) setDeviceId(chosen.id);
  }, [deviceId, chosen]);
  return { chosen, choose: setDeviceId };
}

export function DevicePicker(props: {
  candidates: readonly DeviceInfo[];
  chosen: DeviceInfo | undefined;
  choose: (deviceId: string) => void;
  /** The select's accessible name, e.g. "Device for Alice". */
  label: string;
  /** What to say when no device fits. */
  none: ReactNode;
}) {
  if (props.candidates.length === 0) return <span className="muted">{props.none}</span>;
  return (
    <label className="inline">
      Device
      <select value={props.chosen?.id ?? ''} onChange={(e) => props.choose(e.target.value)} aria-label={props.label}>
        {props.candidates.map((d) => (
          <option key={d.id} value={d.id}>
            {d.label}
            {d.emulated ? ' (emulated device)' : ''} — {d.state}
          </option>
        ))}
      </select>
    </label>
  );
}
