/**
 * Which device a flow offers first: the rules behind the device picker, kept apart from React so
 * that they can be pinned by tests.
 */
import { type DeviceInfo } from '../../shared/contract/devices';
import { stateWords } from './device-words';

/** Why a device cannot sign an Ethereum request now, in words; null when it can. */
export function whyNotReady(device: DeviceInfo): string | null {
  switch (device.state) {
    case 'disconnected':
      return 'disconnected: plug it in';
    case 'locked':
      return 'locked: unlock it with your PIN';
    case 'busy':
    case 'awaiting-confirmation':
      return stateWords[device.state];
    case 'connected':
      break;
  }
  if (device.vendor === 'ledger' && device.app && device.app.name !== 'Ethereum') {
    return device.app.name === 'BOLOS' ? 'no app open: open the Ethereum app on it' : `the ${device.app.name} app is open: open the Ethereum app on it`;
  }
  return null;
}

/** Ready devices first, then those that need the person (locked, wrong app, busy), disconnected last. */
const rank = (device: DeviceInfo): number => (whyNotReady(device) === null ? 0 : device.state === 'disconnected' ? 2 : 1);
const best = (candidates: readonly DeviceInfo[]): DeviceInfo | undefined => [...candidates].sort((a, b) => rank(a) - rank(b))[0];

/** A request of this app keeps its device chosen while it runs (busy, waiting for the person). */
const stillGood = (device: DeviceInfo, others: readonly DeviceInfo[]): boolean =>
  whyNotReady(device) === null ||
  device.state === 'busy' ||
  device.state === 'awaiting-confirmation' ||
  (device.state !== 'disconnected' && device.state !== 'locked' && !others.some((d) => whyNotReady(d) === null));

/**
 * The device chosen until the person picks one: the one chosen so far while it is still good (a
 * request of this app keeps it busy), else the best: never a locked, disconnected or wrong-app
 * device while another can sign.
 */
export function automaticChoice(candidates: readonly DeviceInfo[], currentId: string): DeviceInfo | undefined {
  const current = candidates.find((d) => d.id === currentId);
  return current && stillGood(current, candidates) ? current : best(candidates);
}
