/**
 * Builds a signed Commons log from a scenario (docs/scenario-format.md): the genesis (the Demo
 * Commons' stewards and attestor, version 2's parameters with the scenario's changes), one entry
 * enrolling every member with a real Groth16 proof and opening their further vaults, then the
 * steps in order, those sharing one time sealed in one entry.
 *
 * Generic over the registry: a step names any registered action kind; its payload, once names,
 * amounts and times are resolved, is judged by that kind's own schema, its authority says which
 * vault and keys sign (module.ts), and the ledger's own `applyAction` runs it — so the outcome, a
 * new state or a typed error, is exactly what the ledger will say of the log. Each sealed entry is
 * applied once more with `apply`, as any verifier will.
 */
import { type Hex } from '../../shared/crypto/canonical';
import { type Result, bigintReplacer, err, ok } from '../../shared/result';
import { type SignatureRecoverer } from '../../shared/crypto/recover';
import { type ZkVerifier } from '../../shared/zk/types';
import { type DigestSigner, LogBuilder, attest, signAction } from '../../shared/commons/build';
import { type DemoKeys } from '../../shared/commons/demo';
import { apply, applyAction, genesis, onTime } from '../../shared/commons/apply';
import { type Action, type ActionKind, type Entry, Payloads } from '../../shared/commons/log';
import { type Authority, type ModuleError } from '../../shared/commons/module';
import { modules } from '../../shared/commons/registry';
import { DEFAULT_PARAMS_V2 } from '../../shared/commons/params';
import { type CommonsState } from '../../shared/commons/state';
import { deriveVaultAddress } from '../../shared/commons/vaults';
import { demoEnrolmentSignals, demoIdentity } from '../../shared/zk/demo-identities';
import { CHOICE_CODE, fieldOfHash } from '../../shared/zk/field';
import { merkleProof, rootOf } from '../../shared/zk/merkle';
import { scopeNullifier } from '../../shared/zk/poseidon';
import { currentRoot } from '../../shared/commons/governance/create';
import { z } from 'zod';
import { Hash } from '../../shared/commons/schema';
import { LOG_VERSION } from '../../shared/commons/schema';
import { type Cast, type CastMember, type Device, DeviceBox, TREASURY_SALT, castOf, officers, referTo, vaultOf } from './cast';
import { type Scenario, type Step } from './format';
import { checkProblems, expectationProblem } from './checks';
import { type MembershipProver, type Prover } from './prove';
import { offsetSeconds, resolveValue } from './values';

/** 2026-01-05T09:00:00Z, the Demo Commons' start. */
export const DEFAULT_START = 1_767_603_600;
/** How long each signed action stays valid after its entry's time. */
const VALID_FOR_SECONDS = 7 * 86_400;

export interface ScenarioTools {
  readonly keys: DemoKeys;
  readonly verifier: ZkVerifier;
  readonly recoverer: SignatureRecoverer;
  readonly prove: Prover;
  /** Anonymous ballots' membership proofs (`ballot.anonymous` steps). */
  readonly proveMembership: MembershipProver;
}

export interface ScenarioLog {
  readonly entries: Entry[];
  readonly state: CommonsState;
  readonly steps: number;
  readonly refusedAsExpected: number;
  readonly checks: number;
  readonly proofSeconds: number;
}

const AUTHORITIES = new Map<string, Authority>(modules.flatMap((m) => Object.entries(m.actions).map(([kind, spec]) => [kind, spec.authority as Authority] as const)));

/** "step 4 "Alice draws" (credit.draw by Alice at +2d)" */
export const stepLabel = (step: Step, index: number): string =>
  `step ${index + 1}${step.name ? ` "${step.name}"` : ''} (${step.action} by ${step.by}${step.at === undefined ? '' : ` at ${typeof step.at === 'number' ? `${step.at}s` : step.at}`})`;

/** Version 2's default parameters with the scenario's changes, in the wire form the genesis schema reads. */
function genesisParams(scenario: Scenario, refer: (reference: string) => Result<unknown, string>): Result<Record<string, unknown>, string> {
  const defaults = JSON.parse(JSON.stringify(DEFAULT_PARAMS_V2, bigintReplacer)) as Record<string, unknown>;
  const changes = resolveValue(scenario.params ?? {}, refer, 'params');
  if (!changes.ok) return changes;
  const params: Record<string, unknown> = { ...defaults };
  for (const [name, value] of Object.entries(changes.value as Record<string, unknown>)) {
    if (!(name in defaults)) return err(`params.${name}: no such parameter (${Object.keys(defaults).join(', ')})`);
    const base = defaults[name];
    // A per-asset or grouped parameter may change one of its fields: the others keep their defaults.
    params[name] = base !== null && typeof base === 'object' && value !== null && typeof value === 'object' ? { ...base, ...value } : value;
  }
  return ok(params);
}

