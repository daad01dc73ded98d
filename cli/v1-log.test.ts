/**
 * A log written by format version 1's code (the Demo Commons as `c3 demo` wrote it on 2026-11-29,
 * kept byte for byte) must verify for ever with the same Commons id and the same state: a change
 * of the core that breaks an existing Commons fails here. Parameters may gain new ones with
 * defaults; the ones the log fixed keep their values.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runC3 } from './commands';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

async function c3(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runC3(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('a log written by the version 1 code', () => {
  it('verifies unchanged, with its Commons id and head', async () => {
    const frozen = JSON.parse(await readFile(fixture('v1-demo.state.json'), 'utf8')) as { commonsId: string; headHash: string };
    const { code, out } = await c3('verify', fixture('v1-demo.jsonl'));
    expect(code).toBe(0);
    expect(out).toContain(`(${frozen.commonsId})`);
    expect(out).toContain(`head ${frozen.headHash}`);
  });

  it('folds to the same state: members, vaults, balances, supplies and its parameters', async () => {
    const { params, ...frozen } = JSON.parse(await readFile(fixture('v1-demo.state.json'), 'utf8')) as Record<string, unknown> & { params: object };
    const { code, out } = await c3('state', fixture('v1-demo.jsonl'), '--json');
    expect(code).toBe(0);
    const { params: nowParams, ...now } = JSON.parse(out) as Record<string, unknown> & { params: object };
    // Every field it showed is unchanged; modules added since show their own slices beside them.
    expect(Object.fromEntries(Object.keys(frozen).map((key) => [key, now[key]]))).toEqual(frozen);
    expect(nowParams).toMatchObject(params);
  });
});
