/**
 * `c3 scenario`: every example scenario of scenarios/ builds, holds its own expectations and
 * checks, and `c3 verify` accepts the log it writes; a scenario that is wrong or hostile is
 * refused with a sentence that says why, and nothing is written.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runC3 } from './commands';
import { defaultScenarioTools, runScenario } from './scenario/command';
import { type ScenarioTools, buildScenario } from './scenario/build';
import { parseScenario } from './scenario/format';
import { GOOD_PROOF, testVerifier } from '../shared/commons/fixtures';
import { modules } from '../shared/commons/registry';
import { unwrap } from '../shared/result';
import { encodeLog } from '../shared/commons/verify';

const scenariosDir = fileURLToPath(new URL('../scenarios/', import.meta.url));
const bin = fileURLToPath(new URL('./c3.mjs', import.meta.url));

async function c3(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runC3(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'c3-scenario-'));
});

describe('c3 scenario: the examples of scenarios/', async () => {
  const files = (await readdir(scenariosDir)).filter((f) => f.endsWith('.json')).sort();

  it('there are examples, and docs/scenario-format.md names every one', async () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
    const doc = await readFile(fileURLToPath(new URL('../docs/scenario-format.md', import.meta.url)), 'utf8');
    for (const file of files) expect(doc).toContain(`scenarios/${file}`);
  });

  it.each(files)('%s builds, holds its expectations, and c3 verify accepts its log', { timeout: 180_000 }, async (file) => {
    const out = join(dir, file.replace(/\.json$/, '.jsonl'));
    const built = await c3('scenario', join(scenariosDir, file), out);
    expect(built.err).toBe('');
    expect(built.code).toBe(0);
    expect(built.out).toMatch(/^wrote .*: ".+" \(0x[0-9a-f]{64}\), \d+ entries/);
    const verified = await c3('verify', out);
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(/^valid: /);
  });
});

describe('c3 scenario through the bin (as npx c3 runs it)', () => {
  it('writes the ten-line example and c3 state --json prints every module\'s view with amounts as decimal strings', { timeout: 180_000 }, async () => {
    const out = join(dir, 'bin-ten-lines.jsonl');
    const run = (...args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(process.execPath, [bin, ...args], { timeout: 170_000 }, (error, stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
        );
      });
    const built = await run('scenario', join(scenariosDir, 'ten-lines.json'), out);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    const { code, out: json } = await c3('state', out, '--json');
    expect(code).toBe(0);
    const state = JSON.parse(json) as Record<string, unknown> & { supplies: Record<string, unknown>; escrows: unknown[]; vaults: { balances: Record<string, unknown> }[] };
    expect(state.supplies).toEqual({ PPT: '600000000', CONX: '400000000' });
    expect(state.escrows).toEqual([]);
    for (const vault of state.vaults) for (const amount of Object.values(vault.balances)) expect(amount).toMatch(/^[1-9][0-9]*$/);
  });
});

/** Plain JSON all the way down: a Map, a Set or a class instance would print as {} and hide what it holds. */
function nonJsonValues(value: unknown, path: string, found: string[]): string[] {
  if (value === null || typeof value !== 'object') return found;
  if (Array.isArray(value)) {
    value.forEach((item, i) => nonJsonValues(item, `${path}[${i}]`, found));
    return found;
  }
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto !== Object.prototype && proto !== null) {
    // Immutable's collections print through toJSON; anything else JSON would flatten.
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return nonJsonValues((value as { toJSON(): unknown }).toJSON(), path, found);
    found.push(`${path}: ${Object.prototype.toString.call(value)}`);
    return found;
  }
  for (const [key, item] of Object.entries(value)) nonJsonValues(item, `${path}.${key}`, found);
  return found;
}

