import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// The layers of src/ (docs/architecture.md). Each core may import only the cores listed for it;
// nothing but the VS Code layer (src/vscode/, src/extension.ts) imports `vscode` or that layer.
const CORES = ['language', 'cluster', 'clusterTree', 'pipeline', 'localRun', 'server', 'cli'];
const MAY_IMPORT = {
  language: [],
  cluster: ['language'],
  clusterTree: ['cluster', 'language'],
  pipeline: ['language', 'cluster'],
  localRun: ['language', 'cluster', 'pipeline'],
  server: ['language'],
  cli: ['language', 'cluster', 'pipeline', 'localRun'],
};
const VSCODE_LAYER = ['./src/vscode', './src/extension.ts'];

const layerZones = CORES.map((core) => ({
  target: `./src/${core}`,
  from: [
    ...CORES.filter((other) => other !== core && !MAY_IMPORT[core].includes(other)).map((o) => `./src/${o}`),
    ...VSCODE_LAYER,
  ],
  message: MAY_IMPORT[core].length
    ? `src/${core} imports only ${MAY_IMPORT[core].map((c) => `src/${c}`).join(', ')} (see docs/architecture.md).`
    : `src/${core} imports no other part of src/ (see docs/architecture.md).`,
}));

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'out/',
      'node_modules/',
      '.test-host/',
      'test-results/',
      'sample/',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      curly: ['error', 'multi-line'],
    },
  },
  {
    // Import cycles and layer boundaries, checked on the resolved files.
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    rules: {
      'import-x/no-cycle': 'error',
      // Functions stay short enough to read: split by concern past 100 lines.
      'max-lines-per-function': ['error', { max: 100 }],
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
    },
  },
  {
    // The cores never know about VS Code.
    files: CORES.map((core) => `src/${core}/**`),
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'Only src/vscode/ and src/extension.ts may import vscode.' }] },
      ],
    },
  },
);
