/**
 * Monaco's own words (menus, the find box, the completion list, screen-reader hints) in the app's
 * language. Monaco reads them from `globalThis._VSCODE_NLS_MESSAGES`, an array indexed by numbers
 * that change with every Monaco release. French is one of Monaco's own packs. Arabic is not, so our
 * Arabic translations are keyed by Monaco's English text, and this build step finds each text's
 * numbers in the installed Monaco's sources (`localize(1019, "Find")`), giving the page a sparse
 * array: a number it lacks falls back to Monaco's English.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import type { Plugin } from 'vite';

/** `localize(N, "text"` or `localize2(N, 'text'`: the number and the string literal as written. */
const localizeCall = /\blocalize2?\(\s*(\d+)\s*,\s*("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/g;

/** Monaco's English messages: each text, and every number it is looked up by. */
export function monacoEnglishMessages(monacoRoot: string): Map<string, number[]> {
  const byText = new Map<string, number[]>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.js')) {
        for (const [, index, literal] of readFileSync(file, 'utf8').matchAll(localizeCall)) {
          // A string literal from Monaco's own sources, evaluated alone in an empty context.
          const text = runInNewContext(literal!) as string;
          const numbers = byText.get(text) ?? [];
          if (!numbers.includes(Number(index))) numbers.push(Number(index));
          byText.set(text, numbers);
        }
      }
    }
  };
  walk(path.join(monacoRoot, 'esm/vs'));
  return byText;
}

/** The array Monaco reads, with `translations` (English text → translation) at their numbers, and the texts Monaco does not have. */
export function messagesArray(translations: Readonly<Record<string, string>>, english: Map<string, number[]>): { messages: (string | null)[]; missing: string[] } {
  const messages: (string | null)[] = [];
  const missing: string[] = [];
  for (const [text, translated] of Object.entries(translations)) {
    const numbers = english.get(text);
    if (!numbers) missing.push(text);
    for (const index of numbers ?? []) messages[index] = translated;
  }
  return { messages: Array.from(messages, (message) => message ?? null), missing };
}

/** The array of one of Monaco's own packs (`fr`, `de`…), read as the page would get it. */
export function monacoPackMessages(monacoRoot: string, language: string): string[] {
  const page: { _VSCODE_NLS_MESSAGES?: string[] } = {};
  runInNewContext(readFileSync(path.join(monacoRoot, `esm/vs/nls/lang/${language}.js`), 'utf8'), page);
  return page._VSCODE_NLS_MESSAGES ?? [];
}

const virtualId = 'virtual:monaco-messages-ar';

/** `import arabic from 'virtual:monaco-messages-ar'`: Monaco's array for Arabic, made at build time. */
export function monacoArabicMessages(monacoRoot: string, translations: Readonly<Record<string, string>>): Plugin {
  return {
    name: 'data-lab:monaco-messages-ar',
    resolveId: (id) => (id === virtualId ? `\0${virtualId}` : null),
    load(id) {
      if (id !== `\0${virtualId}`) return null;
      const { messages, missing } = messagesArray(translations, monacoEnglishMessages(monacoRoot));
      // A text Monaco no longer has (an upgrade reworded it) would silently stay English.
      if (missing.length > 0) this.error(`Monaco has no message ${missing.map((text) => JSON.stringify(text)).join(', ')}: update renderer/src/features/editor/monacoArabic.ts`);
      return `export default ${JSON.stringify(messages)};`;
    },
  };
}
