import { describe, expect, it } from 'vitest';
import { DerivationPath, derivationPathProblem } from './devices';

describe('derivation paths are the member’s input: a wrong one is explained part by part', () => {
  it('takes the paths wallets write', () => {
    for (const path of ["m/44'/60'/0'/0/0", "44'/60'/0'/0/0", 'm/44h/60H/0h/0/7', "m/48'/0'/0'/2'", 'm/2147483647']) {
      expect(derivationPathProblem(path)).toBeNull();
    }
  });

  it('names the part at fault', () => {
    expect(derivationPathProblem("m/44'/60x'/0'/0/0")).toBe(`Part 3, “60x'”, is not a step: write a whole number, with ' after it for a hardened step (as in 44').`);
    expect(derivationPathProblem("m/44'//0'")).toBe('Part 3 of the path is empty (two slashes in a row, or a slash at the end).');
    expect(derivationPathProblem("m/44'/m/0")).toBe('Part 3 is “m”: only the first part of a path may be m.');
    expect(derivationPathProblem('m/2147483648')).toBe('Part 2, “2147483648”, is too large: a step is at most 2147483647.');
    expect(derivationPathProblem('m/1/2/3/4/5/6/7/8/9/10/11')).toBe('The path has 11 steps; C3 Vault takes at most 10.');
    expect(derivationPathProblem('m/')).toMatch(/^The path is empty/);
    expect(derivationPathProblem(" m/44'")).toMatch(/spaces/);
  });

  it('the contract refuses a malformed path with the same words', () => {
    const r = DerivationPath.safeParse("m/44'/-1");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe(`Part 3, “-1”, is not a step: write a whole number, with ' after it for a hardened step (as in 44').`);
  });
});
