/**
 * The Ethereum app's EIP-712 "full" mode: the host sends struct definitions (INS 0x1A) and then
 * the values of the domain and the message field by field (INS 0x1C); the app rebuilds both,
 * hashes them and signs. Wire format as hw-app-eth's modules/EIP712 writes it.
 */
import { bytesToHex, getAddress, hashStruct } from 'viem';
import { ApduStatus, SW } from './apdu';

type FieldType =
  | { kind: 'custom'; name: string }
  | { kind: 'int' | 'uint'; bytes: number }
  | { kind: 'address' | 'bool' | 'string' | 'bytes' }
  | { kind: 'fixedBytes'; bytes: number };

interface FieldDef {
  readonly name: string;
  readonly type: FieldType;
  /** Array levels from the outermost: null for dynamic, a number for fixed size. */
  readonly arrays: readonly (number | null)[];
}

type ImplEvent = { kind: 'array'; count: number } | { kind: 'field'; bytes: Buffer };

export interface Eip712Result {
  readonly domainHash: `0x${string}`;
  readonly messageHash: `0x${string}`;
  readonly primaryType: string;
}

const typeString = (t: FieldType): string => {
  switch (t.kind) {
    case 'custom':
      return t.name;
    case 'int':
    case 'uint':
      return `${t.kind}${t.bytes * 8}`;
    case 'fixedBytes':
      return `bytes${t.bytes}`;
    default:
      return t.kind;
  }
};

const fullTypeString = (f: FieldDef): string => typeString(f.type) + f.arrays.map((a) => `[${a ?? ''}]`).join('');

export class Eip712Session {
  private readonly structs = new Map<string, FieldDef[]>();
  private currentDef: string | null = null;
  private readonly roots: { name: string; events: ImplEvent[] }[] = [];
  private partialField: Buffer | null = null;

  /** INS 0x1A: P2 0x00 starts a struct by name, P2 0xFF adds a field to it. */
  structDefinition(p2: number, data: Buffer): void {
    if (p2 === 0x00) {
      const name = data.toString('utf8');
      this.structs.set(name, []);
      this.currentDef = name;
      return;
    }
    if (p2 !== 0xff || this.currentDef === null) throw new ApduStatus(SW.WRONG_P1_P2);
    this.structs.get(this.currentDef)?.push(parseFieldDef(data));
  }

  /**
   * INS 0x1C: P2 0x00 starts a root struct, 0x0F announces an array size, 0xFF carries a value.
   * Returns the root struct's name when the APDU completed a field's value, else null.
   */
  structImplementation(p1: number, p2: number, data: Buffer): string | null {
    if (p2 === 0x00) {
      const name = data.toString('utf8');
      if (!this.structs.has(name)) throw new ApduStatus(SW.WRONG_DATA);
      this.roots.push({ name, events: [] });
      return null;
    }
    const root = this.roots.at(-1);
    if (!root) throw new ApduStatus(SW.WRONG_DATA);
    if (p2 === 0x0f) {
      root.events.push({ kind: 'array', count: data[0] ?? 0 });
      return null;
    }
    if (p2 !== 0xff) throw new ApduStatus(SW.WRONG_P1_P2);
    this.partialField = this.partialField ? Buffer.concat([this.partialField, data]) : Buffer.from(data);
    if (p1 === 0x01) return null; // more chunks follow
    const whole = this.partialField;
    this.partialField = null;
    const length = whole.readUInt16BE(0);
    if (whole.length !== 2 + length) throw new ApduStatus(SW.WRONG_DATA);
    root.events.push({ kind: 'field', bytes: whole.subarray(2) });
    return root.name;
  }

  /** Whether a domain and a message were both sent (the app answers 0x6985 to SIGN otherwise). */
  get complete(): boolean {
    return this.roots.some((r) => r.name === 'EIP712Domain') && this.roots.some((r) => r.name !== 'EIP712Domain');
  }

  /**
   * The fields as the app shows them on a Nano: each value under its key name (arrays repeat it),
   * addresses checksummed, integers in decimal, bytes as 0x and upper-case hex (ui_logic.c).
   */
  displayFields(which: 'domain' | 'message'): { title: string; value: string }[] {
    const root = which === 'domain' ? this.roots.find((r) => r.name === 'EIP712Domain') : [...this.roots].reverse().find((r) => r.name !== 'EIP712Domain');
    if (!root) return [];
    const out: { title: string; value: string }[] = [];
    const queue = [...root.events];
    const visit = (name: string, type: FieldType, arrays: readonly (number | null)[]): void => {
      if (arrays.length > 0) {
        const event = queue.shift();
        if (!event || event.kind !== 'array') throw new ApduStatus(SW.WRONG_DATA);
        for (let i = 0; i < event.count; i += 1) visit(name, type, arrays.slice(1));
        return;
      }
      if (type.kind === 'custom') {
        for (const f of this.structs.get(type.name) ?? []) visit(f.name, f.type, f.arrays);
        return;
      }
      const event = queue.shift();
      if (!event || event.kind !== 'field') throw new ApduStatus(SW.WRONG_DATA);
      out.push({ title: name, value: displayAtom(type, event.bytes) });
    };
    for (const f of this.structs.get(root.name) ?? []) visit(f.name, f.type, f.arrays);
    return out;
  }

