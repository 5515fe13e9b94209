/**
 * Query results kept inside native DuckDB, so the renderer can browse ten million rows while
 * holding only the windows on screen. A result's rows are appended to a table in an in-memory
 * scratch database (which spills to disk past the memory limit) as the statement produces them;
 * the first rows are sent before the rest is computed. Sorting and filtering make a new stored
 * result, computed by DuckDB from the stored one.
 *
 * A result that came whole with the first reply (most statements) is only kept as its chunks: it
 * becomes a table when something asks for one (a window, a view, or a statement that names it),
 * so a short query pays nothing for storage it may never use.
 */
import type { DuckDBAppender, DuckDBConnection, DuckDBDataChunk, DuckDBResult, DuckDBType } from '@duckdb/node-api';
import { quoteIdentifier } from '../../../shared/sql/identifiers';
import { positionalName, viewSql, withColumnNames, type ResultView } from '../../../shared/sql/resultView';
import { encodeArrowIpc } from './arrowEncoding';
import type { ResultStatus } from './nativeProtocol';
import { SerialQueue } from './serialQueue';
import { HostFailure } from '../hostFailure';

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
  /** All the rows, for a result not made a table (yet): see StoredResults.materialize. */
  kept: readonly DuckDBDataChunk[] | null = null;
  /** The table being made from what was kept. */
  materializing: Promise<void> | null = null;
  private finish!: () => void;
  private markCreated!: (created: boolean) => void;
  /**
   * Set by an interrupt while the rows are stored. An interrupted stream just ends (DuckDB's
   * fetch returns no more rows rather than failing), which would read as a complete result.
   */
  private interrupted = false;

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
    return withColumnNames(this.table, this.columns);
  }

  get status(): ResultStatus {
    return { rowCount: this.rowCount, complete: this.complete, error: this.error };
  }

  /** The whole result, kept as chunks until something needs its table (StoredResults.materialize). */
  keep(chunks: readonly DuckDBDataChunk[]): void {
    this.kept = chunks;
    this.complete = true;
    this.finish();
  }

  /** The statement filling this result was interrupted: what is stored is only part of it. */
  markInterrupted(): void {
    if (!this.complete) this.interrupted = true;
  }

  settle(error: string | null): void {
    // DuckDB's own words for a stopped statement, as when it stops before its first rows.
    this.error = error ?? (this.interrupted ? 'INTERRUPT Error: Interrupted!' : null);
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
    if (reachedEnd) {
      stored.keep(first);
      return { stored, filling: Promise.resolve() };
    }
    return { stored, filling: this.fillTable(stored, first, source) };
  }

  /** Makes the result's table and appends its rows: `first`, then the rest of `source` if any. */
  private async fillTable(stored: StoredResult, first: readonly DuckDBDataChunk[], source: DuckDBResult | null): Promise<void> {
    let appender: DuckDBAppender;
    try {
      const definitions = stored.types.map((type, i) => `${quoteIdentifier(positionalName(i))} ${type.toString()}`);
      await this.browsing.run(() => this.browse.run(`CREATE TABLE ${stored.table} (${definitions.join(', ')})`));
      appender = await this.append.createAppender(`r${stored.id}`, 'main', scratchDatabase);
    } catch (error) {
      stored.settle(error instanceof Error ? error.message : String(error));
      return;
    }
    // Before the first rows go in, but windows asked for meanwhile wait a microtask, by which
    // time fill has appended and flushed them (synchronously, up to its first await).
    stored.tableCreated(true);
    await fill(stored, appender, source, first);
  }

  /** A kept result made a table (once, however many ask at the same time). */
  private materialize(stored: StoredResult): Promise<void> {
    const chunks = stored.kept;
    if (chunks) {
      stored.kept = null;
      // Cleared once the table is made: from then on the table is there for any connection to read.
      stored.materializing = this.fillTable(stored, chunks, null).finally(() => (stored.materializing = null));
    }
    return stored.materializing ?? Promise.resolve();
  }

  /** True when `sql` names a kept result that must become a table before it can run. */
  needsMaterializing(sql: string): boolean {
    for (const stored of this.results.values()) if ((stored.kept || stored.materializing) && sql.includes(stored.table)) return true;
    return false;
  }

  /** Makes the tables of kept results that `sql` names (a relation the renderer was given, in an export or a profile). */
  async materializeNamedIn(sql: string): Promise<void> {
    for (const stored of this.results.values()) if (stored.kept && sql.includes(stored.table)) await this.materialize(stored);
  }

  get(id: number): StoredResult {
    const stored = this.results.get(id);
    if (!stored) throw new HostFailure(404, 'error.resultGone');
    return stored;
  }

  /** Rows [offset, offset + limit) as Arrow IPC. */
  async rows(stored: StoredResult, offset: number, limit: number): Promise<Uint8Array> {
    await this.materialize(stored);
    if (!(await stored.created)) throw stored.error ? new Error(stored.error) : new HostFailure(500, 'error.resultNotKept');
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
    await this.materialize(stored);
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
    if (stored.kept) {
      // Never made a table: nothing to drop.
      stored.kept = null;
      return;
    }
    // A result still filling (or being made a table) is dropped once that is done.
    await stored.done;
    await stored.materializing;
    await this.browsing.run(() => this.browse.run(`DROP TABLE IF EXISTS ${stored.table}`));
  }

  private evictOld(): void {
    const ids = [...this.results.keys()];
    for (const id of ids.slice(0, Math.max(0, ids.length - maxStoredResults))) void this.release(id).catch(() => undefined);
  }
}

/** Appends `first` (already counted: the renderer has those rows), then the rest of `source`, if any. */
async function fill(stored: StoredResult, appender: DuckDBAppender, source: DuckDBResult | null, first: readonly DuckDBDataChunk[]): Promise<void> {
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
    for (const chunk of first) appender.appendDataChunk(chunk);
    appender.flushSync();
    if (source) {
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
