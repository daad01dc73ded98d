/** The one devices provider: a single `devices.list` + `devices.changed`/`devices.prompt` subscription that every page reads. */
import { type ReactNode } from 'react';
import { DevicesContext, useDevicesSubscription } from './useDevices';

export function DevicesProvider({ children }: { children: ReactNode }) {
  const devices = useDevicesSubscription();
  return <DevicesContext.Provider value={devices}>{children}</DevicesContext.Provider>;
}
