/**
 * Members and enrolment (SPEC §1): an attestor registered by the treasury signs (C, U), the
 * identity proof, made for this Commons, is checked through the injected ZkVerifier, and a
 * uniqueness nullifier U is accepted once per Commons. Faction changes wait out the cool-down
 * (param). Both speak for a member, so the member's own key signs them (authority `new-vault`
 * and `member`, authority.ts).
 */
import { enrolmentDigestBytes } from '../../crypto/eip712';
import { type Hex } from '../../crypto/canonical';
import { hexBytes } from '../../crypto/recover';
import { type Result, err, ok } from '../../result';
import { fieldOfHash } from '../../zk/field';
import { type Handler, type ModuleError } from '../module';
import { type ActionWith } from '../schema';
import { type CommonsState } from '../state';
import { fail as failCore } from '../core-errors';
import { isDid } from '../identity-did';
import { checkPublicSignals } from '../signals';
import { createVault, vaultAt } from '../vaults/vault';
import { fail } from './errors';
import { type ChangeFactionPayload, type EnrolPayload, type RegisterAttestorPayload } from './payloads';
import { type MemberTree } from './state';
import { appendLeaf } from './tree';

/** The member tree after one more enrolment: a leaf, a new root, the oldest root forgotten. */
export function addMember(tree: MemberTree, commitment: string): MemberTree {
  BigInt(commitment); // a commitment that is not a number is refused now, not when the tree is read
  return appendLeaf(tree, commitment);
}

/** What the attestor signed for an enrolment: the EIP-712 Enrolment digest of (C, U) in this Commons (SPEC §1). */
export const attestationDigest = (commonsId: Hex, p: { readonly commitment: string; readonly nullifier: string }): Uint8Array =>
  enrolmentDigestBytes(commonsId, BigInt(p.commitment), BigInt(p.nullifier));

export const enrol: Handler<ActionWith<'member.enrol', typeof EnrolPayload>> = (state, action, ctx) => {
  const p = action.payload;
  if (!isDid(p.did)) return err(failCore('InvalidDid', { did: p.did }));
  if (state.members.has(p.did)) return err(fail('AlreadyMember', { did: p.did }));
  if (!state.attestors[p.attestor]) return err(fail('UnknownAttestor', { attestor: p.attestor }));
  const digest = attestationDigest(state.commonsId, p);
  // A replay recovers it ahead, with the vault's signatures (`payloadSignatures`, index.ts).
  const signer = ctx.recoverer.recoverHex ? ctx.recoverer.recoverHex(digest, p.attestorSig) : ctx.recoverer.recover(digest, hexBytes(p.attestorSig));
  if (signer !== p.attestor) return err(fail('BadAttestation', { attestor: p.attestor }));
  // The identity circuit's public signals are exactly [C, U, commonsId] (circuits/identity.circom):
  // a proof made for another Commons carries another U for the same person, so it is refused here.
  const signals = checkPublicSignals(p.publicSignals, [
    ['identity commitment', p.commitment],
    ['uniqueness nullifier', p.nullifier],
    ['Commons id', String(fieldOfHash(state.commonsId))],
  ]);
  if (!signals.ok) return signals;
  if (state.uniqueness.has(p.nullifier)) return err(fail('DuplicateNullifier', { nullifier: p.nullifier }));
  if (!ctx.verifier.verify('identity', p.publicSignals, p.proof)) return err(failCore('InvalidProof', { circuit: 'identity' }));
  const created = createVault(
    state,
    { address: action.vault, name: p.vault.name, kind: 'member', owner: p.did, signers: p.vault.signers, threshold: p.vault.threshold, nonce: 0, balances: {} },
    p.vault.salt,
  );
  if (!created.ok) return created;
  return ok({
    ...created.value,
    members: created.value.members.set(p.did, {
        did: p.did,
        label: p.label,
        faction: p.faction,
        factionSince: ctx.time,
        tier: 'None',
        commitment: p.commitment,
        nullifier: p.nullifier,
        attestor: p.attestor,
        enrolledAt: ctx.time,
        vaults: [action.vault],
    }),
    uniqueness: created.value.uniqueness.set(p.nullifier, p.did),
    memberTree: addMember(created.value.memberTree, p.commitment),
  });
};

export const changeFaction: Handler<ActionWith<'member.changeFaction', typeof ChangeFactionPayload>> = (state, action, ctx) => {
  const owner = vaultAt(state, action.vault)?.owner;
  const member = owner ? state.members.get(owner) : undefined;
  if (!member) return err(fail('NotAMember', { who: action.vault }));
  if (member.faction === action.payload.faction) return err(fail('SameFaction', { faction: member.faction }));
  const until = member.factionSince + state.params.factionCooldownSeconds;
  if (ctx.time < until) return err(fail('FactionCooldown', { since: member.factionSince, until, time: ctx.time }));
  return ok({ ...state, members: state.members.set(member.did, { ...member, faction: action.payload.faction, factionSince: ctx.time }) });
};

/** The treasury registers an attestor (its authority, `treasury`, is checked before this runs). */
export const registerAttestor: Handler<ActionWith<'attestor.register', typeof RegisterAttestorPayload>> = (state, action) => {
  if (state.attestors[action.payload.attestor]) return err(fail('AttestorExists', { attestor: action.payload.attestor }));
  return ok({ ...state, attestors: { ...state.attestors, [action.payload.attestor]: true } });
};

/**
 * Marks a per-scope nullifier used (anonymous ballots, credential proofs: SPEC §7). A reused one
 * is rejected.
 */
export function useScopeNullifier<S extends CommonsState>(state: S, scope: string, nullifier: string): Result<S, ModuleError> {
  const key = `${scope}:${nullifier}`;
  if (state.scopeNullifiers.has(key)) return err(fail('DuplicateScopeNullifier', { scope, nullifier }));
  return ok({ ...state, scopeNullifiers: state.scopeNullifiers.add(key) });
}
