import * as duckdb from '@duckdb/duckdb-wasm';
import { tableToIPC, type RecordBatch, type Schema } from 'apache-arrow';
import { quoteIdentifier, quoteLiteral, tableNameKey } from '../../../../shared/sql/identifiers';
import type { Dataset } from '../../../../shared/contract/hostApi';
import { catalogFromRows, catalogSql, functionNamesSql, keywordsSql, textsOf } from '../catalogQueries';
import type { CatalogTable, Engine, LoadFileRequest, LoadProgressUpdate, QueryStream } from '../engine';
import { EngineError, LoadCanceledError, QueryCanceledError } from '../engine';
import { inAppBudgetBytes, parseDuckdbByteSize } from '../../../../shared/engine/loadFootprint';
import type { QueryResult } from '../results/resultRows';
import { InAppResults } from './wasmResults';
import { admitForInApp, arrowTableOf, readDatasetForInApp, refusalError } from './wasmDatasets';
import { loadStreamed, type StreamTarget } from './streamedLoad';
import { needsNativeReader } from '../../../../shared/contract/fileFormats';
import { footprintFromDisk, inAppRefusal } from '../../../../shared/engine/loadFootprint';
import { exportFromEngine, stageRows, stageTypedRows } from './wasmExport';
import type { ExportProgress, ExportRequest, ExportResult } from '../exportJob';
import { engineErrorOf } from './engineErrors';
import { extensionStatementRefusal } from './offlineExtensions';
import { wasmBundles } from './wasmBundles';
import { CsvShapeError, createCsvTable } from '../../../../shared/engine/wasmCsvLoad';
import { csvSampleOf } from '../../../../shared/formats/csvDialect';
import { t } from '../../i18n/i18n';
import { datasetContentUrl } from '../../host/accessToken';
import { openWithAppSettings } from '../../../../shared/engine/wasmSettings';
import { mayHideMapBooleans, readableBatch, readableTable } from '../../../../shared/engine/wasmArrow';
import { resultKeeping, userDefinitionsSql, volatileObjects, type Volatility } from '../../../../shared/sql/resultKeeping';
import { statementAsRelation } from '../../../../shared/sql/resultView';
import { withMapBooleansLabelled } from './typeNames';

/** The smallest valid WebAssembly module: compiling it tells at once whether the page's CSP allows wasm. */
const emptyWasmModule = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
const startTimeoutMs = 60_000;
/** How long a cancelled statement may take to stop before the worker is replaced (target: stopped within 3 s). */
const cancelGraceMs = 1_500;

interface Instance {
  worker: Worker;
  db: duckdb.AsyncDuckDB;
  connection: duckdb.AsyncDuckDBConnection;
  /** The engine's memory_limit less room for queries, read at start (a load must not wait behind other statements to know it). */
  budgetBytes: number | null;
}

/** The statement in flight: how to give up on it, and when it is over. */
interface ActiveStatement {
  abort(): void;
  settled: Promise<void>;
}

class Canceled extends QueryCanceledError {
  constructor() {
    super(t('results.canceled'));
  }
}

/** DuckDB compiled to WebAssembly, in a worker, inside the renderer's sandbox. */
/** A read of the catalog's volatile views and macros: pending, then `known`. */
interface VolatileObjectsRead {
  read: Promise<ReadonlyMap<string, Volatility>>;
  known: ReadonlyMap<string, Volatility> | null;
}

export class WasmEngine implements Engine {
  readonly kind = 'wasm' as const;
  readonly labelKey = 'engine.label.wasm' as const;
  private instance: Promise<Instance>;
  /** Serializes statements on the one connection. */
  private queue: Promise<unknown> = Promise.resolve();
  private active: ActiveStatement | null = null;
  private readonly restartListeners = new Set<() => void>();
  private readonly results = new InAppResults(this);
  /**
   * The views and macros whose rows change from run to run (resultKeeping.ts), read from the
   * catalog when first needed and again after any statement that is not a query (it may have
   * made, changed or dropped one). `known` once read, for the one caller that cannot wait.
   */
  private volatileRead: VolatileObjectsRead | null = null;
  /**
   * The oid DuckDB gave each table made for a file, by its name (tableNameKey): `closeDataset`
   * drops that table only. One the user made in its place (DROP TABLE, then CREATE TABLE under the
   * same name) has another oid, and is their work.
   */
  private readonly fileTables = new Map<string, string>();

