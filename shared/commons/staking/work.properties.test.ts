/**
 * Properties of Impact Offers and M2M staking over random action sequences and random loans
 * (SPEC §0, §2, §5, §6): escrows and waterfalls sum exactly to their source; per token, supply =
 * balances + escrows after every action; PMT never exceeds min(principal, cap) per staker and is
 * minted only as repayment arrives; offers move only along their machine; a completed offer mints
 * PPT and the member's own faction's role token exactly once.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OrderedMap } from 'immutable';
import { COMMONS_TOKENS } from '../../money';
import { unwrap } from '../../result';
import { heldTotal } from '../tokens';
import { ROLE_TOKEN, type CommonsState } from '../state';
import { OFFER_MOVES, type OfferState } from '../impact';
import { W, conxOf, does, givenWork, must } from '../impact/testing';
import { repayStakers } from '.';
import { type Stake, type StakeRequest } from './state';

const base = givenWork();
const OFFERS = ['o0', 'o1', 'o2'];
const small = fc.bigInt({ min: 0n, max: W(2_000) });
const amount = fc.oneof(fc.bigInt({ min: 0n, max: W(60_000) }), fc.bigInt({ min: 1n, max: 5_000n }));

const step = fc.oneof(
  { arbitrary: fc.record({ t: fc.constant('post' as const), who: fc.nat(2), offer: fc.nat(2), conx: amount, ppt: small, role: small }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constantFrom('accept' as const, 'complete' as const, 'fail' as const), offer: fc.nat(2) }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constantFrom('submit' as const, 'request' as const), offer: fc.nat(2), asHolder: fc.boolean(), who: fc.nat(2), amount }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('give' as const), request: fc.nat(5), who: fc.nat(2), amount }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('release' as const), request: fc.nat(5), asHolder: fc.boolean(), who: fc.nat(2) }), weight: 1 },
  // The offer's next natural move (post, accept, submit, then complete or fail), so that sequences reach completion.
  {
    arbitrary: fc.record({ t: fc.constant('advance' as const), offer: fc.nat(2), who: fc.nat(2), conx: amount, ppt: small, role: small, succeed: fc.boolean() }),
    weight: 5,
  },
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** What a step does in this state: an `advance` becomes the offer's next move. */
function resolve(state: CommonsState, s: Step): Exclude<Step, { t: 'advance' }> {
  if (s.t !== 'advance') return s;
  const offer = state.offers.get(OFFERS[s.offer]!);
  switch (offer?.state) {
    case undefined:
      return { ...s, t: 'post' };
    case 'open':
      return { t: 'accept', offer: s.offer };
    case 'accepted': {
      // Ask for stakes (at most twice), have another member stake what is still needed, then submit.
      const requests = [...state.stakeRequests.values()].filter((r) => r.offer === offer.id);
      const open = requests.find((r) => r.state === 'open');
      const ids = [...state.stakeRequests.keys()];
      if (open) {
        const staker = base.members.findIndex((m, i) => m.vault !== offer.holder && (i === s.who || i === (s.who + 1) % 3));
        return { t: 'give', request: ids.indexOf(open.id), who: staker, amount: open.amount - open.staked };
      }
      if (requests.length < 2 && offer.reward.conx > 1n) return { t: 'request', offer: s.offer, asHolder: true, who: s.who, amount: (s.conx % offer.reward.conx) / 2n + 1n };
      return { t: 'submit', offer: s.offer, asHolder: true, who: s.who, amount: 0n };
    }
    case 'submitted':
      return { t: s.succeed ? 'complete' : 'fail', offer: s.offer };
    default:
      return { t: 'accept', offer: s.offer };
  }
}

function run(state: CommonsState, s: Exclude<Step, { t: 'advance' }>) {
  const member = base.members['who' in s ? s.who : 0]!;
  const offerId = OFFERS['offer' in s ? s.offer : 0]!;
  const holderOf = (offer: string) => state.offers.get(offer)?.holder ?? base.alice.vault;
  const requestId = () => {
    const ids = [...state.stakeRequests.keys()];
    return ids.length === 0 ? 'o0/1' : ids[('request' in s ? s.request : 0) % ids.length]!;
  };
  switch (s.t) {
    case 'post':
      return does(base, state, 'offer.post', member.vault, { quest: 'q', id: offerId, deliverable: 'work', reward: { conx: s.conx, ppt: s.ppt, role: s.role } });
    case 'accept':
    case 'complete':
      return does(base, state, `offer.${s.t}`, base.verifiers, { offer: offerId });
    case 'fail':
      return does(base, state, 'offer.fail', base.verifiers, { offer: offerId, reason: 'not delivered' });
    case 'submit':
      return does(base, state, 'offer.submit', s.asHolder ? holderOf(offerId) : member.vault, { offer: offerId });
    case 'request':
      return does(base, state, 'stake.request', s.asHolder ? holderOf(offerId) : member.vault, { offer: offerId, amount: s.amount });
    case 'give':
      return does(base, state, 'stake.give', member.vault, { request: requestId(), amount: s.amount });
    case 'release': {
      const id = requestId();
      return does(base, state, 'stake.release', s.asHolder ? (state.stakeRequests.get(id)?.holder ?? member.vault) : member.vault, { request: id });
    }
  }
}

