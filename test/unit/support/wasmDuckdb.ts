import { createRequire } from 'node:module';
import path from 'node:path';
import { tableFromIPC, type Table } from 'apache-arrow';
import { needsReading, readableTable } from '../../../shared/engine/wasmArrow';
import { wasmOpenConfig, wasmSetupStatements } from '../../../shared/engine/wasmSettings';

type BlockingDuckdb = typeof import('@duckdb/duckdb-wasm/blocking');

export interface WasmDuckdb {
  /** The table exactly as duckdb-wasm builds it (with the apache-arrow copy it resolves). */
  query(sql: string): Promise<Table>;
  /** The same result re-read from its Arrow IPC bytes with the app's own apache-arrow. */
  queryIpc(sql: string): Promise<Table>;
  /** Makes `bytes` readable by SQL as the file `name` (as the app registers a loaded file's bytes). */
  registerFile(name: string, bytes: Uint8Array): Promise<void>;
  /** Creates `table` from Arrow IPC stream bytes, as the app's in-app engine loads an Arrow file; `create: false` appends. */
  insertArrowIpc(table: string, stream: Uint8Array, create?: boolean): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real engine, in-process: duckdb-wasm's blocking build on Node, from the wasm files in
 * node_modules. Opened with the app's settings (shared/engine/wasmSettings.ts), and its results
 * read as the app reads them (shared/engine/wasmArrow.ts). There is no other way to open it.
 */
export async function openWasmDuckdb(): Promise<WasmDuckdb> {
  const require = createRequire(import.meta.url);
  // Loaded through require: the blocking build is CommonJS, and this avoids relying on Node
  // guessing its named exports.
  const duckdb = require('@duckdb/duckdb-wasm/blocking') as BlockingDuckdb;
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm'));
  const bundles = {
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  db.open(wasmOpenConfig);
  const connection = db.connect();
  for (const statement of wasmSetupStatements) connection.query(statement);
  return {
    query: async (sql) => {
      const table = connection.query(sql) as unknown as Table;
      // On Node duckdb-wasm builds its tables with apache-arrow's CommonJS copy, which the app's
      // (ESM) classes cannot extend: a table with BOOLEAN columns crosses over as IPC first. In the
      // page there is one copy, and the engine reads every result from IPC anyway.
      if (!needsReading(table.schema)) return table;
      return readableTable(tableFromIPC((require('apache-arrow') as typeof import('apache-arrow')).tableToIPC(table, 'stream')));
    },
    queryIpc: async (sql) => readableTable(tableFromIPC(connection.useUnsafe((bindings, id) => bindings.runQuery(id, sql)))),
    registerFile: async (name, bytes) => db.registerFileBuffer(name, bytes),
    insertArrowIpc: async (table, stream, create = true) => connection.insertArrowFromIPCStream(stream, { name: table, create }),
    close: async () => {
      connection.close();
      db.reset();
    },
  };
}
