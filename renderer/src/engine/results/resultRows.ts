import type { DataType, Schema } from 'apache-arrow';
import type { ResultView } from '../../../../shared/sql/resultView';
import { duckdbTypeName, type FormattedCell } from '../../../../shared/values/cellFormat';

export interface ResultColumn {
  name: string;
  /** DuckDB's name for the column's type, shown in the header. */
  typeName: string;
  type: DataType;
}

/**
 * The rows of one result as the grid reads them: a window at a time. An in-app result holds all
 * its rows; a native one fetches windows from the main side and keeps only a few, so a result of
 * ten million rows costs the renderer no more memory than one of a thousand.
 */
export interface ResultRows {
  readonly columns: readonly ResultColumn[];
  /** Rows known so far (it grows while the statement runs). */
  readonly rowCount: number;
  /** The cell's text, or null while its row is being fetched. */
  cell(row: number, column: number): FormattedCell | null;
  /** Asks for rows first..last (inclusive) to be fetched; listeners hear when they arrive. */
  request(first: number, last: number): void;
  /** Fetches rows first..last and resolves when they can be read (copying a whole result). */
  load(first: number, last: number): Promise<void>;
  /** Called when rows arrive or the row count grows. */
  onChange(listener: () => void): () => void;
  /** Why rows could not be fetched (the engine restarted, the result was dropped…), if they could not. */
  readonly error?: Error | null;
}

/** A statement's result: its rows, and what the engine can do with it next. */
export interface QueryResult {
  readonly rows: ResultRows;
  /** Settles when every row is known; rejects when computing the rest failed. */
  readonly finished: Promise<void>;
  /** The result as SQL FROM can take (for profiles and exports); null when the engine cannot refer to it. */
  readonly relation: string | null;
  /**
   * The same rows sorted or filtered by the engine; null when that would run the statement again
   * and it must not (it writes, or changes a sequence), so the grid offers no sort or filter.
   */
  readonly withView: ((view: ResultView) => Promise<QueryResult>) | null;
  /** Frees what the engine keeps for this result. */
  release(): void;
}

/**
 * Columns of a result from its Arrow schema; DuckDB's type names come from the engine when it
 * can tell them, else from the Arrow type.
 */
export function columnsOf(schema: Schema, typeNames?: readonly string[] | null): ResultColumn[] {
  const named = typeNames ?? schemaTypeNames(schema);
  return schema.fields.map((field, index) => ({
    name: field.name,
    typeName: named?.[index] ?? duckdbTypeName(field.type, field.metadata),
    type: field.type,
  }));
}

/** The type names the native engine puts in a schema's metadata (DuckDB's own). */
function schemaTypeNames(schema: Schema): string[] | null {
  const raw = schema.metadata.get('duckdb.column_types');
  if (!raw) return null;
  try {
    const names: unknown = JSON.parse(raw);
    return Array.isArray(names) && names.every((name) => typeof name === 'string') ? names : null;
  } catch {
    return null;
  }
}
