/** How devices, their states and their prompts are named on the screens: words, never the contract's identifiers. */
import { type DeviceInfo } from '../../shared/contract/devices';

export const vendorName = (vendor: DeviceInfo['vendor']) => (vendor === 'ledger' ? 'Ledger' : 'Trezor');

/** A device's state in the words the screens show (never the identifiers of the contract). */
export const stateWords: Record<DeviceInfo['state'], string> = {
  connected: 'connected',
  busy: 'busy with a request',
  'awaiting-confirmation': 'waiting for you on the device',
  locked: 'locked',
  disconnected: 'disconnected',
};

/** What a device's screen asks, in words: the emulators name their prompts as the firmware's flows do. */
const ACTION_WORDS: Record<string, string> = {
  'verify-address': 'Check the address',
  'sign-message': 'Sign a message',
  'sign-typed-data': 'Sign structured data (EIP-712)',
  'sign-transaction': 'Sign a transaction',
  'export-public-key': 'Share a public key',
  'enter-pin': 'Enter your PIN',
};
export const actionWords = (action: string): string => ACTION_WORDS[action] ?? action.replace(/[-_]+/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** 0x1234…abcd: enough of an address to tell two devices apart at a glance. */
export const shortAddress = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

/**
 * How a device is named wherever one is chosen: its label (a Trezor's is the name its owner gave
 * it) and, to tell two devices of one model apart, its first address.
 */
export const deviceName = (device: DeviceInfo): string =>
  device.firstAddress ? `${device.label} · ${shortAddress(device.firstAddress)}` : device.label;
