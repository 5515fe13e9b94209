import { createRequire } from 'node:module';
import { tableFromIPC, type Table } from 'apache-arrow';
import { needsReading, readableTable } from '../../../shared/engine/wasmArrow';
import { openNodeWasmDuckdb } from '../../../electron/host/wasm/nodeWasmDuckdb';

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
 * The real engine, in-process: the one factory of duckdb-wasm on Node (electron/host/wasm/
 * nodeWasmDuckdb.ts, which the headless runner uses too), opened with the app's settings and the
 * page's file rules, and its results read as the app reads them (shared/engine/wasmArrow.ts).
 */
export async function openWasmDuckdb(): Promise<WasmDuckdb> {
  const require = createRequire(import.meta.url);
  const engine = await openNodeWasmDuckdb();
  return {
    query: async (sql) => {
      const table = engine.query(sql);
      // On Node duckdb-wasm builds its tables with apache-arrow's CommonJS copy, which the app's
      // (ESM) classes cannot extend: a table with BOOLEAN columns crosses over as IPC first. In the
      // page there is one copy, and the engine reads every result from IPC anyway.
      if (!needsReading(table.schema)) return table;
      return readableTable(tableFromIPC((require('apache-arrow') as typeof import('apache-arrow')).tableToIPC(table, 'stream')));
    },
    queryIpc: async (sql) => readableTable(tableFromIPC(engine.queryIpc(sql))),
    registerFile: async (name, bytes) => engine.registerFile(name, bytes),
    insertArrowIpc: async (table, stream, create = true) => engine.insertArrowIpc(table, stream, create),
    close: async () => engine.close(),
  };
}
