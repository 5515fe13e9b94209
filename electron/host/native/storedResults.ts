/**
 * Query results kept inside native DuckDB, so the renderer can browse ten million rows while
 * holding only the windows on screen. A result's rows are appended to a table in an in-memory
 * scratch database (which spills to disk past the memory limit) as the statement produces them;
 * the first rows are sent before the rest is computed. Sorting and filtering make a new stored
 * result, computed by DuckDB from the stored one.
 */
import type { DuckDBAppender, DuckDBConnection, DuckDBDataChunk, DuckDBResult, DuckDBType } from '@duckdb/node-api';
import { quoteIdentifier } from '../../../shared/sql/identifiers';
import { positionalName, viewSql, type ResultView } from '../../../shared/sql/resultView';
import { encodeArrowIpc } from './arrowEncoding';
import type { ResultStatus } from './nativeProtocol';
import { SerialQueue } from './serialQueue';

export const scratchDatabase = 'scratch';
/** Rows appended between flushes: each flush makes the rows visible to the browsing connection. */
const flushEveryRows = 131_072;
/** Older results are dropped past this many: each may hold millions of rows. */
const maxStoredResults = 6;

export class StoredResult {
  rowCount = 0;
  complete = false;
  error: string | null = null;
  /** Settles when every row is stored (or storing stopped). */
  readonly done: Promise<void>;
  /** True once the table exists (its first rows in it); false when it could not be made. */
  readonly created: Promise<boolean>;
  private finish!: () => void;
  private markCreated!: (created: boolean) => void;

  constructor(
    readonly id: number,
    readonly columns: readonly string[],
    readonly types: readonly DuckDBType[],
  ) {
    this.done = new Promise((resolve) => (this.finish = resolve));
    this.created = new Promise((resolve) => (this.markCreated = resolve));
  }

  tableCreated(created: boolean): void {
    this.markCreated(created);
  }

  get table(): string {
    return `${scratchDatabase}.${quoteIdentifier(`r${this.id}`)}`;
  }

  /** The result as SQL FROM can take, with the statement's own column names. */
  get relation(): string {
    const columns = this.columns.map((name, i) => `${quoteIdentifier(positionalName(i))} AS ${quoteIdentifier(name)}`);
    return `(SELECT ${columns.join(', ') || '*'} FROM ${this.table})`;
  }

  get status(): ResultStatus {
    return { rowCount: this.rowCount, complete: this.complete, error: this.error };
  }

  settle(error: string | null): void {
    this.error = error;
    this.complete = true;
    this.markCreated(false);
    this.finish();
  }
}

/** The stored results of one database, with the two connections that write and read them. */
export class StoredResults {
  private nextId = 1;
  private readonly results = new Map<number, StoredResult>();
  private readonly browsing = new SerialQueue();

  constructor(
    private readonly browse: DuckDBConnection,
    private readonly append: DuckDBConnection,
  ) {}

  /**
   * Stores a statement's rows: `first` (already read, and already on their way to the renderer)
   * first, then the rest as the statement produces them. Returns at once, so the first rows are
   * never held up by the table being made; windows of the result wait for it (`created`), and
   * `filling` settles when all rows are in.
   */
  store(source: DuckDBResult, first: readonly DuckDBDataChunk[], reachedEnd: boolean): { stored: StoredResult; filling: Promise<void> } {
    const stored = new StoredResult(this.nextId++, source.columnNames(), source.columnTypes());
    stored.rowCount = first.reduce((rows, chunk) => rows + chunk.rowCount, 0);
    this.results.set(stored.id, stored);
    this.evictOld();
    const filling = (async () => {
      let appender: DuckDBAppender;
      try {
        const definitions = stored.types.map((type, i) => `${quoteIdentifier(positionalName(i))} ${type.toString()}`);
        await this.browsing.run(() => this.browse.run(`CREATE TABLE ${stored.table} (${definitions.join(', ')})`));
        appender = await this.append.createAppender(`r${stored.id}`, 'main', scratchDatabase);
      } catch (error) {
        stored.settle(error instanceof Error ? error.message : String(error));
        return;
      }
      // Synchronously up to the first rows' flush: a window asked for meanwhile finds them there.
      const filled = fill(stored, appender, source, first, reachedEnd);
      stored.tableCreated(true);
      await filled;
    })();
    return { stored, filling };
  }

