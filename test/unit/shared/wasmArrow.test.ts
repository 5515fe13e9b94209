import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC, tableToIPC, Type, type Table } from 'apache-arrow';
import { labelMapBooleans, mayHideMapBooleans, readableTable } from '../../../shared/engine/wasmArrow';
import { createCellFormatter, duckdbTypeName } from '../../../shared/values/cellFormat';
import { openWasmDuckdb, type WasmDuckdb } from '../support/wasmDuckdb';

/**
 * BOOLEAN on the in-app engine, as the app opens it (arrowLosslessConversion on): duckdb-wasm
 * 1.32 declares the columns as `arrow.bool8` over bit-packed data, which showed `true, false` as
 * `-1, -2`. Every expectation is DuckDB's own CAST(v AS VARCHAR) from the same query.
 */

let engine: WasmDuckdb;

beforeAll(async () => {
  engine = await openWasmDuckdb();
});

afterAll(async () => {
  await engine?.close();
});

/** Each column's cells as the grid prints them, with its header type. */
function grid(table: Table): { types: string[]; columns: string[][] } {
  return {
    types: table.schema.fields.map((field) => duckdbTypeName(field.type, field.metadata)),
    columns: table.schema.fields.map((field, index) => {
      const format = createCellFormatter(field.type, field.metadata);
      const vector = table.getChildAt(index)!;
      return Array.from({ length: table.numRows }, (_, row) => format.at(vector, row).text);
    }),
  };
}

/** Runs `SELECT v, CAST(v AS VARCHAR) …` and compares the first column's cells with the second's. */
async function expectAsDuckdbPrints(sql: string, typeName: string): Promise<void> {
  for (const table of [await engine.query(sql), await engine.queryIpc(sql)]) {
    const { types, columns } = grid(table);
    expect(types[0]).toBe(typeName);
    const expected = Array.from({ length: table.numRows }, (_, row) => (table.getChildAt(1)!.get(row) as string | null) ?? 'NULL');
    expect(columns[0]).toEqual(expected);
  }
}

describe('BOOLEAN from the in-app engine', () => {
  it('SELECT true, false shows true and false under BOOLEAN', async () => {
    const { types, columns } = grid(await engine.queryIpc('SELECT true AS t, false AS f, NULL::BOOLEAN AS n'));
    expect(types).toEqual(['BOOLEAN', 'BOOLEAN', 'BOOLEAN']);
    expect(columns).toEqual([['true'], ['false'], ['NULL']]);
  });

  it('a computed column over several batches keeps every value in place', async () => {
    await expectAsDuckdbPrints('SELECT range % 3 = 0 OR range % 7 = 0 AS v, v::VARCHAR AS expected FROM range(10000)', 'BOOLEAN');
    await expectAsDuckdbPrints('SELECT CASE WHEN range % 5 = 0 THEN NULL ELSE range % 2 = 0 END AS v, v::VARCHAR AS expected FROM range(5000)', 'BOOLEAN');
  });

  it('GROUP BY a boolean column gives the groups true and false', async () => {
    await engine.query('CREATE OR REPLACE TABLE flags AS SELECT range % 4 = 0 AS flag FROM range(1000)');
    const { columns } = grid(await engine.query('SELECT flag, count(*) AS n FROM flags GROUP BY flag ORDER BY flag'));
    expect(columns).toEqual([['false', 'true'], ['750', '250']]);
  });

  it('inside lists, structs, fixed-size arrays and unions', async () => {
    await expectAsDuckdbPrints("SELECT v, v::VARCHAR FROM (VALUES ([true, false, NULL]), ([]), (NULL), ([false])) t(v)", 'BOOLEAN[]');
    await expectAsDuckdbPrints("SELECT v, v::VARCHAR FROM (VALUES ({'a': true, 'b': [false, true]}), ({'a': NULL, 'b': NULL})) t(v)", 'STRUCT(a BOOLEAN, b BOOLEAN[])');
    await expectAsDuckdbPrints("SELECT [true, false, true]::BOOLEAN[3] AS v, v::VARCHAR", 'BOOLEAN[3]');
    await expectAsDuckdbPrints("SELECT v, v::VARCHAR FROM (VALUES (true::UNION(b BOOLEAN, i INTEGER)), (3::UNION(b BOOLEAN, i INTEGER))) t(v)", 'UNION(b BOOLEAN, i INTEGER)');
  });

  it('what the Arrow IPC export writes is an Arrow Bool column', async () => {
    const exported = tableFromIPC(tableToIPC(await engine.query('SELECT range % 2 = 0 AS even FROM range(4)'), 'file'));
    expect(exported.schema.fields[0]!.type.typeId).toBe(Type.Bool);
    expect(Array.from(exported.getChildAt(0)!.toArray() as ArrayLike<boolean>)).toEqual([true, false, true, false]);
  });

  it("the engine's own tables of booleans read right (duckdb_extensions)", async () => {
    const { columns } = grid(await engine.query("SELECT loaded, installed FROM duckdb_extensions() WHERE extension_name = 'core_functions'"));
    expect(columns).toEqual([['true'], ['true']]);
  });

  it('inside a MAP, where the engine drops the label: read right once labelled from DESCRIBE', async () => {
    const sql =
      "SELECT MAP {'a': true, 'b': false, 'c': NULL} AS v, v::VARCHAR AS expected, MAP {true: [false, true]} AS k, k::VARCHAR AS k_expected, " +
      "{'m': MAP {1: true}} AS s, s::VARCHAR AS s_expected, MAP {1::TINYINT: -3::TINYINT} AS tiny, tiny::VARCHAR AS tiny_expected";
    const sent = await engine.queryIpc(sql);
    // As the engine sends it, the map's BOOLEAN is a TINYINT over bit-packed bytes (-3 for true, false, NULL).
    expect(mayHideMapBooleans(sent.schema)).toBe(true);
    expect(grid(sent).columns[0]).not.toEqual(grid(sent).columns[1]);
    const described = await engine.query(`SELECT column_type FROM (DESCRIBE ${sql})`);
    const names = Array.from({ length: described.numRows }, (_, row) => String(described.getChildAt(0)!.get(row)));
    const { types, columns } = grid(readableTable(sent, labelMapBooleans(sent.schema, names)));
    expect(types.filter((_, index) => index % 2 === 0)).toEqual(['MAP(VARCHAR, BOOLEAN)', 'MAP(BOOLEAN, BOOLEAN[])', 'STRUCT(m MAP(INTEGER, BOOLEAN))', 'MAP(TINYINT, TINYINT)']);
    for (let column = 0; column < columns.length; column += 2) expect(columns[column]).toEqual(columns[column + 1]);
  });

  it('a result with no MAP of TINYINT costs no DESCRIBE', async () => {
    expect(mayHideMapBooleans((await engine.queryIpc("SELECT MAP {'a': 1} AS m, [true] AS l, 1::TINYINT AS t")).schema)).toBe(false);
  });
});
