/**
 * The rows of a real Commons' stewards and invitees (issue 16, docs/invite-and-update-files.md):
 * drafting and creating a genesis (entry 0, signed by the stewards on their devices), the inbox's
 * check of signed actions against the current state, sealing a batch as the next entry, and an
 * invite file opened, listed and joined. Everything that touches a log goes through the ledger
 * service in main, which verifies every entry before it stores it; the renderer only gathers the
 * stewards' signatures.
 */
import { z } from 'zod';
import { channel } from './define';
import { COMMONS_ERRORS, QUERY_ERRORS, STORE_ERRORS, UPDATE_ERRORS } from './ledger-errors';
import { INVITE_ERRORS, JOIN_ERRORS } from './stewards-errors';
import { AppError } from './errors';
import { MAX_LOG_CHARS } from './ledger';
import { Action, Entry, Hash } from '../commons/log';
import { Address, SignerSpec } from '../commons/schema';
import { ParamsV2 } from '../commons/params/schema';
import { ZkKeyHashes } from '../commons/zk-keys';
import { InviteFile, MAX_INVITE_CHARS } from '../commons/invite-file';

/** The most actions one inbox check (and so one sealed entry) takes. */
export const MAX_BATCH_ACTIONS = 500;

const Seconds = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/* eslint-disable @typescript-eslint/no-empty-object-type -- each row's schema is given a named interface (`extends` its inferred type): inlined, the
   contract table's inferred type exceeds what tsc serialises (TS7056). */
const GenesisDraftRequestSchema = z.strictObject({
  name: z.string().min(1).max(100),
  salt: z.string().min(1).max(64),
  stewards: z.array(SignerSpec).min(1).max(15),
  threshold: z.number().int().min(1).max(15),
  attestors: z.array(Address).max(15),
  params: ParamsV2,
  /** The genesis time (seconds); by default now. */
  time: Seconds.optional(),
});
export interface GenesisDraftRequest extends z.output<typeof GenesisDraftRequestSchema> {}
export interface GenesisDraftRequestWire extends z.input<typeof GenesisDraftRequestSchema> {}
export const GenesisDraftRequest: z.ZodType<GenesisDraftRequest, GenesisDraftRequestWire> = GenesisDraftRequestSchema;

const GenesisDraftResponseSchema = z.strictObject({ commonsId: Hash, entry: Entry, digest: Hash, zkKeys: ZkKeyHashes });
export interface GenesisDraftResponse extends z.output<typeof GenesisDraftResponseSchema> {}
export interface GenesisDraftResponseWire extends z.input<typeof GenesisDraftResponseSchema> {}
export const GenesisDraftResponse: z.ZodType<GenesisDraftResponse, GenesisDraftResponseWire> = GenesisDraftResponseSchema;

const GenesisCreatedSchema = z.strictObject({ commonsId: Hash, genesisHash: Hash, name: z.string(), invite: InviteFile, inviteText: z.string(), fileName: z.string() });
export interface GenesisCreated extends z.output<typeof GenesisCreatedSchema> {}
export interface GenesisCreatedWire extends z.input<typeof GenesisCreatedSchema> {}
export const GenesisCreated: z.ZodType<GenesisCreated, GenesisCreatedWire> = GenesisCreatedSchema;

type Invite = z.output<typeof InviteFile>;
type InviteWire = z.input<typeof InviteFile>;
const InviteOpened: z.ZodType<{ invite: Invite; joined: boolean }, { invite: InviteWire; joined: boolean }> = z.strictObject({ invite: InviteFile, joined: z.boolean() });
const InviteList: z.ZodType<{ invites: Invite[] }, { invites: InviteWire[] }> = z.strictObject({ invites: z.array(InviteFile) });

const BatchCheckRequestSchema = z.strictObject({ commonsId: Hash, actions: z.array(Action).min(1).max(MAX_BATCH_ACTIONS), time: Seconds.optional() });
export interface BatchCheckRequest extends z.output<typeof BatchCheckRequestSchema> {}
export interface BatchCheckRequestWire extends z.input<typeof BatchCheckRequestSchema> {}
export const BatchCheckRequest: z.ZodType<BatchCheckRequest, BatchCheckRequestWire> = BatchCheckRequestSchema;

