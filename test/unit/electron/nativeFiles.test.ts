/**
 * Files the native engine cannot read in place, through the host core with real requests: Arrow
 * IPC files (imported into the native instance) and DuckDB database files (attached read-only).
 * Arrow tables must read the same as on the in-app engine, which loads Arrow with duckdb-wasm's
 * insertArrowFromIPCStream: duckdb-wasm runs here in-process to say what the in-app engine shows.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { copyFile, readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Table as ArrowTable, tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HostCore } from '../../../electron/host/hostCore';
import type { Dataset } from '../../../shared/contract/hostApi';
import { createCellFormatter } from '../../../shared/values/cellFormat';
import { allTypesIpc, allTypesTable, unsupportedTypeIpc } from '../../support/arrowFixtures';
import { createScratchHostCore, requestsTo, type ScratchHostCore } from '../../support/testHostCore';
import { openWasmDuckdb, type WasmDuckdb } from '../support/wasmDuckdb';
// The renderer's catalog queries, run here against the native engine, as the native engine reads them.
import { catalogFromRows as catalogOfRows, catalogSql, tableRelation } from '../../../renderer/src/engine/catalogQueries';

const catalogFromRows = (result: Table) => catalogOfRows(result, { fileViews: 'temporaryViews' });

const gapminder = fileURLToPath(new URL('../../../datasets/gapminder.arrow', import.meta.url));
let scratch: ScratchHostCore;
let home: string;
let core: HostCore;
let wasm: WasmDuckdb;

const { send } = requestsTo(() => core);

/** Opens a file and adds it to the native engine as `table`; the response of the add. */
async function add(file: string, table: string): Promise<Response> {
  const dataset = (await (await send('POST', '/api/datasets/open', { path: file })).json()) as Dataset;
  return send('POST', '/api/native/tables', { datasetId: dataset.id, table });
}

async function open(file: string, table: string): Promise<void> {
  const added = await add(file, table);
  expect(added.status, await added.clone().text()).toBe(204);
}

async function refused(file: string, table: string): Promise<string> {
  const added = await add(file, table);
  expect(added.status).toBe(422);
  return ((await added.json()) as { error: string }).error;
}

/** The rows of an Arrow answer as the grid shows them. */
function texts(table: Table): string[][] {
  const formatters = table.schema.fields.map((field) => createCellFormatter(field.type, field.metadata));
  return Array.from({ length: table.numRows }, (_, row) => table.schema.fields.map((_, col) => formatters[col]!.at(table.getChildAt(col)!, row).text));
}

async function execute(sql: string): Promise<Table> {
  const response = await send('POST', '/api/native/statements', { sql });
  if (!response.ok) throw new Error(((await response.json()) as { error: string }).error);
  return tableFromIPC(new Uint8Array(await response.arrayBuffer()));
}

async function readAll(sql: string): Promise<Table> {
  const response = await send('POST', '/api/native/read', { sql });
  if (!response.ok) throw new Error(((await response.json()) as { error: string }).error);
  return tableFromIPC(new Uint8Array(await response.arrayBuffer()));
}

/** Column types as the results header names them. */
function columnTypes(table: Table): string[] {
  return JSON.parse(table.schema.metadata.get('duckdb.column_types') ?? '[]') as string[];
}

/** What the in-app engine shows for an Arrow file: its types and every cell's text. */
async function inApp(name: string, bytes: Uint8Array): Promise<{ types: string[]; rows: string[][] }> {
  await wasm.insertArrowIpc(name, tableToIPC(tableFromIPC(bytes), 'stream'));
  const described = await wasm.queryIpc(`DESCRIBE ${name}`);
  return { types: Array.from(described.getChild('column_type')!.toArray(), String), rows: texts(await wasm.queryIpc(`SELECT * FROM ${name}`)) };
}

