/**
 * What a dispute's subject is in the ledger (SPEC §8): its parties, who defaults first, who is
 * owed, and freezing and unfreezing its escrows. Parties, by subject:
 * - an offer: its holder and everyone who staked on it (the quest's side speaks through its
 *   verifiers, who already decided: the dispute is between the member and the stakers);
 * - a stake request: its holder and its stakers;
 * - a collateral claim (a credit line): the line's member and the treasury.
 */
import { type Result, err, ok } from '../../result';
import { type ModuleError } from '../module';
import { type Address, type CommonsState } from '../state';
import { addReputation, requestsOf, stakesOf } from '../staking/exports';
import { type StakeRequest } from '../staking/state';
import { fail } from './errors';
import { type Creditor } from './loss-order';
import { type Dispute, type DisputeParty, type Subject } from './state';

export interface SubjectFacts {
  readonly parties: readonly DisputeParty[];
  readonly defaulter: Address;
  /** DIDs never on the panel: the parties and every staker of the offer. */
  readonly excluded: readonly string[];
}

const memberParty = (state: CommonsState, vault: Address, role: DisputeParty['role']): DisputeParty | null => {
  const owner = state.vaults.get(vault)?.owner ?? null;
  const member = owner === null ? undefined : state.members.get(owner);
  return member ? { vault, did: member.did, role, faction: member.faction } : null;
};

/** The requests a subject covers: all of an offer's, or the one request. */
export function requestsOfSubject(state: CommonsState, subject: Subject): StakeRequest[] {
  if (subject.kind === 'offer') return requestsOf(state, subject.id);
  if (subject.kind === 'stake') {
    const request = state.stakeRequests.get(subject.id);
    return request ? [request] : [];
  }
  return [];
}

function stakerParties(state: CommonsState, requests: readonly StakeRequest[]): DisputeParty[] {
  const parties = new Map<string, DisputeParty>();
  for (const request of requests) {
    for (const stake of stakesOf(state, request.id)) {
      const party = stake.principal > stake.returned ? memberParty(state, stake.staker, 'staker') : null;
      if (party && !parties.has(party.vault)) parties.set(party.vault, party);
    }
  }
  return [...parties.values()];
}

/** The subject's parties and who defaults first, or why it cannot be disputed now. */
export function subjectFacts(state: CommonsState, subject: Subject): Result<SubjectFacts, ModuleError> {
  const open = [...state.disputes.values()].find((d) => d.stage !== 'closed' && d.subject.kind === subject.kind && d.subject.id === subject.id);
  if (open) return err(fail('SubjectAlreadyDisputed', { subject: subject.kind, id: subject.id, dispute: open.id }));
  const settled = [...state.disputes.values()].some((d) => d.subject.kind === subject.kind && d.subject.id === subject.id && d.settlement !== null && d.settlement.kind !== 'dismissed');
  if (settled) return err(fail('SubjectNotDisputable', { subject: subject.kind, id: subject.id, state: 'settled by an earlier dispute' }));
  switch (subject.kind) {
    case 'offer': {
      const offer = state.offers.get(subject.id);
      if (!offer) return err(fail('UnknownSubject', { subject: 'offer', id: subject.id }));
      if (!['accepted', 'submitted', 'failed'].includes(offer.state)) return err(fail('SubjectNotDisputable', { subject: 'offer', id: subject.id, state: offer.state }));
      const holder = memberParty(state, offer.holder, 'holder');
      if (!holder) return err(fail('UnknownSubject', { subject: 'offer', id: subject.id }));
      // One of its stake requests under dispute: that dispute first.
      const onRequest = [...state.disputes.values()].find((d) => d.stage !== 'closed' && d.subject.kind === 'stake' && state.stakeRequests.get(d.subject.id)?.offer === offer.id);
      if (onRequest) return err(fail('SubjectAlreadyDisputed', { subject: 'offer', id: subject.id, dispute: onRequest.id }));
      const stakers = stakerParties(state, requestsOf(state, offer.id));
      const parties = [holder, ...stakers];
      return ok({ parties, defaulter: offer.holder, excluded: parties.map((p) => p.did!) });
    }
    case 'stake': {
      const request = state.stakeRequests.get(subject.id);
      if (!request) return err(fail('UnknownSubject', { subject: 'stake', id: subject.id }));
      if (request.staked === 0n || request.state === 'repaid' || request.state === 'returned') return err(fail('SubjectNotDisputable', { subject: 'stake', id: subject.id, state: request.state }));
      // A dispute on its offer covers the request: while it is open, and once it settled the offer.
      const ofOffer = state.offers.get(request.offer);
      if (ofOffer?.state === 'disputed' || ofOffer?.state === 'resolved') return err(fail('SubjectNotDisputable', { subject: 'stake', id: subject.id, state: `on offer ${request.offer}, ${ofOffer.state}` }));
      const holder = memberParty(state, request.holder, 'holder');
      if (!holder) return err(fail('UnknownSubject', { subject: 'stake', id: subject.id }));
      const parties = [holder, ...stakerParties(state, [request])];
      // Never a staker of the disputed offer, on any of its requests.
      const allStakers = stakerParties(state, requestsOf(state, request.offer)).map((p) => p.did!);
      return ok({ parties, defaulter: request.holder, excluded: [...new Set([...parties.map((p) => p.did!), ...allStakers])] });
    }
    case 'collateral': {
      const vault = subject.id.toLowerCase();
      const line = state.credit.lines.get(vault);
      if (!line) return err(fail('UnknownSubject', { subject: 'collateral', id: subject.id }));
      const member = memberParty(state, vault, 'member');
      if (!member) return err(fail('UnknownSubject', { subject: 'collateral', id: subject.id }));
      const treasury: DisputeParty = { vault: state.treasury, did: null, role: 'treasury', faction: null };
      return ok({ parties: [member, treasury], defaulter: vault, excluded: [member.did!] });
    }
  }
}

