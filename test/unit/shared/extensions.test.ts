import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { extensionOfStatement, missingExtensionOf, nativeEngineExtensions, withoutInstallHints } from '../../../shared/engine/extensions';
import { openWasmDuckdb, type WasmDuckdb } from '../support/wasmDuckdb';

let wasm: WasmDuckdb;

beforeAll(async () => {
  wasm = await openWasmDuckdb();
});

afterAll(async () => {
  await wasm?.close();
});

/** The in-app engine's own error text for `sql`. */
async function wasmError(sql: string): Promise<string> {
  try {
    await wasm.query(sql);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error(`${sql} did not fail`);
}

describe('extensions', () => {
  it('the native engine has exactly the extensions the app says it has, loaded', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll('SELECT extension_name FROM duckdb_extensions() WHERE loaded ORDER BY 1');
    const loaded = reader.getRows().map(([name]) => String(name));
    connection.closeSync();
    instance.closeSync();
    expect(new Set(loaded)).toEqual(nativeEngineExtensions);
  });

  it('tells INSTALL, FORCE INSTALL, LOAD and UPDATE EXTENSIONS from other statements', () => {
    expect(extensionOfStatement('LOAD icu')).toBe('icu');
    expect(extensionOfStatement('  -- time zones\n install  "JSON";')).toBe('json');
    expect(extensionOfStatement("/* x */ FORCE INSTALL 'spatial' FROM community")).toBe('spatial');
    expect(extensionOfStatement("LOAD '/tmp/ext/httpfs.duckdb_extension'")).toBe('httpfs');
    expect(extensionOfStatement('update extensions')).toBe('');
    expect(extensionOfStatement("SELECT 'LOAD icu'")).toBeNull();
    expect(extensionOfStatement('SELECT * FROM loads')).toBeNull();
    expect(extensionOfStatement('CREATE TABLE install AS SELECT 1')).toBeNull();
  });

  it("reads the missing extension from the in-app engine's own errors, and drops the hints to install it", async () => {
    for (const [sql, extension] of [
      ["SELECT * FROM read_parquet('x.parquet')", 'parquet'],
      ["SELECT '{}'::JSON", 'json'],
      ["SELECT * FROM read_json('x.json')", 'json'],
    ] as const) {
      const message = await wasmError(sql);
      expect(missingExtensionOf(message), sql).toBe(extension);
      const kept = withoutInstallHints(message);
      expect(kept).not.toMatch(/INSTALL|autoinstall|autoload/i);
      expect(kept.length).toBeGreaterThan(20);
    }
    expect(missingExtensionOf(await wasmError('SELECT nosuchcolumn'))).toBeNull();
  });
});
