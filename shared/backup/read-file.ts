/**
 * Reading a backup or co-signer file someone hands the app: a size cap before anything is parsed,
 * strict JSON (a key named twice is refused, ../strict-json.ts), a cap on nesting and lengths
 * (../contract/limits.ts, walked without recursion), then the file's schema (strict objects: an
 * unknown field is refused, not ignored). Each refusal is a typed error with its sentence.
 */
import { type z } from 'zod';
import { measureMessage } from '../contract/limits';
import { type Result, err, ok } from '../result';
import { parseStrictJson } from '../strict-json';

/** Which file is being read, in the words the sentences use. */
export type BackupFileName = 'co-signer file' | 'vault backup file' | 'identity backup file';

export type FileReadError =
  | { readonly kind: 'FileTooLarge'; readonly message: string; readonly file: BackupFileName; readonly bytes: number; readonly max: number }
  | { readonly kind: 'FileNotJson'; readonly message: string; readonly file: BackupFileName }
  | { readonly kind: 'FileDuplicateKey'; readonly message: string; readonly file: BackupFileName; readonly key: string; readonly path: string }
  | { readonly kind: 'FileTooDeep'; readonly message: string; readonly file: BackupFileName }
  | { readonly kind: 'FileVersionUnsupported'; readonly message: string; readonly file: BackupFileName; readonly version: string }
  | { readonly kind: 'FileInvalid'; readonly message: string; readonly file: BackupFileName; readonly path: string; readonly problem: string };

export interface FileFormat<S extends z.ZodType> {
  readonly file: BackupFileName;
  /** The `format` field's value every file of this kind carries. */
  readonly format: string;
  readonly versions: readonly number[];
  readonly maxBytes: number;
  readonly maxDepth: number;
  readonly schema: S;
}

const article = (file: BackupFileName) => (file === 'identity backup file' ? 'an' : 'a');

/** The file's value, or the first reason it is not a file of this format. */
export function readFileOf<S extends z.ZodType>(text: string, format: FileFormat<S>): Result<z.output<S>, FileReadError> {
  const { file } = format;
  // UTF-16 code units: a cheap upper bound on work, checked before JSON.parse sees the text.
  if (text.length > format.maxBytes) {
    return err({ kind: 'FileTooLarge', message: `This ${file} is ${text.length} characters long; ${article(file)} ${file} is at most ${format.maxBytes}, so it was not read.`, file, bytes: text.length, max: format.maxBytes });
  }
  const json = parseStrictJson(text);
  if (!json.ok) {
    const problem = json.error;
    return problem.kind === 'NotJson'
      ? err({ kind: 'FileNotJson', message: `This is not ${article(file)} ${file}: it is not JSON text.`, file })
      : err({ kind: 'FileDuplicateKey', message: `This ${file} names the field "${problem.key}" twice (at ${problem.path}); it is refused, since two readers could disagree on which value counts.`, file, key: problem.key, path: problem.path });
  }
  const shape = measureMessage(json.value, { maxDepth: format.maxDepth, maxBytes: format.maxBytes, maxArrayLength: 64, maxStringLength: format.maxBytes });
  if (shape) return err({ kind: 'FileTooDeep', message: `This ${file} nests or repeats more than ${article(file)} ${file} ever does, so it was not read.`, file });
  const value = json.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || (value as Record<string, unknown>).format !== format.format) {
    return err({ kind: 'FileInvalid', message: `This is not ${article(file)} ${file} (its "format" field is not "${format.format}").`, file, path: 'format', problem: 'not this format' });
  }
  const version = (value as Record<string, unknown>).version;
  if (typeof version !== 'number' || !format.versions.includes(version)) {
    const shown = String(version).slice(0, 20);
    return err({ kind: 'FileVersionUnsupported', message: `This ${file} is of version ${shown}, which this version of C3 Vault does not read (it reads version ${format.versions.join(', ')}).`, file, version: shown });
  }
  const parsed = format.schema.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const path = issue?.path.map(String).join('.') || '(root)';
  const problem = (issue?.message ?? 'unexpected contents').slice(0, 300);
  return err({ kind: 'FileInvalid', message: `This ${file} is refused: at ${path}, ${problem}`, file, path, problem });
}
