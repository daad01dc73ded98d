/**
 * Every main-process service, wired to the contract's handlers. Plain Node: the Electron
 * shell (electron/main) and the browser bridge (electron/serve.ts) both serve exactly this.
 */
import { join } from 'node:path';
import { type Handlers } from '../../shared/contract/dispatch';
import { type Channels } from '../../shared/contract/channels';
import { err, ok } from '../../shared/result';
import { createEventHub, type EventHub } from './events';
import { createTaskRegistry, type TaskRegistry } from './tasks';
import { createLedgerService } from './ledger/service';
import { createDevicesService, type DevicesService } from './devices/service';
import { createEmulatorSource, type EmulatorSource } from './emulators/source';
import { createTrezorBridgeSource } from './devices/trezor/bridge-source';
import { createDemoSequencer } from './ledger/demo-sequencer';
import { commonsVerifier, zkKeyHashesOf, zkResourcesDir } from './ledger/zk-verifier';
import { stewardsHandlers } from './ledger/stewards';
import { createProver } from './prover/prover';
import { createProverService } from './prover/service';
import { type SecretBox, fileIdentityStore } from './prover/identity-store';
import { type Workspace, createWorkspaceGate } from './workspace';
import { type BiometricProvider, developmentBiometrics } from './prover/biometrics';

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
  /**
   * Where real Trezors are looked for: trezord's http://127.0.0.1:21325 by default (with
   * `hardware`). Tests set it to an emulator served as a Bridge on a random port; set, it is
   * looked at even without `hardware`.
   */
  readonly trezordUrl?: string;
  /** Where the member's identity secret is kept (Electron: the app's userData folder). */
  readonly dataDir: string;
  /** The biometric capture; without one, the development provider (labelled as such). */
  readonly biometrics?: BiometricProvider;
  /**
   * Prepare the prover in the background at start (and again after a cancel), so that a member's
   * first proof is as quick as any other. On in the app; off in tests, which start many services.
   */
  readonly warmProver?: boolean;
  /**
   * How the identity secret is kept: the OS keychain in the desktop app; without a box, a plain
   * file only this user may read (browser mode), and Settings says so.
   */
  readonly secretBox?: SecretBox;
  /**
   * The desktop app's workspace at start ('real': nothing emulated until the window opens the
   * demo). Set, emulated devices and the demo sequencer exist only in the Demo workspace
   * (./workspace.ts); unset (browser mode, tests), they follow `emulators` alone.
   */
  readonly workspace?: Workspace;
}

export interface Services {
  readonly handlers: Handlers<Channels>;
  readonly hub: EventHub;
  readonly tasks: TaskRegistry;
  /** The device layer, for tests that drive the emulators behind the contract. */
  readonly devices: DevicesService;
  /** The emulators, while they are plugged in (tests drive them behind the contract). */
  readonly emulators: EmulatorSource | null;
  close(): Promise<void>;
}

const platformOf = (platform: NodeJS.Platform) =>
  platform === 'linux' || platform === 'darwin' || platform === 'win32' ? platform : 'other';