  get(id: number): StoredResult {
    const stored = this.results.get(id);
    if (!stored) throw new Error('This result is no longer available: run the query again.');
    return stored;
  }

  /** Rows [offset, offset + limit) as Arrow IPC. */
  async rows(stored: StoredResult, offset: number, limit: number): Promise<Uint8Array> {
    if (!(await stored.created)) throw new Error(stored.error ?? 'This result could not be kept: run the query again.');
    return this.browsing.run(async () => {
      const result = await this.browse.stream(`SELECT * FROM ${stored.table} LIMIT ${Math.floor(limit)} OFFSET ${Math.floor(offset)}`);
      const chunks = await readChunks(result);
      return encodeArrowIpc(
        stored.columns.map((name, i) => ({ name, type: stored.types[i] as DuckDBType })),
        chunks,
      );
    });
  }

  /** A sorted or filtered copy of a complete result, made by DuckDB. */
  async view(stored: StoredResult, view: ResultView): Promise<StoredResult> {
    await stored.done;
    if (stored.error) throw new Error(stored.error);
    const derived = new StoredResult(this.nextId++, stored.columns, stored.types);
    await this.browsing.run(async () => {
      await this.browse.run(`CREATE TABLE ${derived.table} AS ${viewSql(stored.table, stored.columns.length, view)}`);
      const count = await this.browse.runAndReadAll(`SELECT count(*)::DOUBLE FROM ${derived.table}`);
      derived.rowCount = Number(count.getRows()[0]?.[0] ?? 0);
    });
    derived.tableCreated(true);
    derived.settle(null);
    this.results.set(derived.id, derived);
    this.evictOld();
    return derived;
  }

  async release(id: number): Promise<void> {
    const stored = this.results.get(id);
    if (!stored) return;
    this.results.delete(id);
    // A result still filling is dropped once its statement stops.
    await stored.done;
    await this.browsing.run(() => this.browse.run(`DROP TABLE IF EXISTS ${stored.table}`));
  }

  private evictOld(): void {
    const ids = [...this.results.keys()];
    for (const id of ids.slice(0, Math.max(0, ids.length - maxStoredResults))) void this.release(id).catch(() => undefined);
  }
}

async function fill(
  stored: StoredResult,
  appender: DuckDBAppender,
  source: DuckDBResult,
  first: readonly DuckDBDataChunk[],
  reachedEnd: boolean,
): Promise<void> {
  let pending = 0;
  const add = (chunk: DuckDBDataChunk): void => {
    appender.appendDataChunk(chunk);
    pending += chunk.rowCount;
    if (pending >= flushEveryRows) flush();
  };
  const flush = (): void => {
    appender.flushSync();
    stored.rowCount += pending;
    pending = 0;
  };
  try {
    // The first rows are counted already (the renderer has them); they go in without counting.
    for (const chunk of first) appender.appendDataChunk(chunk);
    appender.flushSync();
    if (!reachedEnd) {
      for (;;) {
        const chunk = await source.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        add(chunk);
      }
      flush();
    }
    stored.settle(null);
  } catch (error) {
    // Rows already flushed stay browsable; the status says why the rest is missing.
    stored.settle(error instanceof Error ? error.message : String(error));
  } finally {
    try {
      appender.closeSync();
    } catch {
      // Closing flushes; after a failure there may be nothing valid left to flush.
    }
  }
}

/** Every chunk of a result. */
export async function readChunks(result: DuckDBResult): Promise<DuckDBDataChunk[]> {
  const chunks: DuckDBDataChunk[] = [];
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) return chunks;
    chunks.push(chunk);
  }
}
