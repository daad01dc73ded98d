/**
 * Who acts in a scenario: the stewards (treasury quorum and sequencers) and the attestor on the
 * same emulated devices as the Demo Commons, each named member on emulated devices of their own,
 * and the Commons vaults the scenario names. Keys come from the vendors' public test mnemonics
 * (electron/services/emulators/mnemonics.ts): test and demo keys, never for real funds.
 */
import { type Hex } from '../../shared/crypto/canonical';
import { type DigestSigner, keySigner } from '../../shared/commons/build';
import { type DemoKeys } from '../../shared/commons/demo';
import { pkhDid } from '../../shared/commons/identity-did';
import { type Faction, type Signer } from '../../shared/commons/state';
import { deriveVaultAddress } from '../../shared/commons/vaults';
import { type Result, err, ok } from '../../shared/result';
import { type Scenario } from './format';

export interface Device {
  /** "ledger:1" */
  readonly id: string;
  readonly signer: DigestSigner;
  readonly spec: Signer;
}

/** The Demo Commons' stewards and attestor, on the same devices (shared/commons/demo.ts). */
export const STEWARD_DEVICES = [
  ['ledger:3', 'Steward Dana'],
  ['trezor:3', 'Steward Emeka'],
  ['ledger:4', 'Steward Fatima'],
] as const;
export const ATTESTOR_DEVICE = 'trezor:9';
const RESERVED = new Map<string, string>([...STEWARD_DEVICES.map(([id, label]) => [id, label] as [string, string]), [ATTESTOR_DEVICE, 'the attestor']]);
export const TREASURY_SALT = 'scenario-treasury';
export const ZERO_COMMONS: Hex = `0x${'00'.repeat(32)}`;

/** The devices of the emulators' seeds, derived once each. */
export class DeviceBox {
  private readonly devices = new Map<string, Device>();
  /** Every key in play, by address: whoever a vault's state names, the tool can sign for. */
  readonly byAddress = new Map<string, Device>();

  constructor(private readonly keys: DemoKeys) {}

  device(id: string, label: string): Device {
    const known = this.devices.get(id);
    if (known) return known;
    const [vendor, index] = id.split(':') as ['ledger' | 'trezor', string];
    const signer = keySigner(vendor === 'ledger' ? this.keys.ledger(Number(index)) : this.keys.trezor(Number(index)));
    const device = { id, signer, spec: { address: signer.address, device: vendor, label, path: `m/44'/60'/0'/0/${Number(index)}` } };
    this.devices.set(id, device);
    this.byAddress.set(signer.address, device);
    return device;
  }
}

export interface CastMember {
  readonly name: string;
  readonly faction: Faction;
  readonly devices: readonly Device[];
  readonly threshold: number;
  readonly did: string;
  /** Vault name → address; "main" first. New vaults join as steps create them. */
  readonly vaults: Map<string, string>;
}

export interface CastCommonsVault {
  readonly name: string;
  readonly setup: { address: string; name: string; signers: Signer[]; threshold: number; salt: string };
}

export interface Cast {
  readonly commonsId: Hex;
  readonly treasury: string;
  readonly stewards: readonly Device[];
  readonly attestor: Device;
  readonly members: ReadonlyMap<string, CastMember>;
  readonly commonsVaults: ReadonlyMap<string, CastCommonsVault>;
  readonly box: DeviceBox;
}

/** The stewards and the attestor: needed before the genesis (which names them). */
export function officers(box: DeviceBox): { stewards: Device[]; attestor: Device; treasury: string } {
  return {
    stewards: STEWARD_DEVICES.map(([id, label]) => box.device(id, label)),
    attestor: box.device(ATTESTOR_DEVICE, 'Demo attestor'),
    treasury: deriveVaultAddress(ZERO_COMMONS, 'commons', TREASURY_SALT),
  };
}

/** Devices for members who name none: ledger:1, trezor:1, ledger:2, trezor:2, trezor:4, ledger:5 … (the officers' skipped). */
function* freeDevices(taken: ReadonlySet<string>): Generator<string> {
  for (let i = 1; i < 100; i++) {
    for (const vendor of ['ledger', 'trezor']) {
      const id = `${vendor}:${i}`;
      if (!RESERVED.has(id) && !taken.has(id)) yield id;
    }
  }
}

