/**
 * The ledger's rows of the contract: the renderer hands signature batches to the main process
 * (libsecp256k1 there, ~20x the renderer's @noble/curves), and the main process serves the Demo
 * Commons log. The lead merges `ledgerChannels` into the contract table.
 */
import { z } from 'zod';
import { channel } from './define';
import { Entry, Hash, SignatureHex } from '../commons/log';

/** The most signatures one request may carry (~0.6 s of recovery on one core). */
export const MAX_SIGNATURE_BATCH = 10_000;

/** The largest log `ledger.openCommons` takes (characters of JSON Lines). */
export const MAX_LOG_CHARS = 128 * 1024 * 1024;

export const SignatureJob = z.strictObject({ digest: Hash, signature: SignatureHex });
export type SignatureJob = z.output<typeof SignatureJob>;

export const ledgerChannels = {
  'ledger.verifySignatures': channel({
    request: z.strictObject({ jobs: z.array(SignatureJob).max(MAX_SIGNATURE_BATCH) }),
    response: z.strictObject({
      /** For job i, the lower-case address that signed its digest, or null. */
      signers: z.array(z.string().regex(/^0x[0-9a-f]{40}$/).nullable()),
      /** Which implementation answered: libsecp256k1, or @noble/curves where it did not load. */
      recoverer: z.string(),
    }),
    summary: 'Recovers who signed each digest, in bulk, in the main process (libsecp256k1), for the renderer’s ledger verification.',
    /** A full batch is ~2.3 MB of JSON (225 characters a job). */
    limits: { maxBytes: 4 * 1024 * 1024, maxArrayLength: MAX_SIGNATURE_BATCH },
  }),
  'demo.log': channel({
    request: z.strictObject({}),
    /** Entries with amounts as decimal strings on the wire (the log's own codec). */
    response: z.strictObject({
      entries: z.array(Entry),
      /** What the start set aside of a damaged saved log (the longest valid prefix was kept), if anything. */
      setAside: z.strictObject({ file: z.string(), entries: z.number().int().nonnegative(), fromSeq: z.number().int().nonnegative(), reason: z.looseObject({ kind: z.string(), message: z.string() }) }).optional(),
    }),
    summary: 'The Demo Commons log, signed by the emulated devices’ keys, for the renderer to verify and fold.',
  }),
  'ledger.openCommons': channel({
    request: z.strictObject({ log: z.string().max(MAX_LOG_CHARS) }),
    response: z.strictObject({ commonsId: Hash, name: z.string(), height: z.number().int().nonnegative(), headHash: Hash }),
    summary: 'Verifies a member’s own Commons log in the main process (every signature and proof), so that the prover will make an enrolment proof for that Commons.',
  }),
} as const;

export type LedgerChannels = typeof ledgerChannels;
