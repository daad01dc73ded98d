/**
 * The device layer's errors (shared/contract/device-errors.ts) in words. The detail is the device
 * service's sentence, built from the vendor's answer (electron/services/devices/errors.ts); the
 * title names what happened, and the next step is the device's.
 */
import { type DeviceError } from '../../../shared/contract/device-errors';
import { pathWords } from './contract';
import { type WordsFor, withNext } from './words';

export const deviceWords: WordsFor<DeviceError> = {
  DeviceLocked: (e) => withNext('The device is locked', e.message, e.nextStep),
  WrongApp: (e) => withNext(`The ${e.expected} app is not open`, e.message, e.nextStep),
  AppTooOld: (e) => withNext(`The ${e.app} on the device is too old`, e.message, e.nextStep),
  RejectedOnDevice: (e) => withNext('Rejected on the device', e.message, e.nextStep),
  CancelledInApp: (e) => withNext('Cancelled in C3 Vault', e.message, e.nextStep),
  Disconnected: (e) => withNext('The device was disconnected', e.message, e.nextStep),
  DeviceBusy: (e) => withNext('The device is busy', e.message, e.nextStep),
  UdevRulesMissing: (e) => withNext('Linux does not let C3 Vault open the device', e.message, `${e.nextStep} ${e.command}`),
  DeviceNotFound: (e) => withNext('That device is not connected', e.message, e.nextStep),
  NotSupported: (e) => withNext('The device cannot do this', e.message, e.nextStep),
  DeviceFailed: (e) => withNext('The device could not complete the request', e.message, e.nextStep),
  InvalidPath: (e) => pathWords(e.message),
  BlindSigningDisabled: (e) => withNext('Blind signing is off on your Ledger', e.message, e.nextStep),
  TrezorBridgeNotRunning: (e) => withNext('Trezor Bridge is not running', e.message, e.nextStep),
  EmulatorsDisabled: (e) => withNext('Emulated devices are turned off', e.message, e.nextStep),
  DemoWorkspaceOnly: (e) => withNext('Only in the Demo Commons', e.message, e.nextStep),
};
