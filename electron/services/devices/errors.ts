/**
 * Every vendor error in plain words and a next step (STYLE.md: results, not exceptions, across
 * boundaries; the UI switches on `kind`). Ledger errors arrive as status words or
 * @ledgerhq/errors classes, Trezor errors as @trezor/connect failure codes.
 */
import { type AppError } from '../../../shared/contract/errors';
import { type DeviceErrorBody } from '../../../shared/contract/device-errors';

export const UDEV_RULES_FILE = 'resources/linux/20-c3vault-hw.rules';
export const UDEV_INSTALL_COMMAND =
  `sudo install -m 644 ${UDEV_RULES_FILE} /etc/udev/rules.d/ && sudo udevadm control --reload-rules && sudo udevadm trigger`;

/** The kinds, declared in the contract (the rows that answer them and the renderer's words see one union). */
export type { DeviceErrorBody };

export class DeviceError extends Error {
  constructor(readonly body: DeviceErrorBody) {
    super(body.message);
    this.name = 'DeviceError';
  }
  toAppError(): AppError {
    return { ...this.body };
  }
}

const vendorName = (vendor: string): string => (vendor === 'ledger' ? 'Ledger' : 'Trezor');

export const deviceErrors = {
  locked: (vendor: string): DeviceErrorBody => ({
    kind: 'DeviceLocked',
    message: `Your ${vendorName(vendor)} is locked.`,
    nextStep: `Unlock it with your PIN on the device, then try again.`,
    vendor,
  }),
  wrongApp: (expected: string, open: string): DeviceErrorBody => ({
    kind: 'WrongApp',
    message: open === 'BOLOS' ? `No app is open on your Ledger.` : `The ${open} app is open on your Ledger, not the ${expected} app.`,
    nextStep: `Open the ${expected} app on your Ledger, then try again.`,
    expected,
    open,
  }),
  appTooOld: (app: string, minimum: string, actual: string): DeviceErrorBody => ({
    kind: 'AppTooOld',
    message: `The ${app} app on your device is version ${actual}; this needs ${minimum} or later.`,
    nextStep: `Update the ${app} app (Ledger Live → My Ledger, or Trezor Suite for firmware), then try again.`,
    app,
    minimum,
    actual,
  }),
  rejected: (): DeviceErrorBody => ({
    kind: 'RejectedOnDevice',
    message: 'The request was rejected on the device.',
    nextStep: 'Nothing was signed. Start again if you meant to approve it.',
  }),
  /**
   * The person cancelled the request in C3 Vault (a Trezor answers as if rejected on it). A
   * Trezor leaves its screen on the Cancel message; a Ledger has no such command (an APDU sent
   * cannot be withdrawn), so a real one may still show the request until it is rejected there.
   */
  cancelledInApp: (vendor: string = 'trezor'): DeviceErrorBody => ({
    kind: 'CancelledInApp',
    message: 'The request was cancelled in C3 Vault.',
    nextStep:
      vendor === 'ledger'
        ? 'Nothing was signed. If your Ledger still shows the request, reject it on the device. Start again when you are ready.'
        : 'Nothing was signed. Start again when you are ready.',
    vendor,
  }),
  /**
   * The Ethereum app (1.12 and later) refuses an EIP-712 message it cannot show field by field
   * (no filters registered for it, or the hashes-only mode) with 0x6A80 unless its Blind signing
   * setting is on (app-ethereum: "Blind signing must be enabled in Settings").
   */
  blindSigningDisabled: (): DeviceErrorBody => ({
    kind: 'BlindSigningDisabled',
    message: 'The Ethereum app on your Ledger refused the message: C3 Vault actions are shown on the device as their hashes, which the app signs only with Blind signing on.',
    nextStep:
      'On your Ledger, open the Ethereum app → Settings → Blind signing, turn it on, then try again. Compare the hashes on the device with the ones C3 Vault shows before you approve.',
    statusWord: '0x6a80',
  }),
  disconnected: (): DeviceErrorBody => ({
    kind: 'Disconnected',
    message: 'The device was disconnected before it answered.',
    nextStep: 'Plug it back in, unlock it and try again.',
  }),
  busy: (): DeviceErrorBody => ({
    kind: 'DeviceBusy',
    message: 'The device is busy with another request.',
    nextStep: 'Finish or cancel the request shown on the device (or in another app using it), then try again.',
  }),
  udevMissing: (): DeviceErrorBody => ({
    kind: 'UdevRulesMissing',
    message: 'Linux does not let C3 Vault open the device: its udev rules are not installed.',
    nextStep: `Install the rules with the command below, then unplug and plug the device back in.`,
    command: UDEV_INSTALL_COMMAND,
  }),
  notFound: (deviceId: string): DeviceErrorBody => ({
    kind: 'DeviceNotFound',
    message: 'That device is not connected.',
    nextStep: 'Plug it in and unlock it; it will appear in the list.',
    deviceId,
  }),
  notSupported: (operation: string, message: string): DeviceErrorBody => ({
    kind: 'NotSupported',
    message,
    nextStep: 'Use another device for this, or update the device and its app.',
    operation,
  }),
  invalidPath: (path: string, problem: string): DeviceErrorBody => ({
    kind: 'InvalidPath',
    message: `The derivation path “${path}” is not valid. ${problem}`,
    nextStep: "Correct the path (for example m/44'/60'/0'/0/0) and try again.",
    path,
  }),
  /** Nothing answers on the Trezor Bridge's port: trezord (or Trezor Suite, which brings its own) is not running. */
  bridgeNotRunning: (url: string): DeviceErrorBody => ({
    kind: 'TrezorBridgeNotRunning',
    message: 'Trezor Bridge is not running — install or start Trezor Suite/Bridge.',
    nextStep: 'Install Trezor Suite (it includes the Bridge) or the standalone Trezor Bridge, start it, then plug your Trezor in again.',
    url,
  }),
  failed: (detail: string): DeviceErrorBody => ({
    kind: 'DeviceFailed',
    message: 'The device could not complete the request.',
    nextStep: 'Unplug it, plug it back in and try again.',
    detail,
  }),
};

