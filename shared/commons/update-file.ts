/**
 * The update file (docs/invite-and-update-files.md): what the stewards hand to members so that
 * their apps take the entries that follow, and what a member or steward exports of a whole log.
 * JSON Lines: one header line that says which Commons and which entries, then the entries, one per
 * line, exactly as the log stores them. The header is a claim only: the importing app checks it
 * against the entries (their seqs, the head hash they end at) and against the Commons it stores,
 * and verifies every new entry before storing any.
 */
import { z } from 'zod';
import { parseStrictJson } from '../strict-json';
import { type Hex, canonicalJson } from '../crypto/canonical';
import { type Entry, encodeEntry } from './log';
import { Hash } from './schema';

/** The format and its version, the header's first key: a file of another version is refused, not guessed at. */
export const UPDATE_FORMAT = 'c3-ledger-update/1' as const;

export const UpdateHeader = z.strictObject({
  format: z.literal(UPDATE_FORMAT),
  /** The Commons the entries belong to, and the hash of its genesis entry (entry 0). */
  commonsId: Hash,
  genesisHash: Hash,
  /** The first entry's seq, and the last one's (inclusive): toSeq − fromSeq + 1 entries follow. */
  fromSeq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  toSeq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  /** The hash of entry toSeq: the head a member's app reaches once it has imported the file. */
  headHash: Hash,
});
export type UpdateHeader = z.output<typeof UpdateHeader>;

/** The file's text: the header, then each entry's canonical line. */
export const encodeUpdateFile = (header: Omit<UpdateHeader, 'format'>, entries: readonly Entry[]): string => encodeUpdateLines(header, entries.map(encodeEntry));

/** The file's text from the entries' lines as a log stores them (canonical already). */
export const encodeUpdateLines = (header: Omit<UpdateHeader, 'format'>, lines: readonly string[]): string =>
  `${canonicalJson({ format: UPDATE_FORMAT, ...header })}\n${lines.map((line) => `${line}\n`).join('')}`;

/** The file's name as offered when it is saved. */
export const updateFileName = (name: string, header: Pick<UpdateHeader, 'fromSeq' | 'toSeq'>): string =>
  header.fromSeq === 0 ? `${name}-ledger-0-${header.toSeq}.jsonl` : `${name}-update-${header.fromSeq}-${header.toSeq}.jsonl`;

/** What `splitUpdateFile` found: the header, if the first line is one, and the entries' lines after it. */
export type SplitUpdate =
  | { readonly ok: true; readonly header: UpdateHeader | null; readonly lines: string[] }
  | { readonly ok: false; readonly reason: string };

/**
 * Separates the header from the entries. A first line that is a JSON object with a `format` key
 * is a header and must be this format's (a file without one is a plain log, docs/ledger-format.md).
 */
export function splitUpdateFile(text: string): SplitUpdate {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const first = lines[0];
  if (first === undefined) return { ok: true, header: null, lines };
  const json = parseStrictJson(first);
  if (!json.ok || typeof json.value !== 'object' || json.value === null || !('format' in json.value)) return { ok: true, header: null, lines };
  const header = UpdateHeader.safeParse(json.value);
  if (!header.success) {
    const issue = header.error.issues[0]!;
    return { ok: false, reason: `its header is not a ${UPDATE_FORMAT} header (${issue.path.map(String).join('.') || '(root)'}: ${issue.message})` };
  }
  if (header.data.toSeq < header.data.fromSeq) return { ok: false, reason: `its header says it runs from entry ${header.data.fromSeq} to entry ${header.data.toSeq}` };
  return { ok: true, header: header.data, lines: lines.slice(1) };
}

/** Why the entries do not match their header, if they do not: the seqs it names, in order, ending at its head hash. */
export function headerMismatch(header: UpdateHeader, entries: readonly Entry[], hashOf: (entry: Entry) => Hex): string | null {
  const count = header.toSeq - header.fromSeq + 1;
  if (entries.length !== count) return `its header announces ${count} entries (${header.fromSeq} to ${header.toSeq}) but it holds ${entries.length}`;
  const misplaced = entries.findIndex((entry, i) => entry.seq !== header.fromSeq + i);
  if (misplaced >= 0) return `its line ${misplaced + 2} holds entry ${entries[misplaced]!.seq}, where its header puts entry ${header.fromSeq + misplaced}`;
  if (hashOf(entries[entries.length - 1]!) !== header.headHash) return `its last entry’s hash is not the head hash ${header.headHash} its header names`;
  return null;
}
