import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.worker, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // The user's API: gather's and map's element types depend on what was scattered, which
    // the script knows and the declarations cannot.
    files: ['src/driver/user-api.d.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Code both worker runtimes share imports neither runtime, nor the UI.
    files: ['src/worker-shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/ui/**', '**/driver/**', '**/engine/**', 'monaco-editor*'] },
      ],
    },
  },
  {
    // Dependencies point inwards: core and protocol never import the UI, the GPU or a worker.
    files: ['src/core/**', 'src/protocol/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/ui/**', '**/gpu/**', '**/driver/**', '**/engine/**', 'monaco-editor*'] },
      ],
    },
  },
  {
    // The embed bridge drives the page through its automation API, nothing deeper.
    files: ['src/embed/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/ui/**', '**/driver/**', '**/engine/**', '**/host/**', '**/gpu/**'] },
      ],
    },
  },
  {
    // The UI renders: it never imports a worker runtime or the host that spawns them.
    files: ['src/ui/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/driver/**', '**/engine/**', '**/host/**', '**/gpu/**'] },
      ],
    },
  },
);
