import { describe, expect, it, beforeAll } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('./c3.mjs', import.meta.url));

/** Runs the real `c3` bin (as `npx c3` would) and returns its exit code and output. */
const c3 = (...args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [bin, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });

describe('c3 (the CLI, through its bin)', () => {
  let dir: string;
  let log: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'c3-cli-'));
    log = join(dir, 'demo.jsonl');
    const demo = await c3('demo', log);
    expect(demo.code).toBe(0);
  });

  it('c3 verify exits 0 with a summary on the demo log', async () => {
    const { code, stdout } = await c3('verify', log);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^valid: Demo Commons \(0x[0-9a-f]{64}\)/);
    expect(stdout).toContain('libsecp256k1');
  });

  it('editing one amount makes c3 verify exit 1 naming the entry and its typed error', async () => {
    const lines = (await readFile(log, 'utf8')).trimEnd().split('\n');
    const index = lines.findIndex((line) => line.includes('"token.burnToComm"'));
    expect(index).toBeGreaterThan(0);
    lines[index] = lines[index]!.replace(/"amount":"(\d+)"/, (_, n: string) => `"amount":"${BigInt(n) - 1n}"`);
    const tampered = join(dir, 'tampered.jsonl');
    await writeFile(tampered, `${lines.join('\n')}\n`);
    const { code, stderr } = await c3('verify', tampered);
    expect(code).toBe(1);
    expect(stderr).toContain(`invalid: entry ${index}`);
    expect(stderr).toMatch(/"kind": "[A-Z][A-Za-z]+"/);
    expect(stderr).toContain(`"seq": ${index}`);
  });

  it('a demo log line with a duplicate key makes c3 verify exit 1 with DuplicateJsonKey', async () => {
    const lines = (await readFile(log, 'utf8')).trimEnd().split('\n');
    const index = lines.findIndex((line) => line.includes('"token.transfer"'));
    expect(index).toBeGreaterThan(0);
    // The signed amount stays last (JSON.parse keeps it); a first-value reader would see another.
    lines[index] = lines[index]!.replace(/"amount":"(\d+)"/, (whole) => `"amount":"1",${whole}`);
    const doubled = join(dir, 'doubled.jsonl');
    await writeFile(doubled, `${lines.join('\n')}\n`);
    const { code, stderr } = await c3('verify', doubled);
    expect(code).toBe(1);
    expect(stderr).toContain(`invalid: entry ${index}: DuplicateJsonKey`);
    expect(stderr).toContain('"key": "amount"');
  });

  it('c3 state --json prints members, vaults, balances, supplies and params with amounts as strings', async () => {
    const { code, stdout } = await c3('state', log, '--json');
    expect(code).toBe(0);
    const state = JSON.parse(stdout) as { members: unknown[]; vaults: { balances: Record<string, string> }[]; supplies: Record<string, string>; params: { factionCooldownSeconds: number } };
    expect(state.members).toHaveLength(6);
    expect(state.vaults.length).toBeGreaterThanOrEqual(7);
    expect(state.supplies.COMM).toMatch(/^[1-9][0-9]*$/);
    expect(state.params.factionCooldownSeconds).toBe(90 * 86_400);
  });

  it('without a command it prints usage and exits 2', async () => {
    const { code, stderr } = await c3();
    expect(code).toBe(2);
    expect(stderr).toContain('usage');
  });
});
