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
  // Without a backslash no key is escaped, so keys compare as they are written (a ledger line
  // has a thousand objects and tens of thousands of keys).
  if (text.includes('\\')) return findDuplicateKeyDecoding(text);
  const found = findDuplicateKeyUnescaped(text);
  // The stacks are kept for the next call, but not at the size a deeply nested or very wide text
  // grew them to (JSON.parse nests without limit).
  if (keyStart.length > STACKS_KEPT || levelKeys.length > STACKS_KEPT) {
    for (const stack of [keyStart, keyLength, levelKeys, levelLastKey, levelIndex]) stack.length = 0;
  }
  return found;
}

const STACKS_KEPT = 4096;

// The unescaped scan's stacks, kept between calls so that it allocates nothing per key: each key
// of the objects still open (where it starts in the text, its length), and each open level (where
// its keys start in that stack, -1 for an array; its last key; an array's current index).
const keyStart: number[] = [];
const keyLength: number[] = [];
const levelKeys: number[] = [];
const levelLastKey: number[] = [];
const levelIndex: number[] = [];

const sameText = (text: string, a: number, b: number, length: number): boolean => {
  for (let i = 0; i < length; i++) if (text.charCodeAt(a + i) !== text.charCodeAt(b + i)) return false;
  return true;
};

/** `findDuplicateKey` for a text with no backslash: keys are compared where they stand, never copied. */
function findDuplicateKeyUnescaped(text: string): { key: string; path: string } | null {
  let depth = 0;
  let keys = 0;
  let expectKey = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = text.indexOf('"', i + 1);
      if (expectKey) {
        const start = i + 1;
        const length = end - start;
        for (let k = levelKeys[depth - 1]!; k < keys; k++) {
          if (keyLength[k] === length && sameText(text, keyStart[k]!, start, length)) return { key: text.slice(start, end), path: unescapedPath(text, depth - 1) };
        }
        keyStart[keys] = start;
        keyLength[keys] = length;
        levelLastKey[depth - 1] = keys;
        keys += 1;
        expectKey = false;
      }
      i = end;
    } else if (c === OPEN_OBJECT) {
      levelKeys[depth] = keys;
      depth += 1;
      expectKey = true;
    } else if (c === OPEN_ARRAY) {
      levelKeys[depth] = -1;
      levelIndex[depth] = 0;
      depth += 1;
      expectKey = false;
    } else if (c === CLOSE_OBJECT) {
      depth -= 1;
      keys = levelKeys[depth]!;
      expectKey = false;
    } else if (c === CLOSE_ARRAY) {
      depth -= 1;
      expectKey = false;
    } else if (c === COMMA && depth > 0) {
      if (levelKeys[depth - 1] === -1) levelIndex[depth - 1]! += 1;
      else expectKey = true;
    }
  }
  return null;
}

/** The path of the level above `depth` down from the root, written as `pathOf` writes it. */
function unescapedPath(text: string, depth: number): string {
  if (depth === 0) return '(root)';
  let path = '';
  for (let d = 0; d < depth; d++) {
    if (levelKeys[d] === -1) {
      path += `[${levelIndex[d]}]`;
      continue;
    }
    const last = levelLastKey[d]!;
    const key = text.slice(keyStart[last]!, keyStart[last]! + keyLength[last]!);
    path += d === 0 ? key : `.${key}`;
  }
  return path;
}

/** `findDuplicateKey` for any text: keys decoded (`"a"` and `"\u0061"` are the same key). */
export function findDuplicateKeyDecoding(text: string): { key: string; path: string } | null {
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
