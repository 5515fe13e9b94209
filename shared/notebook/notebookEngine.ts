/**
 * What the notebook run loop needs of an engine, and no more: run a statement and get its first
 * rows, store a named result where later statements read it by name, and ask DuckDB's parser what
 * a statement reads. The headless runner implements it over the native session; the page will
 * implement it over its own engines. Paths relative to the notebook's folder are the engine's
 * business (it knows where the notebook is and what it may read).
 */
import type { NamesRead } from './dependencyGraph';

/** A result as the notebook keeps it for display and export: the first rows as DuckDB prints them. */
export interface NotebookTable {
  readonly columns: readonly string[];
  /** DuckDB's type names, e.g. `INTEGER`, `DECIMAL(18,2)`. */
  readonly types: readonly string[];
  /** The first rows, each value as text (null for SQL NULL). */
  readonly rows: readonly (readonly (string | null)[])[];
  /** All the rows the statement returned. */
  readonly rowCount: number;
}

export interface RunOptions {
  /** Rows to keep of the result (the rest are counted, not kept). */
  readonly maxRows: number;
  readonly signal: AbortSignal;
}

export interface NotebookEngine {
  /** Runs one statement and returns its first `maxRows` rows. Rejects with DuckDB's message. */
  query(sql: string, options: RunOptions): Promise<NotebookTable>;
  /** Stores the statement's result as `name` (a temporary table) for later statements to read. */
  materialize(name: string, sql: string, options: { signal: AbortSignal }): Promise<void>;
  /** DuckDB's parser: the tables a statement reads. */
  readonly namesRead: NamesRead;
  /** Tables already open in the workbench (a cell name that collides with one is reported). */
  openedTables(): Promise<string[]>;
}

/** Thrown by engines when a statement stopped because its signal was aborted. */
export class CellCanceled extends Error {
  constructor() {
    super('canceled');
    this.name = 'CellCanceled';
  }
}

/** DuckDB's numeric types: their text is written as numbers into chart data and notebook exports. */
export function isNumericType(type: string): boolean {
  const base = type.replace(/\(.*$/, '').trim().toUpperCase();
  return ['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT', 'FLOAT', 'DOUBLE', 'DECIMAL'].includes(base);
}

/** A result's rows as objects, numbers as numbers: Vega-Lite's inline `data.values`. */
export function tableAsRecords(table: NotebookTable): Record<string, string | number | null>[] {
  const numeric = table.types.map(isNumericType);
  return table.rows.map((row) => {
    const record: Record<string, string | number | null> = {};
    table.columns.forEach((column, i) => {
      const value = row[i] ?? null;
      const number = value !== null && numeric[i] ? Number(value) : NaN;
      record[column] = value === null ? null : numeric[i] && Number.isFinite(number) ? number : value;
    });
    return record;
  });
}