/** Ledger status words and @ledgerhq/errors names → our errors. */
export function mapLedgerError(error: unknown, context: { expectedApp?: string; openApp?: string; operation?: 'signTypedData' } = {}): DeviceError {
  if (error instanceof DeviceError) return error;
  const e = error as { statusCode?: unknown; name?: unknown; message?: unknown; id?: unknown } | null;
  const name = typeof e?.name === 'string' ? e.name : '';
  const message = typeof e?.message === 'string' ? e.message : String(error);
  const sw = typeof e?.statusCode === 'number' ? e.statusCode : null;
  if (sw === 0x5515 || name === 'LockedDeviceError') return new DeviceError(deviceErrors.locked('ledger'));
  if (sw === 0x6985 || sw === 0x5501 || name === 'UserRefusedOnDevice' || name === 'UserRefusedAddress') return new DeviceError(deviceErrors.rejected());
  if (sw === 0x6a80 && context.operation === 'signTypedData') return new DeviceError(deviceErrors.blindSigningDisabled());
  if (sw === 0x6e00 || sw === 0x6e01 || sw === 0x6d00 || sw === 0x6d02 || sw === 0x6511) {
    return new DeviceError(deviceErrors.wrongApp(context.expectedApp ?? 'right', context.openApp ?? 'BOLOS'));
  }
  if (name === 'DisconnectedDevice' || name === 'DisconnectedDeviceDuringOperation' || /disconnect|could not read from HID|cannot write to hid/i.test(message)) {
    return new DeviceError(deviceErrors.disconnected());
  }
  if (name === 'TransportRaceCondition' || /another operation|already in progress|race condition/i.test(message)) return new DeviceError(deviceErrors.busy());
  // node-hid on Linux without rules: "cannot open device with path /dev/hidraw0".
  if (process.platform === 'linux' && /cannot open device|permission denied|EACCES/i.test(message)) return new DeviceError(deviceErrors.udevMissing());
  return new DeviceError(deviceErrors.failed(sw !== null ? `status word 0x${sw.toString(16).padStart(4, '0')}` : message));
}

/**
 * @trezor/connect failure payloads (`{ error, code }`) → our errors. A Trezor answers a Cancel
 * sent by the app with the same `Failure_ActionCancelled` as a rejection on its screen, so only
 * the caller knows which happened: `cancelledByApp` says the app had asked to cancel.
 */
export function mapTrezorError(payload: { error?: unknown; code?: unknown }, context: { cancelledByApp?: boolean } = {}): DeviceError {
  const code = typeof payload.code === 'string' ? payload.code : '';
  const text = typeof payload.error === 'string' ? payload.error : '';
  const cancelCodes = ['Failure_ActionCancelled', 'Method_Cancel', 'Method_Interrupted'];
  if (context.cancelledByApp && (cancelCodes.includes(code) || /cancel/i.test(text))) return new DeviceError(deviceErrors.cancelledInApp());
  if (code === 'Failure_PinCancelled' || code === 'Failure_PinExpected' || code === 'Failure_PinInvalid' || code === 'Failure_PinMismatch' || code === 'Device_Locked') {
    return new DeviceError(deviceErrors.locked('trezor'));
  }
  if (code === 'Failure_ActionCancelled' || code === 'Method_Cancel' || /cancelled|rejected/i.test(text)) {
    return new DeviceError(deviceErrors.rejected());
  }
  if (code === 'Device_Disconnected' || code === 'Method_Interrupted' || code === 'Device_NotFound' || /disconnected/i.test(text)) {
    return new DeviceError(deviceErrors.disconnected());
  }
  if (code === 'Device_CallInProgress' || code === 'Device_UsedElsewhere' || code === 'Failure_Busy' || code === 'Device_InvalidState') {
    return new DeviceError(deviceErrors.busy());
  }
  if (/LIBUSB_ERROR_ACCESS|permission/i.test(text)) return new DeviceError(deviceErrors.udevMissing());
  const tooOld = /firmware.*(too old|required|outdated)|Method_NotAllowed|Device_FwException/i.exec(`${code} ${text}`);
  if (tooOld) return new DeviceError(deviceErrors.appTooOld('Trezor firmware', 'the latest', 'older'));
  return new DeviceError(deviceErrors.failed(code ? `${code}: ${text}` : text));
}
