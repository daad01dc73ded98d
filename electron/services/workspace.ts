/**
 * In the desktop app, emulated devices (whose keys come from the vendors' public test seeds) and
 * the demo's sequencer exist only while the Demo workspace is open. In the member's own workspace
 * no emulated device is listed, announced or usable, none can be plugged in, and nothing is
 * sequenced into the demo log: a real vault action can never be signed by a key anyone can derive.
 * The window says which workspace it shows (`workspace.open`); the services start in the member's
 * own, where nothing is emulated, until it does.
 *
 * Browser mode is not gated: its one bridge serves every tab (and every test) at once, each with
 * a workspace of its own; it has its own switches (--no-emulators).
 */
import { type Channels, type WorkspaceName } from '../../shared/contract/channels';
import { type CallContext, type Handlers } from '../../shared/contract/dispatch';
import { type DeviceInfo } from '../../shared/contract/devices';
import { type AppError } from '../../shared/contract/errors';
import { err, ok } from '../../shared/result';
import { type DevicesEventListener, type DevicesService } from './devices/service';

export type Workspace = (typeof WorkspaceName)['options'][number];

export interface DemoWorkspaceOnly {
  kind: 'DemoWorkspaceOnly';
  message: string;
  nextStep: string;
  channel: string;
}

const demoWorkspaceOnly = (channel: string): DemoWorkspaceOnly => ({
  kind: 'DemoWorkspaceOnly',
  message: 'Emulated devices and the Demo Commons’ stewards exist only in the Demo workspace; your own Commons uses real devices only.',
  nextStep: 'Open the Demo Commons in Settings to use emulated devices.',
  channel,
});

/** Channels that only make sense with the demo: plugging in and driving emulators, and sequencing demo actions. */
const DEMO_CHANNELS = [
  'devices.emulator.attach',
  'devices.emulator.approve',
  'devices.emulator.reject',
  'devices.emulator.unplug',
  'devices.emulator.replug',
  'devices.emulator.lock',
  'devices.emulator.unlock',
  'devices.emulator.openApp',
  'demo.submit',
  'demo.wait',
] as const satisfies readonly (keyof Channels)[];

/** Channels that use one device, named by its id: refused for an emulated one outside the demo. */
const DEVICE_CHANNELS = ['devices.getAddress', 'devices.sign', 'devices.getXpub', 'devices.getCardanoKey', 'devices.cancel'] as const satisfies readonly (keyof Channels)[];

export interface WorkspaceGate {
  /** Whether emulated devices and the demo sequencer may be used now. */
  demoOpen(): boolean;
  /** The window shows `workspace` now; opening the demo plugs the emulator source in, leaving it pulls it out. */
  open(workspace: Workspace): Promise<{ workspace: Workspace; emulatorsEnabled: boolean }>;
  /** The handlers, with emulated devices and demo sequencing refused outside the Demo workspace. */
  guard(handlers: Handlers<Channels>): Handlers<Channels>;
  /** The device events, with emulated devices left out outside the Demo workspace. */
  events(publish: DevicesEventListener): DevicesEventListener;
}

/** What the gate needs of the emulators: which devices they are. */
export interface EmulatedDevices {
  readonly emulators: ReadonlyMap<string, unknown>;
}

/**
 * The emulator device source, plugged into the devices service only where emulated devices may be
 * used (the Demo workspace, or always where the gate is off) and pulled out everywhere else.
 */
export interface EmulatorSwitch {
  /** The emulators while plugged in, else null. */
  current(): EmulatedDevices | null;
  /** Plugs a new emulator source in (nothing where the emulators are off in this build). */
  plug(): void;
  /** Pulls it out: every emulated device leaves the list, a prompt on one is dropped as with a pulled cable. */
  unplug(): Promise<void>;
}

export function createWorkspaceGate(options: {
  /** The workspace the desktop app starts in; undefined (browser mode) turns the gate off. */
  readonly initial: Workspace | undefined;
  /** The emulator source's switch (./emulators/source.ts). */
  readonly emulators: EmulatorSwitch;
  readonly devices: DevicesService;
}): WorkspaceGate {
  const gated = options.initial !== undefined;
  let current: Workspace = options.initial ?? 'demo';
  const demoOpen = () => !gated || current === 'demo';
  const { devices } = options;
  const isEmulated = (deviceId: string) => Boolean(options.emulators.current()?.emulators.has(deviceId)) || devices.registry.list().some((d) => d.id === deviceId && d.emulated);
  // Outside the Demo workspace the emulator source is not plugged in at all.
  if (demoOpen()) options.emulators.plug();
  const visible = (list: readonly DeviceInfo[]) => (demoOpen() ? [...list] : list.filter((d) => !d.emulated));

  return {
    demoOpen,
    async open(workspace) {
      const leavingDemo = gated && current === 'demo' && workspace !== 'demo';
      current = workspace; // first, so that what the unplugging announces already leaves them out
      // The emulator source goes with the demo: its devices leave the list, a prompt on one is dropped.
      if (leavingDemo) await options.emulators.unplug();
      if (demoOpen()) options.emulators.plug();
      return { workspace, emulatorsEnabled: options.emulators.current() !== null && demoOpen() };
    },
    guard(handlers) {
      // The wrappers only look at `deviceId` and pass everything else through untouched.
      type Loose = (request: unknown, context: CallContext) => Promise<unknown>;
      const loose = handlers as unknown as Record<string, Loose>;
      const guarded: Record<string, Loose> = { ...loose };
      const refuse = (channel: string, outsideDemo: (request: unknown) => boolean) => {
        const inner = loose[channel]!;
        guarded[channel] = (request, context) => (!demoOpen() && outsideDemo(request) ? Promise.resolve(err(demoWorkspaceOnly(channel))) : inner(request, context));
      };
      for (const channel of DEMO_CHANNELS) refuse(channel, () => true);
      for (const channel of DEVICE_CHANNELS) refuse(channel, (request) => isEmulated((request as { deviceId: string }).deviceId));
      return {
        ...(guarded as unknown as Handlers<Channels>),
        'devices.list': async (request, context) => {
          const answer = await handlers['devices.list'](request, context);
          return answer.ok ? ok({ ...answer.value, devices: visible(answer.value.devices) }) : answer;
        },
      };
    },
    events(publish) {
      return (event, payload) => {
        if (event === 'devices.changed') {
          const changed = payload as { devices: DeviceInfo[]; problems: AppError[] };
          return publish('devices.changed', { ...changed, devices: visible(changed.devices) });
        }
        if (event === 'devices.prompt' && !demoOpen() && isEmulated((payload as { deviceId: string }).deviceId)) return;
        publish(event, payload);
      };
    },
  };
}
