import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CommonsState } from '../state';
import { type Vault } from './state';
import { putVault, vaultAt } from './vault';
import { VaultMap } from './vault-map';

const ADDRESSES = Array.from({ length: 6 }, (_, i) => `0x${String(i + 1).repeat(40)}`);
const vault = (address: string, nonce: number): Vault => ({ address, name: `v${nonce}`, kind: 'commons', owner: null, signers: [], threshold: 1, nonce, balances: {} });
const stateWith = (vaults: CommonsState['vaults']) => ({ vaults }) as CommonsState;

type Step =
  | { op: 'get'; from: number; address: number }
  | { op: 'put'; from: number; addresses: number[]; nonce: number }
  | { op: 'delete'; from: number; address: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('get' as const), from: fc.nat(), address: fc.nat(ADDRESSES.length - 1) }),
  fc.record({ op: fc.constant('put' as const), from: fc.nat(), addresses: fc.array(fc.nat(ADDRESSES.length - 1), { minLength: 1, maxLength: 3 }), nonce: fc.nat(1000) }),
  fc.record({ op: fc.constant('delete' as const), from: fc.nat(), address: fc.nat(ADDRESSES.length - 1) }),
);

describe('vault lookups remembered per map (vault.ts)', () => {
  it('answer exactly what the map holds, on any state old or new, after any writes and deletes elsewhere', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        // Every state made so far stays readable: a replay keeps older states (projections, snapshots).
        const states: CommonsState[] = [stateWith(VaultMap.of([[ADDRESSES[0]!, vault(ADDRESSES[0]!, 0)]]))];
        for (const s of steps) {
          const state = states[s.from % states.length]!;
          if (s.op === 'get') {
            expect(vaultAt(state, ADDRESSES[s.address]!)).toBe(state.vaults.get(ADDRESSES[s.address]!));
          } else if (s.op === 'put') {
            const written = s.addresses.map((a, i) => vault(ADDRESSES[a]!, s.nonce + i));
            const next = putVault(state, ...written);
            let expected = state.vaults;
            for (const v of written) expected = expected.set(v.address, v);
            expect(next.vaults.equals(expected)).toBe(true);
            states.push(next);
          } else {
            states.push(stateWith(state.vaults.delete(ADDRESSES[s.address]!)));
          }
          // After each step the newest state first (while the memo still holds what the step left),
          // then every state, in a random order, answers with its own map's values.
          const newest = states[states.length - 1]!;
          for (const address of ADDRESSES) expect(vaultAt(newest, address)).toBe(newest.vaults.get(address));
          for (const old of [...states].sort(() => (s.from % 2 === 0 ? 1 : -1))) for (const address of ADDRESSES) expect(vaultAt(old, address)).toBe(old.vaults.get(address));
        }
      }),
      { numRuns: 500 },
    );
  });
});