  /** `startAfter`: the engine starts once it settles (the app lets its editor go first). */
  constructor(startAfter: Promise<unknown> = Promise.resolve()) {
    this.instance = startAfter.then(startInstance, startInstance);
    // A failed start is reported through `ready`; avoid an unhandled rejection before anyone awaits it.
    this.instance.catch(() => undefined);
  }

  get ready(): Promise<void> {
    return this.instance.then(() => undefined);
  }

  onRestarted(listener: () => void): () => void {
    this.restartListeners.add(listener);
    return () => this.restartListeners.delete(listener);
  }

  private serialize<T>(work: (instance: Instance) => Promise<T>): Promise<T> {
    return this.serializeHeld(async (instance) => ({ value: await work(instance), held: Promise.resolve() }));
  }

  /**
   * As `serialize`, but the connection stays taken until `held` settles: a streamed result is read
   * after `send` returns, and any other statement sent on the connection meanwhile (the catalog, a
   * profile, another cell) closes that stream early, so it ends as if it had no more rows.
   */
  private serializeHeld<T>(work: (instance: Instance) => Promise<{ value: T; held: Promise<void> }>): Promise<T> {
    const run = async (): Promise<{ value: T; held: Promise<void> }> => work(await this.instance);
    const next = this.queue.then(run, run);
    this.queue = next.then(({ held }) => held).catch(() => undefined);
    return next.then(({ value }) => value);
  }

  /** The engine's own memory limit (duckdb-wasm's memory_limit), less room for queries. */
  loadBudgetBytes(): Promise<number | null> {
    return this.instance.then(({ budgetBytes }) => budgetBytes, () => null);
  }

  async loadDataset(
    dataset: Dataset,
    table: string,
    onProgress: (progress: LoadProgressUpdate) => void,
    signal?: AbortSignal,
  ): Promise<{ rowCount: number }> {
    await this.refuseTakenName(table);
    const budget = await this.loadBudgetBytes();
    let loaded: { rowCount: number } | null = null;
    if (needsNativeReader(dataset.format)) {
      await admitForInApp(dataset, onProgress, budget, signal);
      const streamed = await loadStreamed(dataset, this.streamTarget(table), onProgress, signal);
      // A type the stream cannot carry: the database file route below keeps it (see streamedLoad.ts).
      if (streamed.carried) loaded = { rowCount: streamed.rowCount };
      else console.info(`[engine] ${dataset.fileName} loads as a database file: ${streamed.reason}`);
    }
    if (!loaded) {
      const { format, bytes } = await readDatasetForInApp(dataset, onProgress, budget, signal, needsNativeReader(dataset.format));
      if (signal?.aborted) throw new LoadCanceledError();
      onProgress({ phase: 'reading', fraction: null });
      loaded = await this.loadFile({ table, fileName: dataset.fileName, format, bytes });
    }
    // Building a table cannot be stopped half-way; one the user gave up on meanwhile is not kept.
    if (signal?.aborted) {
      await this.serialize(async ({ connection }) => connection.query(`DROP TABLE IF EXISTS ${await ownTable(connection, table)}`)).catch(() => undefined);
      throw new LoadCanceledError();
    }
    await this.recordFileTable(table);
    // SQL may name the file by its path, as on the native engine: the engine reads it from the
    // host when asked (same origin), so its bytes are not held twice. The table is loaded either
    // way: a path that cannot be registered only leaves SQL to say the file is not found.
    const url = await datasetContentUrl(dataset.id);
    await this.serialize(async ({ db }) => {
      await db.dropFile(dataset.displayPath).catch(() => undefined);
      await db.registerFileURL(dataset.displayPath, url, duckdb.DuckDBDataProtocol.HTTP, false);
    }).catch(() => undefined);
    return loaded;
  }