const schemaProblem = (issues: readonly { path: PropertyKey[]; message: string }[]): string =>
  issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : '(payload)'}: ${i.message}`)
    .join('; ');

/** Up to `threshold` held keys among `signers`, the owner's own key first (it must sign what speaks for a member). */
function quorumKeys(cast: Cast, signers: readonly { address: string }[], threshold: number, owner: CastMember | null): Result<DigestSigner[], string> {
  const held = signers.map((s) => cast.box.byAddress.get(s.address)).filter((d): d is Device => d !== undefined);
  const own = owner?.devices[0];
  const ordered = own && held.includes(own) ? [own, ...held.filter((d) => d !== own)] : held;
  if (ordered.length < threshold) return err(`the vault needs ${threshold} signatures and the scenario holds the keys of ${ordered.length} of its signers`);
  return ok(ordered.slice(0, threshold).map((d) => d.signer));
}

/** The signed action a step stands for, or why it cannot be made (the scenario's fault, not the ledger's refusal). */
function actionOfStep(step: Step, state: CommonsState, cast: Cast, time: number): Result<{ action: Action; creates: { member: CastMember; name: string; address: string } | null }, string> {
  if (step.action === 'commons.genesis' || !(step.action in Payloads)) {
    const kinds = Object.keys(Payloads).filter((k) => k !== 'commons.genesis');
    return err(`no module handles the action kind "${step.action}" (the kinds: ${kinds.join(', ')})`);
  }
  const kind = step.action as ActionKind;
  const authority = AUTHORITIES.get(kind) as Authority;
  const resolved = resolveValue(step.payload ?? {}, (reference) => referTo(cast, reference), 'payload');
  if (!resolved.ok) return resolved;
  const parsed = Payloads[kind].safeParse(resolved.value);
  if (!parsed.success) return err(`the payload does not fit ${kind}: ${schemaProblem(parsed.error.issues)}`);
  const payload = parsed.data;
  const validUntil = time + VALID_FOR_SECONDS;
  const explicit = step.signers?.map((id) => cast.box.device(id, id).signer);
  const sign = (vault: string, nonce: number, signers: readonly DigestSigner[]) =>
    signAction(cast.commonsId, { kind, vault, nonce, validUntil, payload } as never, explicit ?? signers);

  switch (authority.kind) {
    case 'zk-proof':
      // Anonymous: names the treasury, nonce 0, no signatures (module.ts).
      return ok({ action: sign(cast.treasury, 0, []), creates: null });
    case 'new-vault': {
      const member = cast.members.get(step.by);
      if (!member) return err(`${kind} creates a member's vault: "by" must name a member`);
      if (!step.vault) return err(`${kind} creates a vault: the step names it in "vault" (its salt)`);
      const address = deriveVaultAddress(cast.commonsId, member.did, step.vault);
      const setup = authority.vault(payload);
      const keys = quorumKeys(cast, setup.signers, Math.max(1, setup.threshold), member);
      if (!keys.ok && !explicit) return keys;
      return ok({ action: sign(address, 0, keys.ok ? keys.value : []), creates: { member, name: step.vault, address } });
    }
    case 'vault-quorum':
    case 'member':
    case 'treasury':
    case 'passed-proposal': {
      const target = vaultOf(cast, step.by, step.vault);
      if (!target.ok) return target;
      const { address, member } = target.value;
      const vault = state.vaults.get(address);
      const commons = cast.commonsVaults.get(step.by)?.setup;
      // A vault not (yet) in the state is signed by the keys it will have; the ledger says it is unknown.
      const signers = vault?.signers ?? member?.devices.map((d) => d.spec) ?? commons?.signers ?? cast.stewards.map((d) => d.spec);
      const threshold = vault?.threshold ?? member?.threshold ?? commons?.threshold ?? 2;
      const keys = explicit ? ok([]) : quorumKeys(cast, signers, threshold, member);
      if (!keys.ok) return err(`${step.by}: ${keys.error}`);
      return ok({ action: sign(address, vault?.nonce ?? 0, keys.value), creates: null });
    }
  }
}

/** What a `ballot.anonymous` step says: the tool makes the rest (docs/scenario-format.md). */
const BallotStep = z.strictObject({ proposal: Hash, choice: z.enum(['yes', 'no', 'abstain']) });

/**
 * A member's anonymous ballot (SPEC §7): a real membership proof over the member tree as it stood
 * when the proposal was created (its recorded root: the leaves up to that root), with the proposal
 * as scope and the choice's code as message; relayed as the `zk-proof` authority wants it (the
 * treasury, nonce 0, no signatures). A proposal that records no root (unknown, or a burn vote) gets
 * a proof against the current root, so the ledger's refusal is what the step shows.
 */
