/**
 * The invite file (docs/invite-and-update-files.md): what the stewards of a new Commons hand to
 * the people they invite, so that their apps know which Commons to join before any ledger arrives.
 * One JSON object: the Commons' id and genesis hash, its name, and its stewards (the treasury's
 * signers and threshold). It is a claim only: a member's app takes the Commons' ledger file next,
 * and `inviteMatchesGenesis` checks that the verified genesis is the one the invite names.
 */
import { z } from 'zod';
import { parseStrictJson } from '../strict-json';
import { type Hex } from '../crypto/canonical';
import { type Result, err, ok } from '../result';
import { type Entry } from './log';
import { entryHash } from './quorum';
import { commonsIdOf } from './compose';
import { Hash, SignerSpec } from './schema';

/** The format and its version: a file of another version is refused, not guessed at. */
export const INVITE_FORMAT = 'c3-commons-invite/1' as const;

/** The largest invite file read (characters): a name and up to 15 stewards fit in a few KB. */
export const MAX_INVITE_CHARS = 64 * 1024;

export const InviteFile = z.strictObject({
  format: z.literal(INVITE_FORMAT),
  commonsId: Hash,
  /** The hash of the genesis entry (entry 0), which the sequencers signed. */
  genesisHash: Hash,
  name: z.string().min(1).max(200),
  /** The treasury's signers, who seal every entry as sequencers (SPEC §3, §11), and how many must. */
  stewards: z.array(SignerSpec).min(1).max(15),
  threshold: z.number().int().min(1).max(15),
}).refine((invite) => invite.threshold <= invite.stewards.length, { message: 'the threshold is more than the stewards', path: ['threshold'] });
export type InviteFile = z.output<typeof InviteFile>;

/** Why a file is not an invite, in words. */
export interface InviteProblem {
  readonly reason: string;
}

/** Reads an invite file: strict JSON (no key named twice), this format's version, every field in shape. */
export function parseInviteFile(text: string): Result<InviteFile, InviteProblem> {
  if (text.length > MAX_INVITE_CHARS) return err({ reason: `it is larger than ${MAX_INVITE_CHARS} characters` });
  const json = parseStrictJson(text);
  if (!json.ok) return err({ reason: json.error.kind === 'NotJson' ? 'it is not JSON' : `it names the key "${json.error.key}" twice` });
  const parsed = InviteFile.safeParse(json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return err({ reason: `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}` });
  }
  return ok(parsed.data);
}

/** Whether a genesis entry (verified by the ledger) is the one the invite names: its id, hash, name and stewards. */
export function inviteMatchesGenesis(invite: InviteFile, genesis: Entry): Result<null, InviteProblem> {
  const action = genesis.actions[0];
  if (genesis.seq !== 0 || action?.kind !== 'commons.genesis') return err({ reason: 'the ledger’s first entry is not a genesis' });
  const commonsId = commonsIdOf(action);
  if (commonsId !== invite.commonsId) return err({ reason: `the ledger is the Commons ${commonsId}, not the invite’s ${invite.commonsId}` });
  const hash: Hex = entryHash(commonsId, genesis);
  if (hash !== invite.genesisHash) return err({ reason: `the ledger’s genesis hash is ${hash}, not the invite’s ${invite.genesisHash}` });
  const { name, treasury } = action.payload;
  const same = name === invite.name && treasury.threshold === invite.threshold && treasury.signers.length === invite.stewards.length && treasury.signers.every((s, i) => s.address === invite.stewards[i]!.address);
  return same ? ok(null) : err({ reason: 'the ledger’s genesis names another name or other stewards than the invite' });
}

/** The invite of a verified genesis entry, as the stewards' app writes it. */
export function inviteOf(genesis: Entry): InviteFile {
  const action = genesis.actions[0];
  if (action?.kind !== 'commons.genesis') throw new Error('not a genesis entry');
  const commonsId = commonsIdOf(action);
  const { name, treasury } = action.payload;
  return { format: INVITE_FORMAT, commonsId, genesisHash: entryHash(commonsId, genesis), name, stewards: treasury.signers, threshold: treasury.threshold };
}
