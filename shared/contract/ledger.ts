/**
 * The ledger's rows of the contract. The main process owns every Commons log (electron/services/
 * ledger): it stores, verifies and folds them, and the renderer asks it for what it shows (the
 * list of stored Commons, a Commons' state and history), imports ledger files through it, asks it
 * to re-verify from genesis or to pre-flight an action, and hears `ledger.changed`. The renderer
 * never folds a log itself.
 */
import { z } from 'zod';
import { channel, event } from './define';
import { COMMONS_ERRORS, EXPORT_ERRORS, QUERY_ERRORS, STORE_ERRORS, UPDATE_ERRORS } from './ledger-errors';
import { UpdateHeader } from '../commons/update-file';
import { Action, Entry, Hash, SignatureHex } from '../commons/log';
import { CommonsView } from './commons-view';
import { AppError } from './errors';

/** The most signatures one request may carry (~0.6 s of recovery on one core). */
export const MAX_SIGNATURE_BATCH = 10_000;

/** The largest log `ledger.openCommons` takes (characters of JSON Lines). */
export const MAX_LOG_CHARS = 128 * 1024 * 1024;

export const SignatureJob = z.strictObject({ digest: Hash, signature: SignatureHex });
export type SignatureJob = z.output<typeof SignatureJob>;

/** The most entries one history page holds. */
export const MAX_HISTORY_PAGE = 500;

/** The Demo Commons' clock (seconds): its last entry's time, and when its stewards seal the next entry. */
export const DemoClock = z.strictObject({ time: z.number().int().nonnegative(), nextTime: z.number().int().nonnegative() });

/** The longest the demo's clock moves on at once (a year). */
export const MAX_DEMO_WAIT_SECONDS = 366 * 86_400;

/** The Demo Commons (its sequencer's log) or the member's own Commons (the logs they imported). */
export const LedgerWorkspace = z.enum(['demo', 'real']);

/** A stored Commons, named by its workspace and id. */
const CommonsRef = { workspace: LedgerWorkspace, commonsId: Hash };

/** What a start set aside of a stored log that did not hold to its end (the longest valid prefix was kept). */
export const SetAsideReport = z.strictObject({
  /** The set-aside file's name, beside the log in the app's data folder. */
  file: z.string(),
  entries: z.number().int().nonnegative(),
  fromSeq: z.number().int().nonnegative(),
  reason: z.looseObject({ kind: z.string(), message: z.string() }),
});

export const CommonsSummary = z.strictObject({
  commonsId: Hash,
  name: z.string(),
  height: z.number().int().nonnegative(),
  headHash: Hash,
  /** When this machine last replayed the log from genesis (ms), if ever. */
  verifiedAt: z.number().int().nonnegative().nullable(),
  setAside: SetAsideReport.nullable(),
});
export type CommonsSummary = z.output<typeof CommonsSummary>;

