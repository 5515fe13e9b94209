import type { Table } from 'apache-arrow';
import { quoteIdentifier } from '../../../shared/sql/identifiers';

export interface CatalogColumn {
  name: string;
  type: string;
}

export interface CatalogTable {
  /** As shown: `database.table` for a table of an attached database file. */
  name: string;
  /** The attached database holding the table; absent for the engine's own tables and views. */
  database?: string;
  kind: 'table' | 'view';
  /**
   * The engine's own view of an opened file, not something the user made: on the native engine,
   * its temporary views (it makes one per opened file; see catalogFromRows). The in-app engine
   * loads files as tables of its own database and marks none: every temporary object there is the user's.
   */
  fileView?: true;
  columns: CatalogColumn[];
}

/**
 * The user's tables and views with their columns, on either engine: the main schema of every
 * database but the engine's own (system, and the native engine's scratch space for results and
 * imported Arrow files). Tables of other databases (DuckDB files the native engine attached)
 * come with their database's name; the engine's own database and temp views come without (a temp
 * view of the native engine's may be its view of an opened file: see CatalogTable.fileView).
 */
export const catalogSql = `
  SELECT t.table_name, t.table_type, c.column_name, c.data_type,
    CASE WHEN t.table_catalog IN (current_database(), 'temp') THEN NULL ELSE t.table_catalog END AS database_name,
    t.table_catalog = 'temp' AS temporary
  FROM information_schema.tables t
  JOIN information_schema.columns c USING (table_catalog, table_schema, table_name)
  WHERE t.table_schema = 'main' AND t.table_catalog NOT IN ('system', 'scratch', 'imports')
  ORDER BY database_name NULLS FIRST, t.table_name, c.ordinal_position`;

/** `fileViews`: the engine makes its views of opened files as temporary views (the native engine). */
export function catalogFromRows(result: Table, { fileViews }: { fileViews: 'temporaryViews' | 'none' }): CatalogTable[] {
  const tables = new Map<string, CatalogTable>();
  type Row = { table_name: string; table_type: string; column_name: string; data_type: string; database_name: string | null; temporary: boolean };
  for (const row of result.toArray() as Row[]) {
    const name = row.database_name ? `${row.database_name}.${row.table_name}` : row.table_name;
    let table = tables.get(name);
    if (!table) {
      table = { name, kind: row.table_type.includes('VIEW') ? 'view' : 'table', columns: [] };
      if (row.database_name) table.database = row.database_name;
      if (fileViews === 'temporaryViews' && row.temporary && table.kind === 'view') table.fileView = true;
      tables.set(name, table);
    }
    table.columns.push({ name: row.column_name, type: row.data_type });
  }
  return [...tables.values()];
}

/** The table as SQL FROM takes it: quoted, and qualified by its database when it has one. */
export function tableRelation(table: CatalogTable): string {
  if (!table.database) return quoteIdentifier(table.name);
  return `${quoteIdentifier(table.database)}.${quoteIdentifier(table.name.slice(table.database.length + 1))}`;
}

export const functionNamesSql = "SELECT DISTINCT function_name FROM duckdb_functions() WHERE NOT starts_with(function_name, '__') ORDER BY 1";
export const keywordsSql = 'SELECT keyword_name FROM duckdb_keywords() ORDER BY 1';

export function textsOf(table: { getChildAt(i: number): { toArray(): ArrayLike<unknown> } | null }): string[] {
  return Array.from(table.getChildAt(0)?.toArray() ?? [], String);
}
