/**
 * Raw native DuckDB through @duckdb/node-api, in this Node process: the limit the workbench's native
 * path is measured against.
 *
 * Tables, not views: a fresh in-memory database loads the 8 Parquet files with
 * `CREATE TABLE x AS SELECT * FROM read_parquet(…)` (timed, reported as native ingestion), then runs
 * the queries over those tables. The WebAssembly pages also query in-memory tables, and views over
 * Parquet would make every query decompress and decode its Parquet columns again, which measures the
 * Parquet reader rather than the query engine and would not be the same work on both sides.
 * Default settings: DuckDB uses as many threads as the machine has cores.
 *
 * `inPlace`: views over the Parquet files instead, as the workbench's native engine reads them
 * (it never copies a user's files): the limit its native path is measured against.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import path from 'node:path';
import { tables } from './data.mjs';

const sqlString = (text) => `'${text.replaceAll("'", "''")}'`;

/** A DuckDB value as the reference answers write it (decimals with full scale, dates YYYY-MM-DD). */
const cellText = (value) => (value === null || value === undefined ? null : String(value));

/**
 * One run: load, one untimed warm-up pass of `queryIds`, one timed pass. A query's time is
 * `performance.now()` around `connection.runAndReadAll(sql)` (the whole result materialized, like
 * `conn.query` in the WebAssembly pages); converting the rows to text for the answer check is not timed.
 * Returns `{ load: { totalMs, perTableMs }, threads, queries: { qNN: { ms, rowCount, header, rows } } }`.
 */
export async function rawNativeRun({ parquetDir, queries, queryIds, inPlace = false }) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const perTableMs = {};
    const t0 = performance.now();
    for (const table of tables) {
      const started = performance.now();
      await connection.run(`CREATE ${inPlace ? 'VIEW' : 'TABLE'} "${table}" AS SELECT * FROM read_parquet(${sqlString(path.join(parquetDir, `${table}.parquet`))})`);
      perTableMs[table] = performance.now() - started;
    }
    const load = { totalMs: performance.now() - t0, perTableMs };
    const threads = Number((await connection.runAndReadAll("SELECT current_setting('threads')::INTEGER")).getRows()[0][0]);
    for (const id of queryIds) await connection.runAndReadAll(queries[id]);
    const results = {};
    for (const id of queryIds) {
      const started = performance.now();
      const reader = await connection.runAndReadAll(queries[id]);
      const ms = performance.now() - started;
      const rows = reader.getRows().map((row) => row.map(cellText));
      results[id] = { ms, rowCount: rows.length, header: reader.columnNames(), rows };
    }
    return { load, threads, queries: results };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