  async closeDataset(table: string): Promise<void> {
    const made = this.fileTables.get(tableNameKey(table));
    await this.serialize(async ({ connection }) => {
      const now = await mainTableOid(connection, table);
      if (now === null) return;
      if (now !== made) throw new EngineError(t('engine.tableNotFromFile', { table }));
      await connection.query(`DROP TABLE ${await ownTable(connection, table)}`);
    }).catch((error: unknown) => Promise.reject(error instanceof EngineError ? error : new EngineError(engineErrorOf(error).message)));
    this.fileTables.delete(tableNameKey(table));
  }

  /**
   * A load never starts over a table it did not make: a load that fails drops its table, and under
   * a name the user's own table holds, that would be the user's table (the page gives a file a free
   * name before it gets here; this is the engine's own guard).
   */
  private async refuseTakenName(table: string): Promise<void> {
    const taken = await this.serialize(async ({ connection }) => {
      const main = await mainTableOid(connection, table);
      // A temporary table or a view of the user's under the name would hide the file's table.
      const others = await connection.query(
        `SELECT count(*)::INTEGER AS n FROM (SELECT table_name AS name FROM duckdb_tables() WHERE database_name = 'temp' UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal AND database_name IN (current_database(), 'temp')) WHERE lower(name) = lower(${quoteLiteral(table)})`,
      );
      return (main !== null && main !== this.fileTables.get(tableNameKey(table))) || Number(others.getChild('n')?.get(0) ?? 0) > 0;
    }).catch(() => false);
    if (taken) throw new EngineError(t('engine.nameTaken', { table }));
  }

  /** Remembers which table `table` is now: the one made for a file (see `fileTables`). */
  private async recordFileTable(table: string): Promise<void> {
    const oid = await this.serialize(({ connection }) => mainTableOid(connection, table)).catch(() => null);
    if (oid !== null) this.fileTables.set(tableNameKey(table), oid);
  }

  /** Batches of a streamed load, each inserted in its turn on the connection (queries may run between them). */
  private streamTarget(table: string): StreamTarget {
    const inEngine = <T>(work: (instance: Instance) => Promise<T>): Promise<T> =>
      this.serialize(work).catch((error: unknown) => Promise.reject(new EngineError(engineErrorOf(error).message)));
    return {
      insert: (batch, create) => inEngine(({ connection }) => connection.insertArrowFromIPCStream(batch, { name: table, create })),
      columnTypes: () =>
        inEngine(async ({ connection }) => {
          const described = await connection.query(`DESCRIBE ${quoteIdentifier(table)}`);
          const types = described.getChild('column_type');
          return Array.from({ length: described.numRows }, (_, i) => String(types?.get(i)));
        }),
      drop: () => inEngine(async ({ connection }) => connection.query(`DROP TABLE IF EXISTS ${await ownTable(connection, table)}`)).then(() => undefined),
    };
  }

  async execute(sql: string): Promise<QueryResult> {
    return this.results.execute(sql);
  }

  async refuseFile(fileName: string, format: 'csv' | 'tsv' | 'arrow', sizeBytes: number): Promise<EngineError | null> {
    const refusal = inAppRefusal(footprintFromDisk(format, sizeBytes), await this.loadBudgetBytes(), sizeBytes);
    return refusal ? refusalError(fileName, refusal) : null;
  }

  async loadFile(request: LoadFileRequest): Promise<{ rowCount: number }> {
    await this.refuseTakenName(request.table);
    const loaded = await this.loadFileTable(request);
    await this.recordFileTable(request.table);
    return loaded;
  }

