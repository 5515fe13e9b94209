import * as duckdb from '@duckdb/duckdb-wasm';
import { tableFromIPC, tableToIPC, type RecordBatch } from 'apache-arrow';
import { quoteIdentifier, quoteLiteral } from '../../../../shared/sql/identifiers';
import type { CatalogTable, Engine, LoadFileRequest, QueryStream } from '../engine';
import { EngineError } from '../engine';
import { engineErrorOf } from './engineErrors';
import { wasmBundles } from './wasmBundles';
import { csvReadOptions } from './csvReadOptions';

/** The smallest valid WebAssembly module: compiling it tells at once whether the page's CSP allows wasm. */
const emptyWasmModule = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
const startTimeoutMs = 60_000;

/** Statements whose result columns DESCRIBE can name with DuckDB's own type names. */
const describable = /^\s*(?:\(\s*)*(select|with|from|values|table|pivot|unpivot)\b/i;

/** DuckDB compiled to WebAssembly, in a worker, inside the renderer's sandbox. */
export class WasmEngine implements Engine {
  readonly labelKey = 'engine.label.wasm' as const;
  readonly ready: Promise<void>;
  private db: duckdb.AsyncDuckDB | null = null;
  private worker: Worker | null = null;
  private connection: duckdb.AsyncDuckDBConnection | null = null;
  /** Serializes statements on the one connection. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor() {
    this.ready = this.start();
    // A failed start is reported through `ready`; avoid an unhandled rejection before anyone awaits it.
    this.ready.catch(() => undefined);
  }

  private async start(): Promise<void> {
    try {
      await WebAssembly.compile(emptyWasmModule);
    } catch {
      throw new EngineError('wasm-blocked');
    }
    const bundle = await duckdb.selectBundle(wasmBundles);
    if (!bundle.mainWorker) throw new EngineError('No engine worker for this browser.');
    this.worker = new Worker(bundle.mainWorker);
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), this.worker);
    await withTimeout(db.instantiate(bundle.mainModule, bundle.pthreadWorker), startTimeoutMs, 'The SQL engine did not start in time.');
    await db.open({
      query: { castBigIntToDouble: false, castDecimalToDouble: false, castTimestampToDate: false, castDurationToTime64: false },
    });
    const connection = await db.connect();
    // The npm build would download Parquet/JSON readers from the internet on first use: offline that
    // fails with a misleading error or hangs the worker. Refuse at once, with DuckDB's clear message.
    await connection.query('SET autoinstall_known_extensions = false');
    await connection.query('SET autoload_known_extensions = false');
    this.db = db;
    this.connection = connection;
  }

  private async live(): Promise<{ db: duckdb.AsyncDuckDB; connection: duckdb.AsyncDuckDBConnection }> {
    await this.ready;
    if (!this.db || !this.connection) throw new EngineError('The SQL engine is not running.');
    return { db: this.db, connection: this.connection };
  }

  private serialize<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async loadFile({ table, fileName, format, bytes }: LoadFileRequest): Promise<{ rowCount: number }> {
    const { db, connection } = await this.live();
    return this.serialize(async () => {
      const target = quoteIdentifier(table);
      try {
        if (format === 'arrow') {
          // tableFromIPC reads both the IPC file and stream formats; the engine takes the stream format.
          const arrowTable = tableFromIPC(bytes);
          await connection.insertArrowFromIPCStream(tableToIPC(arrowTable, 'stream'), { name: table, create: true });
        } else {
          const internalName = `${crypto.randomUUID()}.${format}`;
          await db.registerFileBuffer(internalName, bytes);
          try {
            const options = await csvReadOptions(connection, internalName, format);
            await connection.query(`CREATE TABLE ${target} AS SELECT * FROM read_csv(${quoteLiteral(internalName)}${options})`);
          } finally {
            await db.dropFile(internalName);
          }
        }
        const count = await connection.query(`SELECT count(*)::DOUBLE AS n FROM ${target}`);
        return { rowCount: Number(count.getChildAt(0)?.get(0) ?? 0) };
      } catch (error) {
        await connection.query(`DROP TABLE IF EXISTS ${target}`).catch(() => undefined);
        const engineError = engineErrorOf(error);
        throw new EngineError(engineError.message.replaceAll(/[0-9a-f-]{36}\.(csv|tsv)/g, fileName));
      }
    });
  }

  async run(sql: string): Promise<QueryStream> {
    const { connection } = await this.live();
    return this.serialize(async () => {
      let columnTypes: string[] | null = null;
      try {
        if (describable.test(sql)) {
          const described = await connection.query(`DESCRIBE ${sql.trim().replace(/;\s*$/, '')}`).catch(() => null);
          const typeColumn = described?.getChild('column_type');
          if (typeColumn) columnTypes = Array.from({ length: typeColumn.length }, (_, i) => String(typeColumn.get(i)));
        }
        const reader = await connection.send(sql, true);
        return streamOf(reader, columnTypes);
      } catch (error) {
        throw engineErrorOf(error);
      }
    });
  }

  async cancel(): Promise<void> {
    if (!this.connection) return;
    await this.connection.cancelSent().catch(() => false);
  }

  async catalog(): Promise<CatalogTable[]> {
    const { connection } = await this.live();
    const result = await this.serialize(() =>
      connection.query(`
        SELECT t.table_name, t.table_type, c.column_name, c.data_type
        FROM information_schema.tables t
        JOIN information_schema.columns c USING (table_catalog, table_schema, table_name)
        WHERE t.table_schema = 'main'
        ORDER BY t.table_name, c.ordinal_position`),
    );
    const tables = new Map<string, CatalogTable>();
    for (const row of result.toArray() as { table_name: string; table_type: string; column_name: string; data_type: string }[]) {
      let table = tables.get(row.table_name);
      if (!table) {
        table = { name: row.table_name, kind: row.table_type === 'VIEW' ? 'view' : 'table', columns: [] };
        tables.set(row.table_name, table);
      }
      table.columns.push({ name: row.column_name, type: row.data_type });
    }
    return [...tables.values()];
  }

  async vocabulary(): Promise<{ functions: string[]; keywords: string[] }> {
    const { connection } = await this.live();
    return this.serialize(async () => {
      const functions = await connection.query(
        "SELECT DISTINCT function_name FROM duckdb_functions() WHERE NOT starts_with(function_name, '__') ORDER BY 1",
      );
      const keywords = await connection.query('SELECT keyword_name FROM duckdb_keywords() ORDER BY 1');
      const texts = (table: { getChildAt(i: number): { toArray(): ArrayLike<unknown> } | null }): string[] =>
        Array.from(table.getChildAt(0)?.toArray() ?? [], String);
      return { functions: texts(functions), keywords: texts(keywords) };
    });
  }

  async dispose(): Promise<void> {
    await this.db?.terminate().catch(() => undefined);
    this.worker?.terminate();
    this.db = null;
    this.connection = null;
  }
}

function streamOf(reader: AsyncIterable<RecordBatch>, columnTypes: string[] | null): QueryStream {
  return {
    columnTypes,
    async *[Symbol.asyncIterator]() {
      try {
        for await (const batch of reader) yield batch;
      } catch (error) {
        throw engineErrorOf(error);
      }
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new EngineError(message)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
