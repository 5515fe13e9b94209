/**
 * Engine parity: the same query gives the same grid on both engines, native DuckDB (node-api, its
 * chunks encoded as Arrow by the host) and duckdb-wasm (its own Arrow). "The same" is judged as the
 * user sees it: column names, DuckDB type names for the header, and every cell's text as
 * cellFormat prints it.
 *
 * The corpus: the 22 TPC-H queries over a small TPC-H sample kept in the repository
 * (test/fixtures/tpch-mini, made by scripts/make-tpch-fixture.mjs), and the type corpus of
 * test/support/typeCorpus.ts. arrowEncoding.test.ts already compares each type corpus query's
 * cells on both engines; here the type corpus adds what that test leaves out: the header's type
 * names, and the trip of every type through a database file written natively and read by wasm.
 *
 * Data reaches wasm the way the app sends it: native DuckDB writes a database file, whose bytes
 * wasm registers, attaches read-only and copies into tables (wasm cannot read Parquet offline).
 */
import { DuckDBInstance, type DuckDBConnection, type DuckDBDataChunk } from '@duckdb/node-api';
import { tableFromIPC, type Table } from 'apache-arrow';
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMN_TYPES_METADATA_KEY, encodeArrowIpc, type EncodedColumn } from '../../../electron/host/native/arrowEncoding';
import { createCellFormatter } from '../../../shared/values/cellFormat';
import { quoteLiteral } from '../../../shared/sql/identifiers';
import { makeTempDir } from '../../support/tempDir';
import { typeCorpus, typeCorpusSetup } from '../../support/typeCorpus';
import { openWasmDuckdb, type WasmDuckdb } from '../support/wasmDuckdb';

const fixture = fileURLToPath(new URL('../../fixtures/tpch-mini/', import.meta.url));
const tpchTables = ['region', 'nation', 'supplier', 'customer', 'part', 'partsupp', 'orders', 'lineitem'];
const tpchQueries = readdirSync(path.join(fixture, 'queries'))
  .filter((name) => /^q\d\d\.sql$/.test(name))
  .sort();
/** The type corpus but for the types only native DuckDB has offline (JSON: wasm loads no extension without the network). */
const wasmCorpus = typeCorpus.filter(([, , wasmCheck]) => wasmCheck !== 'none');
const corpusTable = (index: number): string => `type_corpus_${index}`;
/** Results DuckDB will not store in a table: "A table cannot be created from an unnamed struct". */
const notStorable = new Set(['unnamed STRUCT']);

let instance: DuckDBInstance;
let native: DuckDBConnection;
/** The in-app engine, opened as the app opens it. */
let wasm: WasmDuckdb;

beforeAll(async () => {
  const temp = await makeTempDir('datalab-parity-');
  try {
    instance = await DuckDBInstance.create(':memory:');
    native = await instance.connect();
    // Native TIMESTAMPTZ text follows the session's zone (ICU is built in); wasm has no ICU and works in UTC.
    await native.run(`SET TimeZone = 'UTC'`);
    const wasmStarted = openWasmDuckdb();

    for (const sql of typeCorpusSetup) await native.run(sql);
    for (const table of tpchTables) {
      await native.run(`CREATE TABLE ${table} AS SELECT * FROM read_parquet(${quoteLiteral(path.join(fixture, `${table}.parquet`))})`);
    }
    const databaseFile = path.join(temp.dir, 'parity.duckdb');
    await native.run(`ATTACH ${quoteLiteral(databaseFile)} AS file`);
    for (const table of tpchTables) await native.run(`CREATE TABLE file.${table} AS SELECT * FROM ${table}`);
    for (const [index, [name, sql]] of wasmCorpus.entries()) {
      if (!notStorable.has(name)) await native.run(`CREATE TABLE file.${corpusTable(index)} AS ${sql}`);
    }
    await native.run('DETACH file');
    const bytes = new Uint8Array(await readFile(databaseFile));

    wasm = await wasmStarted;
    for (const sql of typeCorpusSetup) await wasm.query(sql);
    await wasm.registerFile('parity.duckdb', bytes);
    await wasm.query(`ATTACH 'parity.duckdb' AS source (READ_ONLY)`);
    // As the app loads a database file: copied into the engine's own tables.
    for (const table of tpchTables) await wasm.query(`CREATE TABLE ${table} AS SELECT * FROM source.${table}`);
  } finally {
    await temp.cleanup();
  }
}, 60_000);

afterAll(async () => {
  native?.closeSync();
  instance?.closeSync();
  await wasm?.close();
});

/** What the grid gets from the native engine: the result's chunks encoded as Arrow IPC, read back. */
async function nativeTable(sql: string): Promise<Table> {
  const result = await native.stream(sql);
  const names = result.columnNames();
  const types = result.columnTypes();
  const columns: EncodedColumn[] = names.map((name, i) => ({ name, type: types[i]! }));
  const chunks: DuckDBDataChunk[] = [];
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) chunks.push(chunk);
  return tableFromIPC(encodeArrowIpc(columns, chunks));
}

