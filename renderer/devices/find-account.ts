/**
 * Finds which Ethereum account of a device holds a key: the app asks the device for the addresses
 * at m/44'/60'/0'/0/i (nothing shown on its screen) until one matches, as Safe and Frame do.
 */
import { type AppError } from '../../shared/contract/errors';
import { type Api } from '../app/api/client';

export const SCAN_ACCOUNTS = 20;
export const accountPath = (index: number) => `m/44'/60'/0'/0/${index}`;

export async function findAccount(api: Api, deviceId: string, wanted: (address: string) => boolean, what: string): Promise<{ path: string; address: string } | AppError> {
  for (let i = 0; i < SCAN_ACCOUNTS; i++) {
    const answer = await api.call('devices.getAddress', { deviceId, path: accountPath(i), display: false });
    if (!answer.ok) return answer.error;
    const address = answer.value.address.toLowerCase();
    if (wanted(address)) return { path: accountPath(i), address };
  }
  return {
    kind: 'KeyNotOnDevice',
    message: `This device does not hold ${what} in its first ${SCAN_ACCOUNTS} Ethereum accounts.`,
    nextStep: 'Choose the device that holds this key, or check that it was set up with the same recovery phrase.',
  };
}

export const isAppError = (value: unknown): value is AppError => typeof value === 'object' && value !== null && 'kind' in value && 'message' in value;
