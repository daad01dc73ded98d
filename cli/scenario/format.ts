/**
 * The scenario file (docs/scenario-format.md): named demo members, their actions in order with
 * times as offsets, and what each should do. Read like any file someone sent: its size first
 * (never read past the cap), strict JSON (a key named twice is refused, shared/strict-json.ts), an
 * iterative walk that caps nesting and lengths before any recursive schema sees it
 * (shared/contract/limits.ts), then this schema.
 */
import { stat, readFile } from 'node:fs/promises';
import { z } from 'zod';
import { type Result, err, ok } from '../../shared/result';
import { parseStrictJson } from '../../shared/strict-json';
import { measureMessage } from '../../shared/contract/limits';
import { FACTIONS } from '../../shared/commons/state';

/** A scenario is a page of JSON: 1 MiB is far more than any real one. */
export const MAX_SCENARIO_BYTES = 1024 * 1024;
/** Payloads are shallow; a scenario's own shape needs five levels. */
export const MAX_SCENARIO_DEPTH = 32;
export const MAX_STEPS = 10_000;

/** A member's name: what `by` and `@Name` say. No dots (they separate `@Name.field`). */
export const MemberName = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, 'a name of letters, digits, "_" or "-", starting with a letter (at most 40)');
/** A vault's name inside its owner's: its salt. */
export const VaultName = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/i, 'a vault name of letters, digits, "_" or "-", starting with a letter');
/** A Commons vault's name (e.g. "verifiers:q1"): may hold a colon. */
export const CommonsVaultName = z.string().regex(/^[A-Za-z][A-Za-z0-9_:-]{0,59}$/, 'a name of letters, digits, "_", ":" or "-", starting with a letter');
/** An emulated device's key: "ledger:1" is the Ledger emulator's m/44'/60'/0'/0/1. */
export const DeviceId = z.string().regex(/^(ledger|trezor):([0-9]{1,2})$/, 'a device such as "ledger:1" or "trezor:2"');
/** An offset from the scenario's start: seconds, or "+2d", "+3600s", "90m", "1y" (365 days). */
export const At = z.union([z.number().int().nonnegative(), z.string().regex(/^\+?[0-9]{1,12}(s|m|h|d|w|y)?$/, 'an offset such as "+2d", "+3600s" or a number of seconds')]);

const Json = z.json();

const MemberSpec = z.strictObject({
  faction: z.enum(FACTIONS),
  /** Emulated devices whose keys sign for the member; the first is the member's own key (their DID). */
  devices: z.array(DeviceId).min(1).max(15).optional(),
  threshold: z.number().int().min(1).max(15).optional(),
  /** Further vaults the member opens at the start (with the same devices), by name. */
  vaults: z.array(VaultName).max(20).optional(),
});

const CommonsVaultSpec = z.strictObject({
  /** Members (their own key) or devices. */
  signers: z.array(z.string().max(60)).min(1).max(15),
  threshold: z.number().int().min(1).max(15),
  name: z.string().min(1).max(100).optional(),
  salt: z.string().min(1).max(100).optional(),
});

const Expect = z.union([
  z.literal('ok'),
  z.strictObject({
    /** The typed error's kind the ledger must refuse the step with. */
    refused: z.string().regex(/^[A-Z][A-Za-z0-9]{0,79}$/, 'an error kind such as "CapacityExceeded"'),
    /** Numbers the error must carry (amounts as in payloads). */
    with: z.record(z.string().max(80), z.union([z.string().max(200), z.number()])).optional(),
  }),
]);

export const Checks = z.strictObject({
  /** Holder (member, "Alice.savings", "treasury", a Commons vault) → token → amount. */
  balances: z.record(z.string().max(100), z.record(z.string().max(10), z.string().max(100))).optional(),
  supplies: z.record(z.string().max(10), z.string().max(100)).optional(),
  /** Path into `c3 state --json` → the value it must hold. */
  state: z.record(z.string().max(300), Json).optional(),
});
export type Checks = z.output<typeof Checks>;

