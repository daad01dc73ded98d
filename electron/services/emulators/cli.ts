/**
 * `npm run emulators`: an emulated Trezor on the Bridge port (any @trezor/connect application
 * sees it) and an emulated Ledger behind the Speculos REST API, with a control API.
 *
 *   npm run emulators -- [--auto-approve] [--bridge-port 21325] [--speculos-port 5000]
 *                        [--apdu-port 9999] [--blind-signing]
 *                        [--no-ledger] [--no-trezor] [--ledger-app Ethereum]
 *
 * The Ledger's Ethereum app starts as a fresh one: "Blind signing" off, so EIP-712 messages
 * without Ledger's filters and contract calls are refused (0x6A80) until it is turned on with
 * --blind-signing, the control API or the device's own Settings menu (Speculos buttons).
 *
 * Test and demo devices: their keys come from public test seeds. Never for real funds.
 */
import { LedgerEmulator, type LedgerAppName } from './ledger/device';
import { startSpeculosServer } from './ledger/speculos';
import { TrezorEmulator } from './trezor/device';
import { DEFAULT_BRIDGE_PORT, startTrezorBridge } from './trezor/bridge';
import { controlRoutes } from './control';
import { DEFAULT_APDU_PORT, DEFAULT_SPECULOS_PORT } from './ledger/speculos';

const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(`--${name}`);
const value = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
};

if (flag('help')) {
  console.log('npm run emulators -- [--auto-approve] [--bridge-port N] [--speculos-port N] [--apdu-port N] [--blind-signing] [--no-ledger] [--no-trezor] [--ledger-app NAME]');
  process.exit(0);
}

const autoApprove = flag('auto-approve');
const ledger = flag('no-ledger') ? undefined : new LedgerEmulator({ autoApprove, blindSigning: flag('blind-signing'), app: value('ledger-app', 'Ethereum') as LedgerAppName });
const trezor = flag('no-trezor') ? undefined : new TrezorEmulator({ autoApprove });

const bridge = trezor ? await startTrezorBridge({ port: Number(value('bridge-port', String(DEFAULT_BRIDGE_PORT))), devices: [trezor] }) : undefined;
const speculos = ledger
  ? await startSpeculosServer(ledger, {
      port: Number(value('speculos-port', String(DEFAULT_SPECULOS_PORT))),
      ...(args.includes('--apdu-port') ? { apduPort: Number(value('apdu-port', String(DEFAULT_APDU_PORT))) } : {}),
      extraRoutes: controlRoutes({ ledger, trezor }),
    })
  : undefined;

console.log('C3 Vault emulators (test and demo devices, public test seeds: never for real funds)');
if (bridge) console.log(`  Trezor Model T (emulated), "all all … all": Trezor Bridge protocol at ${bridge.url}`);
if (speculos) {
  console.log(`  Ledger ${ledger?.productName} (emulated), Speculos seed: Speculos REST API at ${speculos.url}`);
  if (speculos.apduPort !== null) console.log(`  Raw APDU TCP port (Speculos --apdu-port protocol): 127.0.0.1:${speculos.apduPort}`);
  console.log(`  Control API: POST ${speculos.url}/c3/{ledger|trezor}/{approve|reject|lock|unlock|unplug|replug|auto-approve|manual}, POST ${speculos.url}/c3/ledger/settings {"blindSigning": true}, GET ${speculos.url}/c3/state`);
  console.log(`  Ethereum app "Blind signing": ${ledger?.blindSigning ? 'on' : 'off (turn it on to sign EIP-712 messages without filters and contract calls)'}`);
} else if (bridge) {
  console.log('  (control API is served with the Ledger; start without --no-ledger to use it)');
}
console.log(autoApprove ? '  Every request is approved automatically.' : '  Requests wait for approval: walk the screens with the Speculos buttons, or use the control API.');
for (const device of [ledger, trezor]) {
  device?.on('prompt', (p) => console.log(`  [${device === ledger ? 'ledger' : 'trezor'}] prompt #${p.id}: ${p.lines.join(' | ')}`));
}

const shutdown = async (): Promise<void> => {
  await Promise.all([bridge?.close(), speculos?.close()]);
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
