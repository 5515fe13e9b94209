/**
 * Monaco, bundled with the app (no loader, no CDN), with a DuckDB SQL language: PostgreSQL's
 * grammar from Monaco (DuckDB shares its quoting and comments) extended with DuckDB's own keywords
 * and functions once the engine can list them, and completion of tables, columns and functions.
 */
// First: Monaco reads its own words' language as it loads.
import './monacoLanguage';
import * as monaco from 'monaco-editor/editor/editor.api';
import './monacoFeatures';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { conf as pgsqlConf, language as pgsqlLanguage } from 'monaco-editor/languages/definitions/pgsql/pgsql';
import { onEngineVocabulary, vocabulary } from './editorVocabulary';
import type { EditorTable } from './editorTable';
import { quoteIdentifierIfNeeded } from '../../../../shared/sql/identifiers';

export { monaco };
export const sqlLanguageId = 'duckdb-sql';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

monaco.languages.register({ id: sqlLanguageId, aliases: ['DuckDB SQL', 'duckdb'], extensions: ['.sql'] });
monaco.languages.setLanguageConfiguration(sqlLanguageId, pgsqlConf);

/** Tokenizes with PostgreSQL's words and DuckDB's own keyword and function lists, once the engine has listed them. */
function tokenizeWithEngineVocabulary(): void {
  const base = pgsqlLanguage as { keywords: string[]; builtinFunctions: string[] };
  monaco.languages.setMonarchTokensProvider(sqlLanguageId, {
    ...pgsqlLanguage,
    keywords: [...new Set([...base.keywords, ...vocabulary.keywords.map((k) => k.toUpperCase())])],
    builtinFunctions: [...new Set([...base.builtinFunctions, ...vocabulary.functions])],
  } as monaco.languages.IMonarchLanguage);
}
// The engine may have listed its words before this chunk loaded.
tokenizeWithEngineVocabulary();
onEngineVocabulary(tokenizeWithEngineVocabulary);

/** Tables known to one model only, by its URI: asked for at each completion, so they stay current. */
const modelTables = new Map<string, () => EditorTable[]>();

/** Offers `tables()` in the completion of `uri`'s model, until the returned function is called. */
export function setModelTables(uri: monaco.Uri, tables: () => EditorTable[]): () => void {
  const key = uri.toString();
  modelTables.set(key, tables);
  return () => {
    if (modelTables.get(key) === tables) modelTables.delete(key);
  };
}

/** The catalog and the model's own tables; a name of the model's own hides the catalog's (it is what the model's SQL reads). */
function tablesFor(model: monaco.editor.ITextModel): EditorTable[] {
  const own = modelTables.get(model.uri.toString())?.() ?? [];
  if (own.length === 0) return vocabulary.tables;
  const ownNames = new Set(own.map((table) => table.name.toLowerCase()));
  return [...own, ...vocabulary.tables.filter((table) => !ownNames.has(table.name.toLowerCase()))];
}

monaco.languages.registerCompletionItemProvider(sqlLanguageId, {
  triggerCharacters: ['.', '"'],
  provideCompletionItems(model, position) {
    const word = model.getWordUntilPosition(position);
    const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
    const Kind = monaco.languages.CompletionItemKind;
    const before = model.getValueInRange(new monaco.Range(position.lineNumber, 1, position.lineNumber, word.startColumn));
    const tables = tablesFor(model);
    const qualifier = /("(?:[^"]|"")+"|[\p{L}\p{N}_]+)\.$/u.exec(before)?.[1];
    if (qualifier) {
      // After `table.`, offer that table's columns only.
      const tableName = qualifier.startsWith('"') ? qualifier.slice(1, -1).replaceAll('""', '"') : qualifier;
      const table = tables.find((t) => t.name.toLowerCase() === tableName.toLowerCase());
      return {
        suggestions: (table?.columns ?? []).map((column) => ({
          label: { label: column.name, description: column.type },
          kind: Kind.Field,
          insertText: quoteIdentifierIfNeeded(column.name),
          range,
        })),
      };
    }
    const suggestions: monaco.languages.CompletionItem[] = [];
    for (const table of tables) {
      suggestions.push({
        label: { label: table.name, description: table.description ?? table.kind },
        kind: Kind.Struct,
        insertText: quoteIdentifierIfNeeded(table.name),
        range,
        sortText: `1${table.name}`,
      });
      for (const column of table.columns) {
        suggestions.push({
          label: { label: column.name, description: `${table.name} · ${column.type}` },
          kind: Kind.Field,
          insertText: quoteIdentifierIfNeeded(column.name),
          range,
          sortText: `2${column.name}`,
        });
      }
    }
    for (const name of vocabulary.functions) {
      suggestions.push({ label: name, kind: Kind.Function, insertText: name, range, sortText: `3${name}` });
    }
    for (const keyword of vocabulary.keywords) {
      suggestions.push({ label: keyword.toUpperCase(), kind: Kind.Keyword, insertText: keyword.toUpperCase(), range, sortText: `4${keyword}` });
    }
    return { suggestions };
  },
});
