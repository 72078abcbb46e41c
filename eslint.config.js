import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'http']

/**
 * Anything under src-renderer except its locale files, which are data both sides read: exports built in
 * main carry the same translated words as the screen.
 */
const RENDERER_CODE = '(^|/)src-renderer/(?!src/i18n/locales/[\\w/-]+\\.json$)'

/** Each top folder is one process; these rules keep their imports apart. */
const boundaries = [
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks to main only through window.api.' },
            {
              name: '@contract',
              message: 'The renderer imports only types from the contract.',
              allowTypeImports: true,
            },
          ],
          patterns: [
            { group: nodeBuiltins, message: 'The renderer runs in a sandboxed browser context.' },
            { group: ['**/src-main/**', '**/src-preload/**'], message: 'Use the contract types and window.api.' },
            {
              // closed-lists is zod-free and holds only the app's closed lists: the one contract module the
              // renderer may run.
              group: ['@contract/*', '!@contract/closed-lists'],
              message: 'The renderer imports only types from the contract (and its closed lists).',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-preload/contract/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The contract is shared by every process.' }],
          patterns: [
            {
              group: [...nodeBuiltins, 'react', 'react-dom', '**/src-main/**', '**/src-renderer/**'],
              message: 'The contract depends only on zod.',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer runs these at run time: they stay plain data, without zod or another contract module.
    files: ['src-preload/contract/closed-lists.ts', 'src-preload/contract/text-encodings.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', message: 'The closed lists are plain data the renderer runs.' }],
          patterns: [
            {
              group: [...nodeBuiltins, 'react', '**/src-main/**', '**/src-renderer/**', './*', '!./text-encodings'],
              message: 'The closed lists are plain data the renderer runs.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-preload/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...nodeBuiltins, '**/src-main/**', '**/src-renderer/**'],
              message: 'The sandboxed preload only bridges the contract.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: RENDERER_CODE,
              message: 'Main never imports renderer code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The core runs in plain Node: pass what it needs from the shell.' }],
          patterns: [
            {
              group: ['../**/handlers/**', '../**/cli/**'],
              message: 'The core does not know its callers.',
            },
            {
              regex: RENDERER_CODE,
              message: 'The core does not know its callers.',
            },
          ],
        },
      ],
    },
  },
]

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use a string union instead of an enum.' },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Migrations are frozen SQL against whatever schema existed then.
    files: ['src-main/core/db/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.test.ts', 'e2e/**/*.ts'],
    // Playwright fixtures must destructure their dependencies, even when there are none.
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', 'no-empty-pattern': 'off' },
  },
  { files: ['eslint.config.js', 'scripts/*.mjs'], ...tseslint.configs.disableTypeChecked },
  ...boundaries,
  prettier,
)
