/** The Devices page, told whether emulated devices may be plugged in (the demo and tests), as the services say. */
import { useEffect, useState } from 'react';
import { DevicesPage } from '../devices/DevicesPage';
import { useApi } from './api/client';

export function DevicesRoute() {
  const api = useApi();
  const [enabled, setEnabled] = useState(false);
  useEffect(() => {
    let live = true;
    void api.call('app.info', {}).then((answer) => live && answer.ok && setEnabled(answer.value.emulatorsEnabled));
    return () => {
      live = false;
    };
  }, [api]);
  return <DevicesPage emulatorsEnabled={enabled} />;
}
