/**
 * The emulators' small local control API, served beside the Speculos API:
 * `POST /c3/{ledger|trezor}/{approve|reject|lock|unlock|unplug|replug|auto-approve|manual}`,
 * `POST /c3/ledger/open-app` {"app": "Ethereum"|"Bitcoin"|"Cardano ADA"|"BOLOS"},
 * `GET /c3/state`. Loopback only, like everything the emulators serve.
 */
import { type IncomingMessage } from 'node:http';
import { type LedgerAppName, type LedgerEmulator } from './ledger/device';
import { type TrezorEmulator } from './trezor/device';
import { type ExtraRoute } from './ledger/speculos';

const APPS: readonly LedgerAppName[] = ['BOLOS', 'Ethereum', 'Bitcoin', 'Cardano ADA'];

export function controlRoutes(devices: { ledger?: LedgerEmulator; trezor?: TrezorEmulator }): ExtraRoute {
  return async (req: IncomingMessage, body: string) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/c3/state') {
      return { status: 200, body: { ledger: devices.ledger?.state() ?? null, trezor: devices.trezor?.state() ?? null } };
    }
    const m = /^\/c3\/(ledger|trezor)\/([a-z-]+)$/.exec(url.pathname);
    if (req.method !== 'POST' || !m) return null;
    const device = m[1] === 'ledger' ? devices.ledger : devices.trezor;
    if (!device) return { status: 404, body: { error: `no ${m[1]} emulator running` } };
    switch (m[2]) {
      case 'approve':
        return { status: 200, body: { done: device.approve() } };
      case 'reject':
        return { status: 200, body: { done: device.reject() } };
      case 'lock':
        device.lock();
        break;
      case 'unlock':
        device.unlock();
        break;
      case 'unplug':
        device.unplug();
        break;
      case 'replug':
        device.replug();
        break;
      case 'auto-approve':
        device.setAutoApprove(true);
        break;
      case 'manual':
        device.setAutoApprove(false);
        break;
      case 'open-app': {
        const app = (JSON.parse(body || '{}') as { app?: unknown }).app;
        if (m[1] !== 'ledger' || typeof app !== 'string' || !APPS.includes(app as LedgerAppName)) return { status: 400, body: { error: 'open-app needs a Ledger and one of ' + APPS.join(', ') } };
        (device as LedgerEmulator).openApp(app as LedgerAppName);
        break;
      }
      default:
        return { status: 404, body: { error: 'unknown action' } };
    }
    return { status: 200, body: { done: true, state: device.state() } };
  };
}
