// Lint rules, including the import boundaries of DESIGN.md ("Who may import whom"): a file
// that imports across a forbidden boundary fails `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const NODE_BUILTINS = [
  'node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'tls',
  'url', 'util', 'stream', 'events', 'worker_threads', 'zlib', 'dns', 'module', 'process', 'buffer',
  'assert', 'timers', 'readline', 'v8', 'vm', 'cluster', 'perf_hooks',
];
const NODE_ONLY_PACKAGES = ['better-sqlite3', 'better-sqlite3-multiple-ciphers', 'pg', 'kysely', 'fastify', 'socket.io', 'ws', 'pino', 'redis', '@socket.io/*'];

/** no-restricted-imports for a layer: the groups it may not import, with the reason. */
function forbid(groups) {
  return {
    'no-restricted-imports': [
      'error',
      { patterns: groups.map(([group, message]) => ({ group, message })) },
    ],
  };
}

const noElectron = [[['electron'], 'only main/ (outside core and browser-host) and preload/ may import electron']];
const noNode = [[NODE_BUILTINS, 'this layer runs without Node: no Node built-ins']];
const noNodePackages = [[NODE_ONLY_PACKAGES, 'this layer runs without Node: no server or database packages']];
const noClient = [[['**/main/**', '**/renderer/**', '**/preload/**', 'main/**', 'renderer/**', 'preload/**'], 'the server imports shared/ only, never the client']];
const noServer = [[['**/server/**', 'server/**'], 'the desk never imports the server: it talks to it over the protocol']];

// The renderer's floor plan (DESIGN.md, "Who may import whom"), lowest layer first:
//   desk/ i18n/ format/ hooks/ shortcuts/  the desk client and pure helpers: no stores, no screens
//   state/   every zustand store; imports the layer below and shared/ only
//   ui/      components and plumbing several features use (Picker, mutate and its toast, errors, focus)
//   features (below): each imports the layers beneath it, never another feature
//   app/     composes the screens and wires the commands and the shortcut table; may import anything
const RENDERER_FEATURES = ['actions', 'board', 'case', 'dashboard', 'inbox', 'login', 'mass', 'notify', 'templates'];
const renderer = [
  ...noElectron,
  ...noNode,
  ...noNodePackages,
  ...noServer,
  [['**/main/**', '**/preload/**', 'socket.io-client'], 'the renderer knows only the DeskApi (shared/desk-api.ts)'],
];
const folders = (names) => names.flatMap((name) => [`../${name}`, `../${name}/*`]);
const noApp = [[folders(['app']), 'only main.tsx imports app/: it is the top of the renderer']];
const noFeatures = (except) => [[folders(RENDERER_FEATURES.filter((f) => f !== except)), 'a feature folder never imports another feature: what several use belongs in ui/, state/ or format/']];
const rendererLayers = [
  {
    files: ['renderer/src/{desk,i18n,format,hooks,shortcuts}/**/*.{ts,tsx}'],
    rules: forbid([...renderer, ...noApp, ...noFeatures(), [folders(['state', 'ui']), 'the desk client and the pure helpers sit below state/ and ui/']]),
  },
  {
    files: ['renderer/src/state/**/*.{ts,tsx}'],
    rules: forbid([...renderer, ...noApp, ...noFeatures(), [folders(['ui', 'shortcuts', 'hooks']), 'state/ imports only the desk client, i18n, format and shared/']]),
  },
  {
    files: ['renderer/src/ui/**/*.{ts,tsx}'],
    rules: forbid([...renderer, ...noApp, ...noFeatures()]),
  },
  ...RENDERER_FEATURES.map((feature) => ({
    files: [`renderer/src/${feature}/**/*.{ts,tsx}`],
    rules: forbid([...renderer, ...noApp, ...noFeatures(feature)]),
  })),
];

export default tseslint.config(
  {
    ignores: ['node_modules/', 'out/', 'dist/', '.tsbuild/', 'test-results/', 'playwright-report/', 'resources/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { ...globals.node } },
    rules: { ...tseslint.configs.disableTypeChecked.rules, 'no-console': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: forbid([
      ...noElectron,
      ...noNode,
      ...noNodePackages,
      [['react', 'react-dom', '@mantine/*', 'zustand', 'socket.io-client'], 'shared/ holds contracts and pure logic only'],
      [['../*'], 'shared/ imports nothing of the project outside shared/'],
    ]),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...forbid(renderer),
    },
  },
  ...rendererLayers,
  {
    files: ['preload/**/*.ts'],
    rules: forbid([...noNode, ...noNodePackages, ...noServer, [['**/main/**', '**/renderer/**'], 'preload imports shared/ and electron only']]),
  },
  {
    files: ['main/core/**/*.ts'],
    rules: forbid([...noElectron, ...noServer, [['**/renderer/**', '**/preload/**', '**/browser-host/**'], 'the core imports shared/ and Node only']]),
  },
  {
    files: ['main/browser-host/**/*.ts'],
    rules: forbid([...noElectron, ...noServer, [['**/renderer/**', '**/preload/**'], 'the browser host serves the built renderer; it does not import it']]),
  },
  {
    files: ['main/*.ts', 'main/shell/**/*.ts'],
    rules: forbid([...noServer, [['**/renderer/**', '**/browser-host/**'], 'the Electron main process imports core, shared and electron']]),
  },
  {
    files: ['server/**/*.ts'],
    rules: forbid([...noElectron, ...noClient]),
  },
  {
    files: ['tests/**/*.ts', 'scripts/**', '*.config.ts', '*.config.js'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
