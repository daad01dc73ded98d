/**
 * The device layer's errors as they cross the contract (electron/services/devices/errors.ts builds
 * them from vendor errors): each kind with the numbers and names that explain it. Declared here,
 * in the contract, so that the rows that answer them (./devices.ts) and the renderer's words for
 * them (renderer/ui/errors/) see one closed union.
 */
import { kindsOf } from './error-kinds';

export type DeviceErrorBody =
  | { kind: 'DeviceLocked'; message: string; nextStep: string; vendor: string }
  | { kind: 'WrongApp'; message: string; nextStep: string; expected: string; open: string }
  | { kind: 'AppTooOld'; message: string; nextStep: string; app: string; minimum: string; actual: string }
  | { kind: 'RejectedOnDevice'; message: string; nextStep: string }
  | { kind: 'CancelledInApp'; message: string; nextStep: string; vendor: string }
  | { kind: 'Disconnected'; message: string; nextStep: string }
  | { kind: 'DeviceBusy'; message: string; nextStep: string }
  | { kind: 'UdevRulesMissing'; message: string; nextStep: string; command: string }
  | { kind: 'DeviceNotFound'; message: string; nextStep: string; deviceId: string }
  | { kind: 'NotSupported'; message: string; nextStep: string; operation: string }
  | { kind: 'DeviceFailed'; message: string; nextStep: string; detail: string }
  | { kind: 'InvalidPath'; message: string; nextStep: string; path: string }
  | { kind: 'BlindSigningDisabled'; message: string; nextStep: string; statusWord: string }
  | { kind: 'TrezorBridgeNotRunning'; message: string; nextStep: string; url: string };

/** Emulated devices asked for where the build has none. */
export type EmulatorsDisabled = { kind: 'EmulatorsDisabled'; message: string; nextStep: string };

/** An emulated device, or the demo's stewards, asked for outside the Demo workspace (electron/services/workspace.ts). */
export type DemoWorkspaceOnly = { kind: 'DemoWorkspaceOnly'; message: string; nextStep: string; channel: string };

export type DeviceError = DeviceErrorBody | EmulatorsDisabled | DemoWorkspaceOnly;
export type DeviceErrorKind = DeviceError['kind'];

/** What a request to one device may answer with: every vendor error (a device can fail any request in these ways). */
export const DEVICE_REQUEST_ERRORS = kindsOf<DeviceErrorBody['kind']>({
  DeviceLocked: true,
  WrongApp: true,
  AppTooOld: true,
  RejectedOnDevice: true,
  CancelledInApp: true,
  Disconnected: true,
  DeviceBusy: true,
  UdevRulesMissing: true,
  DeviceNotFound: true,
  NotSupported: true,
  DeviceFailed: true,
  InvalidPath: true,
  BlindSigningDisabled: true,
  TrezorBridgeNotRunning: true,
});
