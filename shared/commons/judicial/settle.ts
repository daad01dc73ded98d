/**
 * Executing a ruling (SPEC §8): what each resolution does to the subject and its money. Every move
 * is bounded by what is there (the quest's reserved reward, the defaulter's balance, the treasury's
 * CONX behind the loss reserve), so that a ruling the time step executes never fails for want of
 * funds: the loss order says who bears what is not there.
 */
import { type Result, err, ok } from '../../result';
import { balanceOf } from '../balances';
import { type ModuleError } from '../module';
import { queueSharedLoss, recordPatronage } from '../patronage';
import { type Address, type CommonsState } from '../state';
import { ROLE_TOKEN, mintTo } from '../tokens';
import { addReputation, intoEscrow, outOfEscrow, repayStakers, returnUnreleased } from '../staking/exports';
import { questEscrowId } from '../impact/state';
import { fail as failVaults } from '../vaults/errors';
import { lossOrder } from './loss-order';
import { creditorsOf, requestsOfSubject, unfreezeRequests } from './subject';
import { type Dispute, type Resolution, type Settlement, disputeEscrowId } from './state';

export const putDispute = <S extends CommonsState>(state: S, dispute: Dispute): S => ({ ...state, disputes: state.disputes.set(dispute.id, dispute) });
const min = (a: bigint, b: bigint) => (a < b ? a : b);
const noSettlement = (at: number, kind: Settlement['kind']): Settlement => ({ at, kind, loss: 0n, fromCollateral: 0n, fromVault: 0n, fromReserve: 0n, shared: 0n, creditors: [], paidToHolder: 0n });

/** The offer leaves the dispute: its reserved reward goes back to the quest's budget. */
function releaseOffer<S extends CommonsState>(state: S, dispute: Dispute, to: 'resolved' | 'failed' | 'accepted' | 'submitted', time: number): S {
  if (dispute.subject.kind !== 'offer') return state;
  const offer = state.offers.get(dispute.subject.id);
  const quest = offer && state.quests.get(offer.quest);
  if (!offer || !quest) return state;
  const keep = to === 'accepted' || to === 'submitted';
  const next = keep ? state : { ...state, quests: state.quests.set(quest.id, { ...quest, reserved: quest.reserved - offer.reserved }) };
  return { ...next, offers: next.offers.set(offer.id, { ...offer, state: to, reserved: keep ? offer.reserved : 0n, closedAt: keep ? offer.closedAt : time }) };
}

/** The claim dismissed: the subject goes back to where it was (a failed offer's stakes stay frozen, as failure left them). */
export function dismiss<S extends CommonsState>(state: S, dispute: Dispute, time: number): { state: S; settlement: Settlement } {
  let next: S = state;
  const before = dispute.offerStateBefore;
  if (dispute.subject.kind === 'offer' && before !== 'failed') {
    next = unfreezeRequests(next, requestsOfSubject(next, dispute.subject));
    next = releaseOffer(next, dispute, before === 'submitted' ? 'submitted' : 'accepted', time);
  } else if (dispute.subject.kind === 'stake') {
    next = unfreezeRequests(next, requestsOfSubject(next, dispute.subject));
  } else if (dispute.subject.kind === 'offer') {
    const offer = next.offers.get(dispute.subject.id);
    if (offer) next = { ...next, offers: next.offers.set(offer.id, { ...offer, state: 'failed' }) };
  }
  return { state: next, settlement: noSettlement(time, 'dismissed') };
}

