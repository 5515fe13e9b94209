/**
 * DuckDB database files the user opened, attached read-only to the native instance under the
 * dataset's table name, so their tables read as `alias.table`. Attaching is refused once the
 * instance is locked down, so it happens when the instance is opened: opening another database
 * file reopens the instance (see `attachmentKey`).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import path from 'node:path';
import { quoteIdentifier, quoteLiteral } from '../../../shared/sql/identifiers';
import type { NativeTableSource } from './nativeProtocol';

/** What the instance must be reopened for: the database files and the names they are attached under. */
export function attachmentKey(tables: readonly NativeTableSource[]): string[][] {
  return tables
    .filter((table) => table.format === 'duckdb')
    .map((table) => [table.table, table.path])
    .sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/**
 * Attaches every database file among `tables`, read-only. One that cannot be attached (not a
 * DuckDB file, a newer storage version, a name already taken) is reported by table, not fatal.
 */
export async function attachDatabases(
  connection: DuckDBConnection,
  tables: readonly NativeTableSource[],
  settingUp: (table: string) => Promise<void> = async () => undefined,
): Promise<Map<string, string>> {
  const failures = new Map<string, string>();
  for (const table of tables) {
    if (table.format !== 'duckdb') continue;
    try {
      await settingUp(table.table);
      await connection.run(`ATTACH ${quoteLiteral(table.path)} AS ${quoteIdentifier(table.table)} (READ_ONLY)`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      failures.set(table.table, `${path.basename(table.path)} cannot be opened as a DuckDB database: ${reason}`);
    }
  }
  return failures;
}
