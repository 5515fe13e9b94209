/**
 * The in-app engine has no DuckDB extensions offline. Statements that would install or load one
 * are refused before they reach the engine (duckdb-wasm's LOAD downloads the extension, and its
 * INSTALL reports success without doing anything); errors about a missing extension are told in
 * the app's words, without DuckDB's hints to install it, and point to the native engine when it
 * has the extension.
 */
import { extensionStatementWords, missingExtensionWords } from '../../../../shared/engine/inAppErrors';
import { t } from '../../i18n/i18n';
import { EngineError } from '../engine';

/** The refusal for a script with an INSTALL, LOAD or UPDATE EXTENSIONS statement; null otherwise. */
export function extensionStatementRefusal(sql: string): EngineError | null {
  const words = extensionStatementWords(sql);
  return words && new EngineError(t(words.key, words.params), null, words.nativeHasIt ? 'nativeEngine' : null);
}

/** DuckDB's error about a missing extension, in the app's words; null for any other error. */
export function missingExtensionError(message: string, position: number | null): EngineError | null {
  const words = missingExtensionWords(message);
  if (words === null) return null;
  return new EngineError(t(words.key, words.params), position, words.nativeHasIt ? 'nativeEngine' : null);
}