const sum = (values: Iterable<bigint>) => [...values].reduce((a, b) => a + b, 0n);

/** Everything that must hold of any state the actions reach. */
function invariants(state: CommonsState) {
  for (const token of COMMONS_TOKENS) expect(heldTotal(state, token), token).toBe(state.supplies[token] ?? 0n);
  for (const quest of state.quests.values()) {
    const offers = [...state.offers.values()].filter((o) => o.quest === quest.id);
    expect(state.escrows.get(`quest:${quest.id}`)?.amount ?? 0n).toBe(quest.budget - quest.paid);
    expect(quest.reserved).toBe(sum(offers.map((o) => o.reserved)));
    expect(quest.reserved + quest.paid).toBeLessThanOrEqual(quest.budget);
    expect(quest.paid).toBe(sum(offers.filter((o) => o.state === 'completed').map((o) => o.reward.conx)));
  }
  const cap = state.params.stakerPmtCap;
  for (const request of state.stakeRequests.values()) {
    const stakes = [...state.stakes.values()].filter((s) => s.request === request.id);
    expect(sum(stakes.map((s) => s.principal))).toBe(request.staked);
    expect(sum(stakes.map((s) => s.repaid))).toBe(request.repaid);
    const waiting = request.released === 0n && request.state !== 'returned' ? request.staked : 0n;
    expect(state.escrows.get(`stake:${request.id}`)?.amount ?? 0n).toBe(waiting);
  }
  for (const stake of state.stakes.values()) {
    const min = stake.principal < cap ? stake.principal : cap;
    expect(stake.pmtCredit).toBeLessThanOrEqual(min);
    expect(stake.repaid).toBeLessThanOrEqual(stake.principal);
    expect(stake.pmtMinted).toBe(stake.principal === 0n ? 0n : (stake.pmtCredit * stake.repaid) / stake.principal);
  }
  // Role tokens and PPT come from completed offers (and PMT from repayment), each once.
  const completed = [...state.offers.values()].filter((o) => o.state === 'completed');
  const roleOf = (token: string) => sum(completed.filter((o) => ROLE_TOKEN[state.members.get(o.member)!.faction] === token).map((o) => o.reward.role));
  expect(state.supplies.PDT ?? 0n).toBe(roleOf('PDT'));
  expect(state.supplies.PCT ?? 0n).toBe(roleOf('PCT'));
  expect(state.supplies.PMT ?? 0n).toBe(roleOf('PMT') + sum([...state.stakes.values()].map((s) => s.pmtMinted)));
  expect(state.supplies.PPT ?? 0n).toBe((base.state.supplies.PPT ?? 0n) + sum(completed.map((o) => o.reward.ppt)));
  expect(state.credentials.size).toBe(completed.length);
}

/** The offers moved only along the machine, by the action that moves them. */
function movedAlongTheMachine(before: CommonsState, after: CommonsState, s: Exclude<Step, { t: 'advance' }>) {
  for (const offer of after.offers.values()) {
    const was = before.offers.get(offer.id)?.state;
    if (was === undefined) {
      expect(s.t).toBe('post');
      expect(offer.state).toBe('open');
    } else if (was !== offer.state) {
      const move = OFFER_MOVES[`offer.${s.t}` as keyof typeof OFFER_MOVES];
      expect(move, `${was} → ${offer.state} by ${s.t}`).toBeDefined();
      expect((move.from as readonly OfferState[]).includes(was)).toBe(true);
      expect(offer.state).toBe(move.to);
    }
  }
}

/** At completion the quest pays the reward exactly once: to stakers, the member, and the rounding to the treasury. */
function waterfall(before: CommonsState, after: CommonsState, s: Exclude<Step, { t: 'advance' }>) {
  if (s.t !== 'complete') return;
  const offer = after.offers.get(OFFERS[s.offer]!)!;
  const stakes = (state: CommonsState) => [...state.stakes.values()].filter((x) => x.offer === offer.id);
  const toStakers = sum(stakes(after).map((x) => x.repaid)) - sum(stakes(before).map((x) => x.repaid));
  const toHolder = conxOf(after, offer.holder) - conxOf(before, offer.holder);
  const toTreasury = conxOf(after, after.treasury) - conxOf(before, before.treasury);
  expect((before.escrows.get('quest:q')?.amount ?? 0n) - (after.escrows.get('quest:q')?.amount ?? 0n)).toBe(offer.reward.conx);
  expect(toStakers + toHolder + toTreasury).toBe(offer.reward.conx);
  expect(toTreasury).toBe(0n);
}

