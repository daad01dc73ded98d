/**
 * Reading a file someone sent (a signing request, a credential presentation): JSON first, then
 * its schema. The caller words the problem for its own kind of file.
 */
import { type z } from 'zod';
import { type Result, err, ok } from './result';

/** `null` when the text is not JSON at all; otherwise the first schema problem, as "path message". */
export function parseJsonFile<S extends z.ZodType>(text: string, schema: S): Result<z.output<S>, string | null> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return err(null);
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  return err(`${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
}
