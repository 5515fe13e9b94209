import type * as duckdb from '@duckdb/duckdb-wasm';
import type { Schema } from 'apache-arrow';
import { labelMapBooleans } from '../../../../shared/engine/wasmArrow';
import { typeNamesSql } from '../../../../shared/sql/duckdbTypeTree';

/** DuckDB's type name of each column of `relation`, in order. Runs on the engine's connection, which must be free. */
export async function typeNamesOf(connection: duckdb.AsyncDuckDBConnection, relation: string): Promise<string[]> {
  const described = await connection.query(typeNamesSql(relation));
  return Array.from({ length: described.numRows }, (_, row) => String(described.getChild('column_type')?.get(row)));
}

/**
 * `schema` with the BOOLEANs duckdb-wasm leaves unlabelled inside a MAP labelled again, from
 * DuckDB's own type names of `relation` (shared/engine/wasmArrow.ts). Unchanged when they cannot be read.
 */
export async function withMapBooleansLabelled(connection: duckdb.AsyncDuckDBConnection, relation: string, schema: Schema): Promise<Schema> {
  return labelMapBooleans(schema, await typeNamesOf(connection, relation).catch(() => []));
}
