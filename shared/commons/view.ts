/**
 * Read models of the state: the `c3 state --json` shape, and the dashboard's CommonsView
 * (shared/contract/commons-view.ts), both folded from a verified ledger, never written by hand.
 */
import { COMMONS_TOKENS, type CommonsToken } from '../money';
import { type CommonsView } from '../contract/commons-view';
import { type Balances, type CommonsState, type Member } from './state';

const nonZero = (balances: Balances): Partial<Record<CommonsToken, bigint>> => {
  const out: Partial<Record<CommonsToken, bigint>> = {};
  for (const token of COMMONS_TOKENS) {
    const amount = balances[token];
    if (amount !== undefined && amount !== 0n) out[token] = amount;
  }
  return out;
};

/** A member's holdings: the sum over their vaults. */
export function memberBalances(state: CommonsState, member: Member): Partial<Record<CommonsToken, bigint>> {
  const total: Partial<Record<CommonsToken, bigint>> = {};
  for (const address of member.vaults) {
    const vault = state.vaults[address];
    if (!vault) continue;
    for (const token of COMMONS_TOKENS) total[token] = (total[token] ?? 0n) + (vault.balances[token] ?? 0n);
  }
  return nonZero(total);
}

export function stateView(state: CommonsState) {
  return {
    commonsId: state.commonsId,
    name: state.name,
    height: state.height,
    headHash: state.headHash,
    time: state.time,
    treasury: state.treasury,
    attestors: Object.keys(state.attestors),
    members: Object.values(state.members).map((m) => ({
      did: m.did,
      label: m.label,
      faction: m.faction,
      factionSince: m.factionSince,
      tier: m.tier,
      enrolledAt: m.enrolledAt,
      vaults: m.vaults,
      balances: memberBalances(state, m),
    })),
    vaults: Object.values(state.vaults).map((v) => ({
      address: v.address,
      name: v.name,
      kind: v.kind,
      owner: v.owner,
      threshold: v.threshold,
      signers: v.signers,
      nonce: v.nonce,
      balances: nonZero(v.balances),
    })),
    supplies: nonZero(state.supplies),
    params: state.params,
  };
}

/** The dashboard's view of a Commons. `emulated` marks signers on the emulators' keys (demo). */
export function toCommonsView(state: CommonsState, options: { demo: boolean; verifiedAt: number | null; emulated: (address: string) => boolean }): CommonsView {
  const label = (did: string | null) => (did ? (state.members[did]?.label ?? did) : null);
  return {
    commonsId: state.commonsId,
    name: state.name,
    demo: options.demo,
    height: state.height,
    headHash: state.headHash,
    time: state.time,
    verifiedAt: options.verifiedAt,
    members: Object.values(state.members).map((m) => ({
      did: m.did,
      label: m.label,
      faction: m.faction,
      tier: m.tier,
      balances: memberBalances(state, m),
      commitment: m.commitment,
      enrolledAt: m.enrolledAt,
    })),
    vaults: Object.values(state.vaults).map((v) => ({
      address: v.address,
      name: v.name,
      kind: v.kind,
      owner: label(v.owner) === null ? null : v.owner,
      threshold: v.threshold,
      signers: v.signers.map((s) => ({ address: s.address, label: s.label, path: s.path, device: s.device, emulated: options.emulated(s.address) })),
      nonce: v.nonce,
      balances: nonZero(v.balances),
    })),
    supplies: nonZero(state.supplies),
    memberLeaves: [...state.memberTree.leaves],
    treasury: state.treasury,
    attestors: Object.keys(state.attestors),
    ballots: { ...state.ballots },
  };
}