  /** The domain and message hashes of what was sent, as the app computes them before signing. */
  finish(): Eip712Result {
    const domainRoot = this.roots.find((r) => r.name === 'EIP712Domain');
    const messageRoot = [...this.roots].reverse().find((r) => r.name !== 'EIP712Domain');
    if (!domainRoot || !messageRoot) throw new ApduStatus(SW.WRONG_DATA);
    const types: Record<string, { name: string; type: string }[]> = {};
    for (const [name, fields] of this.structs) types[name] = fields.map((f) => ({ name: f.name, type: fullTypeString(f) }));
    const hash = (root: { name: string; events: ImplEvent[] }): `0x${string}` => {
      const queue = [...root.events];
      const data = this.readStruct(root.name, queue);
      if (queue.length !== 0) throw new ApduStatus(SW.WRONG_DATA);
      return hashStruct({ data, primaryType: root.name, types } as unknown as Parameters<typeof hashStruct>[0]);
    };
    return { domainHash: hash(domainRoot), messageHash: hash(messageRoot), primaryType: messageRoot.name };
  }

  private readStruct(name: string, queue: ImplEvent[]): Record<string, unknown> {
    const fields = this.structs.get(name);
    if (!fields) throw new ApduStatus(SW.WRONG_DATA);
    const out: Record<string, unknown> = {};
    for (const field of fields) out[field.name] = this.readValue(field.type, field.arrays, queue);
    return out;
  }

  private readValue(type: FieldType, arrays: readonly (number | null)[], queue: ImplEvent[]): unknown {
    if (arrays.length > 0) {
      const event = queue.shift();
      if (!event || event.kind !== 'array') throw new ApduStatus(SW.WRONG_DATA);
      const rest = arrays.slice(1);
      return Array.from({ length: event.count }, () => this.readValue(type, rest, queue));
    }
    if (type.kind === 'custom') return this.readStruct(type.name, queue);
    const event = queue.shift();
    if (!event || event.kind !== 'field') throw new ApduStatus(SW.WRONG_DATA);
    return decodeAtom(type, event.bytes);
  }
}

function parseFieldDef(data: Buffer): FieldDef {
  let offset = 0;
  const take = (n: number): Buffer => {
    if (offset + n > data.length) throw new ApduStatus(SW.WRONG_DATA);
    const slice = data.subarray(offset, offset + n);
    offset += n;
    return slice;
  };
  const byte = (): number => take(1)[0] ?? 0;
  const desc = byte();
  const isArray = (desc & 0x80) !== 0;
  const hasSize = (desc & 0x40) !== 0;
  const key = desc & 0x0f;
  let type: FieldType;
  if (key === 0) {
    type = { kind: 'custom', name: take(byte()).toString('utf8') };
  } else {
    const size = hasSize ? byte() : 0;
    switch (key) {
      case 1:
        type = { kind: 'int', bytes: size };
        break;
      case 2:
        type = { kind: 'uint', bytes: size };
        break;
      case 3:
        type = { kind: 'address' };
        break;
      case 4:
        type = { kind: 'bool' };
        break;
      case 5:
        type = { kind: 'string' };
        break;
      case 6:
        type = { kind: 'fixedBytes', bytes: size };
        break;
      case 7:
        type = { kind: 'bytes' };
        break;
      default:
        throw new ApduStatus(SW.WRONG_DATA);
    }
  }
  const arrays: (number | null)[] = [];
  if (isArray) {
    const levels = byte();
    for (let i = 0; i < levels; i += 1) arrays.push(byte() === 1 ? byte() : null);
  }
  const name = take(byte()).toString('utf8');
  return { name, type, arrays };
}

function displayAtom(type: FieldType, bytes: Buffer): string {
  switch (type.kind) {
    case 'address':
      return getAddress(decodeAtom(type, bytes) as `0x${string}`);
    case 'bool':
      return bytes.some((b) => b !== 0) ? 'true' : 'false';
    case 'string':
      return bytes.toString('utf8');
    case 'bytes':
    case 'fixedBytes':
      return `0x${bytes.toString('hex').toUpperCase()}`;
    default:
      return String(decodeAtom(type, bytes));
  }
}

function decodeAtom(type: FieldType, bytes: Buffer): unknown {
  switch (type.kind) {
    case 'uint':
      return bytes.length === 0 ? 0n : BigInt(bytesToHex(bytes));
    case 'int': {
      if (bytes.length === 0) return 0n;
      const value = BigInt(bytesToHex(bytes));
      // hw-app-eth sends negatives as two's complement over the type's size, positives minimally.
      const bits = BigInt(bytes.length * 8);
      const negative = bytes.length === type.bytes && ((bytes[0] ?? 0) & 0x80) !== 0;
      return negative ? value - (1n << bits) : value;
    }
    case 'address':
      return bytesToHex(Buffer.concat([Buffer.alloc(Math.max(0, 20 - bytes.length)), bytes]));
    case 'bool':
      return bytes.some((b) => b !== 0);
    case 'string':
      return bytes.toString('utf8');
    case 'bytes':
      return bytesToHex(bytes);
    case 'fixedBytes':
      return bytesToHex(Buffer.concat([bytes, Buffer.alloc(Math.max(0, type.bytes - bytes.length))]));
    case 'custom':
      throw new ApduStatus(SW.WRONG_DATA);
  }
}
