import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test-results/', '.tmp/', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  // The layering of docs/architecture.md: model imports nothing of ours; browser, server and mocks
  // never import each other (mocks and server talk only over HTTP).
  {
    files: ['web/src/model/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['../*', 'react', 'react-*', '@patternfly/*', 'node:*'] }] },
  },
  {
    files: ['web/src/**'],
    ignores: ['web/src/model/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/server/**', '**/mocks/**'] }] },
  },
  {
    files: ['server/**'],
    ignores: ['**/*.test.ts'], // integration tests start the mock Loki, then talk to it over HTTP
    rules: { 'no-restricted-imports': ['error', { patterns: ['react', '@patternfly/*', '**/mocks/**', '**/components/**', '**/api/**'] }] },
  },
  {
    files: ['mocks/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/server/**', '**/components/**', '**/api/**'] }] },
  },
  {
    // Command-line entry points talk to the terminal on purpose.
    files: ['scripts/**', 'mocks/start.ts', 'server/src/main.ts', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
);