beforeAll(async () => {
  wasm = await openWasmDuckdb();
});
afterAll(async () => {
  await wasm.close();
});
beforeEach(async () => {
  scratch = await createScratchHostCore();
  ({ home, core } = scratch);
});
afterEach(() => scratch.dispose());

describe('Arrow IPC files on the native engine', () => {
  it('imports gapminder.arrow with the types and values the in-app engine shows', async () => {
    await copyFile(gapminder, path.join(home, 'gapminder.arrow'));
    await open(path.join(home, 'gapminder.arrow'), 'gapminder');
    const native = await execute('SELECT * FROM gapminder');
    const expected = await inApp('gapminder', await readFile(gapminder));
    expect(native.numRows).toBe(682);
    expect(columnTypes(native)).toEqual(expected.types);
    expect(texts(native)).toEqual(expected.rows);
  });

  it('imports every supported type, file or stream format, as the in-app engine reads it, NULLs included', async () => {
    await writeFile(path.join(home, 'types.arrow'), allTypesIpc('file'));
    await writeFile(path.join(home, 'types.arrows'), allTypesIpc('stream'));
    await open(path.join(home, 'types.arrow'), 'types');
    await open(path.join(home, 'types.arrows'), 'types_stream');
    const native = await execute('SELECT * FROM types');
    expect(texts(await execute('SELECT * FROM types_stream'))).toEqual(texts(native));

    const names = native.schema.fields.map((field) => field.name);
    const types = columnTypes(native);
    const rows = texts(native);
    const columnOf = (name: string) => ({ type: types[names.indexOf(name)], cells: rows.map((row) => row[names.indexOf(name)]) });
    // duckdb-wasm refuses Float16 ("Unsupported Internal Arrow Type e") and misreads Arrow's DAY_TIME
    // intervals (3 days 1500 ms reads as 1789569:42:24.003): the native engine reads them as Arrow means them.
    expect(columnOf('f16')).toEqual({ type: 'FLOAT', cells: ['1.5', '-2.0', 'NULL'] });
    expect(columnOf('interval_dt')).toEqual({ type: 'INTERVAL', cells: ['3 days 00:00:01.5', '-1 day', 'NULL'] });
    const all = allTypesTable();
    const comparable = all.schema.fields.map((field) => field.name).filter((name) => name !== 'f16' && name !== 'interval_dt');
    const expected = await inApp('types', tableToIPC(new ArrowTable(Object.fromEntries(comparable.map((name) => [name, all.getChild(name)!])))));
    expect(comparable.map((name) => columnOf(name).type)).toEqual(expected.types);
    expect(rows.map((row) => comparable.map((name) => row[names.indexOf(name)]))).toEqual(expected.rows);
    // And what that is, for a few columns where a shared mistake would hide.
    expect(columnOf('u64')).toEqual({ type: 'UBIGINT', cells: ['3', '18446744073709551615', 'NULL'] });
    expect(columnOf('dec_wide')).toEqual({ type: 'DECIMAL(38,4)', cells: ['1234567890123456789012345678901234.5678', '-0.0005', 'NULL'] });
    expect(columnOf('ts_ns')).toEqual({ type: 'TIMESTAMP_NS', cells: ['2024-01-01 00:00:00.123456789', '1969-12-31 23:59:59.999999999', 'NULL'] });
    expect(columnOf('ts_tz_ms').type).toBe('TIMESTAMP WITH TIME ZONE');
    expect(columnOf('list_of_struct')).toEqual({ type: 'STRUCT(a INTEGER, b VARCHAR)[]', cells: ["[{'a': 1, 'b': p}]", "[NULL, {'a': 3, 'b': q}]", 'NULL'] });
    expect(columnOf('dict')).toEqual({ type: 'VARCHAR', cells: ['blue', 'red', 'NULL'] });
  });

  it('imports again when the file changed, and refuses a type it cannot import by column, keeping the others', async () => {
    const file = path.join(home, 'changing.arrow');
    await writeFile(file, allTypesIpc('file'));
    await open(file, 'changing');
    expect(texts(await execute('SELECT count(*) FROM changing'))).toEqual([['3']]);
    const one = allTypesTable().slice(0, 1);
    await writeFile(file, tableToIPC(one, 'file'));
    await utimes(file, new Date(), new Date(Date.now() + 5_000));
    await open(file, 'changing');
    expect(texts(await execute('SELECT count(*), first(i64) FROM changing'))).toEqual([['1', '-9223372036854775808']]);

    await writeFile(path.join(home, 'union.arrow'), unsupportedTypeIpc());
    expect(await refused(path.join(home, 'union.arrow'), 'unioned')).toMatch(/^Could not read “union\.arrow”: Column "choice" has the Arrow type .*Union.*cannot import/);
    await expect(execute('SELECT * FROM unioned')).rejects.toThrow(/unioned/);
    expect(texts(await execute('SELECT count(*) FROM changing'))).toEqual([['1']]);
  });
});