export function createServices(options: ServiceOptions): Services {
  const hub = createEventHub();
  const tasks = createTaskRegistry(hub);
  const demoChain = createDemoSequencer({ file: join(options.dataDir, 'demo-commons.jsonl') });
  // The one owner of every Commons log. The demo's Commons counts as verified for the prover only
  // where the demo is on (its stewards are emulated keys).
  const ledger = createLedgerService({ dataDir: options.dataDir, demo: demoChain, trustDemo: options.emulators });
  const unsubscribeLedger = ledger.subscribe((change) => hub.publish('ledger.changed', change));
  // Real hardware is always looked for (where `hardware` is on): Ledgers over USB HID, Trezors
  // through the machine's Trezor Bridge, spoken to directly. The emulators are one more source,
  // plugged only where they may be used: the Demo workspace (./workspace.ts), browser mode, tests.
  const trezord = options.hardware || options.trezordUrl ? createTrezorBridgeSource(options.trezordUrl ? { url: options.trezordUrl } : {}) : null;
  const devices = createDevicesService({ ledgerHid: options.hardware ?? false, sources: trezord ? [trezord] : [] });
  let emulators: EmulatorSource | null = null;
  const emulatorSource = {
    current: () => emulators,
    plug() {
      if (!options.emulators || emulators) return;
      emulators = createEmulatorSource();
      devices.plug(emulators);
    },
    async unplug() {
      const plugged = emulators;
      emulators = null;
      if (plugged) await devices.unplug(plugged);
    },
  };
  const workspace = createWorkspaceGate({ initial: options.workspace, emulators: emulatorSource, devices });
  const unsubscribeDevices = devices.subscribe(workspace.events((event, payload) => hub.publish(event, payload)));
  const identityStore = fileIdentityStore(options.dataDir, options.secretBox);
  const artifactsDir = zkResourcesDir();
  const prover = createProver({ artifactsDir, rewarmAfterCancel: options.warmProver ?? false });
  // Missing or tampered artifacts are reported by zk.status and by the first proof; nothing to do here.
  if (options.warmProver) void prover.warmUp().catch(() => undefined);
  const identity = createProverService({
    artifactsDir,
    prover,
    identity: identityStore,
    biometrics: options.biometrics ?? developmentBiometrics(options.dataDir),
    tasks,
    commons: ledger.commons,
  });

  const handlers: Handlers<Channels> = workspace.guard({
    'app.info': async () =>
      ok({
        name: 'C3 Vault',
        version: options.version,
        platform: platformOf(options.platform),
        shell: options.shell,
        emulatorsEnabled: options.emulators && workspace.demoOpen(),
        secretProtection: identityStore.protection,
      }),
    'workspace.open': async ({ workspace: name }) => ok(await workspace.open(name)),
    'task.cancel': async ({ taskId }) => ok({ cancelled: tasks.cancel(taskId) }),
    'ledger.verifySignatures': (request) => ledger['ledger.verifySignatures'](request),
    'ledger.openCommons': (request) => ledger['ledger.openCommons'](request),
    'ledger.list': (request) => ledger['ledger.list'](request),
    'ledger.state': (request) => ledger['ledger.state'](request),
    'ledger.history': (request) => ledger['ledger.history'](request),
    'ledger.import': (request) => ledger['ledger.import'](request),
    'ledger.reverify': (request) => ledger['ledger.reverify'](request),
    'ledger.exportUpdate': (request) => ledger['ledger.exportUpdate'](request),
    'ledger.export': (request) => ledger['ledger.export'](request),
    'ledger.preflight': (request) => ledger['ledger.preflight'](request),
    'credit.history': (request) => ledger['credit.history'](request),
    'ledger.searchHistory': (request) => ledger['ledger.searchHistory'](request),
    'demo.log': (request) => ledger['demo.log'](request),
    'demo.commons': (request) => ledger['demo.commons'](request),
    'demo.clock': (request) => ledger['demo.clock'](request),
    'demo.wait': async (request) => (options.emulators ? ledger['demo.wait'](request) : err({ kind: 'DemoDisabled', message: 'The Demo Commons is turned off in this build.' })),
    // Without emulators the demo can be looked at, not added to: its stewards' keys are the emulators'.
    'demo.submit': async (request) => (options.emulators ? ledger['demo.submit'](request) : err({ kind: 'DemoDisabled', message: 'The Demo Commons is turned off in this build.' })),
    ...devices.handlers,
    ...identity,
    // A real Commons' stewards (genesis, inbox, sealing) and invitees (docs/invite-and-update-files.md).
    ...stewardsHandlers({ ledger, dataDir: options.dataDir, zkKeys: () => zkKeyHashesOf(artifactsDir), verifier: commonsVerifier }),
  });

  return {
    handlers,
    hub,
    tasks,
    devices,
    get emulators() {
      return emulators;
    },
    async close() {
      unsubscribeDevices();
      unsubscribeLedger();
      await Promise.allSettled([ledger.close(), devices.close(), prover.close()]);
    },
  };
}