export const Step = z.strictObject({
  name: z.string().max(200).optional(),
  at: At.optional(),
  /** A member, "treasury", or a Commons vault named in `commonsVaults`. */
  by: z.string().max(100),
  /** One of the member's vaults other than "main". */
  vault: VaultName.optional(),
  action: z.string().max(100),
  payload: z.record(z.string().max(100), Json).optional(),
  /** Sign with exactly these devices instead of the vault's first quorum (to show a refusal). */
  signers: z.array(DeviceId).max(15).optional(),
  expect: Expect.optional(),
  check: Checks.optional(),
});
export type Step = z.output<typeof Step>;

export const Scenario = z.strictObject({
  name: z.string().min(1).max(100),
  description: z.string().max(10_000).optional(),
  /** ISO time of the genesis entry; 2026-01-05T09:00:00Z by default (the Demo Commons' start). */
  start: z.iso.datetime({ offset: true }).optional(),
  /** Parameters that differ from version 2's defaults (amounts as in payloads). */
  params: z.record(z.string().max(100), Json).optional(),
  members: z.record(MemberName, MemberSpec),
  commonsVaults: z.record(CommonsVaultName, CommonsVaultSpec).optional(),
  steps: z.array(Step).max(MAX_STEPS),
  finally: Checks.optional(),
});
export type Scenario = z.output<typeof Scenario>;

/** Why a scenario file could not be read; the message is for people. */
export interface ScenarioFileProblem {
  readonly kind: 'Unreadable' | 'TooLarge' | 'NotJson' | 'DuplicateKey' | 'TooDeep' | 'NotAScenario';
  readonly message: string;
}

const problem = (kind: ScenarioFileProblem['kind'], message: string): Result<never, ScenarioFileProblem> => err({ kind, message });

/** The scenario in `text`, or the first reason it is not one. */
export function parseScenario(text: string): Result<Scenario, ScenarioFileProblem> {
  if (text.length > MAX_SCENARIO_BYTES) return problem('TooLarge', `the scenario is ${text.length} characters long; at most ${MAX_SCENARIO_BYTES} are read`);
  const json = parseStrictJson(text);
  if (!json.ok) {
    const e = json.error;
    return e.kind === 'NotJson'
      ? problem('NotJson', `the scenario is not JSON (${e.reason})`)
      : problem('DuplicateKey', `the scenario names the key "${e.key}" twice (at ${e.path}); it is refused, since readers could disagree on which value counts`);
  }
  const shape = measureMessage(json.value, { maxDepth: MAX_SCENARIO_DEPTH, maxBytes: MAX_SCENARIO_BYTES, maxArrayLength: MAX_STEPS, maxStringLength: 10_000 });
  if (shape) {
    switch (shape.kind) {
      case 'MessageTooDeep':
        return problem('TooDeep', `the scenario nests arrays and objects more than ${shape.max} levels deep`);
      case 'MessageTooLarge':
        return problem('TooLarge', `the scenario is larger than ${shape.max} bytes`);
      case 'MessagePartTooLong':
        return problem('TooLarge', `the ${shape.part} at ${shape.path} is ${shape.length} long; at most ${shape.max}`);
      case 'MessageNotJson':
        return problem('NotAScenario', `${shape.path} holds ${shape.found}`);
    }
  }
  const parsed = Scenario.safeParse(json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(the file)';
    return problem('NotAScenario', `${where}: ${issue?.message ?? 'not a scenario'}`);
  }
  return ok(parsed.data);
}

/** Reads a scenario file, never more than the cap. */
export async function readScenario(path: string): Promise<Result<Scenario, ScenarioFileProblem>> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return problem('Unreadable', `${path} is not a file`);
    if (info.size > MAX_SCENARIO_BYTES) return problem('TooLarge', `${path} is ${info.size} bytes; a scenario may be at most ${MAX_SCENARIO_BYTES}`);
    return parseScenario(await readFile(path, 'utf8'));
  } catch (cause) {
    return problem('Unreadable', `cannot read ${path}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}
