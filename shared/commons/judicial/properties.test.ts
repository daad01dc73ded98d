/**
 * Properties (fast-check) of the Judicial Loop: the loss order holds and every split sums exactly;
 * the panel is deterministic, drawn without replacement and never holds a party, a staker or a
 * member of a party's faction; and the time step is computed from absolute times (one step a→c
 * equals a→b→c, default rulings included).
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stateHash } from '../apply';
import { type Faction, type Member } from '../identity/state';
import { lossOrder } from './loss-order';
import { drawPanel, eligibleMembers } from './panel';
import { DAY, W, givenJudicial, must, panelKeys, stakedOffer, waitUntil, withLossReserve } from './testing';

const amount = (max: bigint) => fc.bigInt({ min: 0n, max });
const creditorsArb = fc.array(fc.record({ id: fc.uuid(), vault: fc.constant('0x'), outstanding: amount(10n ** 12n) }), { minLength: 0, maxLength: 6 });
const inputArb = fc.record({
  loss: amount(10n ** 13n),
  collateral: amount(10n ** 12n),
  vault: amount(10n ** 12n),
  reserve: amount(10n ** 13n),
  reserveMaxShareBps: fc.integer({ min: 0, max: 10_000 }),
  creditors: creditorsArb,
  sharedBps: fc.integer({ min: 0, max: 10_000 }),
  sharingMaxBps: fc.integer({ min: 0, max: 10_000 }),
});

describe('the loss order (SPEC §8)', () => {
  it('every split sums exactly, in the fixed order, within its caps', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const s = lossOrder(input);
        const owed = input.creditors.reduce((sum, c) => sum + c.outstanding, 0n);
        const sum = (f: (c: (typeof s.creditors)[number]) => bigint) => s.creditors.reduce((t, c) => t + f(c), 0n);
        // The loss is what was asked, at most what is owed.
        expect(s.loss).toBe(input.loss < owed ? input.loss : owed);
        // Sources and destinations sum exactly to the loss.
        expect(s.fromCollateral + s.fromVault + s.fromReserve + s.shared + s.borne).toBe(s.loss);
        expect(sum((c) => c.claim)).toBe(s.loss);
        expect(sum((c) => c.recovered)).toBe(s.fromCollateral + s.fromVault + s.fromReserve);
        expect(sum((c) => c.shared)).toBe(s.shared);
        expect(sum((c) => c.borne)).toBe(s.borne);
        for (const c of s.creditors) {
          expect(c.recovered + c.shared + c.borne).toBe(c.claim);
          expect(c.recovered >= 0n && c.shared >= 0n && c.borne >= 0n).toBe(true);
        }
        // Caps: the defaulter's means, the reserve's share per case, the sharing maximum of what remains.
        expect(s.fromCollateral <= input.collateral && s.fromVault <= input.vault).toBe(true);
        expect(s.fromReserve <= (input.reserve * BigInt(input.reserveMaxShareBps)) / 10_000n).toBe(true);
        const remains = s.loss - s.fromCollateral - s.fromVault - s.fromReserve;
        const maxBps = Math.min(input.sharedBps, input.sharingMaxBps);
        expect(s.shared).toBe((remains * BigInt(maxBps)) / 10_000n);
        // The order: the vault only once the collateral is used up, the reserve only once the vault is.
        if (s.fromVault > 0n) expect(s.fromCollateral).toBe(input.collateral);
        if (s.fromReserve > 0n) expect(s.fromVault).toBe(input.vault);
        // Creditors bear something only once the defaulter and the reserve's share are exhausted.
        if (s.borne + s.shared > 0n) expect(s.fromCollateral + s.fromVault + s.fromReserve).toBe(input.collateral + input.vault + (input.reserve * BigInt(input.reserveMaxShareBps)) / 10_000n);
      }),
      { numRuns: 2_000 },
    );
  });

  it('creditors are met pro rata to what each is owed (within one minor unit)', () => {
    fc.assert(
      fc.property(inputArb.filter((i) => i.creditors.length >= 2), (input) => {
        const s = lossOrder(input);
        const owed = input.creditors.reduce((sum, c) => sum + c.outstanding, 0n);
        if (owed === 0n) return;
        s.creditors.forEach((c, i) => {
          const exact = (s.loss * input.creditors[i]!.outstanding) / owed;
          expect(c.claim - exact >= 0n && c.claim - exact <= 1n).toBe(true);
        });
      }),
      { numRuns: 1_000 },
    );
  });
});

const factions: Faction[] = ['Union', 'Guild', 'Syndicate'];
const membersArb = fc.array(fc.constantFrom(...factions), { minLength: 0, maxLength: 40 }).map((fs) =>
  fs.map((faction, i) => ({ did: `did:pkh:eip155:1:0x${i.toString(16).padStart(40, '0')}`, faction }) as unknown as Member),
);

describe('the mediator panel (SPEC §8)', () => {
  it('is deterministic from the dispute’s hash, drawn without replacement, and never holds a party, a staker or a member of a party’s faction', () => {
    fc.assert(
      fc.property(
        membersArb,
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.subarray(factions, { maxLength: 2 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.nat(40), { maxLength: 6 }),
        (members, seedBytes, partyFactions, size, round, excludedIdx) => {
          const seed = `0x${bytesToHex(seedBytes)}`;
          const excluded = excludedIdx.flatMap((i) => (members[i] ? [members[i].did] : []));
          const eligible = eligibleMembers(members, { partyFactions, excluded });
          const panel = drawPanel(seed, round, eligible, size);
          expect(drawPanel(seed, round, eligible, size)).toEqual(panel);
          if (eligible.length < size) {
            expect(panel).toBeNull();
            return;
          }
          expect(panel).toHaveLength(size);
          expect(new Set(panel).size).toBe(size);
          for (const did of panel!) {
            expect(excluded).not.toContain(did);
            const m = members.find((x) => x.did === did)!;
            expect(partyFactions).not.toContain(m.faction);
          }
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('in the ledger: a dispute opened twice from the same state draws the same panel, of none of the parties or stakers', () => {
    const { world, state: failed } = stakedOffer(givenJudicial(), { fail: true });
    const open = () => must(world, failed, failed.time + DAY, 'dispute.open', world.bob.vault, { id: 'd1', subject: { kind: 'offer', id: 'site' }, claim: 'x', amount: W(50_000) });
    const a = open().disputes.get('d1')!;
    expect(open().disputes.get('d1')!.panel).toEqual(a.panel);
    for (const did of [world.alice.did, world.bob.did]) expect(a.panel).not.toContain(did);
  });
});

describe('time (onTime): default rulings are computed from absolute deadlines', () => {
  it('one time step a→c equals a→b→c, whatever the split points, through vote, appeal window and execution', () => {
    const { world, state: failed } = stakedOffer(givenJudicial(), { fail: true });
    const t = failed.time + DAY;
    let state = must(world, withLossReserve(failed, W(10_000)), t, 'dispute.open', world.bob.vault, { id: 'd1', subject: { kind: 'offer', id: 'site' }, claim: 'x', amount: W(50_000) });
    const d = state.disputes.get('d1')!;
    state = must(world, state, t + DAY, 'dispute.propose', d.panelVault, { dispute: 'd1', resolution: { kind: 'sharedLoss', loss: W(40_000), sharedBps: 5_000, note: 'x' } }, panelKeys(world, state, 'd1').slice(0, 2));
    state = must(world, state, t + DAY, 'dispute.reject', world.alice.vault, { dispute: 'd1', reason: 'x' });
    state = must(world, state, t + DAY, 'dispute.vote', world.carol.vault, { dispute: 'd1', support: 'for' });
    const a = state.time;
    const end = a + 40 * DAY;
    const whole = stateHash(waitUntil(state, end));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: a, max: end }), { maxLength: 6 }), (points) => {
        let split = state;
        for (const p of [...points].sort((x, y) => x - y)) split = waitUntil(split, p);
        expect(stateHash(waitUntil(split, end))).toBe(whole);
      }),
      { numRuns: 60 },
    );
    expect(waitUntil(state, end).disputes.get('d1')?.stage).toBe('closed');
  });
});
