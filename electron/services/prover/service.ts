/**
 * The identity and prover service (SPEC §1): the member's secret and biometric key stay here;
 * proofs are made in the prover's worker as tasks (progress and cancel in the UI) and only public
 * values leave. Handlers keyed by the contract's zk rows (shared/contract/zk.ts).
 */
import { type Answer, type RequestOf, type ResponseOf } from '../../../shared/contract/define';
import { type AppError, ServiceError } from '../../../shared/contract/errors';
import { type ZkChannels } from '../../../shared/contract/zk';
import { type Hex } from '../../../shared/crypto/canonical';
import { err, ok } from '../../../shared/result';
import { meidBackupFileName, openMeidBackup, sealMeidBackup } from '../../../shared/backup/meid-backup-file';
import { fieldOfHash } from '../../../shared/zk/field';
import { type MerkleProof } from '../../../shared/zk/merkle';
import { identityCommitment, scopeNullifier, uniquenessNullifier } from '../../../shared/zk/poseidon';
import { type CircuitName } from '../../../shared/zk/types';
import { TaskCancelledError, type TaskRegistry } from '../tasks';
import { ArtifactError, readManifest } from './artifacts';
import { BiometricError, type BiometricProvider, bioKeyOf } from './biometrics';
import { type IdentityStore } from './identity-store';
import { PROOF_STAGES, ProofError, type Prover } from './prover';
import { TreeCancelled, type TreeLeaves } from './trees';

type ProverChannels = Exclude<keyof ZkChannels, 'demo.submit'>;
export type ProverHandlers = { [C in ProverChannels]: (request: RequestOf<ZkChannels, C>) => Promise<Answer<ResponseOf<ZkChannels, C>>> };

/**
 * The Commons this process has verified itself (the ledger service's registry). An enrolment proof
 * is made only for one of them, with the id found here: the renderer names a Commons, it does not
 * get to choose one the app never checked (issue 10, item 1).
 */
export interface KnownCommons {
  find(commonsId: string): { readonly commonsId: Hex } | null;
}

export interface ProverServiceOptions {
  readonly artifactsDir: string;
  readonly commons: KnownCommons;
  readonly prover: Prover;
  readonly identity: IdentityStore;
  readonly biometrics: BiometricProvider;
  readonly tasks: TaskRegistry;
}

const problem = (error: unknown): AppError => {
  if (error instanceof ProofError || error instanceof ArtifactError || error instanceof BiometricError) return { ...error.body };
  if (error instanceof TreeCancelled) return { kind: 'Cancelled', message: 'The proof was cancelled before it finished. Nothing was sent.', taskId: '' };
  if (error instanceof TaskCancelledError) return { kind: 'Cancelled', message: 'The proof was cancelled before it finished. Nothing was sent.', taskId: error.taskId };
  throw error;
};

const unknownCommons = (commonsId: string): AppError => ({
  kind: 'UnknownCommons',
  message: `This app has not verified a Commons with the id ${commonsId}, so it makes no enrolment proof for it.`,
  nextStep: 'Open the Commons you are joining in C3 Vault (import its ledger), then enrol from there.',
  commonsId,
});

const notMember = (): AppError => ({
  kind: 'NotInTree',
  message: 'Your identity is not in this Commons’ member tree.',
  nextStep: 'Enrol in this Commons first, or wait until your enrolment has been sequenced.',
});