async function anonymousBallotOfStep(step: Step, state: CommonsState, cast: Cast, time: number, prove: MembershipProver): Promise<Result<Action, string>> {
  const member = cast.members.get(step.by);
  if (!member) return err(`a ballot is a member's: "by" must name a member (the members: ${[...cast.members.keys()].join(', ')})`);
  const said = BallotStep.safeParse(step.payload ?? {});
  if (!said.success) return err(`a ballot.anonymous step's payload is { "proposal", "choice" } (the tool makes the proof): ${schemaProblem(said.error.issues)}`);
  const { proposal: id, choice } = said.data;
  const proposal = state.proposals.get(id);
  const root = proposal?.voting.mode === 'anonymous' ? proposal.voting.root : currentRoot(state);
  const all = state.memberTree.leaves.map((leaf) => BigInt(leaf));
  let size = all.length;
  while (size > 0 && String(rootOf(all.slice(0, size))) !== root) size--;
  if (size === 0) return err(`no prefix of the member tree has the root ${root} the ballot must prove against`);
  const leaves = all.slice(0, size);
  const commitment = BigInt(demoEnrolmentSignals(member.name, cast.commonsId).commitment);
  const index = leaves.indexOf(commitment);
  if (index < 0) return err(`${member.name} was not a member when the proposal was created: no membership proof against its root can be made`);
  const { secret, bioKey } = demoIdentity(member.name);
  const path = merkleProof(leaves, index);
  const scope = fieldOfHash(id);
  const proved = await prove({ secret, bioKey, pathElements: path.pathElements, pathIndices: path.pathIndices, scope, message: CHOICE_CODE[choice] });
  const nullifier = String(scopeNullifier(scope, secret));
  if (proved.publicSignals[0] !== root || proved.publicSignals[1] !== nullifier) return err('the membership proof does not commit to the recorded root and the member\'s nullifier');
  const payload = Payloads['ballot.anonymous'].parse({ proposal: id, choice, root, nullifier, publicSignals: proved.publicSignals, proof: proved.proof });
  return ok(signAction(cast.commonsId, { kind: 'ballot.anonymous', vault: cast.treasury, nonce: 0, validUntil: time + VALID_FOR_SECONDS, payload }, []));
}

export interface ScenarioFailure {
  readonly message: string;
}

const failure = (message: string): Result<never, ScenarioFailure> => err({ message });