const BatchCheckedSchema = z.strictObject({
  /** One per action, in order: accepted, or the rule it breaks. */
  verdicts: z.array(z.discriminatedUnion('accepted', [z.strictObject({ accepted: z.literal(true) }), z.strictObject({ accepted: z.literal(false), refusal: AppError })])),
  /** The next entry (the accepted actions), without sequencer signatures; null when none was accepted. */
  entry: Entry.nullable(),
  digest: Hash.nullable(),
});
export interface BatchChecked extends z.output<typeof BatchCheckedSchema> {}
export interface BatchCheckedWire extends z.input<typeof BatchCheckedSchema> {}
export const BatchChecked: z.ZodType<BatchChecked, BatchCheckedWire> = BatchCheckedSchema;

const SealRequestSchema = z.strictObject({ commonsId: Hash, entry: Entry });
export interface SealRequest extends z.output<typeof SealRequestSchema> {}
export interface SealRequestWire extends z.input<typeof SealRequestSchema> {}
export const SealRequest: z.ZodType<SealRequest, SealRequestWire> = SealRequestSchema;

const GenesisCreateRequestSchema = z.strictObject({ entry: Entry });
export interface GenesisCreateRequest extends z.output<typeof GenesisCreateRequestSchema> {}
export interface GenesisCreateRequestWire extends z.input<typeof GenesisCreateRequestSchema> {}
export const GenesisCreateRequest: z.ZodType<GenesisCreateRequest, GenesisCreateRequestWire> = GenesisCreateRequestSchema;

export interface SealedShape { seq: number; height: number; headHash: `0x${string}` }
const Sealed: z.ZodType<SealedShape, unknown> = z.strictObject({ seq: z.number().int().nonnegative(), height: z.number().int().nonnegative(), headHash: Hash });

export interface JoinShape { commonsId: `0x${string}`; log: string }
const JoinRequest: z.ZodType<JoinShape, unknown> = z.strictObject({ commonsId: Hash, log: z.string().max(MAX_LOG_CHARS) });
export interface JoinedShape { commonsId: `0x${string}`; name: string; height: number; headHash: `0x${string}`; added: number; skipped: number }
const Joined: z.ZodType<JoinedShape, unknown> = z.strictObject({
  commonsId: Hash,
  name: z.string(),
  height: z.number().int().nonnegative(),
  headHash: Hash,
  added: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
});

/* eslint-enable @typescript-eslint/no-empty-object-type */

export const stewardsChannels = {
  'genesis.draft': channel({
    request: GenesisDraftRequest,
    response: GenesisDraftResponse,
    summary: 'Drafts a new Commons’ genesis entry from the stewards’ choices (with this app’s verification keys), refusing what the ledger would refuse, for each steward to sign on their device.',
    errors: [...COMMONS_ERRORS],
  }),
  'genesis.create': channel({
    request: GenesisCreateRequest,
    response: GenesisCreated,
    summary: 'Verifies a genesis entry signed by the stewards’ quorum and stores it as a new Commons’ first entry; answers the invite file for its members.',
    errors: [...COMMONS_ERRORS, ...STORE_ERRORS, ...UPDATE_ERRORS, 'ZkKeysDiffer'],
  }),
  'stewards.checkBatch': channel({
    request: BatchCheckRequest,
    response: BatchChecked,
    summary: 'Runs signed actions in order against a stored Commons’ current state, signatures and all, as the next entry would: the accepted ones make the entry to seal.',
    errors: [...QUERY_ERRORS],
    limits: { maxBytes: 16 * 1024 * 1024 },
  }),
  'stewards.seal': channel({
    request: SealRequest,
    response: Sealed,
    summary: 'Verifies an entry sealed by the treasury’s quorum on top of the stored head and stores it as the Commons’ next entry.',
    errors: [...COMMONS_ERRORS, ...STORE_ERRORS, ...UPDATE_ERRORS, ...QUERY_ERRORS, 'SealNotNext'],
    limits: { maxBytes: 16 * 1024 * 1024 },
  }),
  'invite.open': channel({
    request: z.strictObject({ text: z.string().max(MAX_INVITE_CHARS) }),
    response: InviteOpened,
    summary: 'Reads an invite file and keeps it in this app’s data folder, so that the Commons it names waits for its ledger file.',
    errors: [...INVITE_ERRORS],
  }),
  'invite.list': channel({
    request: z.strictObject({}),
    response: InviteList,
    summary: 'The invites opened in this app whose Commons is not joined yet.',
    errors: [],
  }),
  'invite.join': channel({
    request: JoinRequest,
    response: Joined,
    summary: 'Joins an invited Commons with its first ledger file: the file’s genesis must be the invite’s, then every entry is verified before any is stored.',
    errors: [...COMMONS_ERRORS, ...STORE_ERRORS, ...UPDATE_ERRORS, ...JOIN_ERRORS],
  }),
} as const;

export type StewardsChannels = typeof stewardsChannels;
