/**
 * The layering of eslint.config.js (an allow-list, scripts/eslint-layering.mjs) fails a wrong
 * import, not a review (STYLE.md: VS Code, Signal). Each layer refuses what it does not list and
 * accepts what it does.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

/** The layering rule's verdict on one import line in a file of that path. */
async function layering(filePath: string, specifier: string): Promise<'refused' | 'accepted'> {
  const ids = await ruleIds(filePath, `import * as m from '${specifier}';\nexport const x = m;\n`);
  return ids.includes('local/layering') ? 'refused' : 'accepted';
}

describe('layering lint rules', () => {
  it('keep shared/ pure: no Node, Electron, React, DOM or clock', async () => {
    expect(await layering('shared/commons/x.ts', 'node:fs')).toBe('refused');
    expect(await layering('shared/commons/x.ts', 'fs')).toBe('refused');
    expect(await layering('shared/commons/x.ts', 'electron')).toBe('refused');
    expect(await layering('shared/commons/x.ts', 'react')).toBe('refused');
    expect(await layering('shared/commons/x.ts', 'ws')).toBe('refused');
    expect(await layering('shared/commons/x.ts', '../../electron/services/ledger/service')).toBe('refused');
    expect(await layering('shared/commons/x.ts', '../../renderer/vault/x')).toBe('refused');
    expect(await layering('shared/commons/x.ts', 'vitest')).toBe('refused'); // tests only
    expect(await ruleIds('shared/commons/x.ts', 'export const w = window.location.href;\n')).toContain('no-restricted-globals');
    expect(await ruleIds('shared/commons/x.ts', 'export const t = Date.now();\n')).toContain('no-restricted-properties');
  });

  it('let shared/ import shared/ and the pure packages, and its tests vitest and fast-check', async () => {
    for (const ok of ['zod', 'viem', '@noble/hashes/sha3.js', '@scure/bip39', 'poseidon-lite', '../result', '../contract/channels']) {
      expect(await layering('shared/commons/x.ts', ok)).toBe('accepted');
    }
    expect(await layering('shared/commons/x.test.ts', 'vitest')).toBe('accepted');
    expect(await layering('shared/commons/x.test.ts', 'fast-check')).toBe('accepted');
    expect(await ruleIds('shared/commons/x.ts', "import { z } from 'zod';\nexport const s = z.string();\n")).toEqual([]);
  });

  it('keep renderer/ away from electron/ and Node, and let it use shared/, React and Dexie', async () => {
    expect(await layering('renderer/vault/x.ts', '../../electron/services')).toBe('refused');
    expect(await layering('renderer/vault/x.ts', '../../electron/main/ipc')).toBe('refused');
    expect(await layering('renderer/vault/x.ts', 'electron')).toBe('refused');
    expect(await layering('renderer/vault/x.ts', 'path')).toBe('refused');
    expect(await layering('renderer/vault/x.ts', 'ws')).toBe('refused');
    for (const ok of ['react', 'react-dom/client', 'dexie', '../../shared/result', '../app/x']) expect(await layering('renderer/vault/x.tsx', ok)).toBe('accepted');
    expect(await layering('renderer/vault/x.ts', 'fake-indexeddb')).toBe('refused');
    expect(await layering('renderer/vault/x.test.ts', 'fake-indexeddb')).toBe('accepted');
  });

  it('keep the devices free of the emulators (tests excepted: the emulators are the test devices)', async () => {
    expect(await layering('electron/services/devices/registry.ts', '../emulators/ledger/device')).toBe('refused');
    expect(await layering('electron/services/devices/registry.ts', '../emulators/source')).toBe('refused');
    expect(await layering('electron/services/devices/registry.test.ts', '../emulators/source')).toBe('accepted');
    // The other way round is declared: the emulators are a device source.
    expect(await layering('electron/services/emulators/source.ts', '../devices/source')).toBe('accepted');
  });

  it('keep the real Trezor source off the emulators and off connect’s singleton: a real Trezor talks to trezord directly', async () => {
    const source = 'electron/services/devices/trezor/bridge-source.ts';
    expect(await layering(source, '../../emulators/trezor/bridge')).toBe('refused');
    expect(await layering(source, '../../emulators/source')).toBe('refused');
    expect(await layering('electron/services/devices/trezor/bridge-signer.ts', '../../emulators/trezor/protobuf')).toBe('refused');
    expect(await layering(source, '../trezor-connect')).toBe('refused');
    expect(await layering(source, '../trezor-driver')).toBe('refused');
    expect(await layering(source, '../registry')).toBe('refused'); // a source knows the registry through its sink only
    for (const ok of ['./bridge-signer', '../errors', '../source', '../types', '@trezor/connect', 'node:module']) expect(await layering(source, ok)).toBe('accepted');
    // Its tests stand the Trezor emulator's Bridge in for trezord; the rest of the emulators stays out.
    expect(await layering('electron/services/devices/trezor/bridge-source.test.ts', '../../emulators/trezor/bridge')).toBe('accepted');
    expect(await layering('electron/services/devices/trezor/bridge-source.test.ts', '../../emulators/source')).toBe('refused');
  });

  it('keep a service from another service it does not declare', async () => {
    expect(await layering('electron/services/prover/service.ts', '../devices/service')).toBe('refused');
    expect(await layering('electron/services/prover/service.ts', '../ledger/service')).toBe('refused');
    expect(await layering('electron/services/ledger/service.ts', '../prover/service')).toBe('refused');
    expect(await layering('electron/services/ledger/demo.ts', '../emulators/ledger/device')).toBe('refused');
    expect(await layering('electron/services/ledger/demo.ts', '../emulators/mnemonics')).toBe('accepted'); // declared
    expect(await layering('electron/services/prover/service.ts', '../tasks')).toBe('accepted'); // infrastructure
    expect(await layering('electron/services/prover/service.ts', '../index')).toBe('refused'); // only the root sees every service
    expect(await layering('electron/services/index.ts', './prover/service')).toBe('accepted');
  });

  it('keep services from importing the Electron shell, and let them use Node and npm', async () => {
    expect(await layering('electron/services/x.ts', '../main/ipc')).toBe('refused');
    expect(await layering('electron/services/ledger/x.ts', '../../main/ipc')).toBe('refused');
    expect(await layering('electron/services/ledger/x.ts', '../../preload/index')).toBe('refused');
    expect(await layering('electron/services/ledger/x.ts', 'electron')).toBe('refused');
    expect(await layering('electron/services/ledger/x.ts', '../../../renderer/vault/x')).toBe('refused');
    for (const ok of ['node:fs', '@trezor/connect', '../../../shared/result', './log']) expect(await layering('electron/services/ledger/x.ts', ok)).toBe('accepted');
  });

  it('let the shell import the composition root, not a service behind it', async () => {
    expect(await layering('electron/main/x.ts', '../services')).toBe('accepted');
    expect(await layering('electron/main/x.ts', 'electron')).toBe('accepted');
    expect(await layering('electron/main/x.ts', '../services/devices/service')).toBe('refused');
    expect(await layering('electron/main/x.ts', '../../renderer/vault/x')).toBe('refused');
    expect(await layering('electron/main/x.ts', 'ws')).toBe('refused');
  });

  it('keep the preload script to the contract and Electron', async () => {
    expect(await layering('electron/preload/index.ts', '../../shared/contract/channels')).toBe('accepted');
    expect(await layering('electron/preload/index.ts', 'electron')).toBe('accepted');
    expect(await layering('electron/preload/index.ts', '../../shared/commons/state')).toBe('refused');
    expect(await layering('electron/preload/index.ts', '../services')).toBe('refused');
    expect(await layering('electron/preload/index.ts', 'node:fs')).toBe('refused');
  });

  it('keep the browser bridge to the composition root, the contract, Node and ws', async () => {
    for (const ok of ['../services', '../../shared/contract/wire', 'node:http', 'ws']) expect(await layering('electron/bridge/x.ts', ok)).toBe('accepted');
    expect(await layering('electron/serve.ts', './services')).toBe('accepted');
    expect(await layering('electron/bridge/x.ts', '../services/ledger/service')).toBe('refused');
    expect(await layering('electron/bridge/x.ts', 'electron')).toBe('refused');
    expect(await layering('electron/serve.ts', './main/ipc')).toBe('refused');
  });

  it('let the tools, benches and end-to-end tests import anything', async () => {
    for (const file of ['cli/x.ts', 'bench/x.ts', 'scripts/x.ts', 'e2e/x.ts', 'circuits/x.mjs']) {
      expect(await layering(file, '../electron/services/devices/service')).toBe('accepted');
    }
  });
});