describe('c3 state --json shows every module', () => {
  it('every registered module\'s view.state appears in c3 state --json, with nothing JSON would print as {}', { timeout: 180_000 }, async () => {
    // The richest example: credit lines, a quest, an offer, stakes and escrows, besides members and vaults.
    const text = await readFile(join(scenariosDir, 'whitepaper-m2m-staking.json'), 'utf8');
    const built = unwrap(await buildScenario(unwrap(parseScenario(text)), defaultScenarioTools()));
    const out = join(dir, 'views.jsonl');
    await writeFile(out, encodeLog(built.entries));
    const printed = JSON.parse((await c3('state', out, '--json')).out) as Record<string, unknown>;
    for (const module of modules) {
      const view = module.view?.state?.(built.state as never);
      if (!view) continue;
      expect(nonJsonValues(view, module.name, [])).toEqual([]);
      for (const key of Object.keys(view)) expect(printed, `${module.name}.${key}`).toHaveProperty([key]);
    }
    // Amounts of the new modules print as decimal strings (bigint in the state).
    expect(printed).toMatchObject({ stakes: [{ principal: '50000000000', pmtMinted: '1000000000' }], escrows: expect.any(Array) });
    expect((printed['credit'] as { lines: { principal: unknown }[] }).lines[0]!.principal).toBe('50000000000');
  });
});

/** The real keys and recoverer; proofs replaced by the test verifier's, so refusals need no proving. */
const fastTools = (): ScenarioTools => ({
  ...defaultScenarioTools(),
  verifier: testVerifier,
  prove: (labels) => Promise.resolve(Object.fromEntries(labels.map((l) => [l, GOOD_PROOF]))),
});

const BASE = {
  name: 'Attack',
  members: { Alice: { faction: 'Union' }, Bob: { faction: 'Guild' } },
  steps: [{ at: '+1d', by: 'treasury', action: 'token.mint', payload: { token: 'PPT', to: '@Alice', amount: '10 PPT' } }],
};

/** Runs a scenario text through the command into a fresh OUT; returns its exit code, stderr and whether OUT exists. */
async function refuse(text: string, name: string) {
  const file = join(dir, `${name}.json`);
  const out = join(dir, `${name}.jsonl`);
  await writeFile(file, text);
  let err = '';
  const code = await runScenario(file, out, { out: () => undefined, err: (t) => (err += t) }, fastTools());
  const leftovers = (await readdir(dir)).filter((f) => f.includes(`${name}.jsonl`));
  return { code, err, written: existsSync(out), leftovers };
}

const withStep = (step: Record<string, unknown>) => JSON.stringify({ ...BASE, steps: [...BASE.steps, { at: '+2d', ...step }] });

