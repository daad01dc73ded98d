/**
 * The emulators' small local control API, served beside the Speculos API:
 * `POST /c3/{ledger|trezor}/{approve|reject|lock|unlock|unplug|replug|auto-approve|manual}`,
 * `POST /c3/ledger/open-app` {"app": "Ethereum"|"Bitcoin"|"Cardano ADA"|"BOLOS"},
 * `POST /c3/ledger/settings` {"blindSigning"?: bool, "verboseEip712"?: bool, "displayNonce"?: bool,
 * "debugData"?: bool} (the Ethereum app's Settings menu), `GET /c3/state`.
 * Loopback only, like everything the emulators serve.
 */
import { type IncomingMessage } from 'node:http';
import { type LedgerAppName, type LedgerEmulator } from './ledger/device';
import { type EthereumSettings } from './ledger/eth-screens';
import { type TrezorEmulator } from './trezor/device';
import { type ExtraRoute } from './ledger/speculos';

const APPS: readonly LedgerAppName[] = ['BOLOS', 'Ethereum', 'Bitcoin', 'Cardano ADA'];
const SETTINGS: readonly (keyof EthereumSettings)[] = ['blindSigning', 'verboseEip712', 'displayNonce', 'debugData'];

/** The settings in a body, or null if it names anything else or a value that is not a boolean. */
function readSettings(body: string): Partial<EthereumSettings> | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body || '{}');
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.length === 0 || entries.some(([k, v]) => !SETTINGS.includes(k as keyof EthereumSettings) || typeof v !== 'boolean')) return null;
  return Object.fromEntries(entries) as Partial<EthereumSettings>;
}

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
      case 'settings': {
        const settings = m[1] === 'ledger' ? readSettings(body) : null;
        if (!settings) return { status: 400, body: { error: `settings needs a Ledger and a JSON object of booleans among ${SETTINGS.join(', ')}` } };
        for (const [name, on] of Object.entries(settings)) (device as LedgerEmulator).setEthereumSetting(name as keyof EthereumSettings, on);
        break;
      }
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
