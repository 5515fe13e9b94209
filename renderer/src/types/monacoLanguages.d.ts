// Monaco ships its language grammars without type declarations.
declare module 'monaco-editor/languages/definitions/pgsql/pgsql' {
  import type { languages } from 'monaco-editor/editor/editor.api';
  export const conf: languages.LanguageConfiguration;
  export const language: languages.IMonarchLanguage & { keywords: string[]; builtinFunctions: string[] };
}

// Monaco's words in Arabic, made at build time by scripts/build/monacoMessages.ts (a sparse array).
declare module 'virtual:monaco-messages-ar' {
  const messages: (string | null)[];
  export default messages;
}
