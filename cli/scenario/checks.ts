/**
 * What a scenario says must hold: a step refused or not (`expect`), and balances, supplies or any
 * value of `c3 state --json` (`check` after a step, `finally` at the end). Failures say what was
 * expected and what is, in words.
 */
import { COMMONS_TOKENS, type CommonsToken, formatAsset } from '../../shared/money';
import { bigintReplacer } from '../../shared/result';
import { stateView } from '../../shared/commons/view';
import { type CommonsState } from '../../shared/commons/state';
import { type ModuleError } from '../../shared/commons/module';
import { type Cast, referTo, vaultOf } from './cast';
import { type Checks, type Step } from './format';
import { amountWithUnit, minorUnits, resolveValue } from './values';

/** A number the scenario states, as the error's field would print: amounts with their unit in minor units. */
function asText(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const amount = amountWithUnit(value);
  return amount?.ok ? amount.value : value;
}

/** Whether a step's outcome is what the scenario expects; null when it is, else why not. */
export function expectationProblem(expect: Step['expect'], outcome: { ok: true } | { ok: false; error: ModuleError }): string | null {
  const wanted = expect ?? 'ok';
  if (wanted === 'ok') return outcome.ok ? null : `was refused: ${outcome.error.kind}: ${outcome.error.message}`;
  if (outcome.ok) return `was accepted, but the scenario expects it refused with ${wanted.refused}`;
  const { error } = outcome;
  if (error.kind !== wanted.refused) return `was refused with ${error.kind} (${error.message}), but the scenario expects ${wanted.refused}`;
  for (const [field, value] of Object.entries(wanted.with ?? {})) {
    const expected = asText(value);
    const actual = (error as unknown as Record<string, unknown>)[field];
    if (actual === undefined) return `was refused with ${error.kind}, which carries no "${field}" (${error.message})`;
    if (String(actual) !== expected) return `was refused with ${error.kind} whose ${field} is ${String(actual)}, not ${expected} (${error.message})`;
  }
  return null;
}

/** A path of `c3 state --json`: "supplies.CONX", "vaults[address=@Alice].balances.COMM", "members[0].tier". */
function pathSegments(path: string): string[] {
  const segments: string[] = [];
  let current = '';
  let depth = 0;
  for (const char of path) {
    if (char === '[') {
      if (depth === 0 && current) segments.push(current);
      if (depth === 0) current = '';
      depth++;
      if (depth > 1) current += char;
    } else if (char === ']') {
      depth--;
      if (depth === 0) {
        segments.push(`[${current}]`);
        current = '';
      } else current += char;
    } else if (char === '.' && depth === 0) {
      if (current) segments.push(current);
      current = '';
    } else current += char;
  }
  if (current) segments.push(current);
  return segments;
}

const referenceText = (cast: Cast, text: string): string | { error: string } => {
  if (!text.startsWith('@')) return text;
  const resolved = referTo(cast, text.slice(1));
  if (!resolved.ok) return { error: resolved.error };
  return typeof resolved.value === 'string' ? resolved.value : { error: `${text} is not a single value` };
};

/** The value at `path` in a JSON view, or why there is none. */
function valueAt(view: unknown, path: string, cast: Cast): { value: unknown } | { error: string } {
  let at: unknown = view;
  for (const raw of pathSegments(path)) {
    const select = /^\[([^=]+)=(.+)\]$/.exec(raw);
    const index = /^\[([0-9]+)\]$/.exec(raw);
    if (select) {
      const wanted = referenceText(cast, select[2] as string);
      if (typeof wanted !== 'string') return wanted;
      if (!Array.isArray(at)) return { error: `${path}: ${raw} selects in a list, and there is none here` };
      at = at.find((item: unknown) => item !== null && typeof item === 'object' && String((item as Record<string, unknown>)[select[1] as string]) === wanted);
      if (at === undefined) return { error: `${path}: no item has ${select[1]} = ${wanted}` };
    } else if (index) {
      if (!Array.isArray(at)) return { error: `${path}: ${raw} indexes a list, and there is none here` };
      at = at[Number(index[1])];
    } else {
      const key = referenceText(cast, raw);
      if (typeof key !== 'string') return key;
      if (at === null || typeof at !== 'object' || Array.isArray(at) || !Object.hasOwn(at, key)) return { error: `${path}: there is no "${key}" here` };
      at = (at as Record<string, unknown>)[key];
    }
  }
  return { value: at };
}

/** Scalars compare as text, so that "1000000" matches an amount and 9500 matches "9500". */
function sameValue(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => sameValue(actual[i], e));
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const keys = Object.keys(expected);
    return keys.length === Object.keys(actual).length && keys.every((k) => sameValue((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k]));
  }
  if (actual === null || expected === null) return actual === expected;
  return typeof actual !== 'object' && String(actual) === String(expected);
}

const shown = (amount: bigint, token: string) => ((COMMONS_TOKENS as readonly string[]).includes(token) ? formatAsset(amount, token as CommonsToken, { maxFractionDigits: 6 }) : `${amount} ${token}`);

/** Every check that does not hold, in words (empty when all hold). */
export function checkProblems(checks: Checks, state: CommonsState, cast: Cast): string[] {
  const problems: string[] = [];
  for (const [holder, tokens] of Object.entries(checks.balances ?? {})) {
    const [by, vault] = holder.split('.') as [string, string | undefined];
    const address = vaultOf(cast, by, vault);
    if (!address.ok) {
      problems.push(`balances.${holder}: ${address.error}`);
      continue;
    }
    const balances = state.vaults.get(address.value.address)?.balances ?? {};
    for (const [token, text] of Object.entries(tokens)) {
      if (!(COMMONS_TOKENS as readonly string[]).includes(token)) {
        problems.push(`balances.${holder}.${token}: not a Commons token (${COMMONS_TOKENS.join(', ')})`);
        continue;
      }
      const expected = minorUnits(text);
      if (!expected.ok) problems.push(`balances.${holder}.${token}: ${expected.error}`);
      else {
        const actual = balances[token as CommonsToken] ?? 0n;
        if (actual !== expected.value) problems.push(`${holder} holds ${shown(actual, token)}, not ${shown(expected.value, token)}`);
      }
    }
  }
  for (const [token, text] of Object.entries(checks.supplies ?? {})) {
    const expected = minorUnits(text);
    if (!(COMMONS_TOKENS as readonly string[]).includes(token)) problems.push(`supplies.${token}: not a Commons token`);
    else if (!expected.ok) problems.push(`supplies.${token}: ${expected.error}`);
    else {
      const actual = state.supplies[token as CommonsToken] ?? 0n;
      if (actual !== expected.value) problems.push(`the supply of ${token} is ${shown(actual, token)}, not ${shown(expected.value, token)}`);
    }
  }
  const entries = Object.entries(checks.state ?? {});
  if (entries.length > 0) {
    const view: unknown = JSON.parse(JSON.stringify(stateView(state), bigintReplacer));
    for (const [path, value] of entries) {
      const expected = resolveValue(value, (reference) => referTo(cast, reference), `state.${path}`);
      if (!expected.ok) {
        problems.push(expected.error);
        continue;
      }
      const found = valueAt(view, path, cast);
      if ('error' in found) problems.push(`state.${found.error}`);
      else if (!sameValue(found.value, expected.value)) problems.push(`state.${path} is ${JSON.stringify(found.value)}, not ${JSON.stringify(expected.value)}`);
    }
  }
  return problems;
}
