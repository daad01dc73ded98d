/**
 * One @trezor/connect (Node build) per process, talking to a Trezor Bridge on 127.0.0.1: the
 * real trezord, or our emulator's Bridge on any port. Connect is a process-wide singleton, so
 * this module owns its init and dispose. Analytics and popups do not exist in the Node build;
 * the remote lookups it cannot switch off are refused by network-guard.ts.
 */
import * as connectModule from '@trezor/connect';
import { createRequire } from 'node:module';
import { installVendorNetworkGuard } from './network-guard';

// The package is CommonJS with `exports.default`; under ESM interop it may be nested once more.
type ConnectApi = typeof connectModule.default;
const TrezorConnect: ConnectApi =
  ((connectModule as unknown as { default?: { default?: ConnectApi } }).default?.default ??
    (connectModule as unknown as { default?: ConnectApi }).default ??
    (connectModule as unknown as ConnectApi));

const requireFromConnect = createRequire(createRequire(import.meta.url).resolve('@trezor/connect'));

export const CONNECT_MANIFEST = { appName: 'C3 Vault', email: 'maintainers@c3-alliance.invalid', appUrl: 'https://c3-alliance.invalid/vault' };

let current: { port: number; ready: Promise<ConnectApi> } | null = null;

export interface ConnectOptions {
  /** The Bridge port (21325 for trezord; the emulator's Bridge may use any). */
  readonly bridgePort?: number;
}

/** Initialises connect once for `bridgePort` (re-initialises if the port changes). */
export async function getTrezorConnect(options: ConnectOptions = {}): Promise<ConnectApi> {
  const port = options.bridgePort ?? 21325;
  if (current && current.port === port) return current.ready;
  if (current) await disposeTrezorConnect();
  installVendorNetworkGuard();
  const { BridgeTransport } = requireFromConnect('@trezor/transport') as { BridgeTransport: new (params: Record<string, unknown>) => object };
  // connect constructs a transport class with its own params (protobuf messages, logger); this
  // subclass only points it at our port. Its `name` stays 'BridgeTransport'.
  class PortBridgeTransport extends BridgeTransport {
    constructor(params: Record<string, unknown>) {
      super({ ...params, port });
    }
  }
  const ready = TrezorConnect.init({
    manifest: CONNECT_MANIFEST,
    transports: [PortBridgeTransport as never],
    lazyLoad: false,
    popup: false,
    debug: false,
    pendingTransportEvent: true,
    transportReconnect: true,
    interactionTimeout: 600,
  }).then(() => TrezorConnect);
  current = { port, ready };
  ready.catch(() => {
    if (current?.ready === ready) current = null;
  });
  return ready;
}

export async function disposeTrezorConnect(): Promise<void> {
  if (!current) return;
  const was = current;
  current = null;
  await was.ready.catch(() => undefined);
  await TrezorConnect.dispose();
}

export { TrezorConnect };
