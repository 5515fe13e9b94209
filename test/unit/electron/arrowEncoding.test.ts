import { DuckDBInstance, type DuckDBConnection, type DuckDBDataChunk, type DuckDBVarCharVector } from '@duckdb/node-api';
import { tableFromIPC, type Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMN_TYPES_METADATA_KEY, encodeArrowIpc, type EncodedColumn } from '../../../electron/host/native/arrowEncoding';
import { createCellFormatter, type FormattedCell } from '../../../shared/values/cellFormat';
import { openWasmDuckdb, type WasmDuckdb } from '../support/wasmDuckdb';
import { typeCorpus, typeCorpusSetup } from '../../support/typeCorpus';

let instance: DuckDBInstance;
let native: DuckDBConnection;
let wasm: WasmDuckdb;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  native = await instance.connect();
  // Native TIMESTAMPTZ text follows the session's zone (ICU is built in); wasm has no ICU and works in UTC.
  await native.run(`SET TimeZone = 'UTC'`);
  wasm = await openWasmDuckdb();
  for (const sql of typeCorpusSetup) {
    await native.run(sql);
    await wasm.query(sql);
  }
});

afterAll(async () => {
  native.closeSync();
  instance.closeSync();
  await wasm.close();
});

interface NativeResult {
  columns: EncodedColumn[];
  chunks: DuckDBDataChunk[];
}

async function runNative(sql: string): Promise<NativeResult> {
  const result = await native.stream(sql);
  const names = result.columnNames();
  const types = result.columnTypes();
  const chunks: DuckDBDataChunk[] = [];
  for (let chunk = await result.fetchChunk(); chunk; chunk = await result.fetchChunk()) {
    if (chunk.rowCount === 0) break;
    chunks.push(chunk);
  }
  return { columns: names.map((name, i) => ({ name, type: types[i]! })), chunks };
}

/** Every cell of the table as cellFormat shows it; null for SQL NULL. */
function texts(table: Table): (string | null)[][] {
  return table.schema.fields.map((field, c) => {
    const format = createCellFormatter(field.type, field.metadata);
    const vector = table.getChildAt(c)!;
    return Array.from({ length: table.numRows }, (_, row) => cellText(format.at(vector, row)));
  });
}

function cellText(cell: FormattedCell): string | null {
  return cell.kind === 'null' ? null : cell.text;
}

interface Encoded {
  table: Table;
  /** Per column, DuckDB's own CAST(x AS VARCHAR) of each row, read from the same result. */
  casts: (string | null)[][];
  chunkCount: number;
}

/** Runs the query natively with its casts beside it (one result, so the rows line up), encodes the values. */
async function encodeNative(sql: string): Promise<Encoded> {
  const { columns, chunks } = await runNative(`SELECT *, CAST(COLUMNS(*) AS VARCHAR) FROM (${sql})`);
  const width = columns.length / 2;
  const table = tableFromIPC(encodeArrowIpc(columns.slice(0, width), chunks));
  const casts = Array.from({ length: width }, (_, c) =>
    chunks.flatMap((chunk) => {
      const vector = chunk.getColumnVector(width + c) as DuckDBVarCharVector;
      return Array.from({ length: chunk.rowCount }, (_, row) => vector.getItem(row));
    }),
  );
  return { table, casts, chunkCount: chunks.length };
}

describe('every type prints as native CAST(x AS VARCHAR) and as duckdb-wasm does', () => {
  it.each(typeCorpus)('%s', async (_name, sql, wasmCheck = 'engine') => {
    const { table, casts } = await encodeNative(sql);
    const encoded = texts(table);
    expect(encoded[0]!.length).toBeGreaterThanOrEqual(150);
    expect(encoded).toEqual(casts);
    if (wasmCheck !== 'none') {
      const reference = texts(await wasm.queryIpc(sql));
      expect(encoded).toEqual(reference);
    }
    // Some NULLs, some values: the corpus really exercises both.
    for (const column of encoded) {
      expect(column).toContain(null);
      expect(column.some((text) => text !== null)).toBe(true);
    }
  });
});

