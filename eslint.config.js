import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * The layering rule of ../STYLE.md, enforced: shared/ is plain TypeScript (no Node, no DOM, no
 * Electron, no React); renderer/ and electron/ never import each other.
 */
/**
 * No user-visible literal text in JSX: text nodes, `{'…'}` children and the attributes a user sees
 * or hears (title, aria-label, placeholder, alt…) must come from `t(key)`, so every word is
 * translated. Text without letters (…, ↑, ·, digits) passes. eslint-plugin-react is not installed;
 * this small rule is ours.
 */
const visibleAttributes = new Set(['title', 'aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'placeholder', 'alt', 'label']);
const hasLetters = (text) => /\p{L}/u.test(text);
const noJsxLiterals = {
  meta: { type: 'problem', messages: { literal: 'User-visible text must come from t(key) (shared/i18n/messages.en.ts): “{{text}}”.' } },
  create(context) {
    const report = (node, text) => context.report({ node, messageId: 'literal', data: { text: text.trim().slice(0, 40) } });
    const literalText = (node) => {
      if (node?.type === 'Literal' && typeof node.value === 'string') return node.value;
      if (node?.type === 'TemplateLiteral') return node.quasis.map((quasi) => quasi.value.cooked ?? '').join(' ');
      return null;
    };
    return {
      JSXText(node) {
        if (hasLetters(node.value)) report(node, node.value);
      },
      JSXExpressionContainer(node) {
        if (node.parent?.type !== 'JSXElement' && node.parent?.type !== 'JSXFragment') return;
        const text = literalText(node.expression);
        if (text !== null && hasLetters(text)) report(node, text);
      },
      JSXAttribute(node) {
        const name = typeof node.name.name === 'string' ? node.name.name : '';
        if (!visibleAttributes.has(name)) return;
        const text = node.value?.type === 'JSXExpressionContainer' ? literalText(node.value.expression) : literalText(node.value);
        if (text !== null && hasLetters(text)) report(node, text);
      },
    };
  },
};

const noNode = { group: ['node:*', 'electron', 'fs', 'path', 'os', 'child_process'], message: 'This layer may not use Node or Electron.' };
const rendererImportPatterns = [noNode, { group: ['**/electron/**'], message: 'The renderer reaches the main side only through its host client.' }];
/** The modules of the editors' chunk (renderer/src/features/editor/editors.ts and what it imports of ours). */
const editorsChunkModules = ['editors', 'SqlEditor', 'SqlCellEditor', 'monacoSetup', 'monacoFeatures', 'monacoLanguage', 'sqlEditorOptions'];

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
    plugins: { 'react-hooks': reactHooks, 'data-lab': { rules: { 'no-jsx-literals': noJsxLiterals } } },
    rules: {
      'data-lab/no-jsx-literals': 'error',
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': ['error', { patterns: rendererImportPatterns }],
    },
  },
  {
    // Monaco stays in the editors' chunk (renderer/src/features/editor/lazyEditors.tsx): a value
    // import of it, or of an editor built on it, from any other module would pull it back into the
    // entry, and nothing else would notice. Types may be imported anywhere.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: [`renderer/src/features/editor/{${editorsChunkModules.join(',')}}.{ts,tsx}`],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...rendererImportPatterns,
            {
              group: ['monaco-editor', 'monaco-editor/**', ...editorsChunkModules.map((name) => `**/editor/${name}`), './editors'],
              allowTypeImports: true,
              message: 'Monaco and the editors built on it load in their own chunk: import them from features/editor/lazyEditors.',
            },
          ],
        },
      ],
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
