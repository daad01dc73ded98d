/**
 * The state as plain data. The ledger keeps its large keyed collections (vaults, members,
 * nullifiers, ballots) in persistent maps (`immutable`), so that one action changes a path of a
 * tree rather than copying a map of 20,000 vaults; hashing and storing the state need plain data:
 *
 * - `plainState`: maps as records, sets as records of `true` — the same shape the state had when
 *   it was made of records, so `stateHash` hashes a canonical, representation-free form.
 * - `storedState` / `restoredState`: a form that survives structured clone (IndexedDB) and comes
 *   back as the same persistent collections.
 */
import { List, Map as ImmutableMap, OrderedMap, OrderedSet, Set as ImmutableSet, isImmutable, isList, isMap, isOrderedMap, isOrderedSet, isSet } from 'immutable';
import { type CommonsState } from './state';
import { type Vault } from './vaults/state';
import { VaultMap } from './vaults/vault-map';

const isPlainRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

function plain(value: unknown): unknown {
  if (VaultMap.isVaultMap(value)) return Object.fromEntries([...value.entries()].map(([k, v]) => [k, plain(v)]));
  if (isMap(value)) return Object.fromEntries([...value.entries()].map(([k, v]) => [String(k), plain(v)]));
  if (isSet(value)) return Object.fromEntries([...value].map((k) => [String(k), true]));
  if (isList(value)) return [...value].map(plain);
  if (Array.isArray(value)) return value.map(plain);
  if (isPlainRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

/** The state with every persistent collection written as a record (maps) or a record of `true` (sets). */
export const plainState = (state: CommonsState): Record<string, unknown> => plain(state) as Record<string, unknown>;

/** Tags that name each persistent collection in the stored form. */
const TAG = '@@c3/collection';
type Kind = 'OrderedMap' | 'Map' | 'OrderedSet' | 'Set' | 'List';
interface Tagged {
  readonly [TAG]: Kind;
  readonly items: unknown[];
}

function stored(value: unknown): unknown {
  // The vaults' map is stored as the OrderedMap it was before it had a map of its own (the same
  // entries in the same order): a stored state reads the same in this version and the one before.
  if (VaultMap.isVaultMap(value)) return { [TAG]: 'OrderedMap', items: [...value.entries()].map(([k, v]) => [k, stored(v)]) } satisfies Tagged;
  if (isImmutable(value)) {
    const kind: Kind = isOrderedMap(value) ? 'OrderedMap' : isMap(value) ? 'Map' : isOrderedSet(value) ? 'OrderedSet' : isSet(value) ? 'Set' : 'List';
    const items = isMap(value) ? [...value.entries()].map(([k, v]) => [k, stored(v)]) : [...(value as Iterable<unknown>)].map(stored);
    return { [TAG]: kind, items } satisfies Tagged;
  }
  if (Array.isArray(value)) return value.map(stored);
  if (isPlainRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stored(v)]));
  return value;
}

function restored(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(restored);
  if (!isPlainRecord(value)) return value;
  const kind = value[TAG] as Kind | undefined;
  if (kind === undefined) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, restored(v)]));
  const items = (value as unknown as Tagged).items;
  switch (kind) {
    case 'OrderedMap':
      return OrderedMap((items as [unknown, unknown][]).map(([k, v]) => [k, restored(v)]));
    case 'Map':
      return ImmutableMap((items as [unknown, unknown][]).map(([k, v]) => [k, restored(v)]));
    case 'OrderedSet':
      return OrderedSet(items.map(restored));
    case 'Set':
      return ImmutableSet(items.map(restored));
    case 'List':
      return List(items.map(restored));
  }
}

/** The state in a form that structured clone keeps (IndexedDB), persistent collections tagged. */
export const storedState = (state: CommonsState): unknown => stored(state);

/** The state back from `storedState`'s form; the vaults' OrderedMap read as their map (VaultMap). */
export function restoredState(value: unknown): CommonsState {
  const state = restored(value) as CommonsState;
  const vaults: unknown = state.vaults;
  return isOrderedMap(vaults) ? { ...state, vaults: VaultMap.of((vaults as OrderedMap<string, Vault>).entries()) } : state;
}