describe('DuckDB database files on the native engine', () => {
  async function writeShop(file: string): Promise<void> {
    const instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    await connection.run("CREATE TABLE customers AS SELECT * FROM (VALUES (1, 'Ada'), (2, 'Grace')) t(id, name)");
    await connection.run('CREATE TABLE "order lines" AS SELECT range AS id, range * 1.5 AS amount FROM range(4)');
    connection.closeSync();
    instance.closeSync();
  }

  it('attaches a database file read-only: its tables are in the catalog as alias.table and queryable, writes are refused', async () => {
    await writeShop(path.join(home, 'shop.duckdb'));
    await writeFile(path.join(home, 'cities.csv'), 'name\nParis\n');
    await open(path.join(home, 'cities.csv'), 'cities');
    await open(path.join(home, 'shop.duckdb'), 'shop');

    const catalog = catalogFromRows(await readAll(catalogSql));
    expect(catalog.map((table) => [table.name, table.database ?? null, tableRelation(table)])).toEqual([
      ['cities', null, '"cities"'],
      ['shop.customers', 'shop', '"shop"."customers"'],
      ['shop.order lines', 'shop', '"shop"."order lines"'],
    ]);
    expect(texts(await execute('SELECT * FROM shop.customers ORDER BY id'))).toEqual([['1', 'Ada'], ['2', 'Grace']]);
    const lines = catalog.find((table) => table.name === 'shop.order lines')!;
    expect(texts(await execute(`SELECT count(*), sum(amount) FROM ${tableRelation(lines)}`))).toEqual([['4', '9.0']]);

    for (const sql of ["INSERT INTO shop.customers VALUES (3, 'Edsger')", 'DROP TABLE shop.customers', 'CREATE TABLE shop.more (a INTEGER)']) {
      await expect(execute(sql), sql).rejects.toThrow(/may change only your own tables.*“shop” is not one of them/);
    }
    expect(texts(await execute('SELECT count(*) FROM shop.customers'))).toEqual([['2']]);
    expect(texts(await execute('SELECT count(*) FROM cities'))).toEqual([['1']]);
  });

  it('refuses a file that is not a DuckDB database, naming it, and keeps working', async () => {
    await writeShop(path.join(home, 'shop.ddb'));
    await open(path.join(home, 'shop.ddb'), 'shop');
    await writeFile(path.join(home, 'broken.duckdb'), 'this is not a database'.repeat(1000));
    expect(await refused(path.join(home, 'broken.duckdb'), 'broken')).toMatch(/^Could not read “broken\.duckdb”: broken\.duckdb cannot be opened as a DuckDB database: /);
    expect(texts(await execute('SELECT count(*) FROM shop.customers'))).toEqual([['2']]);
    expect(catalogFromRows(await readAll(catalogSql)).map((table) => table.name)).toEqual(['shop.customers', 'shop.order lines']);
  });
});
