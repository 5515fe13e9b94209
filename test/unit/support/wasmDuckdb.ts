import { createRequire } from 'node:module';
import path from 'node:path';
import { tableFromIPC, type Table } from 'apache-arrow';

type BlockingDuckdb = typeof import('@duckdb/duckdb-wasm/blocking');

export interface WasmDuckdb {
  /** The table exactly as duckdb-wasm builds it (with the apache-arrow copy it resolves). */
  query(sql: string): Promise<Table>;
  /** The same result re-read from its Arrow IPC bytes with the app's own apache-arrow. */
  queryIpc(sql: string): Promise<Table>;
  /** Makes `bytes` readable by SQL as the file `name` (as the app registers a loaded file's bytes). */
  registerFile(name: string, bytes: Uint8Array): Promise<void>;
  /** Creates `table` from Arrow IPC stream bytes, as the app's in-app engine loads an Arrow file. */
  insertArrowIpc(table: string, stream: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export interface WasmDuckdbOptions {
  /** duckdb-wasm's switch that sends UUID, TIMETZ, BIT, HUGEINT… as Arrow extension types. */
  arrowLosslessConversion?: boolean;
}

/**
 * The real engine, in-process: duckdb-wasm's blocking build on Node, from the wasm files in
 * node_modules. Opened with the settings the app's engine uses.
 */
export async function openWasmDuckdb(options: WasmDuckdbOptions = {}): Promise<WasmDuckdb> {
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
  db.open({
    query: { castBigIntToDouble: false, castDecimalToDouble: false, castTimestampToDate: false, castDurationToTime64: false },
    arrowLosslessConversion: options.arrowLosslessConversion ?? false,
  });
  const connection = db.connect();
  // Offline, an extension autoload (JSON, Parquet…) would try the network and hang the engine.
  connection.query('SET autoinstall_known_extensions = false');
  connection.query('SET autoload_known_extensions = false');
  return {
    query: async (sql) => connection.query(sql) as unknown as Table,
    queryIpc: async (sql) => tableFromIPC(connection.useUnsafe((bindings, id) => bindings.runQuery(id, sql))),
    registerFile: async (name, bytes) => db.registerFileBuffer(name, bytes),
    insertArrowIpc: async (table, stream) => connection.insertArrowFromIPCStream(stream, { name: table, create: true }),
    close: async () => {
      connection.close();
      db.reset();
    },
  };
}
