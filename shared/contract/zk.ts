/**
 * The zero-knowledge rows of the contract (SPEC §1): the local prover's status, and proofs made in
 * the main process from the member's identity, which never leaves it. The renderer sends public
 * data (the Commons id, the tree's leaves, a scope and message) and gets back public data (C, U,
 * nullifiers, roots, proofs): the secret and the biometric key cross no boundary.
 */
import { z } from 'zod';
import { channel } from './define';
import { BACKUP_EXPORT_ERRORS, BACKUP_RESTORE_ERRORS, IDENTITY_ERRORS, PROOF_ERRORS } from './zk-errors';
import { COMMONS_ERRORS, QUERY_ERRORS } from './ledger-errors';
import { Action, Field, Groth16Proof, Hash } from '../commons/log';

const Proved = {
  publicSignals: z.array(Field),
  proof: Groth16Proof,
  /** Wall time of the proof in the main process (artifacts, witness, proving, verifying). */
  ms: z.number().nonnegative(),
};

/** Leaves are capped well below the tree's 2^20: a request carries the whole tree. */
const MAX_LEAVES = 100_000;
/** A whole tree in one request: 100,000 credential leaves are ~11.5 MB of JSON (115 characters a leaf). */
const TREE_REQUEST_LIMITS = { maxBytes: 16 * 1024 * 1024, maxArrayLength: MAX_LEAVES };

export const CredentialLeafInput = z.strictObject({ commitment: Field, faction: z.number().int().min(1).max(3), tier: z.number().int().min(0).max(3) });

export const zkChannels = {
  'zk.status': channel({
    request: z.strictObject({}),
    response: z.object({
      ceremony: z.enum(['local-beacon', 'multi-party']),
      circuits: z.array(z.object({ name: z.enum(['identity', 'membership', 'credential']), constraints: z.number().int(), ready: z.boolean() })),
      /** Why the circuits cannot be used, when they cannot (missing or tampered files). */
      problem: z.looseObject({ kind: z.string(), message: z.string() }).nullable(),
    }),
    summary: 'Whether the circuits’ artifacts are present and match their manifest, and which ceremony made them.',
    errors: [],
  }),
  'identity.status': channel({
    request: z.strictObject({}),
    response: z.object({
      exists: z.boolean(),
      /** The member's MEID commitment C, once created. */
      commitment: Field.nullable(),
      provider: z.object({ kind: z.enum(['platform', 'development']), label: z.string() }),
    }),
    summary: 'Whether this machine holds a member identity, its public commitment, and how the biometric key is captured.',
    errors: [...IDENTITY_ERRORS],
  }),
  'identity.proveEnrolment': channel({
    request: z.strictObject({ commonsId: Hash }),
    response: z.object({ commitment: Field, nullifier: Field, ...Proved }),
    summary: 'Captures the biometric key, creates the identity if needed, and proves C and U for an enrolment (progress as a task).',
    errors: [...PROOF_ERRORS, ...QUERY_ERRORS],
  }),
  'identity.proveMembership': channel({
    request: z.strictObject({ leaves: z.array(Field).max(MAX_LEAVES), scope: Hash, message: Field }),
    response: z.object({ root: Field, nullifier: Field, ...Proved }),
    summary: 'An anonymous proof of membership in the member tree, with a per-scope nullifier and a bound message (ballots).',
    errors: [...PROOF_ERRORS, 'NotInTree'],
    limits: TREE_REQUEST_LIMITS,
  }),
  'identity.proveCredential': channel({
    request: z.strictObject({
      leaves: z.array(CredentialLeafInput).max(MAX_LEAVES),
      /** 0 claims nothing about the faction; 1–3 claims Union, Guild or Syndicate. */
      faction: z.number().int().min(0).max(3),
      minTier: z.number().int().min(0).max(3),
      scope: Hash,
      message: Field,
    }),
    response: z.object({ root: Field, nullifier: Field, ...Proved }),
    summary: 'A selective-disclosure proof over the credential tree: faction = F and/or tier ≥ T, revealing nothing else.',
    errors: [...PROOF_ERRORS, 'NotInTree', 'ClaimNotTrue'],
    limits: TREE_REQUEST_LIMITS,
  }),
  'identity.exportBackup': channel({
    // The passphrase is checked against the policy in main (shared/backup/meid-backup-file.ts), in words.
    request: z.strictObject({ commonsId: Hash, passphrase: z.string().min(1).max(1024) }),
    response: z.object({ file: z.string().max(4096), fileName: z.string().max(100), commitment: Field }),
    summary: 'The member’s identity secret sealed with their passphrase (scrypt, XChaCha20-Poly1305), bound to a Commons and their commitment, as a backup file’s text.',
    errors: [...BACKUP_EXPORT_ERRORS, ...QUERY_ERRORS],
  }),
  'identity.restoreBackup': channel({
    request: z.strictObject({ file: z.string().max(16 * 1024), passphrase: z.string().min(1).max(4096) }),
    response: z.object({ restored: z.boolean(), commonsId: Hash, commitment: Field }),
    summary: 'Opens an identity backup with its passphrase and saves the secret on this machine (never over another identity); restored is false when it was already here.',
    errors: [...BACKUP_RESTORE_ERRORS],
  }),
  'demo.submit': channel({
    request: z.strictObject({ action: Action }),
    response: z.object({ seq: z.number().int().nonnegative() }),
    summary: 'Demo only: the Demo Commons’ stewards (emulated keys) sequence one verified action into a new entry.',
    errors: [...COMMONS_ERRORS, 'LogNotWritten', 'DemoDisabled', 'DemoWorkspaceOnly'],
  }),
} as const;

export type ZkChannels = typeof zkChannels;
