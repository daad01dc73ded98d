/**
 * What a scenario writes for people, turned into what the ledger reads: offsets of time
 * ("+2d"), amounts with their unit ("100000 CONX" → minor units), and names ("@Alice" → her
 * vault's address). Payload values are otherwise passed as they are, for the registry's own schema
 * of the action kind to judge.
 */
import { type Result, err, ok } from '../../shared/result';
import { type Asset, DECIMALS, parseAmount } from '../../shared/money';

const UNIT_SECONDS = { s: 1, m: 60, h: 3_600, d: 86_400, w: 7 * 86_400, y: 365 * 86_400 } as const;
/** Two centuries: an offset beyond is a typo, and would overflow what an entry's time may be. */
export const MAX_OFFSET_SECONDS = 200 * UNIT_SECONDS.y;

/** Seconds after the scenario's start: 7200, "+2d", "3600s", "90m", "1y" (365 days). */
export function offsetSeconds(at: number | string): Result<number, string> {
  let seconds: number;
  if (typeof at === 'number') {
    seconds = at;
  } else {
    const match = /^\+?([0-9]{1,12})(s|m|h|d|w|y)?$/.exec(at);
    if (!match) return err(`"${at}" is not an offset such as "+2d" or "+3600s"`);
    seconds = Number(match[1]) * UNIT_SECONDS[(match[2] ?? 's') as keyof typeof UNIT_SECONDS];
  }
  if (!Number.isSafeInteger(seconds) || seconds < 0 || seconds > MAX_OFFSET_SECONDS) return err(`the offset ${String(at)} is beyond ${MAX_OFFSET_SECONDS} seconds (200 years)`);
  return ok(seconds);
}

const AMOUNT_WITH_UNIT = /^([0-9][0-9,_]*(?:\.[0-9]+)?)\s+([A-Z]{2,5})$/;

/**
 * "100000 CONX" or "0.5 BTC" → minor units as a decimal string ("100000000000", "50000000"); a
 * string that is not a number followed by an asset's unit → null (left as it is).
 */
export function amountWithUnit(text: string): Result<string, string> | null {
  const match = AMOUNT_WITH_UNIT.exec(text);
  if (!match) return null;
  const unit = match[2] as string;
  if (!(unit in DECIMALS)) return null;
  try {
    return ok(parseAmount(match[1] as string, DECIMALS[unit as Asset]).toString());
  } catch (cause) {
    return err(`"${text}": ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** An amount a check compares: with its unit, or plain minor units ("1000000"). */
export function minorUnits(text: string): Result<bigint, string> {
  const converted = amountWithUnit(text);
  if (converted) return converted.ok ? ok(BigInt(converted.value)) : converted;
  if (/^(0|[1-9][0-9]*)$/.test(text)) return ok(BigInt(text));
  return err(`"${text}" is not an amount: write minor units ("1500000") or a number with its unit ("1.5 CONX")`);
}

/** Resolves one name reference (the text after "@"): a string, or a JSON object for `.setup` and `.signers`. */
export type ReferenceResolver = (reference: string) => Result<unknown, string>;

/**
 * Every string of a JSON value resolved: "@Name…" through `refer`, "@@…" to a literal "@…",
 * "100 CONX" to minor units. Depth is bounded by the file's walk (format.ts), so recursion is safe.
 */
export function resolveValue(value: unknown, refer: ReferenceResolver, where: string): Result<unknown, string> {
  if (typeof value === 'string') {
    if (value.startsWith('@@')) return ok(value.slice(1));
    if (value.startsWith('@')) {
      const resolved = refer(value.slice(1));
      return resolved.ok ? resolved : err(`${where}: ${resolved.error}`);
    }
    const amount = amountWithUnit(value);
    if (amount && !amount.ok) return err(`${where}: ${amount.error}`);
    return ok(amount ? amount.value : value);
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const [index, item] of value.entries()) {
      const resolved = resolveValue(item, refer, `${where}[${index}]`);
      if (!resolved.ok) return resolved;
      out.push(resolved.value);
    }
    return ok(out);
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const resolved = resolveValue(item, refer, `${where}.${key}`);
      if (!resolved.ok) return resolved;
      out[key] = resolved.value;
    }
    return ok(out);
  }
  return ok(value);
}