it('names each column in schema metadata as DuckDB names its type', async () => {
  const sql = `SELECT 1::DECIMAL(15,2) AS a, {'a': 1, 'b': 'x'} AS b, row(1, 'a') AS c, {'select': 1, 'a b': 2} AS d,
    union_value(n := 1)::UNION(n INTEGER, s VARCHAR) AS e, 'ok'::mood AS f, '{}'::JSON AS g, [1, 2]::INTEGER[2] AS h,
    MAP {'a': [1]} AS i, '12:00:00+02'::TIMETZ AS j, now() AS k, 1::BIGNUM AS l, uuid() AS m`;
  const { columns, chunks } = await runNative(sql);
  const table = tableFromIPC(encodeArrowIpc(columns, chunks));
  const names = JSON.parse(table.schema.metadata.get(COLUMN_TYPES_METADATA_KEY) ?? '[]') as string[];
  const { chunks: typeChunks } = await runNative(`SELECT typeof(COLUMNS(*)) FROM (${sql})`);
  const typeofs = columns.map((_, c) => (typeChunks[0]!.getColumnVector(c) as DuckDBVarCharVector).getItem(0));
  expect(names).toEqual(typeofs);
  expect(names.slice(0, 4)).toEqual(['DECIMAL(15,2)', 'STRUCT(a INTEGER, b VARCHAR)', 'STRUCT(INTEGER, VARCHAR)', 'STRUCT("select" INTEGER, "a b" INTEGER)']);
});

it('keeps the schema of an empty result', async () => {
  const { columns, chunks } = await runNative(`SELECT 1::INTEGER AS a, 'x' AS b, [1] AS c WHERE false`);
  const bytes = encodeArrowIpc(columns, chunks);
  const table = tableFromIPC(bytes);
  expect(table.numRows).toBe(0);
  expect(table.schema.fields.map((field) => [field.name, String(field.type)])).toEqual([
    ['a', 'Int32'],
    ['b', 'Utf8'],
    ['c', 'List<Int32>'],
  ]);
  expect(table.schema.metadata.get(COLUMN_TYPES_METADATA_KEY)).toBe('["INTEGER","VARCHAR","INTEGER[]"]');
  // No chunks at all (a caller that never fetched) gives the same.
  expect(tableFromIPC(encodeArrowIpc(columns, [])).schema.fields).toHaveLength(3);
});

it('merges results of many chunks, with lists, strings and validity crossing chunk boundaries', async () => {
  const sql = `SELECT i, CASE WHEN i % 7 = 0 THEN NULL ELSE 'row ' || i || repeat('-', i % 17) END AS s,
      CASE WHEN i % 11 = 0 THEN NULL ELSE range(i % 5) END AS l, i % 3 = 0 AS b, {'x': i, 'y': [i]} AS st,
      union_value(n := i::INTEGER)::UNION(n INTEGER, s VARCHAR) AS u
    FROM range(5000) t(i) ORDER BY i`;
  const { table, casts, chunkCount } = await encodeNative(sql);
  expect(chunkCount).toBeGreaterThan(2);
  expect(table.numRows).toBe(5000);
  expect(texts(table)).toEqual(casts);
  expect(table.getChild('l')!.get(4999)?.toArray()).toEqual(BigInt64Array.from([0n, 1n, 2n, 3n]));
});

it('reads chunks of any size and lists whose elements the chunk does not hold in order', async () => {
  // A constant list broadcast over rows points every row at the same elements.
  const { columns, chunks } = await runNative(`SELECT [1, 2, 3] AS l, 'constant but longer than twelve' AS s FROM range(3000)`);
  const table = tableFromIPC(encodeArrowIpc(columns, chunks));
  const [lists, strings] = texts(table);
  expect(new Set(lists)).toEqual(new Set(['[1, 2, 3]']));
  expect(new Set(strings)).toEqual(new Set(['constant but longer than twelve']));
  expect(lists).toHaveLength(3000);
});