/** SPEC §6 completion with the panel's adjusted reward: stakers first, the rest to the holder, PPT and role token minted. */
function completeAdjusted<S extends CommonsState>(state: S, dispute: Dispute, reward: Extract<Resolution, { kind: 'completeWithAdjustments' }>['reward'], time: number): Result<{ state: S; settlement: Settlement }, ModuleError> {
  const offer = state.offers.get(dispute.subject.id);
  const quest = offer && state.quests.get(offer.quest);
  if (!offer || !quest) return ok({ state, settlement: noSettlement(time, 'completeWithAdjustments') });
  const conx = min(reward.conx, offer.reserved);
  const unfrozen = unfreezeRequests(state, requestsOfSubject(state, dispute.subject));
  const returned = returnUnreleased(unfrozen, offer.id);
  if (!returned.ok) return returned;
  const escrow = questEscrowId(quest.id);
  const repayment = repayStakers(returned.value, offer.id, conx, escrow);
  if (!repayment.ok) return repayment;
  const { repaid, remainder } = repayment.value;
  const paid = outOfEscrow(repayment.value.state, escrow, offer.holder, conx - repaid - remainder);
  if (!paid.ok) return paid;
  let next: S = { ...paid.value, quests: paid.value.quests.set(quest.id, { ...quest, reserved: quest.reserved - offer.reserved, paid: quest.paid + conx }) };
  const member = next.members.get(offer.member);
  if (!member) return err(failVaults('NotAMemberVault', { vault: offer.holder }));
  for (const [token, amount] of [['PPT', reward.ppt], [ROLE_TOKEN[member.faction], reward.role]] as const) {
    if (amount === 0n) continue;
    const minted = mintTo(next, offer.holder, token, amount);
    if (!minted.ok) return minted;
    next = minted.value;
  }
  next = addReputation(recordPatronage(next, offer.member, 'offersCompleted', 1n), offer.member, { offersCompleted: 1 }) as S;
  const credential = { id: `completion:${offer.id}`, member: offer.member, quest: quest.id, offer: offer.id, issuedAt: time };
  next = { ...next, credentials: next.credentials.set(credential.id, credential), offers: next.offers.set(offer.id, { ...offer, state: 'resolved', reserved: 0n, closedAt: time }) };
  const creditors = creditorsOf(state, dispute);
  return ok({ state: next, settlement: { ...noSettlement(time, 'completeWithAdjustments'), loss: 0n, paidToHolder: conx - repaid - remainder, creditors: creditors.map((c) => ({ ...c, recovered: 0n, shared: 0n, borne: 0n })) } });
}

/** Pays `amount` to the creditors in proportion to what each is owed (for a repayment schedule's instalment). */
export function payInstalment<S extends CommonsState>(state: S, dispute: Dispute, from: Address, amount: bigint): Result<S, ModuleError> {
  const escrow = disputeEscrowId(dispute.id);
  const into = intoEscrow(state, from, escrow, amount);
  if (!into.ok) return into;
  if (dispute.subject.kind === 'collateral') return outOfEscrow(into.value, escrow, into.value.treasury, amount);
  const offerId = dispute.subject.kind === 'offer' ? dispute.subject.id : (state.stakeRequests.get(dispute.subject.id)?.offer ?? '');
  const repaid = repayStakers(into.value, offerId, amount, escrow);
  if (!repaid.ok) return repaid;
  // What repayment could not place (nothing owed any more) goes back to the payer.
  return outOfEscrow(repaid.value.state, escrow, from, repaid.value.state.escrows.get(escrow)?.amount ?? 0n);
}

/**
 * SPEC §8, the loss order on `loss`: the defaulter's vault, then the loss reserve (its CONX is held
 * by the treasury; at most its share per case), paid to the creditors pro rata; of what remains,
 * `sharedBps` into Commons loss sharing. The defaulter's pledged collateral enters the order as 0
 * here: taking it belongs to the credit module (docs/ledger-format.md, "Judicial Loop").
 */
