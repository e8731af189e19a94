import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const electronImport = {
  paths: [{ name: 'electron', message: 'Only electron/main and electron/preload may import electron: the backend must run in plain Node (CLI, tests, demo).' }],
  patterns: [{ group: ['electron/*'], message: 'Only electron/main and electron/preload may import electron.' }],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.bench/**'] },
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
