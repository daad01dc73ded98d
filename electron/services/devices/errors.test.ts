import { describe, expect, it } from 'vitest';
import { LockedDeviceError, TransportStatusError, DisconnectedDeviceDuringOperation, TransportRaceCondition } from '@ledgerhq/errors';
import { UDEV_INSTALL_COMMAND, mapLedgerError, mapTrezorError } from './errors';
import { devicesChannels, devicesEvents } from '../../../shared/contract/devices';

describe('vendor errors in plain words', () => {
  it('maps Ledger status words and error classes', () => {
    expect(mapLedgerError(new LockedDeviceError()).body.kind).toBe('DeviceLocked');
    expect(mapLedgerError(new TransportStatusError(0x6985)).body.kind).toBe('RejectedOnDevice');
    expect(mapLedgerError(new TransportStatusError(0x6e01), { expectedApp: 'Ethereum', openApp: 'BOLOS' }).body).toMatchObject({
      kind: 'WrongApp',
      expected: 'Ethereum',
      open: 'BOLOS',
      nextStep: 'Open the Ethereum app on your Ledger, then try again.',
    });
    expect(mapLedgerError(new DisconnectedDeviceDuringOperation('gone')).body.kind).toBe('Disconnected');
    expect(mapLedgerError(new TransportRaceCondition('busy')).body.kind).toBe('DeviceBusy');
  });

  it('names the udev command when Linux refuses to open the device', () => {
    if (process.platform !== 'linux') return;
    const body = mapLedgerError(new Error('cannot open device with path /dev/hidraw3')).body;
    expect(body).toMatchObject({ kind: 'UdevRulesMissing', command: UDEV_INSTALL_COMMAND });
    expect(UDEV_INSTALL_COMMAND).toContain('resources/linux/20-c3vault-hw.rules');
    expect(mapTrezorError({ error: 'LIBUSB_ERROR_ACCESS' }).body.kind).toBe('UdevRulesMissing');
  });

  it('maps @trezor/connect failure codes', () => {
    expect(mapTrezorError({ code: 'Failure_ActionCancelled', error: 'Cancelled' }).body.kind).toBe('RejectedOnDevice');
    expect(mapTrezorError({ code: 'Failure_ActionCancelled', error: 'Cancelled' }, { cancelledByApp: true }).body.kind).toBe('CancelledInApp');
    expect(mapTrezorError({ code: 'Method_Cancel', error: 'Cancelled in C3 Vault' }, { cancelledByApp: true }).body.kind).toBe('CancelledInApp');
    // A cancel asked for by the app does not hide a different failure.
    expect(mapTrezorError({ code: 'Device_Disconnected', error: 'Device disconnected' }, { cancelledByApp: true }).body.kind).toBe('Disconnected');
    expect(mapTrezorError({ code: 'Failure_PinCancelled', error: 'PIN cancelled' }).body.kind).toBe('DeviceLocked');
    expect(mapTrezorError({ code: 'Device_Disconnected', error: 'Device disconnected' }).body.kind).toBe('Disconnected');
    expect(mapTrezorError({ code: 'Device_CallInProgress', error: 'busy' }).body.kind).toBe('DeviceBusy');
  });
});

describe('the devices contract rows', () => {
  it('declares a summary and schemas for every channel and event', () => {
    for (const spec of [...Object.values(devicesChannels), ...Object.values(devicesEvents)]) expect(spec.summary.length).toBeGreaterThan(10);
    const request = devicesChannels['devices.getAddress'].request.parse({ deviceId: 'ledger:EMU-1', path: "m/44'/60'/0'/0/0" });
    expect(request.display).toBe(false);
    expect(() => devicesChannels['devices.getAddress'].request.parse({ deviceId: 'x', path: 'not a path' })).toThrow();
  });
});
