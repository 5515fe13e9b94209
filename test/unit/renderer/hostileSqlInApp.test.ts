/**
 * The hostile-SQL corpus (test/support/hostileSql.ts) on the in-app engine. In the page, duckdb-wasm
 * has no access to the machine's files (its file system is its own memory), so what matters here
 * is that no statement of the corpus stops the engine: after each one, it still answers.
 *
 * The engine here comes from the Node factory, which gives duckdb-wasm's Node build the page's
 * file rules (only registered files; electron/host/wasm/nodeWasmDuckdb.ts). The corpus is still
 * pointed at a throwaway folder, and file safety is asserted on the native engine
 * (test/unit/electron/hostileSql.test.ts). Statements that would download an extension are left
 * out here: in the page the CSP stops them at once, and the factory refuses them.
 */
import path from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileSql, type HostileLayout } from '../../support/hostileSql';
import { makeTempDir } from '../../support/tempDir';
import { openWasmDuckdb, type WasmDuckdb } from '../support/wasmDuckdb';

let wasm: WasmDuckdb;
let temp: { dir: string; cleanup(): Promise<void> };

beforeAll(async () => {
  temp = await makeTempDir();
  await mkdir(path.join(temp.dir, 'home'));
  await writeFile(path.join(temp.dir, 'home', 'victim.csv'), 'id,name\n1,Ada\n2,Grace\n');
  wasm = await openWasmDuckdb();
  await wasm.query("CREATE TABLE victim AS SELECT * FROM (VALUES (1, 'Ada'), (2, 'Grace')) t(id, name)");
}, 120_000);
afterAll(async () => {
  await wasm.close();
  await temp.cleanup();
});

describe('hostile SQL on the in-app engine', () => {
  it('keeps answering after every statement of the corpus', async () => {
    const at = (...parts: string[]) => path.join(temp.dir, ...parts);
    const layout: HostileLayout = {
      victimCsv: at('home', 'victim.csv'),
      userDb: at('home', 'user.duckdb'),
      workbenchDb: at('data', 'native', 'workbench.duckdb'),
      workbenchWal: at('data', 'native', 'workbench.duckdb.wal'),
      datasetsDir: at('datasets'),
      catalogJson: at('datasets', 'catalog.json'),
      sampleCsv: at('datasets', 'sample.csv'),
      dataDir: at('data'),
      spillDir: at('data', 'spill'),
      neighbourCsv: at('home', 'neighbour.csv'),
      homeDir: at('home'),
    };
    let failed = 0;
    // What would download is left to the page's CSP (see `downloads`); the e2e suite fails on any request off the app's origin.
    const corpus = hostileSql.filter((entry) => !entry.downloads);
    for (const entry of corpus) {
      await wasm.query(entry.sql(layout)).catch(() => failed++);
      // The corpus's BEGIN opens a transaction that the next failing statement aborts; on this
      // engine (the user's own sandbox) it is the user's to end, as here.
      await wasm.query('ROLLBACK').catch(() => undefined);
      const answer = await wasm.query('SELECT 42 AS answer').then(
        (table) => table.getChild('answer')!.get(0) as unknown,
        (error: unknown) => String(error),
      );
      expect(answer, `after “${entry.name}”`).toBe(42);
    }
    console.info(`hostile SQL, in-app engine: ${corpus.length} tried, ${failed} failed, engine answering after each`);
  }, 300_000);
});
