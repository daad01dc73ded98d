// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import layeringPlugin from './scripts/eslint-layering.mjs';

const browserGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'location', 'fetch', 'WebSocket'];
const nodeGlobals = ['process', 'Buffer', 'require', '__dirname', '__filename', 'global'];

/** Packages with no I/O, usable anywhere: validation, Ethereum encoding, hashes and curves, BIP-32/39. */
const purePackages = ['zod', 'viem', '@noble/*', '@scure/*', 'poseidon-lite', 'immutable', '@ngraveio/bc-ur'];
const testPackages = ['vitest', 'fast-check'];
/** QR codes drawn and read (no I/O): the renderer shows and scans them, shared/'s tests read them from pixels. */
const qrPackages = ['@paulmillr/qr'];

/**
 * Dependencies between services, each declared with its reason; a service imports nothing else of
 * another. `tests` are the test-only ones.
 */
const serviceDependencies = {
  // A device source: the emulators implement devices/source.ts and reach the drivers' transports and errors.
  emulators: { uses: ['electron/services/devices/**'], tests: [] },
  // The Demo Commons' stewards hold the emulators' public test keys (its log is signed with them).
  ledger: { uses: ['electron/services/emulators/mnemonics'], tests: [] },
  // Nothing: the prover gets the ledger's Commons from the composition root.
  // Its tests prove against the demo log, so they build one with the ledger's own service.
  prover: { uses: [], tests: ['electron/services/ledger/**'] },
  // Nothing: the devices know no emulator (./source.ts); the tests use the emulators as test devices.
  devices: { uses: [], tests: ['electron/services/emulators/**'] },
};

/** The services' infrastructure beside them (electron/services/*.ts). */
const serviceInfrastructure = ['electron/services/events', 'electron/services/tasks'];

const layers = [
  { name: 'shared/', files: /^shared\//, paths: ['shared/**'], packages: purePackages, test: { packages: [...testPackages, ...qrPackages] } },
  {
    name: 'renderer/',
    files: /^renderer\//,
    // The Groth16 verification keys the renderer checks proofs with (data, built by circuits/).
    paths: ['renderer/**', 'shared/**', 'resources/zk/*'],
    packages: ['react', 'react-dom', 'dexie', ...purePackages, ...qrPackages],
    test: { packages: [...testPackages, 'fake-indexeddb', '@testing-library/*'] },
  },
  // The composition root: the one module that may import every service.
  { name: 'the composition root', files: /^electron\/services\/index\.ts$/, paths: ['electron/services/**', 'shared/**'], node: true, packages: ['*', '!electron'] },
  {
    name: 'services infrastructure',
    files: /^electron\/services\/[^/]+\.ts$/,
    // The workspace gate wraps the devices service's handlers and events.
    paths: [...serviceInfrastructure, 'electron/services/workspace', 'electron/services/devices/service', 'shared/**'],
    node: true,
    packages: ['*', '!electron'],
    test: { paths: ['electron/services/index'], packages: testPackages },
  },
  // The real Trezor source (devices/trezor/): the machine's trezord, spoken to directly. Neither
  // the emulators nor @trezor/connect's process-wide singleton (devices/trezor-connect, which may
  // follow the emulators' Bridge) stand between a real Trezor and trezord. Its tests run it against
  // the Trezor emulator served as a Bridge, standing for trezord.
  {
    name: 'the real device sources (electron/services/devices/trezor/)',
    files: /^electron\/services\/devices\/trezor\//,
    paths: [
      'electron/services/devices/trezor/**',
      ...['errors', 'types', 'source', 'ledger-driver'].map((m) => `electron/services/devices/${m}`),
      'shared/**',
    ],
    node: true,
    packages: ['*', '!electron'],
    test: {
      paths: [
        ...['service', 'offline.test-support', 'fixtures/**'].map((m) => `electron/services/devices/${m}`),
        'electron/services/emulators/trezor/**',
        'electron/services/index',
      ],
      packages: testPackages,
    },
  },
  ...Object.entries(serviceDependencies).map(([service, { uses, tests }]) => ({
    name: `electron/services/${service}/`,
    files: new RegExp(`^electron/services/${service}/`),
    paths: [`electron/services/${service}/**`, 'shared/**', ...serviceInfrastructure, ...uses],
    node: true,
    packages: ['*', '!electron'],
    // A service's tests may start the whole services behind the contract.
    test: { paths: [...tests, 'electron/services/index'] },
  })),
  {
    name: 'electron/main/',
    files: /^electron\/main\//,
    paths: [
      'electron/main/**',
      'electron/services/index',
      'shared/**',
      // The event hub's type, which ipc.ts forwards to the window.
      'electron/services/events',
      // The ports the composition root accepts and the shell fills: the OS biometric and the OS keychain.
      'electron/services/prover/biometrics',
      'electron/services/prover/identity-store',
      // One Content-Security-Policy and one static file server for the app:// protocol and the browser bridge.
      'electron/bridge/csp',
      'electron/bridge/static-files',
    ],
    node: true,
    packages: ['electron', ...purePackages],
    // The shell's tests load the preload script against the fake Electron.
    test: { paths: ['electron/preload/index'], packages: testPackages },
  },
  {
    name: 'electron/preload/',
    files: /^electron\/preload\//,
    paths: ['electron/preload/**', 'shared/contract/**'],
    packages: ['electron', 'zod'],
    test: { paths: ['electron/main/testing/**'], packages: testPackages },
  },
  {
    name: 'the browser bridge',
    files: /^electron\/(bridge\/|serve\.ts$)/,
    // The event hub's type and the Result helpers of the answers it relays.
    paths: ['electron/bridge/**', 'electron/services/index', 'electron/services/events', 'shared/contract/**', 'shared/result'],
    node: true,
    packages: ['ws'],
    test: { packages: testPackages },
  },
  // Tools, benches, circuits, end-to-end tests and the root's config files may import anything.
  { name: 'tools', files: /^(cli|bench|circuits|scripts|e2e)\/|^[^/]+$/, anything: true },
];

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
  // VS Code's layering as an allow-list (scripts/eslint-layering.mjs): each layer names what it
  // MAY import; anything else fails lint. Tests: scripts/lint-layers.test.ts.
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { local: layeringPlugin },
    // Options are plain data: the patterns go as strings.
    rules: { 'local/layering': ['error', { layers: layers.map((l) => ({ ...l, files: l.files.source })), testFiles: /(\.test|\.test-support)\.tsx?$|^electron\/main\/testing\//.source }] },
  },
  // shared/ is pure (no Electron, Node or DOM): SPEC §11 needs every app to fold the same state.
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...[...browserGlobals, ...nodeGlobals].map((name) => ({ name, message: `shared/ is pure: no ${name}.` }))],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'shared/ reads no clock: time comes from the ledger entry (SPEC §0).' },
      ],
    },
  },
);
