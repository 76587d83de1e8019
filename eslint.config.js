import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.worker, ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A `void promise` drops its rejection as surely as a bare one: every promise is awaited,
      // returned, or given a rejection handler.
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // The benchmark harness is plain JavaScript reading untyped data back from the page, CDP
    // and peer libraries, and builds the serial baseline with new Function on purpose. Its
    // promises are still checked.
    files: ['bench/**/*.js'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-implied-eval': 'off',
    },
  },
  {
    // `describe(Class.prototype.method, ...)` names a suite after the method; nothing calls it.
    files: ['**/*.test.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // Scripts as a user types them into the editor: they use the editor's globals (see
    // src/script-api/user-api.d.ts) and belong to no project, so they get the untyped rules.
    files: ['e2e/fixtures/**', 'src/examples/scripts/**'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The user's API: gather's and map's element types depend on what was scattered, which
    // the script knows and the declarations cannot.
    files: ['src/script-api/user-api.d.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Code both worker runtimes share imports neither runtime, nor the UI.
    files: ['src/worker-shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/ui/**', '**/driver/**', '**/engine/**', 'monaco-editor*'],
              message:
                'worker-shared/ is imported by both worker runtimes: it may use core/ and protocol/ only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Dependencies point inwards: core and protocol never import the UI, the GPU or a worker.
    files: ['src/core/**', 'src/protocol/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/ui/**', '**/gpu/**', '**/driver/**', '**/engine/**', 'monaco-editor*'],
              message:
                'core/ and protocol/ run in every runtime: they may not import a runtime, the GPU or the UI.',
            },
          ],
        },
      ],
    },
  },
  {
    // The embed bridge drives the page through its automation API, nothing deeper.
    files: ['src/embed/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/ui/**', '**/driver/**', '**/engine/**', '**/host/**', '**/gpu/**'],
              message: 'The embed bridge drives the page through its automation API only.',
            },
          ],
        },
      ],
    },
  },
  // The worker runtimes and the host: each imports the layers below it, never a sibling or the UI.
  layer(
    ['src/engine/**'],
    ['ui', 'driver', 'host', 'gpu', 'share', 'examples', 'embed'],
    'engine/ runs in the engine workers: it may use core/, protocol/ and worker-shared/ only.',
  ),
  layer(
    ['src/driver/**'],
    ['ui', 'engine', 'host', 'share', 'examples', 'embed'],
    'driver/ runs in the driver worker: it talks to engines and the page through messages, not imports.',
  ),
  layer(
    ['src/gpu/**'],
    ['ui', 'driver', 'engine', 'host', 'worker-shared', 'share', 'examples', 'embed'],
    'gpu/ is called by the driver: it may use core/ and protocol/ only.',
  ),
  layer(
    ['src/host/**'],
    ['ui', 'driver', 'engine', 'gpu', 'share', 'examples', 'embed'],
    'host/ spawns the workers by URL and speaks the protocol: it never imports their code or the UI.',
  ),
  layer(
    ['src/share/**', 'src/examples/**'],
    ['ui', 'driver', 'engine', 'host', 'gpu', 'worker-shared', 'embed'],
    'share/ and examples/ are data and codecs: they may use core/ and protocol/ only.',
  ),
  {
    // The protocol is the contract between the runtimes: it depends on nothing.
    files: ['src/protocol/**'],
    ignores: ['src/protocol/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../**', 'monaco-editor*', 'acorn*', 'comlink'],
              message: 'protocol/ is the contract between the runtimes: it imports nothing.',
            },
          ],
        },
      ],
    },
  },
  {
    // The UI renders: it never imports a worker runtime or the host that spawns them.
    files: ['src/ui/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/driver/**', '**/engine/**', '**/host/**', '**/gpu/**'],
              message:
                'ui/ renders: it gets what it shows from the run model, and main.ts wires it to the host.',
            },
          ],
        },
      ],
    },
  },
  {
    // STYLE.md: a function does one thing and reads on one screen. Longer than 60 lines
    // (blank lines and comments aside) means it holds several steps that want names. Tests,
    // whose suites are long lists of cases, are exempt.
    files: ['src/**/*.ts', 'bin/**/*.js'],
    ignores: ['**/*.test.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Text from a script is data, never markup: panels build DOM with ui/dom.ts's builders
    // and textContent. One missed escape in an HTML string is script injection once code
    // arrives from a stranger's link.
    files: ['src/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['innerHTML', 'outerHTML', 'insertAdjacentHTML'].map((property) => ({
          property,
          message:
            'Build DOM with element builders (src/ui/dom.ts) and textContent, not HTML strings.',
        })),
        {
          object: 'document',
          property: 'write',
          message: 'Build DOM with element builders (src/ui/dom.ts), not HTML strings.',
        },
      ],
    },
  },
);

/**
 * An ESLint block forbidding `files` to import the given sibling folders of src/, saying why.
 * @param {string[]} files
 * @param {string[]} forbidden
 * @param {string} message
 * @returns {import('typescript-eslint').ConfigWithExtends}
 */
function layer(files, forbidden, message) {
  return {
    files,
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        /** @type {const} */ ('error'),
        {
          patterns: [
            {
              // A worker's URL (`?worker&url`) is not its code: spawning workers by URL is allowed.
              group: [...forbidden.map((f) => `**/${f}/**`), '!**/*.worker.ts?worker&url'],
              message,
            },
          ],
        },
      ],
    },
  };
}
