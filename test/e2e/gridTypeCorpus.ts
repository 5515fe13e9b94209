/**
 * The type corpus the end-to-end tests run through the real UI: every type the grid renders, with
 * its extremes, NaN, infinities, time zones, nested values and a NULL of each. Shared by the grid
 * and copy test (typeCorpus.spec.ts) and the export test (exportCorpus.spec.ts); the expected text
 * is always native DuckDB's own CAST(x AS VARCHAR), computed here from the same SQL.
 */
import { DuckDBInstance } from '@duckdb/node-api';

/** [DuckDB type, SQL literals]: each column gets its values, then NULLs to fill the rows. */
export type Column = [type: string, values: string[]];

export const batches: Column[][] = [
  [
    ['BOOLEAN', ['true', 'false']],
    ['TINYINT', ['-128', '127']],
    ['SMALLINT', ['-32768', '32767']],
    ['INTEGER', ['-2147483648', '2147483647']],
    ['BIGINT', ['-9223372036854775808', '9223372036854775807', '9007199254740993']],
    ['UBIGINT', ['18446744073709551615', '0']],
    ['HUGEINT', ['170141183460469231731687303715884105727', '-170141183460469231731687303715884105727']],
    ['UHUGEINT', ['340282366920938463463374607431768211455', '0']],
    ['DECIMAL(18,3)', ['-123456789012345.678', '0.001']],
    ['DECIMAL(38,10)', ["'1234567890123456789012345678.0123456789'", "'-0.0000000001'"]],
    ['FLOAT', ["'inf'", "'-inf'", "'nan'", '1.5e-45']],
    ['DOUBLE', ["'infinity'", "'-infinity'", "'nan'", '1e308', '-0.0', '0.1']],
  ],
  [
    ['VARCHAR', [`'a, "b"'`, "''", "'NULL'", "'é中 ٣'"]],
    ['BLOB', ["'\\x00\\xFF'", "'abc'"]],
    ['UUID', ["'12345678-1234-5678-1234-567812345678'", "'ffffffff-ffff-ffff-ffff-ffffffffffff'"]],
    ['DATE', ["'1970-01-01'", "'infinity'", "'-infinity'", "'0001-01-01'"]],
    ['TIME', ["'23:59:59.999999'", "'00:00:00'"]],
    ['TIMESTAMP', ["'2024-02-29 12:34:56.123456'", "'infinity'", "'1969-12-31 23:59:59'"]],
    ['TIMESTAMP_NS', ["'2024-01-02 03:04:05.123456789'"]],
    ['TIMESTAMP_S', ["'2024-01-02 03:04:05'"]],
    ['TIMESTAMPTZ', ["'2024-01-01 00:00:00+05:30'", "'-infinity'"]],
    ['TIMETZ', ["'12:00:00+05:30'", "'01:02:03-08:00'"]],
    ['INTERVAL', ["'1 year 2 months 3 days 04:05:06.789'", "'-1 day'"]],
    ['BIT', ["'0101'", "'1'"]],
  ],
  [
    ['INTEGER[]', ['[1, NULL, 3]', '[]']],
    ['VARCHAR[]', ["['a,b', NULL, '']"]],
    ['BOOLEAN[]', ['[true, false, NULL]']],
    ['STRUCT(a INTEGER, b VARCHAR)', ["{'a': 1, 'b': 'x y'}", "{'a': NULL, 'b': NULL}"]],
    ['STRUCT(f BOOLEAN, u UUID)', ["{'f': true, 'u': '00000000-0000-0000-0000-000000000001'}"]],
    ['MAP(VARCHAR, INTEGER)', ["MAP {'k': 1, 'l': NULL}", 'MAP {}']],
    // duckdb-wasm sends a BOOLEAN inside a MAP unlabelled, as TINYINT bits (shared/engine/wasmArrow.ts).
    ['MAP(VARCHAR, BOOLEAN)', ["MAP {'t': true, 'f': false, 'n': NULL}", 'MAP {}']],
    ['INTEGER[2]', ['[1, 2]']],
    ['UNION(n INTEGER, s VARCHAR)', ['union_value(n := 1)', "union_value(s := 'x')"]],
    ['HUGEINT[]', ['[-1, 170141183460469231731687303715884105727]']],
    ['DATE[]', ["['2024-02-29', 'infinity']"]],
  ],
];

/** The batch as one query: a column per type (named after it), its values, then a row of NULLs. */
export function batchSql(columns: Column[]): string {
  const rowCount = Math.max(...columns.map(([, values]) => values.length)) + 1;
  const rows = Array.from({ length: rowCount }, (_, row) =>
    `(${[String(row), ...columns.map(([type, values]) => `CAST(${values[row] ?? 'NULL'} AS ${type})`)].join(', ')})`,
  );
  const names = columns.map(([type]) => `"${type.replaceAll('"', '""')}"`);
  return `SELECT ${names.join(', ')} FROM (VALUES ${rows.join(', ')}) t(i, ${names.join(', ')}) ORDER BY i`;
}

/** Native DuckDB's CAST(x AS VARCHAR) of every cell (null for NULL), in UTC like the in-app engine. */
export async function expectedCells(sql: string, columnCount: number): Promise<(string | null)[][]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    const cast = Array.from({ length: columnCount }, (_, c) => `CAST(#${c + 1} AS VARCHAR)`).join(', ');
    const reader = await connection.runAndReadAll(`SELECT ${cast} FROM (${sql})`);
    return reader.getRows().map((row) => row.map((cell) => (cell === null ? null : String(cell))));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

