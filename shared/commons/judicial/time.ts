/**
 * Default rulings on missed deadlines (SPEC §8: "a party that misses a deadline loses by default"),
 * in the time step: pure, and computed from the absolute deadlines (never from `to`), so that one
 * step a→c equals a→b→c. Deadlines are handled in time order (ties: the order disputes opened),
 * each at its own deadline; a step's new deadline may fall before `to` and is handled in turn.
 *
 * - mediation missed (the panel proposed nothing): the claim as stated goes to the community vote
 *   (a shared loss of the claimed amount, nothing into Commons loss sharing);
 * - acceptance missed: a party that did not answer is taken to accept (it loses its right to object);
 * - vote closed: more for than against upholds the resolution, otherwise the claim is dismissed;
 *   then the appeal window opens;
 * - appeal window closed: the ruling executes;
 * - an instalment missed: the loss order runs on what is unpaid, against the debtor.
 */
import { type CommonsState } from '../state';
import { closeAppeal, closeVote, concludeAccepted, event, openVote, voteOutcome } from './rulings';
import { applyLossOrder, putDispute } from './settle';
import { type Dispute, type Resolution, type Settlement } from './state';
import { owedOf } from './subject';

type S = CommonsState;

/** What could not execute is said in the timeline, and the dispute closes with the state as it was. */
function closeUnexecuted(state: S, dispute: Dispute, at: number, why: string): S {
  return putDispute(state, { ...dispute, stage: 'closed', deadline: null, timeline: event(dispute, at, 'not executed', why) });
}

function step(state: S, dispute: Dispute): S {
  const at = dispute.deadline!;
  switch (dispute.stage) {
    case 'mediation': {
      const owed = owedOf(state, dispute);
      const loss = dispute.amount < owed ? dispute.amount : owed;
      const resolution: Resolution = { kind: 'sharedLoss', loss, sharedBps: 0, note: 'The panel proposed nothing by its deadline: the claim as stated goes to the community vote.' };
      return openVote(state, { ...dispute, resolution }, at, 'mediation deadline missed', 'the claim goes to the community vote');
    }
    case 'acceptance': {
      const missing = dispute.parties.filter((p) => !dispute.answers.some((a) => a.vault === p.vault));
      const answers = [...dispute.answers, ...missing.map((p) => ({ vault: p.vault, answer: 'accepted' as const, at, reason: 'did not answer by the deadline' }))];
      const concluded = concludeAccepted(state, { ...dispute, answers }, at, 'default', missing[0]?.vault ?? null);
      return concluded.ok ? concluded.value : closeUnexecuted(state, dispute, at, concluded.error.message);
    }
    case 'vote':
      return closeVote(state, dispute, at, voteOutcome(dispute, true)!);
    case 'appeal': {
      const closed = closeAppeal(state, dispute, at, 'the appeal window closed');
      return closed.ok ? closed.value : closeUnexecuted(state, dispute, at, closed.error.message);
    }
    case 'repaying': {
      const resolution = dispute.resolution;
      const instalments = resolution?.kind === 'repaymentSchedule' ? resolution.instalments : [];
      const due = instalments.filter((i) => i.dueAt <= at).reduce((sum, i) => sum + i.amount, 0n);
      const total = instalments.reduce((sum, i) => sum + i.amount, 0n);
      if (dispute.repaid >= due) {
        const next = instalments.find((i) => i.dueAt > at);
        return putDispute(state, { ...dispute, deadline: next?.dueAt ?? null, stage: next ? 'repaying' : 'closed' });
      }
      const ruling = { outcome: 'upheld' as const, by: 'default' as const, against: dispute.defaulter, resolution: dispute.resolution, at };
      const defaulted = applyLossOrder(state, dispute, total - dispute.repaid, 0, at);
      if (!defaulted.ok) return closeUnexecuted(state, dispute, at, defaulted.error.message);
      const settlement: Settlement = { ...defaulted.value.settlement, kind: 'repaymentSchedule' };
      return putDispute(defaulted.value.state, { ...dispute, ruling, settlement, stage: 'closed', deadline: null, timeline: event(dispute, at, 'instalment missed', 'the loss order runs on what is unpaid') });
    }
    case 'closed':
      return state;
  }
}

export function judicialOnTime(state: S, _from: number, to: number): S {
  let next = state;
  for (;;) {
    let first: Dispute | null = null;
    for (const d of next.disputes.values()) {
      if (d.stage === 'closed' || d.deadline === null || d.deadline > to) continue;
      if (first === null || d.deadline < first.deadline!) first = d;
    }
    if (first === null) return next;
    next = step(next, first);
  }
}