it('reads long strings wherever DuckDB keeps them: in order, shuffled, repeated, beside short ones and NULLs', async () => {
  // Long strings are read in runs of neighbouring memory (outOfLineStrings.ts). A table's strings,
  // shuffled, point all over its blocks and backwards; a repeated one points at one place.
  await native.run(`CREATE OR REPLACE TEMP TABLE long_strings AS
    SELECT i, CASE WHEN i % 5 = 0 THEN NULL WHEN i % 3 = 0 THEN 'short ' || i % 100
      ELSE repeat(chr((1488 + i % 27)::INTEGER), 7 + i % 300) || ' · ' || i END AS s
    FROM range(20000) t(i)`);
  for (const sql of [
    `SELECT s FROM long_strings ORDER BY i`,
    `SELECT s FROM long_strings ORDER BY hash(i)`,
    `SELECT s, s AS again, 'the same long string, every row' AS same FROM long_strings ORDER BY i DESC`,
    `SELECT list(s ORDER BY hash(i)) AS l FROM long_strings GROUP BY i % 97`,
  ]) {
    const { table, casts } = await encodeNative(sql);
    expect(texts(table), sql).toEqual(casts);
  }
});

it('refuses a column type it cannot encode, naming it', () => {
  const column = { name: 'x', type: { typeId: 34, toString: () => 'ANY' } } as unknown as EncodedColumn;
  expect(() => encodeArrowIpc([column], [])).toThrow(/ANY cannot be sent as Arrow/);
});

// Timing, on demand (ARROW_ENCODING_BENCH=1): a 2,048-row window of 20 columns, and a million rows.
it.runIf(process.env['ARROW_ENCODING_BENCH'] === '1')('encodes quickly', async () => {
  const median = (runs: number[]) => runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
  const time = (encode: () => void, times: number): number =>
    median(
      Array.from({ length: times }, () => {
        const start = performance.now();
        encode();
        return performance.now() - start;
      }),
    );
  const window = await runNative(`SELECT i::INTEGER AS a, i::BIGINT AS b, i / 3 AS c, 'name ' || i AS d, DATE '2000-01-01' + i::INTEGER AS e,
      TIMESTAMP '2000-01-01' + to_seconds(i::BIGINT) AS f, i::DECIMAL(15,2) AS g, i % 2 = 0 AS h, 'a much longer text value number ' || i AS j,
      [i, i + 1] AS k, {'x': i, 'y': 'v'} AS l, (i % 30000)::SMALLINT AS m, i::FLOAT AS n, md5(i::VARCHAR)::UUID AS o, to_days(i::INTEGER) AS p,
      CASE WHEN i % 3 = 0 THEN NULL ELSE i END AS q, i::HUGEINT AS r, 'x' AS s, TIME '12:00:00' AS t, (i % 256)::UTINYINT AS u
    FROM range(2048) t(i)`);
  const windowMs = time(() => encodeArrowIpc(window.columns, window.chunks), 21);
  const million = await runNative(`SELECT i::INTEGER AS a, i / 7 AS b, 'name_' || i AS c, DATE '2000-01-01' + (i % 10000)::INTEGER AS d FROM range(1000000) t(i)`);
  const millionMs = time(() => encodeArrowIpc(million.columns, million.chunks), 5);
  const longStrings = await runNative(`SELECT 'a string longer than twelve bytes ' || i AS s FROM range(1000000) t(i)`);
  const longMs = time(() => encodeArrowIpc(longStrings.columns, longStrings.chunks), 3);
  console.log(`2048 x 20: ${windowMs.toFixed(2)} ms; 1M x (INTEGER, DOUBLE, VARCHAR, DATE): ${millionMs.toFixed(0)} ms; 1M long VARCHAR: ${longMs.toFixed(0)} ms`);
  expect(windowMs).toBeLessThan(10);
}, 120_000);