  private loadFileTable({ table, fileName, format, bytes }: LoadFileRequest): Promise<{ rowCount: number }> {
    return this.serialize(async ({ db, connection }) => {
      const target = quoteIdentifier(table);
      try {
        if (format === 'duckdb') {
          // A database file written by native DuckDB of the same version: every type arrives intact.
          const internalName = `${crypto.randomUUID()}.duckdb`;
          const alias = quoteIdentifier(`source_${internalName.slice(0, 8)}`);
          await db.registerFileBuffer(internalName, bytes);
          try {
            await connection.query(`ATTACH ${quoteLiteral(internalName)} AS ${alias} (READ_ONLY)`);
            try {
              await connection.query(`CREATE TABLE ${target} AS SELECT * FROM ${alias}.data`);
            } finally {
              await connection.query(`DETACH ${alias}`);
            }
          } finally {
            await db.dropFile(internalName);
          }
        } else if (format === 'arrow') {
          // tableFromIPC reads both the IPC file and stream formats; the engine takes the stream format.
          const arrowTable = arrowTableOf(bytes);
          await connection.insertArrowFromIPCStream(tableToIPC(arrowTable, 'stream'), { name: table, create: true });
        } else {
          const internalName = `${crypto.randomUUID()}.${format}`;
          // Registering transfers the buffer to the worker: take the sample first.
          const sample = csvSampleOf(bytes);
          await db.registerFileBuffer(internalName, bytes);
          try {
            await createCsvTable(connection, table, internalName, format, sample);
          } finally {
            await db.dropFile(internalName);
          }
        }
        const count = await connection.query(`SELECT count(*)::DOUBLE AS n FROM ${target}`);
        return { rowCount: Number(count.getChildAt(0)?.get(0) ?? 0) };
      } catch (error) {
        await connection.query(`DROP TABLE IF EXISTS ${await ownTable(connection, table)}`).catch(() => undefined);
        if (error instanceof CsvShapeError) {
          const { problem } = error;
          throw new EngineError(
            problem.kind === 'ragged'
              ? t('error.csvRagged', { line: problem.line, found: problem.found, expected: problem.expected })
              : t('error.csvUnclosedQuote', { line: problem.line }),
          );
        }
        // Messages name the engine's internal file name; the user knows the file by its own name.
        const message = engineErrorOf(error).message.replaceAll(/[0-9a-f-]{36}\.(csv|tsv)/g, fileName);
        throw new EngineError(message);
      }
    });
  }

  /** See `volatileRead`. */
  readVolatileObjects(): Promise<ReadonlyMap<string, Volatility>> {
    if (this.volatileRead) return this.volatileRead.read;
    const entry: VolatileObjectsRead = { read: Promise.resolve(new Map()), known: null };
    entry.read = this.serialize(async ({ connection }) => {
      const table = readableTable(await connection.query(userDefinitionsSql));
      const [names, bodies] = [table.getChild('name'), table.getChild('body')];
      return volatileObjects(Array.from({ length: table.numRows }, (_, i) => ({ name: String(names?.get(i)), body: String(bodies?.get(i)) })));
    }).then(
      (found) => (entry.known = found),
      () => {
        // Not kept: the next statement asks again. Meanwhile its text alone decides, as before.
        if (this.volatileRead === entry) this.volatileRead = null;
        return new Map<string, Volatility>();
      },
    );
    this.volatileRead = entry;
    return entry.read;
  }

  /**
   * resultKeeping for a statement already holding the connection: views and macros not read yet
   * count as volatile (reading them needs the connection), so a query is never sent twice blind.
   */
  private keepingWithoutWaiting(sql: string): ReturnType<typeof resultKeeping> {
    const known = this.volatileRead?.known;
    const keeping = resultKeeping(sql, known ?? undefined);
    return keeping === 'streamThenTable' && !known ? 'tableFirst' : keeping;
  }

