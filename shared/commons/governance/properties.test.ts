import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../result';
import { DEFAULT_PARAMS } from '../params';
import { type CommonsState } from '../state';
import { PROPOSAL_MOVES, type ProposalState, proposalState, withdrawProposal } from '.';
import { W, execute, givenGovernance, lifeOf, paramChange, pid, propose, vote } from './testing';

const RAISE = { drawCapBps: { ...DEFAULT_PARAMS.drawCapBps, BTC: 7_000 } };
const world = givenGovernance();
const t = world.state.time;
const life = lifeOf(t);
const created = unwrap(propose(world.state, world.alice, paramChange(pid(1), RAISE), t));

const attempt = fc.record({
  member: fc.integer({ min: 0, max: 2 }),
  amount: fc.bigInt({ min: 0n, max: W(1_500) }),
  support: fc.constantFrom('yes' as const, 'no' as const, 'abstain' as const),
  // Seconds from a day before voting starts to a day after it ends.
  at: fc.integer({ min: -86_400, max: 9 * 86_400 }),
});

/** Runs the attempts in time order; a refused one leaves the state exactly as it was. */
function castAll(attempts: readonly { member: number; amount: bigint; support: 'yes' | 'no' | 'abstain'; at: number }[]): CommonsState {
  let state = created;
  for (const a of [...attempts].sort((x, y) => x.at - y.at)) {
    const result = vote(state, world.members[a.member]!, pid(1), 'PPT', a.amount, a.support, life.startsAt + a.at);
    if (result.ok) state = result.value;
  }
  return state;
}

/** The states reachable from each state along the machine's moves. */
function reachable(from: ProposalState): Set<ProposalState> {
  const seen = new Set<ProposalState>([from]);
  const queue = [from];
  while (queue.length > 0) {
    for (const next of PROPOSAL_MOVES[queue.shift()!]) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return seen;
}

describe('governance properties (SPEC §7)', () => {
  it('no double vote, no burn beyond the snapshot, and every burned unit is in exactly one tally', () => {
    fc.assert(
      fc.property(fc.array(attempt, { maxLength: 12 }), (attempts) => {
        const state = castAll(attempts);
        const p = state.proposals.get(pid(1))!;
        if (p.voting.mode !== 'burn') throw new Error('a burn vote');
        const ballots = [...p.voting.ballots.values()];
        expect(new Set(ballots.map((b) => b.member)).size).toBe(ballots.length);
        for (const b of ballots) expect(b.amount).toBeLessThanOrEqual(p.voting.snapshot.get(b.member)!.PPT);
        const burned = ballots.reduce((sum, b) => sum + b.amount, 0n);
        const tallied = Object.values(p.voting.tallies).reduce((sum, x) => sum + x.yes + x.no + x.abstain, 0n);
        expect(tallied).toBe(burned);
        expect(created.supplies.PPT! - state.supplies.PPT!).toBe(burned);
        // Quorum is measured against the snapshot supply, whatever happened since.
        expect(p.voting.supply).toEqual({ Union: W(1_000), Guild: W(1_000), Syndicate: W(1_000) });
      }),
      { numRuns: 40 },
    );
  });

  it('states only move along the machine, whatever the votes and however time is sampled', () => {
    fc.assert(
      fc.property(fc.array(attempt, { maxLength: 8 }), fc.array(fc.integer({ min: 0, max: 40 * 86_400 }), { minLength: 2, maxLength: 12 }), (attempts, times) => {
        const p = castAll(attempts).proposals.get(pid(1))!;
        const sorted = [...times].sort((a, b) => a - b).map((x) => t + x);
        for (let i = 1; i < sorted.length; i++) expect(reachable(proposalState(p, sorted[i - 1]!)).has(proposalState(p, sorted[i]!))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('execution re-checks the payload and happens once, only when passed, at or after eta and before expiry', () => {
    fc.assert(
      fc.property(
        fc.array(attempt, { maxLength: 8 }),
        fc.array(fc.record({ at: fc.integer({ min: 0, max: 30 * 86_400 }), tampered: fc.boolean() }), { minLength: 1, maxLength: 6 }),
        (attempts, executions) => {
          let state = castAll(attempts);
          const passedAtEnd = proposalState(state.proposals.get(pid(1))!, life.endsAt) === 'queued';
          let executed = 0;
          for (const e of [...executions].sort((a, b) => a.at - b.at)) {
            const time = life.startsAt + e.at;
            const params = e.tampered ? { drawCapBps: { ...DEFAULT_PARAMS.drawCapBps, BTC: 7_001 } } : RAISE;
            const result = execute(state, 'params.set', { proposal: pid(1), params }, time);
            if (result.ok) {
              executed += 1;
              expect(e.tampered).toBe(false);
              expect(passedAtEnd).toBe(true);
              expect(time).toBeGreaterThanOrEqual(life.eta);
              expect(time).toBeLessThan(life.expiresAt);
              state = result.value;
            }
          }
          expect(executed).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('cancel re-mints exactly: every balance and supply as before the votes', () => {
    fc.assert(
      fc.property(fc.array(attempt, { maxLength: 10 }), (attempts) => {
        const state = castAll(attempts);
        const back = unwrap(withdrawProposal(state, state.proposals.get(pid(1))!, life.endsAt));
        expect(back.supplies).toEqual(created.supplies);
        for (const m of world.members) expect(back.vaults.get(m.vault)!.balances).toEqual(created.vaults.get(m.vault)!.balances);
      }),
      { numRuns: 30 },
    );
  });
});
