import type { Table } from 'apache-arrow';
import type { CatalogTable } from './engine';

/**
 * The user's tables and views with their columns, on either engine: the main schema of every
 * database but the engine's own (system, and the native engine's scratch space for results).
 */
export const catalogSql = `
  SELECT t.table_name, t.table_type, c.column_name, c.data_type
  FROM information_schema.tables t
  JOIN information_schema.columns c USING (table_catalog, table_schema, table_name)
  WHERE t.table_schema = 'main' AND t.table_catalog NOT IN ('system', 'scratch')
  ORDER BY t.table_name, c.ordinal_position`;

export function catalogFromRows(result: Table): CatalogTable[] {
  const tables = new Map<string, CatalogTable>();
  for (const row of result.toArray() as { table_name: string; table_type: string; column_name: string; data_type: string }[]) {
    let table = tables.get(row.table_name);
    if (!table) {
      table = { name: row.table_name, kind: row.table_type.includes('VIEW') ? 'view' : 'table', columns: [] };
      tables.set(row.table_name, table);
    }
    table.columns.push({ name: row.column_name, type: row.data_type });
  }
  return [...tables.values()];
}

export const functionNamesSql = "SELECT DISTINCT function_name FROM duckdb_functions() WHERE NOT starts_with(function_name, '__') ORDER BY 1";
export const keywordsSql = 'SELECT keyword_name FROM duckdb_keywords() ORDER BY 1';

export function textsOf(table: { getChildAt(i: number): { toArray(): ArrayLike<unknown> } | null }): string[] {
  return Array.from(table.getChildAt(0)?.toArray() ?? [], String);
}
