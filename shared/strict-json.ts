/**
 * JSON as the ledger reads it: `JSON.parse`, plus a refusal of any object that names a key twice.
 * `JSON.parse` keeps the last value of a duplicate key and a reviver cannot see the first, while
 * other parsers keep the first or fail: a line that two readers decode differently is a parser
 * differential, so a log line, a signing request or a presentation with a duplicate key is refused.
 *
 * The duplicate scan runs only on text `JSON.parse` accepted, so it needs no grammar of its own: it
 * walks the structural characters, jumps over each string with `indexOf`, and compares keys by
 * their decoded value (`"a"` and `"\u0061"` are the same key).
 */
import { type Result, err, ok } from './result';

export type JsonProblem =
  | { readonly kind: 'NotJson'; readonly reason: string }
  | { readonly kind: 'DuplicateKey'; readonly key: string; readonly path: string };

/** Parses `text` as JSON and refuses duplicate keys at any depth. */
export function parseStrictJson(text: string): Result<unknown, JsonProblem> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    return err({ kind: 'NotJson', reason: cause instanceof Error ? cause.message : String(cause) });
  }
  const duplicate = findDuplicateKey(text);
  return duplicate ? err({ kind: 'DuplicateKey', ...duplicate }) : ok(value);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;

/** The index of the quote that closes the string opened at `start`. */
function stringEnd(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  while (text.charCodeAt(end - 1) === BACKSLASH) {
    let backslashes = 1;
    while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes++;
    // An odd run of backslashes escapes this quote; an even one only escapes itself.
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return end;
}

/**
 * The first key that appears twice in one object of `text`, with the path of that object, or
 * null. `text` must be JSON that `JSON.parse` accepts (the scan relies on its grammar).
 */
export function findDuplicateKey(text: string): { key: string; path: string } | null {
  // One level per open object (its keys so far, in order: the last is the current one) or array
  // (null, with its current index in `indices`). Objects are small, so a list beats a Set.
  const levels: (string[] | null)[] = [];
  const indices: number[] = [];
  let top: string[] | null | undefined;
  // In an object, the next string is a key after `{` or `,`, and a value after `:`.
  let expectKey = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (expectKey && top) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        if (top.includes(key)) return { key, path: pathOf(levels.slice(0, -1), indices) };
        top.push(key);
        expectKey = false;
      }
      i = end;
    } else if (c === OPEN_OBJECT) {
      top = [];
      levels.push(top);
      expectKey = true;
    } else if (c === OPEN_ARRAY) {
      top = null;
      indices[levels.length] = 0;
      levels.push(top);
      expectKey = false;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      levels.pop();
      top = levels[levels.length - 1];
      expectKey = false;
    } else if (c === COMMA) {
      if (top) expectKey = true;
      else if (top === null) indices[levels.length - 1] = (indices[levels.length - 1] ?? 0) + 1;
    }
  }
  return null;
}

/** `a.b[2].c`: each object's current key, each array's current index; `(root)` for the outermost value. */
function pathOf(levels: readonly (string[] | null)[], indices: readonly number[]): string {
  if (levels.length === 0) return '(root)';
  return levels.map((keys, depth) => (keys === null ? `[${indices[depth] ?? 0}]` : depth === 0 ? keys[keys.length - 1] : `.${keys[keys.length - 1]}`)).join('');
}