describe('random sequences of quest, offer and stake actions', () => {
  it('keep every escrow, waterfall, supply, PMT and offer-machine invariant after every action', () => {
    let completions = 0;
    let repaidLoans = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 10, maxLength: 40, size: 'max' }), (steps) => {
        let state = base.state;
        for (const drawn of steps) {
          const s = resolve(state, drawn);
          const result = run(state, s);
          if (!result.ok) continue;
          movedAlongTheMachine(state, result.value, s);
          waterfall(state, result.value, s);
          invariants(result.value);
          if (s.t === 'complete') completions++;
          state = result.value;
        }
        repaidLoans += [...state.stakeRequests.values()].filter((r) => r.state === 'repaid').length;
      }),
      { numRuns: 150 },
    );
    // The sequences reach the interesting states, not only refusals.
    expect(completions).toBeGreaterThan(10);
    expect(repaidLoans).toBeGreaterThan(3);
  });
});

describe('repayment of stakers (SPEC §5, rounding SPEC §0)', () => {
  /** An accepted offer with released requests whose stakes are Bob's and Carol's, principals as given. */
  function loans(principals: readonly bigint[]) {
    let state = must(base, base.state, 'offer.post', base.alice.vault, { quest: 'q', id: 'loan', deliverable: 'x', reward: { conx: W(150_000), ppt: 0n, role: 1n } });
    state = must(base, state, 'offer.accept', base.verifiers, { offer: 'loan' });
    let requests = OrderedMap<string, StakeRequest>();
    let stakes = OrderedMap<string, Stake>();
    const cap = state.params.stakerPmtCap;
    principals.forEach((principal, i) => {
      const id = `loan/${i + 1}`;
      const staker = i % 2 === 0 ? base.bob : base.carol;
      requests = requests.set(id, { id, offer: 'loan', holder: base.alice.vault, member: base.alice.did, amount: principal, staked: principal, released: principal, repaid: 0n, state: 'released', requestedAt: 0, releasedAt: 0 });
      const sid = `${id}:${staker.vault}`;
      stakes = stakes.set(sid, { id: sid, request: id, offer: 'loan', staker: staker.vault, member: staker.did, principal, repaid: 0n, pmtCredit: principal < cap ? principal : cap, pmtMinted: 0n, returned: 0n });
    });
    return { ...state, stakeRequests: requests, stakes };
  }

  it('pays min(available, outstanding) exactly: shares pro rata, rounded down, the remainder to the Commons; PMT vests with repayment and never exceeds min(principal, cap)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 1n, max: W(20_000) }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.bigInt({ min: 0n, max: W(40_000) }), { minLength: 1, maxLength: 5 }),
        (principals, payments) => {
          let state = loans(principals);
          const cap = state.params.stakerPmtCap;
          const total = sum(principals);
          let repaidSoFar = 0n;
          for (const available of payments) {
            const before = state;
            const treasuryBefore = conxOf(state, state.treasury);
            const { state: after, repaid, remainder } = unwrap(repayStakers(state, 'loan', available));
            const paying = available < total - repaidSoFar ? available : total - repaidSoFar;
            expect(repaid + remainder).toBe(paying);
            expect(remainder).toBeLessThan(BigInt(principals.length));
            expect(conxOf(after, after.treasury) - treasuryBefore).toBe(remainder);
            expect((before.escrows.get('quest:q')?.amount ?? 0n) - (after.escrows.get('quest:q')?.amount ?? 0n)).toBe(paying);
            for (const stake of after.stakes.values()) {
              const was = before.stakes.get(stake.id)!;
              expect(stake.repaid).toBeLessThanOrEqual(stake.principal);
              // Pro rata to what each was owed, rounded down.
              const owed = total - repaidSoFar;
              if (paying < owed) expect(stake.repaid - was.repaid).toBe((paying * (was.principal - was.repaid)) / owed);
              // Vesting in proportion to principal repaid, minted only as it arrives.
              expect(stake.pmtMinted).toBe((stake.pmtCredit * stake.repaid) / stake.principal);
              expect(stake.pmtMinted).toBeLessThanOrEqual(stake.principal < cap ? stake.principal : cap);
              expect(stake.pmtMinted).toBeGreaterThanOrEqual(was.pmtMinted);
              if (stake.repaid === was.repaid) expect(stake.pmtMinted).toBe(was.pmtMinted);
            }
            for (const token of COMMONS_TOKENS) expect(heldTotal(after, token)).toBe(after.supplies[token] ?? 0n);
            repaidSoFar += repaid;
            state = after;
          }
          // Fully repaid, each staker holds exactly its credit, and no more.
          if (repaidSoFar === total) for (const stake of state.stakes.values()) expect(stake.pmtMinted).toBe(stake.pmtCredit);
        },
      ),
      { numRuns: 300 },
    );
  });
});
