/**
 * Which names an engine holds for the user (renderer/src/app/loads/userTables.ts), read from the
 * catalog as the app reads it (catalogQueries.ts) on the real in-app engine: a table or view the
 * user made is theirs; a temporary view (how the native engine shows an opened file) is not; a
 * table the page loaded from a file is not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogFromRows, catalogSql, type CatalogTable } from '../../../renderer/src/engine/catalogQueries';
import { madeByUser, userTableNames } from '../../../renderer/src/app/loads/userTables';
import { openWasmDuckdb, type WasmDuckdb } from '../support/wasmDuckdb';

let wasm: WasmDuckdb;
let catalog: CatalogTable[];

beforeAll(async () => {
  wasm = await openWasmDuckdb();
  await wasm.query("CREATE TABLE orders AS SELECT 'mine' AS owner");
  await wasm.query('CREATE VIEW recent AS SELECT 1 AS id');
  await wasm.query('CREATE TEMP VIEW penguins AS SELECT 1 AS id');
  await wasm.query('CREATE TABLE airports AS SELECT 1 AS id');
  catalog = catalogFromRows(await wasm.query(catalogSql));
}, 120_000);
afterAll(async () => wasm.close());

describe('names the user made', () => {
  it('marks temporary views in the catalog', () => {
    expect(catalog.filter((table) => table.temporary).map((table) => table.name)).toEqual(['penguins']);
  });

  it('counts the user’s tables and views, whatever the case, and neither temporary views nor tables loaded from files', () => {
    const loadedHere = new Set(['airports']);
    expect(madeByUser(catalog, 'orders', loadedHere)).toBe(true);
    expect(madeByUser(catalog, 'ORDERS', loadedHere)).toBe(true);
    expect(madeByUser(catalog, 'recent', loadedHere)).toBe(true);
    expect(madeByUser(catalog, 'penguins', loadedHere)).toBe(false);
    expect(madeByUser(catalog, 'airports', loadedHere)).toBe(false);
    expect(madeByUser(catalog, 'airports', undefined)).toBe(true);
    expect(madeByUser(catalog, 'nothing', loadedHere)).toBe(false);
    expect(userTableNames(catalog).sort()).toEqual(['airports', 'orders', 'recent']);
  });
});