  async run(sql: string, signal?: AbortSignal): Promise<QueryStream> {
    // Never sent: LOAD would try to download the extension.
    const refused = extensionStatementRefusal(sql);
    if (refused) throw refused;
    if (resultKeeping(sql) === 'none') this.volatileRead = null;
    return this.serializeHeld(async ({ connection }) => {
      // Aborted while it waited its turn: it never starts.
      if (signal?.aborted) throw new QueryCanceledError(t('results.canceled'));
      let abort!: () => void;
      let finish!: () => void;
      const aborted = new Promise<never>((_, reject) => (abort = () => reject(new Canceled())));
      aborted.catch(() => undefined);
      const settled = new Promise<void>((resolve) => (finish = resolve));
      const active: ActiveStatement = { abort, settled };
      this.active = active;
      // Stops this statement only: by the time the signal aborts, another may be the active one.
      const stop = (): void => {
        if (this.active === active) void this.cancel();
      };
      signal?.addEventListener('abort', stop, { once: true });
      const done = (): void => {
        finish();
        signal?.removeEventListener('abort', stop);
        if (this.active === active) this.active = null;
      };
      try {
        let iterator: AsyncIterator<RecordBatch> = (await Promise.race([connection.send(sql, true), aborted]))[Symbol.asyncIterator]();
        let first = await Promise.race([iterator.next(), aborted]);
        let labelled: Schema | null = null;
        // A MAP of BOOLEAN arrives unlabelled (shared/engine/wasmArrow.ts): its types are asked of
        // DuckDB, which needs the connection, so this stream must end first.
        const keeping = first.done || !mayHideMapBooleans(first.value.schema) ? null : this.keepingWithoutWaiting(sql);
        if (!first.done && keeping === 'streamThenTable') {
          // A query that gives the same rows and changes nothing when run again: sent again once its types are known.
          await iterator.return?.();
          labelled = await withMapBooleansLabelled(connection, statementAsRelation(sql), first.value.schema);
          iterator = (await Promise.race([connection.send(sql, true), aborted]))[Symbol.asyncIterator]();
          first = await Promise.race([iterator.next(), aborted]);
        } else if (!first.done && keeping === 'tableFirst') {
          // One that must run once (random values, a sequence): its rows are read to the end, then its types asked.
          const batches = [first.value];
          for (let next = await Promise.race([iterator.next(), aborted]); !next.done; next = await Promise.race([iterator.next(), aborted])) batches.push(next.value);
          labelled = await withMapBooleansLabelled(connection, statementAsRelation(sql), first.value.schema);
          iterator = (async function* () {
            yield* batches.slice(1);
          })();
        }
        // The next statement waits until this one's rows are read (or it is stopped).
        return { value: streamOf(first, iterator, labelled, aborted, done), held: Promise.race([settled, aborted.catch(() => undefined)]) };
      } catch (error) {
        done();
        throw engineErrorOf(error, sql);
      }
    });
  }

  async cancel(): Promise<void> {
    const active = this.active;
    if (!active) return;
    const { connection } = await this.instance;
    // Not awaited: a worker busy inside one long call answers the cancel only when that call ends,
    // and the grace period must run from now.
    void connection.cancelSent().catch(() => false);
    const stopped = await Promise.race([active.settled.then(() => true), delay(cancelGraceMs).then(() => false)]);
    if (!stopped) {
      active.abort();
      await this.restart();
    }
  }

  /** Replaces the worker with a fresh one; its tables are gone, so listeners load them again. */
  private async restart(): Promise<void> {
    const old = this.instance;
    this.instance = startInstance();
    this.queue = Promise.resolve();
    this.active = null;
    void old.then((instance) => terminate(instance), () => undefined);
    await this.instance;
    this.volatileRead = null;
    for (const listener of this.restartListeners) listener();
  }

  async catalog(): Promise<CatalogTable[]> {
    return catalogFromRows(await this.serialize(async ({ connection }) => readableTable(await connection.query(catalogSql))), { fileViews: 'none' });
  }

  async exportRelation(request: ExportRequest, onProgress: (progress: ExportProgress) => void, signal: AbortSignal): Promise<ExportResult> {
    onProgress({ phase: 'preparing', fraction: null });
    const inEngine = <T>(work: (instance: Instance) => Promise<T>): Promise<T> =>
      this.serialize(work).catch((error: unknown) => Promise.reject(engineErrorOf(error)));
    return exportFromEngine(
      {
        rows: (format) => inEngine(({ db, connection }) => stageRows(db, connection, request.relation, format)),
        typedRows: (asText) => inEngine(({ connection }) => stageTypedRows(connection, request.relation, asText)),
      },
      request,
      onProgress,
      signal,
    );
  }

