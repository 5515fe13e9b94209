import { contextErrorOffset, utf8ByteOffset } from '../../../../shared/sql/errorPosition';
import { readDuckdbWasmError } from '../../../../shared/engine/inAppErrors';
import { EngineError, QueryCanceledError } from '../engine';
import { missingExtensionError } from './offlineExtensions';
import { unopenedFileError } from '../unopenedFile';

/**
 * Turns a DuckDB error into an EngineError. duckdb-wasm passes DuckDB's structured error as JSON
 * text (`{"exception_type":"Parser","exception_message":"…","position":"19"}`); the position is a
 * byte offset into the statement, which the editor turns into a marker. Other errors come as
 * formatted text; given the statement (`sql`), their position is read from DuckDB's context lines.
 */
export function engineErrorOf(error: unknown, sql?: string): EngineError {
  if (error instanceof EngineError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const parsed = readDuckdbWasmError(raw);
  if (!parsed) {
    const position = sql === undefined ? null : contextPosition(sql, raw);
    return missingExtensionError(raw, position) ?? unopenedFileError(raw, position) ?? new EngineError(raw, position);
  }
  const { message, position } = parsed;
  if (parsed.interrupted) return new QueryCanceledError(message);
  return missingExtensionError(message, position) ?? unopenedFileError(message, position) ?? new EngineError(message, position);
}

/** Binder and catalog errors come as text: their position is in DuckDB's context lines. */
function contextPosition(sql: string, message: string): number | null {
  const offset = contextErrorOffset(sql, message);
  return offset === null ? null : utf8ByteOffset(sql, offset);
}
