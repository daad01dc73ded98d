/**
 * The vendors' Ledger libraries, loaded through `require`. Their ES module builds (`lib-es/`)
 * use extensionless imports that Node's own ESM loader refuses once the main process is
 * bundled, and bundling them instead would tear them from their own nested dependencies
 * (hw-app-btc needs @noble/hashes 1.x, the app the 2.x). Their CommonJS builds load as-is.
 */
import { createRequire } from 'node:module';
import type EthClass from '@ledgerhq/hw-app-eth';
import type BtcClass from '@ledgerhq/hw-app-btc';
import type AdaClass from '@cardano-foundation/ledgerjs-hw-app-cardano';
import type TransportNodeHidNoEventsClass from '@ledgerhq/hw-transport-node-hid-noevents';
import type TransportNodeHidClass from '@ledgerhq/hw-transport-node-hid';

const requireCjs = createRequire(import.meta.url);

const defaultExport = <T>(name: string): T => {
  const loaded = requireCjs(name) as { default?: T } & T;
  return loaded.default ?? loaded;
};

export const Eth: typeof EthClass = defaultExport('@ledgerhq/hw-app-eth');
export const Btc: typeof BtcClass = defaultExport('@ledgerhq/hw-app-btc');
export const Ada: typeof AdaClass = defaultExport('@cardano-foundation/ledgerjs-hw-app-cardano');
export const TransportNodeHidNoEvents: typeof TransportNodeHidNoEventsClass = defaultExport('@ledgerhq/hw-transport-node-hid-noevents');

/** The listening HID transport loads node-hid's native binding: only when real hardware is looked for. */
export const loadTransportNodeHid = (): typeof TransportNodeHidClass => defaultExport('@ledgerhq/hw-transport-node-hid');