/** The scenario's log, or the first thing that went otherwise than it says. */
export async function buildScenario(scenario: Scenario, tools: ScenarioTools): Promise<Result<ScenarioLog, ScenarioFailure>> {
  const ctx = { verifier: tools.verifier, recoverer: tools.recoverer };
  const box = new DeviceBox(tools.keys);
  const { stewards, attestor, treasury } = officers(box);
  const sequencers = [stewards[0]!.signer, stewards[1]!.signer];
  const start = scenario.start === undefined ? DEFAULT_START : Math.floor(Date.parse(scenario.start) / 1000);

  // Parameters may name only amounts: no one exists before the genesis.
  const params = genesisParams(scenario, (reference) => err(`"@${reference}": parameters cannot name members`));
  if (!params.ok) return failure(params.error);
  const genesisPayload = Payloads['commons.genesis'].safeParse({
    name: scenario.name,
    salt: `c3-scenario:${scenario.name}`,
    treasury: { address: treasury, name: 'Commons treasury', signers: stewards.map((s) => s.spec), threshold: 2, salt: TREASURY_SALT },
    attestors: [attestor.signer.address],
    params: params.value,
    logVersion: LOG_VERSION,
  });
  if (!genesisPayload.success) return failure(`params: ${schemaProblem(genesisPayload.error.issues)}`);
  const log = new LogBuilder(genesisPayload.data, start, sequencers);
  const born = genesis(log.entries[0]!, ctx);
  if (!born.ok) return failure(`the genesis is refused: ${born.error.kind}: ${born.error.message}`);
  let state = born.value;
  const commonsId: Hex = log.commonsId;

  const cast = castOf(scenario, commonsId, box);
  if (!cast.ok) return failure(cast.error);
  const members = [...cast.value.members.values()];

  // Entry 1: every member enrols (identity proof, attestor's signature) and opens their vaults.
  const proving = performance.now();
  const proofs = await tools.prove(
    members.map((m) => m.name),
    commonsId,
  );
  let proofSeconds = (performance.now() - proving) / 1000;
  const setup: Action[] = [];
  for (const m of members) {
    const { commitment, nullifier, publicSignals } = demoEnrolmentSignals(m.name, commonsId);
    const payload = {
      did: m.did,
      label: m.name,
      faction: m.faction,
      commitment,
      nullifier,
      publicSignals,
      proof: proofs[m.name]!,
      attestor: attestor.signer.address,
      attestorSig: attest(commonsId, commitment, nullifier, attestor.signer),
      vault: { name: `${m.name}'s vault`, signers: m.devices.map((d) => d.spec), threshold: m.threshold, salt: 'main' },
    };
    const signers = m.devices.slice(0, m.threshold).map((d) => d.signer);
    setup.push(signAction(commonsId, { kind: 'member.enrol', vault: m.vaults.get('main')!, nonce: 0, validUntil: start + VALID_FOR_SECONDS, payload }, signers));
    for (const [name, address] of m.vaults) {
      if (name === 'main') continue;
      const vault = { owner: m.did, name: `${m.name}'s ${name}`, signers: m.devices.map((d) => d.spec), threshold: m.threshold, salt: name };
      setup.push(signAction(commonsId, { kind: 'vault.create', vault: address, nonce: 0, validUntil: start + VALID_FOR_SECONDS, payload: vault }, signers));
    }
  }
  if (setup.length > 0) {
    const enrolled = apply(state, log.append(start, setup), ctx);
    if (!enrolled.ok) return failure(`the members' enrolment is refused: ${enrolled.error.kind}: ${enrolled.error.message}`);
    state = enrolled.value;
  }

  // The steps, in order; consecutive steps at one time share an entry.
  let refusedAsExpected = 0;
  let checks = 0;
  let offset = 0;
  let index = 0;
  while (index < scenario.steps.length) {
    const first = scenario.steps[index]!;
    if (first.at !== undefined) {
      const at = offsetSeconds(first.at);
      if (!at.ok) return failure(`${stepLabel(first, index)}: ${at.error}`);
      if (at.value < offset) return failure(`${stepLabel(first, index)}: time cannot go back (the step before is at ${offset}s from the start, this one at ${at.value}s)`);
      offset = at.value;
    }
    const time = start + offset;
    // The state the steps run on and are checked against stands at the entry's time (time-derived figures, e.g. credit fees, are computed when read).
    let running = { ...onTime(state, state.time, time), time };
    const accepted: Action[] = [];
    for (; index < scenario.steps.length; index++) {
      const step = scenario.steps[index]!;
      if (step.at !== undefined && step !== first) {
        const at = offsetSeconds(step.at);
        if (!at.ok) return failure(`${stepLabel(step, index)}: ${at.error}`);
        if (at.value !== offset) break;
      }
      const label = stepLabel(step, index);
      let made: Result<{ action: Action; creates: { member: CastMember; name: string; address: string } | null }, string>;
      if (step.action === 'ballot.anonymous') {
        const ballotProving = performance.now();
        const ballot = await anonymousBallotOfStep(step, running, cast.value, time, tools.proveMembership);
        proofSeconds += (performance.now() - ballotProving) / 1000;
        made = ballot.ok ? ok({ action: ballot.value, creates: null }) : ballot;
      } else made = actionOfStep(step, running, cast.value, time);
      if (!made.ok) return failure(`${label}: ${made.error}`);
      const result = applyAction(running, made.value.action, { ...ctx, time });
      const problem = expectationProblem(step.expect, result.ok ? { ok: true } : { ok: false, error: result.error as ModuleError });
      if (problem) return failure(`${label} ${problem}`);
      if (result.ok) {
        running = result.value;
        accepted.push(made.value.action);
        const created = made.value.creates;
        if (created) created.member.vaults.set(created.name, created.address);
      } else refusedAsExpected++;
      if (step.check) {
        const problems = checkProblems(step.check, running, cast.value);
        checks++;
        if (problems.length > 0) return failure(`${label}: its check fails:\n  ${problems.join('\n  ')}`);
      }
    }
    if (accepted.length > 0) {
      // The sequencers are the treasury's quorum as it stands before the entry (a passed stewardChange moves it).
      const treasuryVault = state.vaults.get(cast.value.treasury);
      const sealers = treasuryVault ? quorumKeys(cast.value, treasuryVault.signers, treasuryVault.threshold, null) : ok(sequencers);
      if (!sealers.ok) return failure(`the entry at ${offset}s cannot be sealed: the treasury's signers: ${sealers.error}`);
      // What any verifier will do with the sealed entry; it must agree with the steps' outcomes.
      const sealed = apply(state, log.append(time, accepted, sealers.value), ctx);
      if (!sealed.ok) return failure(`the entry at ${offset}s is refused when sealed: ${sealed.error.kind}: ${sealed.error.message}`);
      state = sealed.value;
    }
  }

  if (scenario.finally) {
    const problems = checkProblems(scenario.finally, state, cast.value);
    checks++;
    if (problems.length > 0) return failure(`the final checks fail:\n  ${problems.join('\n  ')}`);
  }
  return ok({ entries: log.entries, state, steps: scenario.steps.length, refusedAsExpected, checks, proofSeconds });
}
