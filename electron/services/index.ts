/**
 * Every main-process service, wired to the contract's handlers. Plain Node: the Electron
 * shell (electron/main) and the browser bridge (electron/serve.ts) both serve exactly this.
 */
import { type Handlers } from '../../shared/contract/dispatch';
import { type Channels } from '../../shared/contract/channels';
import { ok } from '../../shared/result';
import { createEventHub, type EventHub } from './events';
import { createTaskRegistry, type TaskRegistry } from './tasks';
import { createLedgerService } from './ledger/service';
import { demoCommonsView } from './ledger/demo';
import { createDevicesService, type DevicesService } from './devices/service';

export interface ServiceOptions {
  readonly version: string;
  readonly shell: 'electron' | 'browser';
  readonly platform: NodeJS.Platform;
  /** Emulated devices are on for the demo and tests; labelled as such in the UI. */
  readonly emulators: boolean;
  /**
   * Look for real hardware: Ledgers over USB HID, Trezors through the Trezor Bridge (trezord).
   * Off in tests, where only the emulators answer.
   */
  readonly hardware?: boolean;
}

export interface Services {
  readonly handlers: Handlers<Channels>;
  readonly hub: EventHub;
  readonly tasks: TaskRegistry;
  /** The device layer, for tests that drive the emulators behind the contract. */
  readonly devices: DevicesService;
  close(): Promise<void>;
}

const platformOf = (platform: NodeJS.Platform) =>
  platform === 'linux' || platform === 'darwin' || platform === 'win32' ? platform : 'other';

export function createServices(options: ServiceOptions): Services {
  const hub = createEventHub();
  const tasks = createTaskRegistry(hub);
  const ledger = createLedgerService();
  const devices = createDevicesService({
    emulators: options.emulators,
    ledgerHid: options.hardware ?? false,
    trezor: options.hardware ?? false,
  });
  const unsubscribeDevices = devices.subscribe((event, payload) => hub.publish(event, payload));

  const handlers: Handlers<Channels> = {
    'app.info': async () =>
      ok({
        name: 'C3 Vault',
        version: options.version,
        platform: platformOf(options.platform),
        shell: options.shell,
        emulatorsEnabled: options.emulators,
      }),
    'demo.commons': async () => ok(demoCommonsView()),
    'task.cancel': async ({ taskId }) => ok({ cancelled: tasks.cancel(taskId) }),
    'ledger.verifySignatures': (request) => ledger['ledger.verifySignatures'](request),
    'demo.log': (request) => ledger['demo.log'](request),
    ...devices.handlers,
  };

  return {
    handlers,
    hub,
    tasks,
    devices,
    async close() {
      unsubscribeDevices();
      await Promise.allSettled([ledger.close(), devices.close()]);
    },
  };
}