  async tableRowsToKeep(relation: string): Promise<{ body: Blob } | { columns: string; count: number }> {
    // The typed route of Parquet exports: the same Arrow, checked the same way on the main side.
    // A column that Arrow would carry wrongly is refused here (Keep names it), not sent as text.
    const { staged, asText } = await this.serialize(({ connection }) => stageTypedRows(connection, relation, [])).catch((error: unknown) => Promise.reject(engineErrorOf(error)));
    return asText.length > 0 ? { columns: asText.join(', '), count: asText.length } : { body: staged.body };
  }

  async vocabulary(): Promise<{ functions: string[]; keywords: string[] }> {
    return this.serialize(async ({ connection }) => ({
      functions: textsOf(await connection.query(functionNamesSql)),
      keywords: textsOf(await connection.query(keywordsSql)),
    }));
  }

  async dispose(): Promise<void> {
    await this.instance.then(terminate, () => undefined);
  }
}

async function startInstance(): Promise<Instance> {
  try {
    await WebAssembly.compile(emptyWasmModule);
  } catch {
    throw new EngineError('wasm-blocked');
  }
  const bundle = await duckdb.selectBundle(wasmBundles);
  if (!bundle.mainWorker) throw new EngineError(t('engine.noWorker'));
  const worker = new Worker(bundle.mainWorker);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  try {
    await withTimeout(db.instantiate(bundle.mainModule, bundle.pthreadWorker), startTimeoutMs, t('engine.startTimeout'));
    const connection = await openWithAppSettings(db);
    const limit = await connection
      .query("SELECT current_setting('memory_limit')::VARCHAR AS v")
      .then((table) => parseDuckdbByteSize(String(table.getChildAt(0)?.get(0) ?? '')), () => null);
    return { worker, db, connection, budgetBytes: limit === null ? null : inAppBudgetBytes(limit) };
  } catch (error) {
    worker.terminate();
    throw error;
  }
}

async function terminate({ db, worker }: Instance): Promise<void> {
  await db.terminate().catch(() => undefined);
  worker.terminate();
}

/**
 * Arrow batches as they come, `first` already read; giving up on the statement (abort) ends the
 * iteration at once. `labelled`: the schema as labelMapBooleans made it, for a MAP of BOOLEAN.
 */
function streamOf(
  first: IteratorResult<RecordBatch>,
  iterator: AsyncIterator<RecordBatch>,
  labelled: Schema | null,
  aborted: Promise<never>,
  done: () => void,
): QueryStream {
  return {
    columnTypes: null,
    async *[Symbol.asyncIterator]() {
      try {
        for (let next = first; !next.done; next = await Promise.race([iterator.next(), aborted])) {
          yield readableBatch(next.value, labelled ?? next.value.schema);
        }
      } catch (error) {
        throw engineErrorOf(error);
      } finally {
        done();
      }
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
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

/** The oid of the main schema's table `table` in the engine's own database, or null when there is none. */
/**
 * `table` of the engine's own database, fully qualified: never a temporary table of the user's
 * under the same name, which DuckDB would find first (it looks in `temp` before the database, even
 * for `main.table`).
 */
async function ownTable(connection: duckdb.AsyncDuckDBConnection, table: string): Promise<string> {
  const rows = await connection.query('SELECT current_database() AS name');
  return `${quoteIdentifier(String(rows.getChild('name')?.get(0)))}.main.${quoteIdentifier(table)}`;
}

async function mainTableOid(connection: duckdb.AsyncDuckDBConnection, table: string): Promise<string | null> {
  const rows = await connection.query(
    `SELECT table_oid::VARCHAR AS oid FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND lower(table_name) = lower(${quoteLiteral(table)})`,
  );
  return rows.numRows > 0 ? String(rows.getChild('oid')?.get(0)) : null;
}