interface Grid {
  names: string[];
  types: string[];
  /** Row by row, each cell as cellFormat prints it; null for SQL NULL. */
  rows: (string | null)[][];
}

function cellsOf(table: Table): (string | null)[][] {
  const columns = table.schema.fields.map((field, c) => {
    const format = createCellFormatter(field.type, field.metadata);
    const vector = table.getChildAt(c)!;
    return (row: number) => {
      const cell = format.at(vector, row);
      return cell.kind === 'null' ? null : cell.text;
    };
  });
  return Array.from({ length: table.numRows }, (_, row) => columns.map((cell) => cell(row)));
}

/** Native: the header's type names are those the host puts in the schema metadata, from result.columnTypes(). */
async function nativeGrid(sql: string): Promise<Grid> {
  const table = await nativeTable(sql);
  return {
    names: table.schema.fields.map((field) => field.name),
    types: JSON.parse(table.schema.metadata.get(COLUMN_TYPES_METADATA_KEY) ?? 'null') as string[],
    rows: cellsOf(table),
  };
}

/** Wasm: the header's type names come from DESCRIBE, as the app's wasm engine asks for them. */
async function wasmGrid(engine: WasmDuckdb, sql: string): Promise<Grid> {
  const table = await engine.queryIpc(sql);
  const described = await engine.query(`DESCRIBE ${sql}`);
  const describedColumn = (name: string): string[] => {
    const column = described.getChild(name)!;
    return Array.from({ length: column.length }, (_, i) => String(column.get(i)));
  };
  expect(table.schema.fields.map((field) => field.name)).toEqual(describedColumn('column_name'));
  return { names: describedColumn('column_name'), types: describedColumn('column_type'), rows: cellsOf(table) };
}

/**
 * DOUBLE results (averages, quotients) are sums of many terms, and native DuckDB aggregates them
 * in parallel, in an order that varies, while wasm runs on one thread: the last digits may differ.
 * Those cells match when within a relative 1e-9; every other cell must print exactly the same.
 */
const doubleTolerance = 1e-9;

function closeDoubles(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  const [x, y] = [Number(a), Number(b)];
  if (!Number.isFinite(x) || !Number.isFinite(y)) return a === b;
  return Math.abs(x - y) <= doubleTolerance * Math.max(Math.abs(x), Math.abs(y));
}

function expectSameGrid(actual: Grid, expected: Grid): void {
  expect(actual.names).toEqual(expected.names);
  expect(actual.types).toEqual(expected.types);
  expect(actual.rows.length).toBe(expected.rows.length);
  const doubles = expected.types.flatMap((type, c) => (type === 'DOUBLE' ? [c] : []));
  // Doubles within tolerance take the expected text, so one comparison shows any other difference whole.
  const reconciled = actual.rows.map((row, r) =>
    row.map((text, c) => (doubles.includes(c) && closeDoubles(text, expected.rows[r]![c]!) ? expected.rows[r]![c]! : text)),
  );
  expect(reconciled).toEqual(expected.rows);
}

describe('the 22 TPC-H queries give the same grid on both engines', () => {
  it('has all 22 queries', () => {
    expect(tpchQueries).toHaveLength(22);
  });

  it.each(tpchQueries)('%s', async (name) => {
    const sql = (await readFile(path.join(fixture, 'queries', name), 'utf8')).trim().replace(/;$/, '');
    const [fromNative, fromWasm] = [await nativeGrid(sql), await wasmGrid(wasm, sql)];
    expect(fromNative.rows.length).toBeGreaterThan(0);
    // An aggregate over nothing gives one row of NULLs: the sample must give each query something to compute.
    expect(fromNative.rows.some((row) => row.some((text) => text !== null))).toBe(true);
    expectSameGrid(fromWasm, fromNative);
  });
});

describe('every type the grid renders: same header, and same cells after a database file', () => {
  const cases = wasmCorpus.map(([name, sql], index) => [name, sql, index] as const);
  it.each(cases)('%s', async (name, sql, index) => {
    const engine = wasm;
    const fromNative = await nativeGrid(sql);
    // The query itself, run by wasm: cells are arrowEncoding.test.ts's business; the header is ours.
    const direct = await wasmGrid(engine, sql);
    expect(direct.names).toEqual(fromNative.names);
    expect(direct.types).toEqual(fromNative.types);
    // The same rows stored by native DuckDB in the database file, read by wasm.
    if (notStorable.has(name)) return;
    expectSameGrid(await wasmGrid(engine, `SELECT * FROM source.${corpusTable(index)}`), fromNative);
  });
});
