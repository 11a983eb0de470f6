// ESLint flat config: typescript-eslint's type-aware recommended rules over every TypeScript file of the tree
// (typed linting takes about 30 s on two cores). Layering (who may import whom) is checked by dependency-cruiser
// (.dependency-cruiser.cjs), formatting by prettier (npm run format:check); neither is repeated here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const TESTS = ['tests/**', '**/*.test.ts', 'bench/**'];

export default tseslint.config(
  { ignores: ['node_modules/', 'coverage/', '.smile-data/', '.ci/ferretdb/', 'skill-package/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.cjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A `!` says "this step guarantees it" without a type that does; the redesign replaces them with typed
      // states (ARCHITECTURE.md, xstate typestates). A warning until then, so new ones are visible.
      '@typescript-eslint/no-non-null-assertion': 'warn',
      // The house convention for a deliberately unused binding: a leading underscore, or leaving it out of a rest
      // (`const { _id, ...rest } = doc`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Ports are async interfaces; an adapter that answers synchronously still implements them with `async`.
      '@typescript-eslint/require-await': 'off',
      // Late binding for closures that run after start-up (`let engine` in app/server.ts, read by handlers
      // registered before it is built): reads before the one assignment make `const` impossible.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // Tests read HTTP and channel responses as untyped JSON and assert on them; an `any` there fails the test
    // loudly rather than hiding a bug, so the no-unsafe-* family and `!` are not enforced in test code.
    files: TESTS,
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `let last; for (...) last = await say(line); last!.x`: tsc needs the `!`, the linter sees an evolving `any`.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  // KNOWN_VIOLATIONS: findings in code that the redesign is rewriting right now (store/, dialogs/, bots/, skills/).
  // They are downgraded to warnings file by file so `npm run lint` passes today; each entry is to be deleted when
  // its file is rewritten, and the section emptied by the end of the redesign. Do not add to it.
  {
    // The adapters hand the sandbox its own documents as they were put (the sandbox stands in for outside systems and
    // validates them itself); every other collection is parsed with its schema on read.
    files: ['store/embedded-store.ts', 'store/mongo-store.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'warn', 'preserve-caught-error': 'warn', '@typescript-eslint/no-unsafe-return': 'warn' },
  },
  { files: ['skills/write-model.ts'], rules: { '@typescript-eslint/no-unnecessary-type-assertion': 'warn' } },
  // Plain JavaScript config files at the root are not type-checked.
  { files: ['**/*.js', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  // The web chat's and the console's browser scripts (web/): plain scripts with the browser's globals.
  {
    files: ['web/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: Object.fromEntries(
        [
          'window',
          'document',
          'navigator',
          'localStorage',
          'sessionStorage',
          'location',
          'fetch',
          'crypto',
          'atob',
          'URL',
          'URLSearchParams',
          'AbortController',
          'TextDecoderStream',
          'EventSource',
          'setTimeout',
          'clearTimeout',
          'setInterval',
          'console',
          'Intl',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
  // dependency-cruiser reads a CommonJS config.
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } } },
);
