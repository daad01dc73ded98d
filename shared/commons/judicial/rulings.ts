/**
 * The steps a dispute takes when a stage ends, whether by an action (the last party's answer, a
 * vote that settles the outcome, the last waiver) or by its deadline in the time step (time.ts):
 * one function each, so that both ways end the same.
 */
import { type Result, err, ok } from '../../result';
import { type ModuleError } from '../module';
import { type Address, type CommonsState } from '../state';
import { dismiss, executeRuling, putDispute } from './settle';
import { type Dispute } from './state';

type S = CommonsState;

export const event = (dispute: Dispute, at: number, what: string, detail: string) => [...dispute.timeline, { at, event: what, detail }];

/** SPEC §8: the vote of all members not party to it; its electorate is fixed now. */
export function openVote<T extends S>(state: T, dispute: Dispute, at: number, what: string, detail: string): T {
  const parties = new Set(dispute.parties.flatMap((p) => (p.did ? [p.did] : [])));
  const electorate = [...state.members.values()].filter((m) => !parties.has(m.did) && m.enrolledAt <= at).length;
  return putDispute(state, { ...dispute, stage: 'vote', deadline: at + dispute.params.stepSeconds, voteOpenedAt: at, electorate, votes: [], timeline: event(dispute, at, what, detail) });
}

/** Whether the vote's outcome is settled: at the deadline always; before it, once the votes still to come could not change it. */
export function voteOutcome(dispute: Dispute, final: boolean): 'upheld' | 'dismissed' | null {
  const yes = dispute.votes.filter((v) => v.support === 'for').length;
  const no = dispute.votes.length - yes;
  const remaining = Math.max(0, dispute.electorate - dispute.votes.length);
  if (final) return yes > no ? 'upheld' : 'dismissed';
  if (yes > no + remaining) return 'upheld';
  if (yes + remaining <= no) return 'dismissed';
  return null;
}

/** The vote closes with `outcome`: the ruling, then the appeal window. */
export function closeVote<T extends S>(state: T, dispute: Dispute, at: number, outcome: 'upheld' | 'dismissed'): T {
  const yes = dispute.votes.filter((v) => v.support === 'for').length;
  const ruling = { outcome, by: 'vote' as const, against: null, resolution: outcome === 'upheld' ? dispute.resolution : null, at };
  return putDispute(state, {
    ...dispute,
    ruling,
    stage: 'appeal',
    deadline: at + dispute.params.appealWindowSeconds,
    waivers: [],
    timeline: event(dispute, at, 'vote closed', `${yes} for, ${dispute.votes.length - yes} against, of ${dispute.electorate}: ${outcome}`),
  });
}

/** The appeal window closes (its deadline, or every party waived): the ruling executes. */
export function closeAppeal<T extends S>(state: T, dispute: Dispute, at: number, why: string): Result<T, ModuleError> {
  const resolution = dispute.ruling?.resolution ?? null;
  if (dispute.ruling?.outcome !== 'upheld' || resolution === null) {
    const dismissed = dismiss(state, dispute, at);
    return ok(putDispute(dismissed.state, { ...dispute, stage: 'closed', deadline: null, settlement: dismissed.settlement, timeline: event(dispute, at, 'dismissed', why) }));
  }
  const done = executeRuling(state, { ...dispute, timeline: event(dispute, at, 'appeal window closed', why) }, resolution, at);
  return done.ok ? ok(done.value.state) : err(done.error);
}

/**
 * All parties accepted (or, at the deadline, did not object): it executes, unless it moves loss
 * into Commons loss sharing, which only a community vote of the members may do (SPEC §8).
 */
export function concludeAccepted<T extends S>(state: T, dispute: Dispute, time: number, by: 'parties' | 'default', against: Address | null): Result<T, ModuleError> {
  const resolution = dispute.resolution!;
  if (resolution.kind === 'sharedLoss' && resolution.sharedBps > 0) return ok(openVote(state, dispute, time, 'to the community vote', 'moving loss into Commons loss sharing needs a community vote'));
  const ruling = { outcome: 'upheld' as const, by, against, resolution, at: time };
  const ruled: Dispute = { ...dispute, ruling, timeline: event(dispute, time, 'accepted', by === 'parties' ? 'every party accepted' : 'a party did not answer by the deadline') };
  const done = executeRuling(state, ruled, resolution, time);
  return done.ok ? ok(done.value.state) : done;
}
