/**
 * The in-app engine has no DuckDB extensions offline. Statements that would install or load one
 * are refused before they reach the engine (duckdb-wasm's LOAD downloads the extension, and its
 * INSTALL reports success without doing anything); errors about a missing extension are told in
 * the app's words, without DuckDB's hints to install it, and point to the native engine when it
 * has the extension.
 */
import { extensionOfStatement, missingExtensionOf, nativeEngineExtensions, withoutInstallHints } from '../../../../shared/engine/extensions';
import { splitStatements } from '../../../../shared/sql/statements';
import { t } from '../../i18n/i18n';
import { EngineError } from '../engine';

/** The refusal for a script with an INSTALL, LOAD or UPDATE EXTENSIONS statement; null otherwise. */
export function extensionStatementRefusal(sql: string): EngineError | null {
  for (const statement of splitStatements(sql)) {
    const extension = extensionOfStatement(statement.sql);
    if (extension === null) continue;
    if (extension === '') return new EngineError(t('extension.statementAll'));
    return nativeEngineExtensions.has(extension)
      ? new EngineError(t('extension.statementNative', { extension }), null, 'nativeEngine')
      : new EngineError(t('extension.statementNone', { extension }));
  }
  return null;
}

/** DuckDB's error about a missing extension, in the app's words; null for any other error. */
export function missingExtensionError(message: string, position: number | null): EngineError | null {
  const extension = missingExtensionOf(message);
  if (extension === null) return null;
  const detail = withoutInstallHints(message);
  return nativeEngineExtensions.has(extension)
    ? new EngineError(t('extension.missingNative', { detail, extension }), position, 'nativeEngine')
    : new EngineError(t('extension.missingNone', { detail, extension }), position);
}
