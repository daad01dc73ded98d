/**
 * The canonical encoding that payload hashes and entry hashes are taken over (docs/ledger-format.md):
 * JSON with object keys sorted by UTF-16 code units, no whitespace, `bigint` written as a decimal
 * string (exactly as amounts appear in the log), numbers only as safe integers, `undefined` members
 * omitted, strings escaped as JSON.stringify does. UTF-8 bytes of that text are hashed with keccak256.
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import { keccak256, keccak256Utf8 } from './keccak';

export type Hex = `0x${string}`;

/**
 * An object's keys in UTF-16 code unit order (what `Array.prototype.sort` gives strings), by
 * insertion when there are few: a payload has a handful of keys, and the general sort's set-up
 * cost more than sorting them (a large record takes the general sort, never a quadratic one).
 */
function sortedKeys(record: object): string[] {
  const keys = Object.keys(record);
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    for (; j >= 0 && keys[j]! > key; j--) keys[j + 1] = keys[j]!;
    keys[j + 1] = key;
  }
  return keys;
}

/**
 * Keys as JSON strings, remembered: payloads repeat a few field names millions of times. Only
 * short keys, and a bounded number of them: a hostile payload's keys cannot grow it.
 */
const QUOTED_KEYS = new Map<string, string>();
function quotedKey(key: string): string {
  let quoted = QUOTED_KEYS.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (key.length <= 64 && QUOTED_KEYS.size < 4096) QUOTED_KEYS.set(key, quoted);
  }
  return quoted;
}

export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'bigint':
      return `"${value.toString()}"`;
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value)) throw new RangeError(`canonicalJson: ${value} is not a safe integer`);
      return String(value);
    case 'object': {
      // Written with loops and one growing string: every action's payload is encoded once per
      // replay, and the intermediate arrays of map/filter/join were a fair share of its cost.
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
        return `${out}]`;
      }
      const record = value as Record<string, unknown>;
      const keys = sortedKeys(record);
      let out = '{';
      for (const key of keys) {
        const item = record[key];
        if (item === undefined) continue;
        out += `${out.length === 1 ? '' : ','}${quotedKey(key)}:${canonicalJson(item)}`;
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot encode a ${typeof value}`);
  }
}

export const keccakHex = (bytes: Uint8Array): Hex => `0x${bytesToHex(keccak256(bytes))}`;

/** keccak256 of the canonical encoding: the `payloadHash` of a VaultAction (SPEC §3). */
export const canonicalHash = (value: unknown): Hex => `0x${bytesToHex(keccak256Utf8(canonicalJson(value)))}`;

/** The same hash as bytes (what a struct hash takes), without a round trip through hex. */
export const canonicalHashBytes = (value: unknown): Uint8Array => keccak256Utf8(canonicalJson(value));
