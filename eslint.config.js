import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * The layering rule of ../STYLE.md, enforced: shared/ is plain TypeScript (no Node, no DOM, no
 * Electron, no React); renderer/ and electron/ never import each other.
 */
const noNode = { group: ['node:*', 'electron', 'fs', 'path', 'os', 'child_process'], message: 'This layer may not use Node or Electron.' };

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noNode, { group: ['react', 'react-dom', '**/renderer/**', '**/electron/**'], message: 'shared/ depends on nothing of ours.' }] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': ['error', { patterns: [noNode, { group: ['**/electron/**'], message: 'The renderer reaches the main side only through its host client.' }] }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/app/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron'], message: 'Only electron/app and electron/preload may import Electron: the host core must run without it.' }, { group: ['**/renderer/**'], message: 'The main side does not import the renderer.' }] }],
    },
  },
);
