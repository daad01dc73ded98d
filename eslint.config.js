// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

// Node's built-in modules, with and without the `node:` prefix: shared/ and renderer/ may not import them.
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const browserGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'location', 'fetch', 'WebSocket'];
const nodeGlobals = ['process', 'Buffer', 'require', '__dirname', '__filename', 'global'];

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**', 'playwright-report/**', 'resources/**', 'circuits/build/**', '**/*.cjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Use crypto.getRandomValues (or no randomness at all in shared/).' },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'cli/**/*.mjs', 'circuits/**/*.mjs', 'bench/**/*.mjs', '*.js', '*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' } },
  },
  // VS Code's layering, enforced: shared/ is pure (no Electron, Node or DOM); SPEC §11 needs every app to fold the same state.
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, 'electron', 'dexie', 'react', 'react-dom', 'ws'].map((name) => ({
            name,
            message: 'shared/ is pure TypeScript: no Electron, Node, DOM or storage imports.',
          })),
          patterns: [
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ may not import from electron/ or renderer/.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...[...browserGlobals, ...nodeGlobals].map((name) => ({ name, message: `shared/ is pure: no ${name}.` }))],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'shared/ reads no clock: time comes from the ledger entry (SPEC §0).' },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, 'electron'].map((name) => ({ name, message: 'The renderer has no Node or Electron: go through the contract.' })),
          patterns: [{ group: ['**/electron/**'], message: 'renderer/ may not import from electron/: go through the contract.' }],
        },
      ],
    },
  },
  {
    files: ['electron/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Services are plain Node modules; only electron/main wires them to Electron.' }],
          patterns: [
            { group: ['**/main/**', '**/preload/**'], message: 'electron/services/* may not import from electron/main or electron/preload.' },
            { group: ['**/renderer/**'], message: 'electron/ may not import from renderer/.' },
          ],
        },
      ],
    },
  },
);