/** Who is owed under the dispute: the outstanding principal of each released stake, or the Commons for a collateral claim. */
export function creditorsOf(state: CommonsState, dispute: Dispute): Creditor[] {
  if (dispute.subject.kind === 'collateral') return [{ id: 'treasury', vault: state.treasury, outstanding: dispute.amount }];
  return requestsOfSubject(state, dispute.subject)
    .filter((r) => r.released > 0n)
    .flatMap((r) => stakesOf(state, r.id))
    .filter((s) => s.principal > s.repaid + s.returned)
    .map((s) => ({ id: s.id, vault: s.staker, outstanding: s.principal - s.repaid - s.returned }));
}

export const owedOf = (state: CommonsState, dispute: Dispute): bigint => creditorsOf(state, dispute).reduce((sum, c) => sum + c.outstanding, 0n);

/** SPEC §5, §8: the subject's requests freeze (a stake request only itself; an offer all of its own). */
export function freezeRequests<S extends CommonsState>(state: S, requests: readonly StakeRequest[]): S {
  let next: S = state;
  for (const request of requests.filter((r) => r.state === 'open' || r.state === 'released')) {
    next = { ...next, stakeRequests: next.stakeRequests.set(request.id, { ...request, state: 'frozen' }) };
    if (request.state !== 'released') continue;
    next = addReputation(next, request.member, { borrowedFrozen: request.released - request.repaid });
    for (const stake of stakesOf(next, request.id)) next = addReputation(next, stake.member, { lentFrozen: stake.principal - stake.repaid });
  }
  return next;
}

/**
 * The ruling lets the subject's frozen requests go: a request never released is open again (the
 * caller returns its stakes when the offer closes: they never became a loan); a released one is a
 * loan again (its frozen amounts leave both reputations).
 */
export function unfreezeRequests<S extends CommonsState>(state: S, requests: readonly StakeRequest[]): S {
  let next: S = state;
  for (const held of requests) {
    const request = next.stakeRequests.get(held.id);
    if (!request || request.state !== 'frozen') continue;
    next = { ...next, stakeRequests: next.stakeRequests.set(request.id, { ...request, state: request.released > 0n ? 'released' : 'open' }) };
    if (request.released === 0n) continue;
    next = addReputation(next, request.member, { borrowedFrozen: -(request.released - request.repaid) });
    for (const stake of stakesOf(next, request.id)) next = addReputation(next, stake.member, { lentFrozen: -(stake.principal - stake.repaid) });
  }
  return next;
}

/**
 * SPEC §8: a collateral claim under an open dispute freezes the line's collateral: the credit
 * module refuses to let it leave (unlock, unpledge) until the dispute closes. Returns the dispute.
 */
export function collateralUnderDispute(state: CommonsState, vault: Address): string | null {
  for (const d of state.disputes.values()) if (d.stage !== 'closed' && d.subject.kind === 'collateral' && d.subject.id === vault) return d.id;
  return null;
}
