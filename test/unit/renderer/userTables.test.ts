/**
 * Which names an engine holds for the user (renderer/src/app/loads/userTables.ts), read from the
 * catalog as the app reads it (catalogQueries.ts) on a real engine: a table or view the user made,
 * temporary or not, is theirs; a table the page loaded from a file is not; nor is the native
 * engine's view of a file (a temporary view there), which the in-app engine never makes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogFromRows, catalogSql, type CatalogTable } from '../../../renderer/src/engine/catalogQueries';
import { madeByUser, userTableNames } from '../../../renderer/src/app/loads/userTables';
import { openWasmDuckdb, type WasmDuckdb } from '../support/wasmDuckdb';

let wasm: WasmDuckdb;
let inApp: CatalogTable[];
let native: CatalogTable[];

beforeAll(async () => {
  wasm = await openWasmDuckdb();
  await wasm.query("CREATE TABLE orders AS SELECT 'mine' AS owner");
  await wasm.query('CREATE VIEW recent AS SELECT 1 AS id');
  await wasm.query('CREATE TEMP VIEW penguins AS SELECT 1 AS id');
  await wasm.query('CREATE TEMP TABLE scratchpad AS SELECT 1 AS id');
  await wasm.query('CREATE TABLE airports AS SELECT 1 AS id');
  const rows = await wasm.query(catalogSql);
  inApp = catalogFromRows(rows, { fileViews: 'none' });
  native = catalogFromRows(rows, { fileViews: 'temporaryViews' });
}, 120_000);
afterAll(async () => wasm.close());

describe('names the user made', () => {
  it('marks temporary views as views of files only where the engine makes them so', () => {
    expect(inApp.filter((table) => table.fileView).map((table) => table.name)).toEqual([]);
    expect(native.filter((table) => table.fileView).map((table) => table.name)).toEqual(['penguins']);
  });

  it('counts the user’s tables and views, temporary or not, whatever the case, and not tables loaded from files', () => {
    const loadedHere = new Set(['airports']);
    for (const name of ['orders', 'ORDERS', 'recent', 'penguins', 'scratchpad']) expect(madeByUser(inApp, name, loadedHere), name).toBe(true);
    expect(madeByUser(inApp, 'airports', loadedHere)).toBe(false);
    expect(madeByUser(inApp, 'airports', undefined)).toBe(true);
    expect(madeByUser(inApp, 'nothing', loadedHere)).toBe(false);
    expect(userTableNames(inApp).sort()).toEqual(['airports', 'orders', 'penguins', 'recent', 'scratchpad']);
  });

  it('on the native engine, leaves out its views of files', () => {
    expect(madeByUser(native, 'penguins', undefined)).toBe(false);
    expect(madeByUser(native, 'scratchpad', undefined)).toBe(true);
    expect(userTableNames(native).sort()).toEqual(['airports', 'orders', 'recent', 'scratchpad']);
  });
});