export function applyLossOrder<S extends CommonsState>(state: S, dispute: Dispute, loss: bigint, sharedBps: number, time: number): Result<{ state: S; settlement: Settlement }, ModuleError> {
  let next: S = state;
  if (dispute.subject.kind !== 'collateral') {
    next = unfreezeRequests(next, requestsOfSubject(next, dispute.subject).filter((r) => r.released === 0n));
    const offerId = dispute.subject.kind === 'offer' ? dispute.subject.id : (next.stakeRequests.get(dispute.subject.id)?.offer ?? '');
    const returned = returnUnreleased(next, offerId);
    if (!returned.ok) return returned;
    next = returned.value;
  }
  const creditors = creditorsOf(next, dispute);
  const defaulterVault = next.vaults.get(dispute.defaulter);
  const treasuryConx = balanceOf(next.vaults.get(next.treasury)!, 'CONX');
  const split = lossOrder({
    loss,
    collateral: 0n,
    vault: defaulterVault ? balanceOf(defaulterVault, 'CONX') : 0n,
    reserve: min(next.lossReserve.balance, treasuryConx),
    reserveMaxShareBps: dispute.params.lossReserveMaxShareBps,
    creditors,
    sharedBps,
    sharingMaxBps: dispute.params.lossSharingMaxBps,
  });
  const escrow = disputeEscrowId(dispute.id);
  for (const [from, amount] of [[dispute.defaulter, split.fromVault], [next.treasury, split.fromReserve]] as const) {
    if (amount === 0n) continue;
    const moved = intoEscrow(next, from, escrow, amount);
    if (!moved.ok) return moved;
    next = moved.value;
  }
  if (split.fromReserve > 0n) next = { ...next, lossReserve: { ...next.lossReserve, balance: next.lossReserve.balance - split.fromReserve, charged: next.lossReserve.charged + split.fromReserve } };
  for (const c of split.creditors) {
    const paid = outOfEscrow(next, escrow, c.vault, c.recovered);
    if (!paid.ok) return paid;
    next = paid.value;
  }
  next = queueSharedLoss(next, split.shared) as S;
  // Reputations: the loans are settled; what was frozen is now recovered or lost.
  for (const request of requestsOfSubject(next, dispute.subject).filter((r) => r.state === 'frozen' && r.released > 0n)) {
    const recovered = split.creditors.filter((c) => c.id.startsWith(`${request.id}:`)).reduce((sum, c) => sum + c.recovered, 0n);
    next = addReputation(next, request.member, { borrowedFrozen: -(request.released - request.repaid), borrowedRepaid: recovered });
    for (const c of split.creditors.filter((x) => x.id.startsWith(`${request.id}:`))) {
      const stake = next.stakes.get(c.id);
      if (stake) next = addReputation(next, stake.member, { lentFrozen: -(stake.principal - stake.repaid), lentRepaid: c.recovered });
    }
  }
  next = releaseOffer(next, dispute, 'resolved', time);
  const settlement: Settlement = {
    at: time,
    kind: 'sharedLoss',
    loss: split.loss,
    fromCollateral: split.fromCollateral,
    fromVault: split.fromVault,
    fromReserve: split.fromReserve,
    shared: split.shared,
    creditors: split.creditors.map((c) => ({ id: c.id, vault: c.vault, outstanding: c.claim, recovered: c.recovered, shared: c.shared, borne: c.borne })),
    paidToHolder: 0n,
  };
  return ok({ state: next, settlement });
}

/**
 * Executes an upheld ruling: completion with adjustments, the start of a repayment schedule, or the
 * loss order. Returns the state and the dispute as it now stands.
 */
export function executeRuling<S extends CommonsState>(state: S, dispute: Dispute, resolution: Resolution, time: number): Result<{ state: S; dispute: Dispute }, ModuleError> {
  const event = (what: string, detail: string) => [...dispute.timeline, { at: time, event: what, detail }];
  switch (resolution.kind) {
    case 'completeWithAdjustments': {
      const done = completeAdjusted(state, dispute, resolution.reward, time);
      if (!done.ok) return done;
      const closed: Dispute = { ...dispute, stage: 'closed', deadline: null, settlement: done.value.settlement, timeline: event('executed', 'the offer completed with the adjusted reward') };
      return ok({ state: putDispute(done.value.state, closed), dispute: closed });
    }
    case 'repaymentSchedule': {
      let next: S = unfreezeRequests(state, requestsOfSubject(state, dispute.subject));
      if (dispute.subject.kind === 'offer') {
        const returned = returnUnreleased(next, dispute.subject.id);
        if (!returned.ok) return returned;
        next = releaseOffer(returned.value, dispute, 'resolved', time);
      }
      const first = resolution.instalments[0]!.dueAt;
      const running: Dispute = { ...dispute, stage: 'repaying', deadline: first, timeline: event('executed', `a repayment schedule of ${resolution.instalments.length} instalments starts`) };
      return ok({ state: putDispute(next, running), dispute: running });
    }
    case 'sharedLoss': {
      const done = applyLossOrder(state, dispute, resolution.loss, resolution.sharedBps, time);
      if (!done.ok) return done;
      const closed: Dispute = { ...dispute, stage: 'closed', deadline: null, settlement: done.value.settlement, timeline: event('executed', 'the loss order ran') };
      return ok({ state: putDispute(done.value.state, closed), dispute: closed });
    }
  }
}
