/**
 * A notebook's result tables on both real engines, reached as the page reaches them: the in-app
 * engine (duckdb-wasm, as the app opens it) and the native engine (the host's native process,
 * every statement through its gate, as /api/native/read runs it). The notebook drops the tables
 * its cells made, and never one the user made under the same name.
 */
import path from 'node:path';
import { tableFromIPC, type Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeWorker } from '../../../electron/host/native/nativeWorker';
import { NativeSession } from '../../../electron/host/native/nativeSession';
import { CellCanceled } from '../../../shared/notebook/notebookEngine';
import { NotebookResultTables, type StatementRunner } from '../../../renderer/src/features/notebook/notebookResultTables';
import { builtNativeProcessScript } from '../../support/builtApp';
import { makeTempDir } from '../../support/tempDir';
import { openWasmDuckdb, type WasmDuckdb } from '../support/wasmDuckdb';

/** An engine's `run` over a function that reads a statement's whole result. */
function engineOver(read: (sql: string) => Promise<Table>): StatementRunner {
  return {
    run: async (sql) => {
      const table = await read(sql);
      return {
        async *[Symbol.asyncIterator]() {
          yield* table.batches;
        },
      };
    },
  };
}

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let wasm: WasmDuckdb;
let worker: NativeWorker;
let session: NativeSession;
const engines: Record<'in-app' | 'native', () => StatementRunner> = {
  'in-app': () => engineOver((sql) => wasm.query(sql)),
  native: () => engineOver(async (sql) => tableFromIPC(await session.readAll(sql))),
};

beforeAll(async () => {
  temp = await makeTempDir();
  worker = new NativeWorker(builtNativeProcessScript());
  session = new NativeSession(worker, { databaseFile: path.join(temp.dir, 'db', 'workbench.duckdb'), spillDir: path.join(temp.dir, 'spill'), appDirectories: [] });
  wasm = await openWasmDuckdb();
});
afterAll(async () => {
  await wasm.close();
  worker.stop();
  await temp.cleanup();
});

const signal = new AbortController().signal;

describe.each(['in-app', 'native'] as const)('a notebook’s result tables on the %s engine', (kind) => {
  /** The engine's tables named `name` (any case), as `schema kind`: what the user would find. */
  async function tablesNamed(engine: StatementRunner, name: string): Promise<string[]> {
    const found: string[] = [];
    const sql = `SELECT database_name, temporary FROM duckdb_tables() WHERE lower(table_name) = lower('${name}') ORDER BY 1`;
    for await (const batch of await engine.run(sql)) {
      for (let row = 0; row < batch.numRows; row++) found.push(`${String(batch.getChildAt(0)?.get(row))} ${batch.getChildAt(1)?.get(row) ? 'temporary' : 'table'}`);
    }
    return found;
  }
  async function run(engine: StatementRunner, sql: string): Promise<void> {
    for await (const batch of await engine.run(sql)) void batch;
  }

  it('owns the tables its cells made, under any case, and drops them all once let go', async () => {
    const engine = engines[kind]();
    const results = new NotebookResultTables(engine);
    await results.make('especes', 'SELECT 42 AS answer', signal);
    await results.make('Totaux', 'SELECT 1 AS n', signal);
    // Made again (the cell ran again): the table that replaced the first one is the notebook's too.
    await results.make('especes', 'SELECT 43 AS answer', signal);
    expect(results.owns('ESPECES')).toBe(true);
    expect(results.owns('autre')).toBe(false);
    expect(await tablesNamed(engine, 'especes')).toEqual(['temp temporary']);

    await results.dropAll();
    expect(await tablesNamed(engine, 'especes')).toEqual([]);
    expect(await tablesNamed(engine, 'totaux')).toEqual([]);
    expect(results.owns('especes')).toBe(false);
  });

  it('never drops a table the user made under the same name: in the main schema, or put in place of the notebook’s', async () => {
    const engine = engines[kind]();
    const results = new NotebookResultTables(engine);
    await results.make('mesures', 'SELECT 1 AS v', signal);
    await results.make('releves', 'SELECT 1 AS v', signal);
    // Outside the notebook: a table of the same name in the main schema, and a temporary one in place of the notebook's.
    await run(engine, 'CREATE TABLE mesures AS SELECT 2 AS v');
    await run(engine, 'CREATE OR REPLACE TEMP TABLE releves AS SELECT 3 AS v');

    await results.dropAll();
    expect(await tablesNamed(engine, 'mesures')).toEqual([kind === 'native' ? 'workbench table' : 'memory table']);
    expect(await tablesNamed(engine, 'releves')).toEqual(['temp temporary']);
    await run(engine, 'DROP TABLE mesures');
    await run(engine, 'DROP TABLE releves');
  });

  it('leaves a result the user kept (Keep) when it is let go, and drops the others', async () => {
    const engine = engines[kind]();
    const results = new NotebookResultTables(engine);
    await results.make('garde', 'SELECT 1 AS v', signal);
    await results.make('jetable', 'SELECT 2 AS v', signal);
    await results.dropAll((table) => table === 'garde');
    expect(await tablesNamed(engine, 'garde')).toEqual(['temp temporary']);
    expect(await tablesNamed(engine, 'jetable')).toEqual([]);
    await run(engine, 'DROP TABLE garde');
  });

  it('drops a table still being made when it is let go, and makes none after', async () => {
    const engine = engines[kind]();
    const results = new NotebookResultTables(engine);
    const making = results.make('encours', 'SELECT 1 AS v', signal);
    await results.dropAll();
    await making;
    expect(await tablesNamed(engine, 'encours')).toEqual([]);

    await expect(results.make('apres', 'SELECT 1 AS v', signal)).rejects.toBeInstanceOf(CellCanceled);
    expect(await tablesNamed(engine, 'apres')).toEqual([]);
  });
});
