/** The identity module (SPEC §1): enrolment, factions, attestors, the member tree. */
import { ok } from '../../result';
import { MEMBER, TREASURY, action, defineModule, newVault } from '../module';
import { identitySentences } from './errors';
import { attestationDigest, changeFaction, enrol, registerAttestor } from './handlers';
import { ChangeFactionPayload, EnrolPayload, RegisterAttestorPayload } from './payloads';
import { initialIdentity } from './state';
import { identityView } from './view';

export const identity = defineModule({
  name: 'identity',
  actions: {
    // Enrolment creates the member's vault: its signers and the member's own key sign it (SPEC §1).
    'member.enrol': action({
      payload: EnrolPayload,
      authority: newVault((p) => p.vault, (p) => p.did),
      handle: enrol,
      proofs: (p) => [{ circuit: 'identity', publicSignals: p.publicSignals, proof: p.proof }],
      payloadSignatures: (p, commonsId) => [{ digest: attestationDigest(commonsId, p), sig: p.attestorSig }],
    }),
    'member.changeFaction': action({ payload: ChangeFactionPayload, authority: MEMBER, handle: changeFaction }),
    'attestor.register': action({ payload: RegisterAttestorPayload, authority: TREASURY, handle: registerAttestor }),
  },
  state: { initial: (genesis) => ok(initialIdentity(genesis)) },
  errors: identitySentences,
  view: identityView,
});

export { addMember, useScopeNullifier } from './handlers';
export { didAddress, isDid, pkhDid } from '../identity-did';
export { memberBalances } from './view';
