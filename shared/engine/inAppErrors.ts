/**
 * How the in-app engine's errors read, written once for the page's engine
 * (renderer/src/engine/wasm/engineErrors.ts) and the headless runner's (`--engine wasm`).
 */
import { extensionOfStatement, missingExtensionOf, nativeEngineExtensions, withoutInstallHints } from './extensions';
import { splitStatements } from '../sql/statements';
import { isInterruptType } from '../sql/duckdbErrors';

/** DuckDB's structured error as duckdb-wasm passes it. */
export interface DuckdbWasmError {
  /** DuckDB's words with their type, as DuckDB prints them: `Catalog Error: …`. */
  readonly message: string;
  /** A byte offset into the statement, when DuckDB gave one. */
  readonly position: number | null;
  /** The statement was interrupted (canceled), not wrong. */
  readonly interrupted: boolean;
}

/**
 * duckdb-wasm passes DuckDB's structured error as JSON text
 * (`{"exception_type":"Parser","exception_message":"…","position":"19"}`); null for an error that
 * comes as formatted text (its position is then in DuckDB's context lines).
 */
export function readDuckdbWasmError(raw: string): DuckdbWasmError | null {
  if (!raw.startsWith('{')) return null;
  let parsed: { exception_type?: string; exception_message?: string; position?: string };
  try {
    parsed = JSON.parse(raw) as typeof parsed;
  } catch {
    return null;
  }
  if (!parsed.exception_message) return null;
  const type = parsed.exception_type ?? '';
  const prefix = type === '' || type === 'Invalid' ? '' : `${type} Error: `;
  const position = parsed.position !== undefined && /^\d+$/.test(parsed.position) ? Number(parsed.position) : null;
  return { message: `${prefix}${parsed.exception_message}`, position, interrupted: isInterruptType(type) };
}

/** DuckDB's error about a missing extension, as the app tells it (a message key and its parameters); null for any other error. */
export interface MissingExtensionWords {
  readonly key: 'extension.missingNative' | 'extension.missingNone';
  readonly params: { detail: string; extension: string };
  /** The native engine has the extension built in (the page offers to switch to it). */
  readonly nativeHasIt: boolean;
}

export function missingExtensionWords(message: string): MissingExtensionWords | null {
  const extension = missingExtensionOf(message);
  if (extension === null) return null;
  const detail = withoutInstallHints(message);
  const nativeHasIt = nativeEngineExtensions.has(extension);
  return { key: nativeHasIt ? 'extension.missingNative' : 'extension.missingNone', params: { detail, extension }, nativeHasIt };
}

/** Why a script with INSTALL, LOAD or UPDATE EXTENSIONS is refused, as the app tells it; null for a script without one. */
export interface ExtensionStatementWords {
  readonly key: 'extension.statementAll' | 'extension.statementNative' | 'extension.statementNone';
  readonly params: { extension?: string };
  readonly nativeHasIt: boolean;
}

/**
 * The in-app engine never receives these statements: its LOAD would download the extension (and
 * on Node hang on a network that does not answer), its INSTALL reports success without doing anything.
 */
export function extensionStatementWords(sql: string): ExtensionStatementWords | null {
  for (const statement of splitStatements(sql)) {
    const extension = extensionOfStatement(statement.sql);
    if (extension === null) continue;
    if (extension === '') return { key: 'extension.statementAll', params: {}, nativeHasIt: false };
    const nativeHasIt = nativeEngineExtensions.has(extension);
    return { key: nativeHasIt ? 'extension.statementNative' : 'extension.statementNone', params: { extension }, nativeHasIt };
  }
  return null;
}