/** The members and Commons vaults of a scenario in the Commons `commonsId`. */
export function castOf(scenario: Scenario, commonsId: Hex, box: DeviceBox): Result<Cast, string> {
  const { stewards, attestor, treasury } = officers(box);
  const named = Object.entries(scenario.members).flatMap(([, m]) => m.devices ?? []);
  const owner = new Map<string, string>();
  for (const [name, m] of Object.entries(scenario.members)) {
    if (name === 'treasury') return err('"treasury" is the Commons treasury; a member needs another name');
    for (const id of m.devices ?? []) {
      const reserved = RESERVED.get(id);
      if (reserved) return err(`members.${name}: ${id} is ${reserved}'s device; give ${name} another`);
      const other = owner.get(id);
      if (other) return err(`members.${name}: ${id} is already ${other}'s device; one device belongs to one member`);
      owner.set(id, name);
    }
  }
  const pool = freeDevices(new Set(named));
  const members = new Map<string, CastMember>();
  for (const [name, m] of Object.entries(scenario.members)) {
    const ids = m.devices ?? [pool.next().value as string];
    const devices = ids.map((id, i) => box.device(id, `${name} · ${id.startsWith('ledger') ? 'Ledger' : 'Trezor'}${i > 0 ? ` ${i + 1}` : ''}`));
    const threshold = m.threshold ?? 1;
    if (threshold > devices.length) return err(`members.${name}: a threshold of ${threshold} needs at least ${threshold} devices; ${name} has ${devices.length}`);
    const did = pkhDid(devices[0]!.signer.address);
    const vaults = new Map<string, string>([['main', deriveVaultAddress(commonsId, did, 'main')]]);
    for (const vault of m.vaults ?? []) {
      if (vaults.has(vault)) return err(`members.${name}.vaults: "${vault}" is named twice`);
      vaults.set(vault, deriveVaultAddress(commonsId, did, vault));
    }
    members.set(name, { name, faction: m.faction, devices, threshold, did, vaults });
  }
  const commonsVaults = new Map<string, CastCommonsVault>();
  for (const [name, v] of Object.entries(scenario.commonsVaults ?? {})) {
    if (members.has(name) || name === 'treasury') return err(`commonsVaults.${name}: the name is already a member's or the treasury's`);
    const signers: Signer[] = [];
    for (const who of v.signers) {
      const member = members.get(who);
      if (member) signers.push(member.devices[0]!.spec);
      else if (/^(ledger|trezor):[0-9]{1,2}$/.test(who)) signers.push(box.device(who, `${name} · ${who}`).spec);
      else return err(`commonsVaults.${name}.signers: "${who}" is neither a member nor a device such as "ledger:8"`);
    }
    const salt = v.salt ?? name;
    commonsVaults.set(name, { name, setup: { address: deriveVaultAddress(commonsId, 'commons', salt), name: v.name ?? name, signers, threshold: v.threshold, salt } });
  }
  return ok({ commonsId, treasury, stewards, attestor, members, commonsVaults, box });
}

const names = (map: ReadonlyMap<string, unknown>) => [...map.keys()].join(', ') || 'none';

/**
 * "@Alice" (her main vault), "@Alice.did", "@Alice.key" (her own key's address), "@Alice.signer",
 * "@Alice.signers", "@Alice.savings" (a vault of hers), "@treasury", "@verifiers:q1" (a Commons
 * vault's address) and "@verifiers:q1.setup" (what creates it: address, name, signers, threshold, salt).
 */
export function referTo(cast: Cast, reference: string): Result<unknown, string> {
  const dot = reference.indexOf('.');
  const name = dot < 0 ? reference : reference.slice(0, dot);
  const field = dot < 0 ? null : reference.slice(dot + 1);
  if (name === 'treasury') return field === null || field === 'address' ? ok(cast.treasury) : err(`"@treasury.${field}": the treasury has only its address`);
  const member = cast.members.get(name);
  if (member) {
    switch (field) {
      case null:
      case 'address':
        return ok(member.vaults.get('main'));
      case 'did':
        return ok(member.did);
      case 'key':
        return ok(member.devices[0]!.signer.address);
      case 'signer':
        return ok(member.devices[0]!.spec);
      case 'signers':
        return ok(member.devices.map((d) => d.spec));
      default: {
        const vault = member.vaults.get(field);
        return vault ? ok(vault) : err(`"@${reference}": ${name} has no vault named "${field}" (${name}'s vaults: ${names(member.vaults)}; fields: did, key, signer, signers)`);
      }
    }
  }
  const commons = cast.commonsVaults.get(name);
  if (commons) {
    if (field === null || field === 'address') return ok(commons.setup.address);
    if (field === 'setup') return ok(commons.setup);
    return err(`"@${reference}": a Commons vault has only "address" and "setup"`);
  }
  return err(`"@${reference}" names no one: the members are ${names(cast.members)}, the Commons vaults ${names(cast.commonsVaults)}, and "treasury"`);
}

/** The vault an action names: a member's (main or `vault`), the treasury, or a Commons vault. */
export function vaultOf(cast: Cast, by: string, vault: string | undefined): Result<{ address: string; member: CastMember | null }, string> {
  if (by === 'treasury') return vault ? err('the treasury has no named vaults') : ok({ address: cast.treasury, member: null });
  const member = cast.members.get(by);
  if (member) {
    const address = member.vaults.get(vault ?? 'main');
    return address ? ok({ address, member }) : err(`${by} has no vault named "${vault}" (${by}'s vaults: ${names(member.vaults)})`);
  }
  const commons = cast.commonsVaults.get(by);
  if (commons) return vault ? err(`the Commons vault ${by} has no named vaults`) : ok({ address: commons.setup.address, member: null });
  return err(`"${by}" is no one in this scenario: the members are ${names(cast.members)}, the Commons vaults ${names(cast.commonsVaults)}, and "treasury"`);
}
