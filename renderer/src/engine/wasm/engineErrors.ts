import { contextErrorOffset, utf8ByteOffset } from '../../../../shared/sql/errorPosition';
import { isInterruptType } from '../../../../shared/sql/duckdbErrors';
import { EngineError, QueryCanceledError } from '../engine';
import { missingExtensionError } from './offlineExtensions';
import { unopenedFileError } from '../unopenedFile';

interface DuckdbErrorJson {
  exception_type?: string;
  exception_message?: string;
  position?: string;
}

/**
 * Turns a DuckDB error into an EngineError. duckdb-wasm passes DuckDB's structured error as JSON
 * text (`{"exception_type":"Parser","exception_message":"…","position":"19"}`); the position is a
 * byte offset into the statement, which the editor turns into a marker. Other errors come as
 * formatted text; given the statement (`sql`), their position is read from DuckDB's context lines.
 */
export function engineErrorOf(error: unknown, sql?: string): EngineError {
  if (error instanceof EngineError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const parsed = parseJson(raw);
  if (!parsed?.exception_message) {
    const position = sql === undefined ? null : contextPosition(sql, raw);
    return missingExtensionError(raw, position) ?? unopenedFileError(raw, position) ?? new EngineError(raw, position);
  }
  const type = parsed.exception_type ?? '';
  const prefix = type === '' || type === 'Invalid' ? '' : `${type} Error: `;
  if (isInterruptType(type)) return new QueryCanceledError(`${prefix}${parsed.exception_message}`);
  const position = parsed.position !== undefined && /^\d+$/.test(parsed.position) ? Number(parsed.position) : null;
  const message = `${prefix}${parsed.exception_message}`;
  return missingExtensionError(message, position) ?? unopenedFileError(message, position) ?? new EngineError(message, position);
}

/** Binder and catalog errors come as text: their position is in DuckDB's context lines. */
function contextPosition(sql: string, message: string): number | null {
  const offset = contextErrorOffset(sql, message);
  return offset === null ? null : utf8ByteOffset(sql, offset);
}

function parseJson(text: string): DuckdbErrorJson | null {
  if (!text.startsWith('{')) return null;
  try {
    return JSON.parse(text) as DuckdbErrorJson;
  } catch {
    return null;
  }
}

