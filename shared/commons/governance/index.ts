/**
 * The governance module (SPEC §7): proposals of every kind, burn votes with a snapshot, per-faction
 * tallies, one-member-one-vote proposals for the anonymous ballots (ballots module), the state
 * machine, the timelock, and the `passed-proposal` authority that executes a passed proposal's
 * effect once: `params.set` (params module), `quest.openApproved`, `treasury.spend`,
 * `attestor.set`, `steward.change`, `loss.share`.
 */
import { OrderedMap } from 'immutable';
import { ok } from '../../result';
import { MEMBER, action, defineModule, passedProposal } from '../module';
import { cancelProposal } from './cancel';
import { createProposal } from './create';
import { governanceSentences } from './errors';
import { changeStewards, openApprovedQuest, passedProposalAuthority, setAttestors, shareLoss, spendTreasury } from './execute';
import {
  AttestorSetPayload,
  LossSharePayload,
  ProposalCancelPayload,
  ProposalCreatePayload,
  ProposalVotePayload,
  QuestOpenApprovedPayload,
  StewardChangePayload,
  TreasurySpendPayload,
} from './payloads';
import { type GovernanceSlice } from './state';
import { governanceView } from './view';
import { voteOnProposal } from './vote';

const initial: GovernanceSlice = { proposals: OrderedMap() };

export const governance = defineModule({
  name: 'governance',
  actions: {
    'proposal.create': action({ payload: ProposalCreatePayload, authority: MEMBER, handle: createProposal }),
    'proposal.vote': action({ payload: ProposalVotePayload, authority: MEMBER, handle: voteOnProposal }),
    'proposal.cancel': action({ payload: ProposalCancelPayload, authority: MEMBER, handle: cancelProposal }),
    // A passed proposal's effects: relayed by anyone, authorised by the proposal (execute.ts).
    'quest.openApproved': action({ payload: QuestOpenApprovedPayload, authority: passedProposal((p) => p.proposal), handle: openApprovedQuest }),
    'treasury.spend': action({ payload: TreasurySpendPayload, authority: passedProposal((p) => p.proposal), handle: spendTreasury }),
    'attestor.set': action({ payload: AttestorSetPayload, authority: passedProposal((p) => p.proposal), handle: setAttestors }),
    'steward.change': action({ payload: StewardChangePayload, authority: passedProposal((p) => p.proposal), handle: changeStewards }),
    'loss.share': action({ payload: LossSharePayload, authority: passedProposal((p) => p.proposal), handle: shareLoss }),
  },
  state: { initial: () => ok(initial) },
  errors: governanceSentences,
  view: governanceView,
  provides: { 'passed-proposal': passedProposalAuthority },
});

export { EFFECT_OF, Effect, ONE_MEMBER_ONE_VOTE, PROPOSAL_KINDS, type ProposalKind, type Scope, SUPPORT, type Support } from './payloads';
export { PROPOSAL_MOVES, PROPOSAL_STATES, type ProposalState, anonymousResult, burnResults, executable, proposalPassed, proposalState, quorumOf, thresholdReached } from './machine';
export { type ParamChangePreview, previewParamChange } from './preview';
export { type Proposal, type Holding, type Tally, type BurnBallot } from './state';
export { ProposalView, FactionTallyView, HoldingView, proposalStateOfView } from './view';
export { withdrawProposal } from './cancel';
export { checkRegisteredBallot, countAnonymousBallot } from './anonymous';
