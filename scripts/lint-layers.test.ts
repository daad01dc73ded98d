/** The layering rules of eslint.config.js fail a wrong import, not a review (STYLE.md: VS Code, Signal). */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('layering lint rules', () => {
  it('keep shared/ free of Node, Electron and the DOM', async () => {
    expect(await ruleIds('shared/commons/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('shared/commons/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('shared/commons/x.ts', 'export const w = window.location.href;\n')).toContain('no-restricted-globals');
    expect(await ruleIds('shared/commons/x.ts', 'export const t = Date.now();\n')).toContain('no-restricted-properties');
    expect(await ruleIds('shared/commons/x.ts', "import { z } from 'zod';\nexport const s = z.string();\n")).toEqual([]);
  });

  it('keep renderer/ away from electron/ and Node', async () => {
    expect(await ruleIds('renderer/vault/x.ts', "import { createServices } from '../../electron/services';\nexport const c = createServices;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('renderer/vault/x.ts', "import { join } from 'path';\nexport const j = join;\n")).toContain('no-restricted-imports');
  });

  it('keep services from importing the Electron shell', async () => {
    expect(await ruleIds('electron/services/x.ts', "import { wireIpc } from '../main/ipc';\nexport const w = wireIpc;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('electron/services/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toContain('no-restricted-imports');
  });
});
