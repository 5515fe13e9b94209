import type { CatalogTable } from '../../engine/engine';

/**
 * What completion and highlighting know besides SQL itself: the catalog's tables, and the
 * engine's own functions and keywords. Kept apart from Monaco so that the app can set them before
 * the editors' chunk has loaded (see lazyEditors.tsx); monacoSetup reads them and follows changes.
 */
export interface Vocabulary {
  tables: CatalogTable[];
  functions: string[];
  keywords: string[];
}

export const vocabulary: Vocabulary = { tables: [], functions: [], keywords: [] };

const engineVocabularyListeners = new Set<() => void>();

/** The engine's functions and keywords; the editor re-tokenizes with them. */
export function setEngineVocabulary(functions: string[], keywords: string[]): void {
  vocabulary.functions = functions;
  vocabulary.keywords = keywords;
  for (const listener of engineVocabularyListeners) listener();
}

export function setCatalogVocabulary(tables: CatalogTable[]): void {
  vocabulary.tables = tables;
}

/** Calls `listener` after each setEngineVocabulary, until the returned function is called. */
export function onEngineVocabulary(listener: () => void): () => void {
  engineVocabularyListeners.add(listener);
  return () => engineVocabularyListeners.delete(listener);
}