/** An update file made by main from a stored verified log: its header, the name to offer, its text. */
export const UpdateExport = z.strictObject({
  header: UpdateHeader.omit({ format: true }),
  fileName: z.string(),
  text: z.string().max(MAX_LOG_CHARS),
});

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
    errors: [],
    /** A full batch is ~2.3 MB of JSON (225 characters a job). */
    limits: { maxBytes: 4 * 1024 * 1024, maxArrayLength: MAX_SIGNATURE_BATCH },
  }),
  'demo.log': channel({
    request: z.strictObject({}),
    /** Entries with amounts as decimal strings on the wire (the log's own codec). */
    response: z.strictObject({
      entries: z.array(Entry),
      /** What the start set aside of a damaged saved log (the longest valid prefix was kept), if anything. */
      setAside: SetAsideReport.optional(),
    }),
    summary: 'The Demo Commons log, signed by the emulated devices’ keys, for the renderer to verify and fold.',
    errors: [],
  }),
  'demo.clock': channel({
    request: z.strictObject({}),
    response: DemoClock,
    summary: 'Demo only: the Demo Commons’ clock, its last entry’s time and the time its stewards seal the next entry at.',
    errors: ['DemoDisabled'],
  }),
  'demo.wait': channel({
    request: z.strictObject({ seconds: z.number().int().positive().max(MAX_DEMO_WAIT_SECONDS) }),
    response: DemoClock,
    summary: 'Demo only: the Demo Commons’ stewards seal the next entry that many seconds later than they would have (time passing for a vote, a timelock).',
    errors: ['DemoDisabled', 'DemoWorkspaceOnly'],
  }),
  'ledger.openCommons': channel({
    request: z.strictObject({ log: z.string().max(MAX_LOG_CHARS) }),
    response: z.strictObject({ commonsId: Hash, name: z.string(), height: z.number().int().nonnegative(), headHash: Hash }),
    summary: 'Verifies a member’s own Commons log in the main process (every signature and proof) and stores it, so that the prover will make an enrolment proof for that Commons.',
    errors: [...COMMONS_ERRORS, ...STORE_ERRORS, ...UPDATE_ERRORS, 'ZkKeysDiffer'],
  }),
  'ledger.list': channel({
    request: z.strictObject({ workspace: LedgerWorkspace }),
    response: z.strictObject({ commons: z.array(CommonsSummary) }),
    summary: 'The Commons whose verified logs the main process stores in a workspace (the Demo Commons, or the member’s own).',
    errors: [],
  }),
  'ledger.state': channel({
    request: z.strictObject(CommonsRef),
    response: CommonsView,
    summary: 'A stored Commons as the dashboard shows it, folded by the main process from its verified log.',
    errors: [...QUERY_ERRORS],
  }),
  'ledger.history': channel({
    request: z.strictObject({ ...CommonsRef, from: z.number().int().nonnegative(), limit: z.number().int().min(1).max(MAX_HISTORY_PAGE) }),
    response: z.strictObject({ height: z.number().int().nonnegative(), entries: z.array(Entry) }),
    summary: 'A page of a stored Commons’ verified entries, from `from` on.',
    errors: [...QUERY_ERRORS],
  }),
  'ledger.import': channel({
    request: z.strictObject({ log: z.string().max(MAX_LOG_CHARS) }),
    response: z.strictObject({
      commonsId: Hash,
      name: z.string(),
      height: z.number().int().nonnegative(),
      headHash: Hash,
      added: z.number().int().nonnegative(),
      skipped: z.number().int().nonnegative(),
    }),
    summary: 'Imports a Commons ledger file (a whole log, or entries that follow a stored head) into the member’s own workspace: every new entry is verified before any is stored.',
    errors: [...COMMONS_ERRORS, ...STORE_ERRORS, ...UPDATE_ERRORS, 'ZkKeysDiffer'],
  }),
  'ledger.exportUpdate': channel({
    request: z.strictObject({ ...CommonsRef, fromSeq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER) }),
    response: UpdateExport,
    summary: 'An update file of a stored Commons (docs/invite-and-update-files.md): its verified entries from `fromSeq` to the head, for the stewards to hand to members.',
    errors: [...EXPORT_ERRORS],
  }),
  'ledger.export': channel({
    request: z.strictObject(CommonsRef),
    response: UpdateExport,
    summary: 'The whole verified log of a stored Commons as an update file from genesis (docs/invite-and-update-files.md), for members and stewards to keep or pass on.',
    errors: [...EXPORT_ERRORS],
  }),
  'ledger.reverify': channel({
    request: z.strictObject(CommonsRef),
    response: z.strictObject({
      entries: z.number().int().nonnegative(),
      signatures: z.number().int().nonnegative(),
      /** Which implementation recovered the signatures (libsecp256k1 on worker threads, in the app). */
      recoverer: z.string(),
      ms: z.number().int().nonnegative(),
      verifiedAt: z.number().int().nonnegative(),
    }),
    summary: 'Replays a stored Commons’ log from genesis, every signature and proof, and checks it reaches the state the app holds.',
    errors: [...COMMONS_ERRORS, ...QUERY_ERRORS, 'StateMismatch'],
  }),
  'ledger.preflight': channel({
    request: z.strictObject({
      ...CommonsRef,
      /** The action being composed; its signatures, if any, are not looked at. */
      action: Action,
      /** The time to check it at (seconds); by default now, and never before the last entry's. */
      time: z.number().int().nonnegative().optional(),
    }),
    response: z.discriminatedUnion('allowed', [
      z.strictObject({ allowed: z.literal(true) }),
      /** The rule the action would break, as the ledger would refuse it (a typed error with its sentence). */
      z.strictObject({ allowed: z.literal(false), refusal: AppError }),
    ]),
    summary: 'Runs an action against the current verified state with every rule but its signatures, before any device is asked to sign it.',
    errors: [...QUERY_ERRORS],
  }),
} as const;

export type LedgerChannels = typeof ledgerChannels;

export const ledgerEvents = {
  'ledger.changed': event({
    payload: z.strictObject({ ...CommonsRef, height: z.number().int().nonnegative(), headHash: Hash }),
    summary: 'A stored Commons’ log moved on (entries stored, a full check done): the renderer asks for its state again.',
  }),
} as const;

export type LedgerEvents = typeof ledgerEvents;