describe('c3 scenario refuses a wrong or hostile scenario, and writes nothing', () => {
  it('a step by an unknown member is refused naming the step and the members', async () => {
    const r = await refuse(withStep({ by: 'Zed', action: 'token.burnToConx', payload: { amount: '1 PPT' } }), 'unknown-member');
    expect(r.code).toBe(1);
    expect(r.err).toContain('step 2 (token.burnToConx by Zed at +2d): "Zed" is no one in this scenario: the members are Alice, Bob');
    expect(r.written).toBe(false);
    expect(r.leftovers).toEqual([]);
  });

  it('an unknown action kind is refused with the kinds the registry has', async () => {
    const r = await refuse(withStep({ by: 'Alice', action: 'token.steal', payload: {} }), 'unknown-kind');
    expect(r.code).toBe(1);
    expect(r.err).toContain('no module handles the action kind "token.steal"');
    expect(r.err).toContain('token.transfer');
    expect(r.written).toBe(false);
  });

  it('the genesis kind cannot be a step', async () => {
    const r = await refuse(withStep({ by: 'treasury', action: 'commons.genesis', payload: {} }), 'genesis-step');
    expect(r.err).toContain('no module handles the action kind "commons.genesis"');
    expect(r.written).toBe(false);
  });

  it('a malformed payload is refused by the action kind\'s own schema, field named', async () => {
    const r = await refuse(withStep({ by: 'Alice', action: 'token.transfer', payload: { token: 'CONX', to: '@Bob', amount: 'lots' } }), 'malformed');
    expect(r.code).toBe(1);
    expect(r.err).toContain('step 2 (token.transfer by Alice at +2d): the payload does not fit token.transfer: amount:');
    expect(r.written).toBe(false);
  });

  it('a payload with a field the schema does not know is refused', async () => {
    const r = await refuse(withStep({ by: 'Alice', action: 'token.burnToConx', payload: { amount: '1 PPT', to: '@Bob' } }), 'extra-field');
    expect(r.err).toContain('the payload does not fit token.burnToConx');
    expect(r.written).toBe(false);
  });

  it('an amount with more decimals than its token has is refused', async () => {
    const r = await refuse(withStep({ by: 'Alice', action: 'token.burnToConx', payload: { amount: '1.0000001 PPT' } }), 'decimals');
    expect(r.err).toContain('payload.amount: "1.0000001 PPT": "1.0000001" is not an amount: at most 6 decimal places');
    expect(r.written).toBe(false);
  });

  it('a reference to a missing name is refused, saying who exists', async () => {
    const r = await refuse(withStep({ by: 'Alice', action: 'token.transfer', payload: { token: 'CONX', to: '@Zed', amount: '1 CONX' } }), 'missing-name');
    expect(r.code).toBe(1);
    expect(r.err).toContain('payload.to: "@Zed" names no one: the members are Alice, Bob');
    expect(r.written).toBe(false);
  });

  it('a reference to a vault the member does not have is refused', async () => {
    const r = await refuse(withStep({ by: 'Alice', action: 'token.transfer', payload: { token: 'COMM', to: '@Alice.savings', amount: '1 COMM' } }), 'missing-vault');
    expect(r.err).toContain('"@Alice.savings": Alice has no vault named "savings"');
    expect(r.written).toBe(false);
  });

  it('a step expected to pass that the ledger refuses fails with its typed error in words', async () => {
    const r = await refuse(withStep({ name: 'overdraw', by: 'Alice', action: 'token.burnToConx', payload: { amount: '11 PPT' } }), 'unexpected-refusal');
    expect(r.code).toBe(1);
    expect(r.err).toContain('step 2 "overdraw" (token.burnToConx by Alice at +2d) was refused: InsufficientBalance: Vault');
    expect(r.err).toContain('holds 10 PPT and needs 11 PPT');
    expect(r.written).toBe(false);
  });

  it('a step expected refused that passes, or refused otherwise, fails naming both', async () => {
    const passes = await refuse(withStep({ by: 'Alice', action: 'token.burnToConx', payload: { amount: '1 PPT' }, expect: { refused: 'InsufficientBalance' } }), 'expected-refusal');
    expect(passes.err).toContain('was accepted, but the scenario expects it refused with InsufficientBalance');
    const other = await refuse(withStep({ by: 'Alice', action: 'token.transfer', payload: { token: 'PPT', to: '@Bob', amount: '1 PPT' }, expect: { refused: 'InsufficientBalance' } }), 'other-refusal');
    expect(other.err).toContain('was refused with NonTransferable');
    expect(other.err).toContain('but the scenario expects InsufficientBalance');
    const numbers = await refuse(withStep({ by: 'Alice', action: 'token.burnToConx', payload: { amount: '11 PPT' }, expect: { refused: 'InsufficientBalance', with: { have: '9 PPT' } } }), 'refusal-numbers');
    expect(numbers.err).toContain('whose have is 10000000, not 9000000');
    for (const r of [passes, other, numbers]) expect(r.written).toBe(false);
  });

  it('a final check that does not hold fails in words', async () => {
    const r = await refuse(JSON.stringify({ ...BASE, finally: { balances: { Alice: { PPT: '11 PPT' } }, state: { 'members[label=Alice].faction': 'Guild' } } }), 'final-check');
    expect(r.err).toContain('the final checks fail');
    expect(r.err).toContain('Alice holds 10 PPT, not 11 PPT');
    expect(r.err).toContain('state.members[label=Alice].faction is "Union", not "Guild"');
    expect(r.written).toBe(false);
  });

  it('time going back is refused', async () => {
    const r = await refuse(withStep({ at: '+12h', by: 'Alice', action: 'token.burnToConx', payload: { amount: '1 PPT' } }), 'time-back');
    expect(r.err).toContain('time cannot go back');
    expect(r.written).toBe(false);
  });

  it('a member on a steward\'s device, or two members on one device, is refused', async () => {
    const steward = await refuse(JSON.stringify({ ...BASE, members: { Alice: { faction: 'Union', devices: ['ledger:3'] } } }), 'steward-device');
    expect(steward.err).toContain("members.Alice: ledger:3 is Steward Dana's device");
    const shared = await refuse(JSON.stringify({ ...BASE, members: { Alice: { faction: 'Union', devices: ['ledger:1'] }, Bob: { faction: 'Guild', devices: ['ledger:1'] } } }), 'shared-device');
    expect(shared.err).toContain("members.Bob: ledger:1 is already Alice's device");
    expect(steward.written || shared.written).toBe(false);
  });

  it('an unknown parameter, or one outside its bounds, is refused before any member enrols', async () => {
    const unknown = await refuse(JSON.stringify({ ...BASE, params: { nosuch: 1 } }), 'unknown-param');
    expect(unknown.err).toContain('params.nosuch: no such parameter');
    const bound = await refuse(JSON.stringify({ ...BASE, params: { drawRatioBps: { BTC: 9_000 } } }), 'bad-param');
    expect(bound.err).toContain('the genesis is refused: ParamOutOfBounds');
    expect(bound.err).toContain('drawRatioBps.BTC');
    expect(unknown.written || bound.written).toBe(false);
  });

  it('a key named twice is refused (readers could disagree on which counts)', async () => {
    const text = JSON.stringify(BASE).replace('"name":"Attack"', '"name":"Attack","name":"Other"');
    const r = await refuse(text, 'duplicate-key');
    expect(r.code).toBe(1);
    expect(r.err).toContain('names the key "name" twice');
    expect(r.written).toBe(false);
  });

  it('a duplicate key inside a payload is refused too', async () => {
    const text = withStep({ by: 'Alice', action: 'token.burnToConx', payload: { amount: '1 PPT' } }).replace('"amount":"1 PPT"', '"amount":"1 PPT","amount":"9 PPT"');
    const r = await refuse(text, 'duplicate-payload-key');
    expect(r.err).toContain('names the key "amount" twice');
    expect(r.written).toBe(false);
  });

  it('deep nesting is refused before any schema recurses into it', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const r = await refuse(withStep({ by: 'Alice', action: 'token.burnToConx', payload: { amount: '1 PPT' } }).replace('"amount":"1 PPT"', `"amount":"1 PPT","x":${deep}`), 'deep');
    expect(r.code).toBe(1);
    expect(r.err).toContain('nests arrays and objects more than 32 levels deep');
    expect(r.written).toBe(false);
  });

  it('a huge file is refused without being read', async () => {
    const r = await refuse(JSON.stringify({ ...BASE, description: 'x'.repeat(2 * 1024 * 1024) }), 'huge');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/is \d+ bytes; a scenario may be at most 1048576/);
    expect(r.written).toBe(false);
  });

  it('a __proto__ key, text that is not JSON, and a file that is not a scenario are refused', async () => {
    const proto = await refuse('{"__proto__":{"x":1},"name":"a","members":{},"steps":[]}', 'proto');
    expect(proto.err).toContain('the key "__proto__"');
    const notJson = await refuse('{"name": ', 'not-json');
    expect(notJson.err).toContain('the scenario is not JSON');
    const notScenario = await refuse(JSON.stringify({ ...BASE, steps: [{ by: 'Alice' }] }), 'not-scenario');
    expect(notScenario.err).toContain('steps.0.action');
    for (const r of [proto, notJson, notScenario]) expect(r.written).toBe(false);
  });

  it('a refused scenario leaves an existing OUT exactly as it was', async () => {
    const out = join(dir, 'kept.jsonl');
    await writeFile(out, 'previous log\n');
    const file = join(dir, 'kept.json');
    await writeFile(file, withStep({ by: 'Zed', action: 'token.burnToConx', payload: { amount: '1 PPT' } }));
    const code = await runScenario(file, out, { out: () => undefined, err: () => undefined }, fastTools());
    expect(code).toBe(1);
    expect(await readFile(out, 'utf8')).toBe('previous log\n');
  });

  it('usage: c3 scenario needs FILE and OUT', async () => {
    const r = await c3('scenario', 'only-one.json');
    expect(r.code).toBe(2);
    expect(r.err).toContain('c3 scenario FILE.json OUT.jsonl');
  });
});
