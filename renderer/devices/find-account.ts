/**
 * Finds which Ethereum account of a device holds a key: the device's first accounts
 * (m/44'/60'/0'/0/i, nothing shown on its screen) are read once by the device service and shared
 * by every flow that asks, as Safe and Frame scan; the one that matches is the key's.
 */
import { useEffect, useMemo, useState } from 'react';
import { type DeviceInfo } from '../../shared/contract/devices';
import { type AppError } from '../../shared/contract/errors';
import { useApi, type Api } from '../app/api/client';
import { whyNotReady } from './DevicePicker';

export const SCAN_ACCOUNTS = 20;
export const accountPath = (index: number) => `m/44'/60'/0'/0/${index}`;

export async function findAccount(api: Api, deviceId: string, wanted: (address: string) => boolean, what: string): Promise<{ path: string; address: string } | AppError> {
  const answer = await api.call('devices.accounts', { deviceId, count: SCAN_ACCOUNTS });
  if (!answer.ok) return answer.error;
  const found = answer.value.accounts.find((account) => wanted(account.address.toLowerCase()));
  if (found) return { path: found.path, address: found.address.toLowerCase() };
  return {
    kind: 'KeyNotOnDevice',
    message: `This device does not hold ${what} in its first ${SCAN_ACCOUNTS} Ethereum accounts.`,
    nextStep: 'Choose the device that holds this key, or check that it was set up with the same recovery phrase.',
  };
}

export const isAppError = (value: unknown): value is AppError => typeof value === 'object' && value !== null && 'kind' in value && 'message' in value;

export type KeyHolder =
  | { kind: 'looking' }
  | { kind: 'found'; device: DeviceInfo; path: string; address: string }
  | { kind: 'none' };

/**
 * Which connected device holds one of `addresses` (a role's key: the attestor's, a signer's), so
 * that the screen can say so before the member picks a device. Devices that cannot answer without
 * the person (locked, disconnected, a Ledger without the Ethereum app) are not asked; a busy one
 * answers after its request (the accounts are read once and kept).
 */
export function useKeyHolder(devices: readonly DeviceInfo[] | null, addresses: readonly string[]): KeyHolder {
  const api = useApi();
  const wantedKey = addresses.map((a) => a.toLowerCase()).join(',');
  const wanted = useMemo(() => new Set(wantedKey.split(',')), [wantedKey]);
  const askable = (devices ?? []).filter((d) => whyNotReady(d) === null || d.state === 'busy' || d.state === 'awaiting-confirmation');
  // Asked again only when the set of devices that can answer changes.
  const key = askable.map((d) => `${d.id}|${d.firstAddress ?? ''}`).join(',');
  const [holder, setHolder] = useState<KeyHolder>({ kind: 'looking' });
  useEffect(() => {
    let live = true;
    const ask = async () => {
      for (const device of askable) {
        const found = await findAccount(api, device.id, (address) => wanted.has(address), 'the key');
        if (!live) return;
        if (!isAppError(found)) return setHolder({ kind: 'found', device, path: found.path, address: found.address });
      }
      if (live) setHolder({ kind: 'none' });
    };
    if (devices !== null) void ask();
    return () => {
      live = false;
    };
    // `key` stands for `askable`: the effect runs again when the devices that can answer change.
  }, [api, key, wanted, devices === null]);
  return holder;
}
