/**
 * Anonymous one-member-one-vote ballots (SPEC §7): a membership proof over the member tree, with
 * the proposal as the nullifier's scope and the choice as the bound message. The ledger learns
 * that some member voted, and what, but not who; a second ballot of the same member on the same
 * proposal carries the same nullifier and is refused. The ballot's shape (it names the treasury,
 * nonce 0, no signatures) is its authority `zk-proof`, checked before this runs.
 *
 * From log version 2 a ballot names a registered one-member-one-vote proposal, while its vote is
 * open, with a proof against exactly the member-tree root recorded when it was created (SPEC §7,
 * governance/anonymous.ts), and counts in that proposal. A version 1 log (written when a proposal
 * was free text) keeps its rule: any of the recent roots.
 */
import { err, ok } from '../../result';
import { CHOICE_CODE, fieldOfHash, isCanonicalFieldId } from '../../zk/field';
import { type Handler } from '../module';
import { type ActionWith } from '../schema';
import { fail as failCore } from '../core-errors';
import { checkPublicSignals } from '../signals';
import { useScopeNullifier } from '../identity/handlers';
import { checkRegisteredBallot, countAnonymousBallot } from '../governance/anonymous';
import { fail } from './errors';
import { type AnonymousBallotPayload } from './payloads';

export const castAnonymousBallot: Handler<ActionWith<'ballot.anonymous', typeof AnonymousBallotPayload>> = (state, action, ctx) => {
  const p = action.payload;
  // One proposal, one field element: an id at or above r would alias the id r below it, and the
  // same proof (same nullifier) would count once for each (shared/zk/field.ts `fieldId`).
  if (!isCanonicalFieldId(p.proposal)) return err(failCore('NonCanonicalField', { what: 'proposal id', value: p.proposal }));
  // Membership public signals: exactly [root, nullifier, scope, message] (circuits/membership.circom).
  const signals = checkPublicSignals(p.publicSignals, [
    ['member root', p.root],
    ['ballot nullifier', p.nullifier],
    ['proposal', String(fieldOfHash(p.proposal))],
    ['choice', String(CHOICE_CODE[p.choice])],
  ]);
  if (!signals.ok) return signals;
  // Version 1 logs knew only free-text ids; a ballot on a proposal registered since (the v1 Demo
  // Commons) keeps the registered rules, and counts in it.
  const registered = state.version >= 2 || state.proposals.has(p.proposal);
  if (registered) {
    const fits = checkRegisteredBallot(state, p.proposal, p.root, ctx.time);
    if (!fits.ok) return fits;
  } else if (!state.memberTree.recentRoots.includes(p.root)) return err(fail('UnknownMemberRoot', { root: p.root }));
  const used = useScopeNullifier(state, p.proposal, p.nullifier);
  if (!used.ok) return used;
  if (!ctx.verifier.verify('membership', p.publicSignals, p.proof)) return err(failCore('InvalidProof', { circuit: 'membership' }));
  const tally = used.value.ballots.get(p.proposal) ?? { yes: 0, no: 0, abstain: 0 };
  const counted = { ...used.value, ballots: used.value.ballots.set(p.proposal, { ...tally, [p.choice]: tally[p.choice] + 1 }) };
  return ok(registered ? countAnonymousBallot(counted, p.proposal, p.choice) : counted);
};
