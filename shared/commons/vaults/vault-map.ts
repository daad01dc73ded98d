/**
 * Every vault of a Commons by address, in creation order: a persistent map (immutable.js
 * underneath, so one write copies a path of a tree, or nothing inside an entry's transient) whose
 * keys hash in constant time.
 *
 * Why not the OrderedMap alone: immutable.js hashes a string key longer than 16 characters through
 * a cache of 255 strings. A Commons of 20,000 vaults misses it on nearly every lookup, and each
 * miss (a property lookup keyed by a fresh 42-character string, a hash of it, an insertion, now
 * and then a new cache) cost more than the rest of a vault lookup. Here an address is wrapped in a
 * key object that carries its hash (immutable.js asks a key for `hashCode()` when it has one) and
 * compares by the address it holds.
 */
import { List, Map as ImmutableMap } from 'immutable';
import { type Address } from '../state';
import { type Vault } from './state';

/** An address as a key of the map: its hash computed once, equal to any key of the same address. */
class AddressKey {
  constructor(
    readonly address: string,
    private readonly hash: number,
  ) {}
  hashCode(): number {
    return this.hash;
  }
  /** immutable.js compares keys by `valueOf()` first: two keys of one address are equal as strings. */
  valueOf(): string {
    return this.address;
  }
  equals(other: unknown): boolean {
    return other instanceof AddressKey && other.address === this.address;
  }
  toString(): string {
    return this.address;
  }
}

const HEX_DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) HEX_DIGIT['0123456789abcdef'.charCodeAt(i)] = i;

/**
 * An address's 32-bit hash: its first 8 hex digits, which are already uniform (an address is the
 * tail of a hash). Any other string (a key that is not a lower-case address) hashes all its
 * characters, so that the map stays correct for any key.
 */
export function addressHash(address: string): number {
  let hash = 0;
  if (address.length === 42 && address.charCodeAt(0) === 48 && address.charCodeAt(1) === 120) {
    let i = 2;
    for (; i < 10; i++) {
      const code = address.charCodeAt(i);
      const digit = code < 128 ? HEX_DIGIT[code]! : -1;
      if (digit < 0) break;
      hash = (hash << 4) | digit;
    }
    if (i === 10) return hash | 0;
    hash = 0;
  }
  for (let i = 0; i < address.length; i++) hash = (Math.imul(31, hash) + address.charCodeAt(i)) | 0;
  return hash;
}

/** A key for `address`: made per lookup (a young object, gone at the next scavenge), which costs less than finding one made before in a table of every address. */
const keyOf = (address: string): AddressKey => new AddressKey(address, addressHash(address));

/**
 * The map itself: vaults by key in a hash trie (immutable.js Map), and the addresses in creation
 * order in a List that changes only when a vault is created or removed. A lookup walks the trie
 * alone; an OrderedMap walked a second trie (its list of entries) for every read, and rewrote it on
 * every write, though most writes only change a vault that exists.
 */
export class VaultMap {
  private constructor(
    private map: ImmutableMap<AddressKey, Vault>,
    private order: List<Address>,
    /** A transient (asMutable): written in place until asImmutable. */
    private readonly transient: boolean,
  ) {}

  static readonly empty: VaultMap = new VaultMap(ImmutableMap(), List(), false);

  /** The vaults of `entries`, in their order; a later entry for one address replaces the earlier one in place. */
  static of(entries: Iterable<readonly [Address, Vault]>): VaultMap {
    return VaultMap.empty.withMutations((map) => {
      for (const [address, vault] of entries) map.set(address, vault);
    });
  }

  static isVaultMap(value: unknown): value is VaultMap {
    return value instanceof VaultMap;
  }

  get size(): number {
    return this.map.size;
  }

  get(address: Address): Vault | undefined {
    return this.map.get(keyOf(address));
  }

  has(address: Address): boolean {
    return this.map.has(keyOf(address));
  }

  /** The map with `vault` at `address`; a transient (asMutable) is written in place and returned as it is. */
  set(address: Address, vault: Vault): VaultMap {
    // Sizes read before the write: a transient's map is the same object after it.
    const size = this.map.size;
    const map = this.map.set(keyOf(address), vault);
    return this.next(map, map.size > size ? this.order.push(address) : this.order);
  }

  delete(address: Address): VaultMap {
    const size = this.map.size;
    const map = this.map.delete(keyOf(address));
    if (map.size === size) return this.next(map, this.order);
    // A vault removed is rare (never by an action): the order is rebuilt without it. (List's own
    // delete, splice underneath, loses a transient list's contents in immutable.js 5.)
    const order = List([...this.order].filter((a) => a !== address));
    return this.next(map, this.transient ? order.asMutable() : order);
  }

  /** A transient copy: writes change it in place until `asImmutable` (immutable.js's `asMutable`). */
  asMutable(): VaultMap {
    return new VaultMap(this.map.asMutable(), this.order.asMutable(), true);
  }

  asImmutable(): VaultMap {
    return this.transient ? new VaultMap(this.map.asImmutable(), this.order.asImmutable(), false) : this;
  }

  withMutations(change: (map: VaultMap) => void): VaultMap {
    const transient = this.asMutable();
    change(transient);
    return transient.asImmutable();
  }

  /** The same vaults (the same objects, or equal value objects) in the same order. */
  equals(other: VaultMap): boolean {
    return this.order.equals(other.order) && this.map.equals(other.map);
  }

  *values(): IterableIterator<Vault> {
    for (const address of this.order) yield this.map.get(keyOf(address))!;
  }

  *keys(): IterableIterator<Address> {
    yield* this.order;
  }

  *entries(): IterableIterator<[Address, Vault]> {
    for (const address of this.order) yield [address, this.map.get(keyOf(address))!];
  }

  [Symbol.iterator](): IterableIterator<[Address, Vault]> {
    return this.entries();
  }

  /** This map after a write: itself when a transient (written in place), otherwise a new map unless nothing changed. */
  private next(map: ImmutableMap<AddressKey, Vault>, order: List<Address>): VaultMap {
    if (this.transient) {
      this.map = map;
      this.order = order;
      return this;
    }
    return map === this.map && order === this.order ? this : new VaultMap(map, order, false);
  }
}
