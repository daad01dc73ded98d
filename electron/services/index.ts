/**
 * Every main-process service, wired to the contract's handlers. Plain Node: the Electron
 * shell (electron/main) and the browser bridge (electron/serve.ts) both serve exactly this.
 */
import { type Handlers } from '../../shared/contract/dispatch';
import { type Channels } from '../../shared/contract/channels';
import { ok } from '../../shared/result';
import { createEventHub, type EventHub } from './events';
import { createTaskRegistry, type TaskRegistry } from './tasks';
import { interimDemoCommons } from './demo/interim-demo';

export interface ServiceOptions {
  readonly version: string;
  readonly shell: 'electron' | 'browser';
  readonly platform: NodeJS.Platform;
  /** Emulated devices are on for the demo and tests; labelled as such in the UI. */
  readonly emulators: boolean;
}

export interface Services {
  readonly handlers: Handlers<Channels>;
  readonly hub: EventHub;
  readonly tasks: TaskRegistry;
  close(): Promise<void>;
}

const platformOf = (platform: NodeJS.Platform) =>
  platform === 'linux' || platform === 'darwin' || platform === 'win32' ? platform : 'other';

export function createServices(options: ServiceOptions): Services {
  const hub = createEventHub();
  const tasks = createTaskRegistry(hub);
  let demo: ReturnType<typeof interimDemoCommons> | undefined;

  const handlers: Handlers<Channels> = {
    'app.info': async () =>
      ok({
        name: 'C3 Vault',
        version: options.version,
        platform: platformOf(options.platform),
        shell: options.shell,
        emulatorsEnabled: options.emulators,
      }),
    'demo.commons': async () => ok((demo ??= interimDemoCommons())),
    'task.cancel': async ({ taskId }) => ok({ cancelled: tasks.cancel(taskId) }),
  };

  return {
    handlers,
    hub,
    tasks,
    async close() {
      // Services with resources (device transports, the prover's worker) release them here.
    },
  };
}
