/**
 * EIP-712 hashing the way the Trezor firmware does it while it asks the host for each value
 * (`EthereumTypedDataValueRequest` by member path): atomic values are encoded from the raw bytes
 * the host sent, arrays ask for their length first (unless fixed-size), and arrays of structs
 * follow the `metamask_v4_compat` flag:
 *   - true (MetaMask's signTypedData_v4): each struct entry contributes hashStruct(entry);
 *   - false (the letter of EIP-712 as the firmware reads it): each contributes encodeData(entry),
 *     the members' encodings without the type hash (see MetaMask/eth-sig-util#107).
 * Values are requested in the firmware's order, so a host sees the same exchange.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';

export interface FieldTypeMsg {
  data_type: string;
  size?: number | null;
  entry_type?: FieldTypeMsg | null;
  struct_name?: string | null;
}
export interface StructMember {
  name: string;
  type: FieldTypeMsg;
}

/** The firmware answers these with Failure_DataError. */
export class TypedDataError extends Error {}

export function typeName(t: FieldTypeMsg): string {
  switch (t.data_type) {
    case 'UINT':
      return `uint${(t.size ?? 32) * 8}`;
    case 'INT':
      return `int${(t.size ?? 32) * 8}`;
    case 'BYTES':
      return t.size ? `bytes${t.size}` : 'bytes';
    case 'STRING':
      return 'string';
    case 'BOOL':
      return 'bool';
    case 'ADDRESS':
      return 'address';
    case 'STRUCT':
      return String(t.struct_name);
    case 'ARRAY':
      return `${t.entry_type ? typeName(t.entry_type) : '?'}[${t.size ?? ''}]`;
    default:
      throw new TypedDataError(`unknown data type ${t.data_type}`);
  }
}

/** The innermost non-array type of a member (arrays of arrays included). */
export function innermost(t: FieldTypeMsg): FieldTypeMsg {
  let inner = t;
  while (inner.data_type === 'ARRAY' && inner.entry_type) inner = inner.entry_type;
  return inner;
}

export class TypedDataHasher {
  constructor(
    private readonly types: ReadonlyMap<string, readonly StructMember[]>,
    private readonly requestValue: (memberPath: number[]) => Promise<Buffer>,
    private readonly metamaskV4Compat: boolean,
  ) {}

  async hashStruct(name: string, memberPath: number[]): Promise<Uint8Array> {
    const typeHash = keccak_256(Buffer.from(this.encodeType(name), 'utf8'));
    return keccak_256(Buffer.concat([typeHash, await this.encodeData(name, memberPath)]));
  }

  /** "Name(type1 name1,…)" followed by every referenced struct type, sorted by name. */
  encodeType(primary: string): string {
    const found = new Set<string>();
    const visit = (name: string): void => {
      const members = this.types.get(name);
      if (found.has(name) || !members) return;
      found.add(name);
      for (const member of members) {
        const inner = innermost(member.type);
        if (inner.data_type === 'STRUCT' && inner.struct_name) visit(inner.struct_name);
      }
    };
    visit(primary);
    found.delete(primary);
    return [primary, ...[...found].sort()].map((name) => `${name}(${this.members(name).map((m) => `${typeName(m.type)} ${m.name}`).join(',')})`).join('');
  }

  private members(name: string): readonly StructMember[] {
    const members = this.types.get(name);
    if (!members) throw new TypedDataError(`unknown struct ${name}`);
    return members;
  }

  private async encodeData(name: string, memberPath: number[]): Promise<Buffer> {
    const members = this.members(name);
    if (name === 'EIP712Domain' && members.some((m) => m.type.data_type === 'ARRAY' || m.type.data_type === 'STRUCT')) {
      throw new TypedDataError('Unexpected member in EIP712Domain');
    }
    const parts: Uint8Array[] = [];
    for (const [index, member] of members.entries()) {
      const path = [...memberPath, index];
      const type = member.type;
      if (type.data_type === 'STRUCT') parts.push(await this.hashStruct(String(type.struct_name), path));
      else if (type.data_type === 'ARRAY') parts.push(await this.encodeArray(type, path));
      else parts.push(encodeAtomic(type, await this.value(type, path)));
    }
    return Buffer.concat(parts);
  }

  private async encodeArray(type: FieldTypeMsg, memberPath: number[]): Promise<Uint8Array> {
    const entry = type.entry_type;
    if (!entry) throw new TypedDataError('Missing entry_type in array');
    const length = type.size ?? (await this.value({ data_type: 'UINT', size: 2 }, memberPath)).readUInt16BE(0);
    const items: Uint8Array[] = [];
    for (let i = 0; i < length; i += 1) {
      const path = [...memberPath, i];
      if (entry.data_type === 'STRUCT') {
        const struct = String(entry.struct_name);
        items.push(this.metamaskV4Compat ? await this.hashStruct(struct, path) : await this.encodeData(struct, path));
      } else if (entry.data_type === 'ARRAY') {
        throw new TypedDataError('Arrays of arrays are not supported');
      } else {
        items.push(encodeAtomic(entry, await this.value(entry, path)));
      }
    }
    return keccak_256(Buffer.concat(items));
  }

  /** A value from the host, checked as the firmware checks it before using it. */
  private async value(type: FieldTypeMsg, memberPath: number[]): Promise<Buffer> {
    const raw = await this.requestValue(memberPath);
    if (type.size != null && type.data_type !== 'ARRAY' && raw.length !== type.size) throw new TypedDataError('Invalid length');
    if (type.data_type === 'BOOL' && !(raw.length === 1 && (raw[0] === 0 || raw[0] === 1))) throw new TypedDataError('Invalid boolean value');
    if (type.data_type === 'ADDRESS' && raw.length !== 20) throw new TypedDataError('Invalid address');
    if (type.data_type === 'STRING' && !isUtf8(raw)) throw new TypedDataError('Invalid UTF-8');
    if (raw.length > 32 && ['UINT', 'INT', 'BOOL', 'ADDRESS'].includes(type.data_type)) throw new TypedDataError('Invalid length');
    return raw;
  }
}

/** One 32-byte word: left-padded (sign-extended for int), right-padded for bytesN, hashed for dynamic types. */
function encodeAtomic(type: FieldTypeMsg, raw: Buffer): Uint8Array {
  switch (type.data_type) {
    case 'BYTES':
      return type.size ? Buffer.concat([raw, Buffer.alloc(32 - raw.length)]) : keccak_256(raw);
    case 'STRING':
      return keccak_256(raw);
    case 'INT':
      return Buffer.concat([Buffer.alloc(32 - raw.length, raw.length && ((raw[0] ?? 0) & 0x80) ? 0xff : 0x00), raw]);
    case 'UINT':
    case 'BOOL':
    case 'ADDRESS':
      return Buffer.concat([Buffer.alloc(32 - raw.length), raw]);
    default:
      throw new TypedDataError(`unexpected value type ${type.data_type}`);
  }
}

function isUtf8(raw: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(raw);
    return true;
  } catch {
    return false;
  }
}

