import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
    // The three cores (and the cluster tree model) never know about VS Code.
    files: [
      'src/language/**',
      'src/cluster/**',
      'src/clusterTree/**',
      'src/pipeline/**',
      'src/server/**',
      'src/cli/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'Cores must not import vscode.' }] },
      ],
    },
  },
);
