/**
 * Reading a file someone sent (a signing request, a credential presentation): strict JSON first
 * (a key named twice is refused, see strict-json.ts), then its schema. The caller words the
 * problem for its own kind of file.
 */
import { type z } from 'zod';
import { type Result, err, ok } from './result';
import { parseStrictJson } from './strict-json';

export type JsonFileProblem =
  | { readonly kind: 'NotJson'; readonly message: string }
  | { readonly kind: 'DuplicateKey'; readonly key: string; readonly path: string; readonly message: string }
  | { readonly kind: 'SchemaMismatch'; readonly message: string };

/** The value, or why the text is not a file of this schema: not JSON, a key named twice, or the first schema problem ("path message"). */
export function parseJsonFile<S extends z.ZodType>(text: string, schema: S): Result<z.output<S>, JsonFileProblem> {
  const json = parseStrictJson(text);
  if (!json.ok) {
    const problem = json.error;
    return err(
      problem.kind === 'NotJson'
        ? { kind: 'NotJson', message: 'The file is not JSON.' }
        : { ...problem, message: `The file names the key "${problem.key}" twice (at ${problem.path}); it is refused, since readers could disagree on which value counts.` },
    );
  }
  const parsed = schema.safeParse(json.value);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  return err({ kind: 'SchemaMismatch', message: `${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim() });
}
