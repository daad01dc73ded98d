import fc from 'fast-check';
import { OrderedMap } from 'immutable';
import { describe, expect, it } from 'vitest';
import { plainState, restoredState, storedState } from '../plain';
import { type CommonsState } from '../state';
import { type Vault } from './state';
import { VaultMap, addressHash } from './vault-map';

const vault = (address: string, nonce: number): Vault => ({ address, name: `v${nonce}`, kind: 'member', owner: null, signers: [], threshold: 1, nonce, balances: { CONX: BigInt(nonce) } });

// Keys that stress the map: addresses sharing their first 8 hex digits (one hash), one address in
// two cases, strings that are not addresses at all, and the empty string.
const KEYS = [
  `0x${'ab'.repeat(20)}`,
  `0xabababab${'0'.repeat(32)}`,
  `0xabababab${'1'.repeat(32)}`,
  `0x${'AB'.repeat(20)}`,
  `0x${'00'.repeat(20)}`,
  `0x${'ff'.repeat(20)}`,
  'did:pkh:eip155:1:0x0000000000000000000000000000000000000001',
  '0xzz',
  '',
];

type Op =
  | { op: 'set'; from: number; key: number; nonce: number }
  | { op: 'delete'; from: number; key: number }
  | { op: 'transient'; from: number; writes: { key: number; nonce: number; remove: boolean }[] };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), from: fc.nat(), key: fc.nat(KEYS.length - 1), nonce: fc.nat(1000) }),
  fc.record({ op: fc.constant('delete' as const), from: fc.nat(), key: fc.nat(KEYS.length - 1) }),
  fc.record({
    op: fc.constant('transient' as const),
    from: fc.nat(),
    writes: fc.array(fc.record({ key: fc.nat(KEYS.length - 1), nonce: fc.nat(1000), remove: fc.boolean() }), { maxLength: 6 }),
  }),
);

/** What a map holds, as the reference (a JavaScript Map keeps insertion order, as an OrderedMap does). */
const contents = (map: VaultMap) => [...map.entries()];

describe('VaultMap (vault-map.ts)', () => {
  it('holds what an insertion-ordered map would, in every version, through persistent and transient writes', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
        const versions: { map: VaultMap; reference: Map<string, Vault> }[] = [{ map: VaultMap.empty, reference: new Map() }];
        for (const o of ops) {
          const base = versions[o.from % versions.length]!;
          const reference = new Map(base.reference);
          let map: VaultMap;
          if (o.op === 'set') {
            const v = vault(KEYS[o.key]!, o.nonce);
            reference.set(KEYS[o.key]!, v);
            map = base.map.set(KEYS[o.key]!, v);
          } else if (o.op === 'delete') {
            reference.delete(KEYS[o.key]!);
            map = base.map.delete(KEYS[o.key]!);
          } else {
            const transient = base.map.asMutable();
            for (const w of o.writes) {
              const v = vault(KEYS[w.key]!, w.nonce);
              if (w.remove) reference.delete(KEYS[w.key]!);
              else reference.set(KEYS[w.key]!, v);
              // Written in place: the transient returns itself.
              expect(w.remove ? transient.delete(KEYS[w.key]!) : transient.set(KEYS[w.key]!, v)).toBe(transient);
            }
            map = transient.asImmutable();
          }
          versions.push({ map, reference });
          // Every version, old or new, still holds exactly its own contents.
          for (const { map: m, reference: r } of versions) {
            expect(contents(m)).toEqual([...r.entries()]);
            expect(m.size).toBe(r.size);
            for (const key of KEYS) {
              expect(m.get(key)).toBe(r.get(key));
              expect(m.has(key)).toBe(r.has(key));
            }
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('finds a vault by an address string made anew (not the one it was written under), and never by another case', () => {
    const address = `0x${'cd'.repeat(20)}`;
    const map = VaultMap.of([[address, vault(address, 1)]]);
    expect(map.get(['0x', 'cd'.repeat(20)].join(''))?.nonce).toBe(1);
    expect(map.get(address.toUpperCase().replace('0X', '0x'))).toBeUndefined();
  });

  it('hashes an address by its first 8 hex digits, and anything else by all its characters', () => {
    expect(addressHash(`0x12345678${'0'.repeat(32)}`)).toBe(0x12345678);
    expect(addressHash(`0xffffffff${'0'.repeat(32)}`)).toBe(-1);
    // Not lower-case hex, or not 42 characters: the general hash, which sees every character.
    expect(addressHash(`0xABCDEF12${'0'.repeat(32)}`)).not.toBe(addressHash(`0xABCDEF12${'0'.repeat(31)}1`));
    expect(addressHash('0x1234')).not.toBe(addressHash('0x1235'));
  });

  it('equals another map of the same vaults in the same order, not in another order', () => {
    const [a, b] = [`0x${'01'.repeat(20)}`, `0x${'02'.repeat(20)}`];
    const va = vault(a, 1);
    const vb = vault(b, 2);
    expect(VaultMap.of([[a, va], [b, vb]]).equals(VaultMap.of([[a, va], [b, vb]]))).toBe(true);
    expect(VaultMap.of([[a, va], [b, vb]]).equals(VaultMap.of([[b, vb], [a, va]]))).toBe(false);
  });

  it('is written as a record by address for the state hash, stored as the OrderedMap it was before, and read back from that form', () => {
    const [a, b] = [`0x${'0a'.repeat(20)}`, `0x${'0b'.repeat(20)}`];
    const vaults = VaultMap.of([[b, vault(b, 2)], [a, vault(a, 1)]]);
    const state = { name: 'c', vaults } as unknown as CommonsState;
    const plainVault = (v: Vault) => plainState({ v } as unknown as CommonsState).v;
    expect(plainState(state).vaults).toEqual({ [b]: plainVault(vault(b, 2)), [a]: plainVault(vault(a, 1)) });
    expect(Object.keys(plainState(state).vaults as object)).toEqual([b, a]);
    // The stored form is the one an OrderedMap of the same vaults had: a state stored by the version
    // before reads the same, and this version's reads in that one.
    const orderedMap = OrderedMap(contents(vaults));
    expect(storedState(state)).toEqual(storedState({ name: 'c', vaults: orderedMap } as unknown as CommonsState));
    const back = restoredState(structuredClone(storedState(state)));
    expect(VaultMap.isVaultMap(back.vaults)).toBe(true);
    expect(contents(back.vaults)).toEqual(contents(vaults));
    expect(back.vaults.get(a)).toEqual(vault(a, 1));
  });
});
