/**
 * Caps on the shape of a request, checked before any schema sees it. Zod's recursive schemas
 * (`z.json()`, lazy unions) recurse once per level of nesting, so 3 KB of `[[[[…]]]]` overflow
 * the stack; long strings and arrays cost time and memory in proportion to their length. The
 * walk below is iterative (an explicit stack, never recursion), stops at the first cap it
 * meets, and so costs at most about `maxBytes` of work whatever arrives, cycles included.
 *
 * It also refuses what no JSON request can hold: values that are not JSON (bigint, functions,
 * Maps, typed arrays — Electron's structured clone can carry them) and the key `__proto__`,
 * which zod would turn into the decoded object's prototype instead of one of its fields.
 */

export interface MessageLimits {
  /** Levels of arrays and objects inside one another (the payload itself is level 1). */
  readonly maxDepth: number;
  /** Size of the payload as JSON text, counted in UTF-16 code units (= bytes for ASCII). */
  readonly maxBytes: number;
  /** Items in any one array. */
  readonly maxArrayLength: number;
  /** Characters in any one string, keys included. */
  readonly maxStringLength: number;
}

export const MAX_MESSAGE_DEPTH = 64;
export const MAX_MESSAGE_BYTES = 1024 * 1024;
export const MAX_ARRAY_LENGTH = 10_000;
export const MAX_STRING_LENGTH = 256 * 1024;

/** What every channel accepts unless its row in the contract says otherwise (`limits`). */
export const DEFAULT_MESSAGE_LIMITS: MessageLimits = {
  maxDepth: MAX_MESSAGE_DEPTH,
  maxBytes: MAX_MESSAGE_BYTES,
  maxArrayLength: MAX_ARRAY_LENGTH,
  maxStringLength: MAX_STRING_LENGTH,
};

/** Why a payload was refused before decoding. */
export type ShapeRefusal =
  | { kind: 'MessageTooDeep'; depth: number; max: number }
  | { kind: 'MessageTooLarge'; bytes: number; max: number }
  | { kind: 'MessagePartTooLong'; path: string; part: 'array' | 'string'; length: number; max: number }
  | { kind: 'MessageNotJson'; path: string; found: string };

export function limitsOf(overrides: Partial<MessageLimits> | undefined): MessageLimits {
  return { ...DEFAULT_MESSAGE_LIMITS, ...overrides };
}

/** The largest request any channel of a table accepts, in bytes of JSON: what a transport must let through. */
export function largestRequestBytes(table: Record<string, { readonly limits?: Partial<MessageLimits> }>): number {
  return Math.max(DEFAULT_MESSAGE_LIMITS.maxBytes, ...Object.values(table).map((spec) => limitsOf(spec.limits).maxBytes));
}

/** A container still to visit, linked to its parent so that a refusal can name where it happened. */
interface Frame {
  readonly value: object;
  readonly depth: number;
  readonly key: string | number | null;
  readonly parent: Frame | null;
}

const pathOf = (frame: Frame | null, key?: string | number): string => {
  const parts: (string | number)[] = key === undefined ? [] : [key];
  for (let at = frame; at !== null && at.key !== null; at = at.parent) parts.push(at.key);
  return parts.reverse().map(String).join('.') || '(root)';
};

/** JSON text of a scalar, or what it is when JSON has no such value. */
function scalarCost(value: unknown): number | string {
  switch (typeof value) {
    case 'string':
      return value.length + 2;
    case 'number':
      return String(value).length;
    case 'boolean':
      return value ? 4 : 5;
    case 'undefined':
      return 4; // dropped from objects, null in arrays: never more than "null"
    case 'bigint':
      return 'a bigint';
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    default:
      return value === null ? 4 : 'an object';
  }
}

const isPlainObject = (value: object): boolean => Object.prototype.toString.call(value) === '[object Object]';

/**
 * Measures a payload against the limits without recursion. Returns the first cap it breaks, or
 * null when the payload may go on to its schema.
 */
export function measureMessage(payload: unknown, limits: MessageLimits): ShapeRefusal | null {
  let bytes = 0;
  const tooLarge = (): ShapeRefusal => ({ kind: 'MessageTooLarge', bytes, max: limits.maxBytes });

  /** Counts one scalar (or queues one container) found at `key` inside `parent`. */
  const visit = (value: unknown, parent: Frame | null, key: string | number | null, stack: Frame[]): ShapeRefusal | null => {
    if (typeof value === 'object' && value !== null) {
      const depth = (parent?.depth ?? 0) + 1;
      if (depth > limits.maxDepth) return { kind: 'MessageTooDeep', depth, max: limits.maxDepth };
      if (!Array.isArray(value) && !isPlainObject(value)) {
        return { kind: 'MessageNotJson', path: pathOf(parent, key ?? undefined), found: `an object of type ${Object.prototype.toString.call(value).slice(8, -1)}` };
      }
      stack.push({ value, depth, key, parent });
      return null;
    }
    const cost = scalarCost(value);
    if (typeof cost === 'string') return { kind: 'MessageNotJson', path: pathOf(parent, key ?? undefined), found: cost };
    if (typeof value === 'string' && value.length > limits.maxStringLength) {
      return { kind: 'MessagePartTooLong', path: pathOf(parent, key ?? undefined), part: 'string', length: value.length, max: limits.maxStringLength };
    }
    bytes += cost;
    return bytes > limits.maxBytes ? tooLarge() : null;
  };

  const stack: Frame[] = [];
  const first = visit(payload, null, null, stack);
  if (first) return first;

  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    const { value } = frame;
    if (Array.isArray(value)) {
      if (value.length > limits.maxArrayLength) {
        return { kind: 'MessagePartTooLong', path: pathOf(frame), part: 'array', length: value.length, max: limits.maxArrayLength };
      }
      bytes += 2 + value.length; // brackets and commas
      if (bytes > limits.maxBytes) return tooLarge();
      for (let index = 0; index < value.length; index++) {
        const refusal = visit(value[index], frame, index, stack);
        if (refusal) return refusal;
      }
      continue;
    }
    const keys = Object.keys(value);
    bytes += 2 + keys.length; // braces, colons and commas
    if (bytes > limits.maxBytes) return tooLarge();
    for (const key of keys) {
      if (key === '__proto__') return { kind: 'MessageNotJson', path: pathOf(frame, key), found: 'the key "__proto__"' };
      if (key.length > limits.maxStringLength) {
        return { kind: 'MessagePartTooLong', path: pathOf(frame), part: 'string', length: key.length, max: limits.maxStringLength };
      }
      bytes += key.length + 2;
      if (bytes > limits.maxBytes) return tooLarge();
      const refusal = visit((value as Record<string, unknown>)[key], frame, key, stack);
      if (refusal) return refusal;
    }
  }
  return null;
}
