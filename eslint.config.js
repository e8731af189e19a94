import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const electronImport = {
  paths: [{ name: 'electron', message: 'Only electron/main and electron/preload may import electron: the backend must run in plain Node (CLI, tests, demo).' }],
  patterns: [{ group: ['electron/*'], message: 'Only electron/main and electron/preload may import electron.' }],
};

// Every write goes through the change log (electron/backend/changelog): nothing else may build a write.
const WRITE = '^\\s*(insert|update|delete|replace|upsert)\\b';
const writeOutsideLog = (what) => `${what} outside electron/backend/changelog: every write goes through the change log (WriteContext), so that audit and sync see it.`;
const noWritesAroundTheLog = [
  'error',
  {
    selector: 'CallExpression > MemberExpression.callee > Identifier.property[name=/^(insertInto|updateTable|deleteFrom|replaceInto|mergeInto)$/]',
    message: writeOutsideLog('A Kysely write'),
  },
  {
    selector: `TaggedTemplateExpression[tag.name='sql'] > TemplateLiteral.quasi > TemplateElement:first-child[value.raw=/${WRITE}/i]`,
    message: writeOutsideLog('A raw SQL write'),
  },
  {
    selector: `CallExpression[callee.property.name='raw'] > Literal.arguments:first-child[value=/${WRITE}/i]`,
    message: writeOutsideLog('A raw SQL write'),
  },
  {
    selector: `CallExpression[callee.property.name='raw'] > TemplateLiteral.arguments:first-child > TemplateElement:first-child[value.raw=/${WRITE}/i]`,
    message: writeOutsideLog('A raw SQL write'),
  },
];

export default tseslint.config(
  {
    ignores: [
      'out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.bench/**',
      // The bundled config electron-vite writes beside its source while a build runs (npm test lints during the build).
      'electron.vite.config.ts.*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['electron/backend/**', 'electron/shared/**', 'electron/cli.ts', 'electron/demo.ts', 'migrations/**', 'tests/**'],
    rules: { 'no-restricted-imports': ['error', electronImport] },
  },
  {
    files: ['electron/**/*.ts'],
    // Head office (PostgreSQL) writes in its own folder, each through hqWrite, which logs it in hq_log.
    ignores: ['electron/backend/changelog/**', 'electron/backend/db/migrator.ts', 'electron/backend/hq/writes/**'],
    rules: { 'no-restricted-syntax': noWritesAroundTheLog },
  },
  {
    files: ['migrations/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { ...electronImport, patterns: [...electronImport.patterns, { group: ['../electron/*', '../../electron/*'], message: 'Migrations are frozen in time: never import app code.' }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer never touches Electron: call the API client.' }],
          patterns: [
            {
              group: ['node:*', '**/electron/backend/**', '**/electron/main/**', '**/electron/preload/**'],
              message: 'The renderer never touches Node, Electron or the backend: call the API client.',
            },
          ],
        },
      ],
    },
  },
);