export function createProverService(options: ProverServiceOptions): ProverHandlers {
  const { prover, identity, biometrics, tasks } = options;

  /** The secret and the bioKey, captured now; both stay in this process. */
  const capture = async (reason: string) => {
    const secret = await identity.ensure();
    const bioKey = bioKeyOf(await biometrics.capture(reason));
    return { secret, bioKey };
  };

  /** Runs one proof as a task: stages as progress, cancel through task.cancel. */
  const proveAsTask = (label: string, circuit: CircuitName, input: Record<string, unknown>) =>
    tasks.run(label, (task) =>
      prover.prove(circuit, input, {
        signal: task.signal,
        onStage: (stage) => task.progress(stage, PROOF_STAGES.indexOf(stage), PROOF_STAGES.length),
      }),
    ).result;

  /**
   * A proof over a tree: the path is built in the trees' worker (a first stage of the same task,
   * cancelled with it), then proved. Nothing here walks the leaves but to find the member's own.
   */
  const proveOverTree = (label: string, circuit: CircuitName, leaves: TreeLeaves, index: number, inputOf: (path: MerkleProof) => Record<string, unknown>) =>
    tasks.run(label, async (task) => {
      const stages: readonly string[] = ['tree', ...PROOF_STAGES];
      const progress = (stage: string) => task.progress(stage, stages.indexOf(stage), stages.length);
      progress('tree');
      const path = await prover.path(leaves, index, { signal: task.signal });
      const result = await prover.prove(circuit, inputOf(path), { signal: task.signal, onStage: progress });
      return { path, result };
    }).result;

  return {
    async 'identity.exportBackup'({ commonsId, passphrase }) {
      // Refusals first: nothing is captured or read for a Commons this app never verified.
      const backingUp = options.commons.find(commonsId);
      if (!backingUp) return err(unknownCommons(commonsId));
      try {
        const held = await identity.details();
        if (!held) {
          return err({ kind: 'IdentityMissing', message: 'This machine holds no identity yet, so there is nothing to back up.', nextStep: 'Enrol in a Commons first (it creates your identity), or restore a backup here.' });
        }
        // The commitment C (public) is bound into the file's associated data; it needs the bioKey.
        const bioKey = bioKeyOf(await biometrics.capture('back up your MEID'));
        const commitment = String(identityCommitment(held.secret, bioKey));
        // scrypt N = 2^17 runs here (~0.6 s, yielding every 10 ms): the secret never leaves this process unsealed.
        const sealed = await sealMeidBackup(held, { commonsId: backingUp.commonsId, commitment, passphrase, exportedAt: new Date() });
        if (!sealed.ok) return sealed;
        return ok({ file: sealed.value, fileName: meidBackupFileName(commitment), commitment });
      } catch (error) {
        return err(problem(error));
      }
    },

    async 'identity.restoreBackup'({ file, passphrase }) {
      const opened = await openMeidBackup(file, passphrase);
      if (!opened.ok) return opened;
      const { secret, createdAt, commonsId, commitment } = opened.value;
      try {
        const outcome = await identity.install(secret, createdAt);
        // Hex32 matched by the file's schema.
        return ok({ restored: outcome === 'installed', commonsId: commonsId as Hex, commitment });
      } catch (error) {
        if (error instanceof ServiceError) return err(error.error);
        throw error;
      }
    },

    async 'zk.status'() {
      try {
        const manifest = await readManifest(options.artifactsDir);
        const circuits = await Promise.all(
          (Object.keys(manifest.circuits) as CircuitName[]).map(async (name) => {
            const ready = await prover.artifacts(name).then(
              () => true,
              () => false,
            );
            return { name, constraints: manifest.circuits[name]!.constraints, ready };
          }),
        );
        const broken = circuits.find((c) => !c.ready);
        const why = broken ? await prover.artifacts(broken.name).then(() => null, (error: unknown) => problem(error)) : null;
        return ok({ ceremony: manifest.ceremony.kind, circuits, problem: why });
      } catch (error) {
        return ok({ ceremony: 'local-beacon' as const, circuits: [], problem: problem(error) });
      }
    },

    async 'identity.status'() {
      const secret = await identity.read();
      // C needs the bioKey too; without asking for a capture, only say that an identity exists.
      return ok({ exists: secret !== null, commitment: null, provider: { kind: biometrics.kind, label: biometrics.label } });
    },

    async 'identity.proveEnrolment'({ commonsId }) {
      // Before any capture: a refused request asks nothing of the member and changes nothing.
      const joining = options.commons.find(commonsId);
      if (!joining) return err(unknownCommons(commonsId));
      try {
        const { secret, bioKey } = await capture('enrol in a Commons with your MEID');
        // The id this process verified, not the renderer's string: the proof's third public signal.
        const commonsField = fieldOfHash(joining.commonsId);
        const commitment = String(identityCommitment(secret, bioKey));
        const nullifier = String(uniquenessNullifier(bioKey, commonsField));
        const result = await proveAsTask('Proving your MEID', 'identity', { secret, bioKey, commonsId: commonsField });
        if (result.publicSignals[0] !== commitment || result.publicSignals[1] !== nullifier || result.publicSignals[2] !== String(commonsField)) {
          throw new Error('the identity proof does not commit to C, U and the Commons being joined');
        }
        return ok({ commitment, nullifier, publicSignals: result.publicSignals, proof: result.proof, ms: result.ms });
      } catch (error) {
        return err(problem(error));
      }
    },

    async 'identity.proveMembership'({ leaves, scope, message }) {
      try {
        const { secret, bioKey } = await capture('prove that you are a member, anonymously');
        const index = leaves.indexOf(String(identityCommitment(secret, bioKey)));
        if (index < 0) return err(notMember());
        const scopeField = fieldOfHash(scope);
        const { path, result } = await proveOverTree('Proving membership anonymously', 'membership', { tree: 'member', commitments: leaves }, index, (p) => ({
          secret,
          bioKey,
          pathElements: p.pathElements,
          pathIndices: p.pathIndices,
          scope: scopeField,
          message: BigInt(message),
        }));
        return ok({ root: String(path.root), nullifier: String(scopeNullifier(scopeField, secret)), publicSignals: result.publicSignals, proof: result.proof, ms: result.ms });
      } catch (error) {
        return err(problem(error));
      }
    },

    async 'identity.proveCredential'({ leaves, faction, minTier, scope, message }) {
      try {
        const { secret, bioKey } = await capture('present a credential');
        const commitment = String(identityCommitment(secret, bioKey));
        const index = leaves.findIndex((leaf) => leaf.commitment === commitment);
        const own = leaves[index];
        if (!own) return err(notMember());
        if ((faction !== 0 && faction !== own.faction) || own.tier < minTier) {
          return err({ kind: 'ClaimNotTrue', message: 'Your credential does not support that claim, so no proof can be made.', nextStep: 'Choose a claim your credential supports.' });
        }
        const scopeField = fieldOfHash(scope);
        const { path, result } = await proveOverTree('Proving your credential', 'credential', { tree: 'credential', members: leaves }, index, (p) => ({
          secret,
          bioKey,
          memberFaction: own.faction,
          memberTier: own.tier,
          pathElements: p.pathElements,
          pathIndices: p.pathIndices,
          faction,
          minTier,
          scope: scopeField,
          message: BigInt(message),
        }));
        return ok({ root: String(path.root), nullifier: String(scopeNullifier(scopeField, secret)), publicSignals: result.publicSignals, proof: result.proof, ms: result.ms });
      } catch (error) {
        return err(problem(error));
      }
    },
  };
}
