/**
 * The Node factory of the in-app engine (electron/host/wasm/nodeWasmDuckdb.ts) gives duckdb-wasm's
 * Node build the page's rules: SQL reads only registered files, writes nothing to disk, and a
 * statement that would download an extension never reaches the engine. Left as it is, the Node
 * build reads and writes any path and would wait forever on an extension download offline.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ExtensionStatementRefused, openNodeWasmDuckdb, type NodeWasmDuckdb } from '../../../electron/host/wasm/nodeWasmDuckdb';
import { makeTempDir } from '../../support/tempDir';

let engine: NodeWasmDuckdb;
let temp: Awaited<ReturnType<typeof makeTempDir>>;

beforeAll(async () => {
  temp = await makeTempDir();
  engine = await openNodeWasmDuckdb();
}, 120_000);
afterAll(async () => {
  engine.close();
  await temp.cleanup();
});

const errorOf = (work: () => unknown): string => {
  try {
    work();
    return '';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
};

it('reads a file on disk only once it is registered, and writes nothing to disk', async () => {
  const file = path.join(temp.dir, 'a.csv');
  await writeFile(file, 'k,v\n1,x\n2,y\n');
  expect(errorOf(() => engine.query(`SELECT * FROM read_csv('${file}')`))).toContain(`No files found that match the pattern "${file}"`);
  engine.registerFile(file, new Uint8Array(await readFile(file)));
  expect(engine.query(`SELECT count(*)::INTEGER AS n FROM read_csv('${file}')`).getChild('n')!.get(0)).toBe(2);
  const written = path.join(temp.dir, 'out.csv');
  engine.query(`COPY (SELECT 1 AS one) TO '${written}'`);
  await expect(stat(written)).rejects.toThrow();
});

it('refuses INSTALL and LOAD before they reach the engine (no download is started)', () => {
  const home = process.env.HOME;
  process.env.HOME = temp.dir;
  try {
    const attempts: [string, () => unknown][] = [
      ['LOAD parquet', () => engine.query('LOAD parquet')],
      ["SELECT 1; INSTALL 'json'", () => engine.query("SELECT 1; INSTALL 'json'")],
      ['UPDATE EXTENSIONS', () => engine.query('UPDATE EXTENSIONS')],
      ['LOAD icu (IPC)', () => engine.queryIpc('LOAD icu')],
    ];
    for (const [name, attempt] of attempts) {
      let refused: unknown = null;
      try {
        attempt();
      } catch (error) {
        refused = error;
      }
      expect(refused, name).toBeInstanceOf(ExtensionStatementRefused);
    }
  } finally {
    process.env.HOME = home;
  }
  // The engine still answers.
  expect(engine.query('SELECT 42 AS answer').getChild('answer')!.get(0)).toBe(42);
});

it('keeps the app’s settings: a statement cannot switch extension autoloading back on', () => {
  expect(() => engine.query('SET autoload_known_extensions = true')).toThrow(/configuration has been locked/i);
  expect(engine.query("SELECT current_setting('autoload_known_extensions')::VARCHAR AS on").getChild('on')!.get(0)).toBe('false');
});
