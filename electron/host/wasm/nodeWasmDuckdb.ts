/**
 * The in-app engine (duckdb-wasm) on Node, made in one place: the headless runner's
 * `--engine wasm` and every unit test that checks the in-app engine open it here. It is the
 * package's blocking Node build, from the wasm files in node_modules, opened with the app's own
 * settings (shared/engine/wasmSettings.ts).
 *
 * In the page, duckdb-wasm's file system is its own memory: SQL reads only the files the app
 * registered with it, and never the network. The Node build, left as it is, reads and writes any
 * path on the machine (and would fetch an extension over the network when told to LOAD one). So it
 * runs here with the page's rules instead: only registered files exist, everything else is
 * "No files found", no call of the engine reaches the disk, and statements that would download an
 * extension are refused before they reach it.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Table } from 'apache-arrow';
import { extensionStatementWords, type ExtensionStatementWords } from '../../../shared/engine/inAppErrors';
import { openWithAppSettings } from '../../../shared/engine/wasmSettings';

type BlockingDuckdb = typeof import('@duckdb/duckdb-wasm/blocking');

export interface NodeWasmDuckdb {
  /** Runs `sql` and returns the table as duckdb-wasm builds it (with its own CommonJS apache-arrow). */
  query(sql: string): Table;
  /** Runs `sql` and returns its result as Arrow IPC stream bytes, as the page's worker hands them over. */
  queryIpc(sql: string): Uint8Array;
  /** Creates `table` from Arrow IPC stream bytes, as the page loads an Arrow file. */
  /** Inserts an Arrow IPC stream into `table`, creating it unless `create` is false (appending). */
  insertArrowIpc(table: string, stream: Uint8Array, create?: boolean): void;
  /** Makes `bytes` readable by SQL as the file `name`, as the page registers a file's bytes. */
  registerFile(name: string, bytes: Uint8Array): void;
  close(): void;
}

/** A script with INSTALL, LOAD or UPDATE EXTENSIONS: never sent to the engine (see extensionStatementWords). */
export class ExtensionStatementRefused extends Error {
  constructor(readonly words: ExtensionStatementWords) {
    super(words.key);
    this.name = 'ExtensionStatementRefused';
  }
}

/** What the engine's file system answers for a path it was not given: nothing there. */
const refusal = 'Data Lab: the in-app engine reads only the files registered with it';

export async function openNodeWasmDuckdb(): Promise<NodeWasmDuckdb> {
  // Resolved at run time from node_modules (never bundled): the build is CommonJS and finds its
  // wasm files beside itself.
  const require = createRequire(import.meta.url);
  const duckdb = require('@duckdb/duckdb-wasm/blocking') as BlockingDuckdb;
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm'));
  const bundles = {
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') },
  };
  const bindings = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), pageFileRules(duckdb));
  await bindings.instantiate();
  const connection = await openWithAppSettings(bindings);
  // Settings stay the app's: a notebook's `SET autoload_known_extensions = true` would otherwise let
  // a query fetch an extension, past the check below (which sees INSTALL, LOAD and UPDATE only).
  connection.query('SET lock_configuration = true');
  // The page refuses these before they reach its engine; here a LOAD would start a download that,
  // offline, never ends. Every statement passes this check, so the engine cannot reach the network.
  const checked = (sql: string): string => {
    const words = extensionStatementWords(sql);
    if (words) throw new ExtensionStatementRefused(words);
    return sql;
  };
  return {
    query: (sql) => connection.query(checked(sql)) as unknown as Table,
    queryIpc: (sql) => connection.useUnsafe((unsafe, id) => unsafe.runQuery(id, checked(sql))),
    insertArrowIpc: (table, stream, create = true) => connection.insertArrowFromIPCStream(stream, { name: table, create }),
    registerFile: (name, bytes) => bindings.registerFileBuffer(name, bytes),
    close: () => {
      connection.close();
      bindings.reset();
    },
  };
}

/**
 * The Node runtime with the browser's file rules: an unregistered path is an in-memory buffer (as
 * the browser runtime's default), globbing the machine finds nothing, and every call that would
 * open, create, move or remove a path on disk fails. Registered buffers live inside the engine and
 * never reach these calls.
 */
function pageFileRules(duckdb: BlockingDuckdb): typeof duckdb.NODE_RUNTIME {
  const refuse = (mod: Parameters<typeof duckdb.failWith>[0]): 0 => {
    duckdb.failWith(mod, refusal);
    return 0;
  };
  return {
    ...duckdb.NODE_RUNTIME,
    getDefaultDataProtocol: () => duckdb.DuckDBDataProtocol.BUFFER,
    glob: () => undefined,
    checkFile: () => false,
    checkDirectory: () => false,
    listDirectoryEntries: () => false,
    openFile: (mod) => void refuse(mod),
    readFile: (mod) => refuse(mod),
    writeFile: (mod) => refuse(mod),
    truncateFile: (mod) => void refuse(mod),
    getLastFileModificationTime: (mod) => refuse(mod),
    createDirectory: (mod) => void refuse(mod),
    removeDirectory: (mod) => void refuse(mod),
    removeFile: (mod) => void refuse(mod),
    moveFile: (mod) => void refuse(mod),
  };
}
