/**
 * The native engine's database, inside the native process: one DuckDB instance, locked down before
 * any SQL from outside runs. It may read only the files the user opened and the app's own folders,
 * load no extension, attach nothing, and no statement can change those settings back. Opening
 * another file changes what may be read, so the instance is reopened (the settings are locked);
 * tables users create live in the workbench's database file and survive that.
 */
import type { DuckDBConnection, DuckDBDataChunk, DuckDBInstance } from '@duckdb/node-api';
import { mkdir } from 'node:fs/promises';
import { createInstance, lockDown, prepareConnection } from './lockedInstance';
import path from 'node:path';
import { quoteIdentifier } from '../../../shared/sql/identifiers';
import { isPlainView, type ResultView } from '../../../shared/sql/resultView';
import { encodeArrowIpc } from './arrowEncoding';
import type { ExportRuns } from './exportRuns';
import { progressOf, writeRelation } from './exportWriter';
import { readerSql } from './datasetReaders';
import { ArrowImports, importsDatabase } from './arrowImport';
import { attachDatabases, attachmentKey } from './attachedDatabases';
import type { ConfigureRequest, ExecuteReply, NativeCalls, ExportRequest, NativeTableSource, ResultStatus, RowsReply } from './nativeProtocol';
import { SerialQueue } from './serialQueue';
import { interruptedMessage, ReadLane, readWhole } from './readLane';
import { admitRelation, admitStatement, type GatePolicy } from './statementGate';
import { openWorkbench, type SetAside } from './workbenchFile';
import { scratchDatabase, StoredResults, type StoredResult } from './storedResults';

interface OpenDatabase {
  instance: DuckDBInstance;
  /** Runs the user's statements; the datasets' views live on it. */
  query: DuckDBConnection;
  /** Short reads while `query` is busy (readLane.ts); the datasets' views live on it too. */
  lane: ReadLane;
  results: StoredResults;
  /** What the database was opened for: a change means reopening. */
  key: string;
  /** Views made on `query`, by table name, with the SQL that made them. */
  views: Map<string, string>;
  /** Arrow files imported into this instance (lost when it is reopened: they are imported again). */
  imports: ArrowImports;
  /** Database files that could not be attached, by table name, with why. */
  attachFailures: Map<string, string>;
  /** What statements from outside may change (see statementGate.ts). */
  gate: GatePolicy;
  /** Workbench files that could not be opened and were moved out of the way when this instance opened. */
  setAside: SetAside[];
}

export class NativeDatabase {
  private open: OpenDatabase | null = null;
  /** Statements (and reconfiguration) run one at a time, each until its result is fully stored. */
  private readonly statements = new SerialQueue();
  private running = false;
  /** The named statement running (readAll's `statementId`), and those queued, some of them canceled before they ran. */
  private runningId: string | null = null;
  private readonly queuedIds = new Set<string>();
  private readonly canceledIds = new Set<string>();
  /** Set by an interrupt of the running statement: a stream it stopped ends as if it were complete. */
  private interruptRequested = false;
  /** The result whose rows are being stored, so that an interrupt marks it incomplete. */
  private filling: StoredResult | null = null;
  /** An interrupt that may have landed after its statement ended, and would stop the next one. */
  private staleInterrupt = false;
  /**
   * True while the page's statement (`execute`) runs on `query`, until its rows are stored: its
   * progress is read then, and only then (DuckDB keeps a finished statement's last figure, and
   * exports and reads on the same connection are not the statement the page waits for).
   */
  private executing = false;

  /** `settingUp` hears of each dataset just before DuckDB reads it (see NativeSetupNotice). */
  async configure(
    request: ConfigureRequest,
    settingUp: (table: string) => Promise<void> = async () => undefined,
  ): Promise<NativeCalls['configure']['reply']> {
    return this.statements.run(async () => {
      const files = request.tables.map((table) => table.path).sort();
      const key = JSON.stringify([request.databaseFile, request.spillDir, request.appDirectories, request.settings, files, attachmentKey(request.tables)]);
      let reopened = false;
      if (this.open?.key !== key) {
        await this.close();
        this.open = await openDatabase(request, files, key, settingUp);
        reopened = true;
      }
      return { reopened, failures: await this.syncViews(this.open, request.tables, settingUp), setAside: reopened ? this.open.setAside : [] };
    });
  }

  /** Runs one statement; replies with its first rows while the rest is stored. */
  execute(sql: string, firstRows: number): Promise<ExecuteReply> {
    return new Promise<ExecuteReply>((reply, fail) => {
      void this.statements.run(async () => {
        let replied = false;
        try {
          const db = this.required();
          await this.clearStaleInterrupt(db);
          await db.results.materializeNamedIn(sql);
          // Running from the gate on: Cancel during the gate's checks stops the statement too.
          this.running = true;
          this.interruptRequested = false;
          await admitStatement(db.query, sql, db.gate);
          if (this.interruptRequested) throw new Error(interruptedMessage);
          this.executing = true;
          const result = await db.query.stream(sql);
          const first: DuckDBDataChunk[] = [];
          let count = 0;
          let reachedEnd = false;
          while (count < firstRows) {
            const chunk = await result.fetchChunk();
            if (!chunk || chunk.rowCount === 0) {
              reachedEnd = true;
              break;
            }
            first.push(chunk);
            count += chunk.rowCount;
          }
          if (reachedEnd) this.throwIfInterrupted();
          const { stored, filling } = db.results.store(result, first, reachedEnd);
          reply({
            resultId: stored.id,
            columns: [...stored.columns],
            columnTypes: stored.types.map((type) => type.toString()),
            relation: stored.relation,
            firstRows: encodeArrowIpc(stored.columns.map((name, i) => ({ name, type: stored.types[i]! })), first),
            status: { rowCount: count, complete: reachedEnd, error: null },
          });
          replied = true;
          this.filling = stored;
          await filling;
        } catch (error) {
          if (!replied) fail(error instanceof Error ? error : new Error(String(error)));
        } finally {
          this.running = false;
          this.executing = false;
          this.filling = null;
        }
      });
    });
  }

  /** A whole (small) result as Arrow IPC: catalog lookups, profiles, answers. */
  readAll(sql: string, statementId?: string): Promise<Uint8Array> {
    // A long statement holds the user's connection: a short read goes past it on the lane,
    // unless it must first turn a kept result into a table (which waits for that statement).
    const db = this.open;
    if (db && this.statements.busy && !db.results.needsMaterializing(sql)) {
      // The lane is a way past the queue, never past the gate.
      return db.lane.read(sql, statementId, () => admitStatement(db.lane.connection, sql, db.gate));
    }
    if (statementId) this.queuedIds.add(statementId);
    return this.statements.run(async () => {
      if (statementId) {
        this.queuedIds.delete(statementId);
        // Canceled while it waited its turn: it never starts (DuckDB's own words for a stopped statement).
        if (this.canceledIds.delete(statementId)) throw new Error(interruptedMessage);
      }
      const db = this.required();
      await this.clearStaleInterrupt(db);
      // Named and running from here: an interrupt during the gate's checks stops this read too.
      this.running = true;
      this.interruptRequested = false;
      this.runningId = statementId ?? null;
      try {
        await db.results.materializeNamedIn(sql);
        await admitStatement(db.query, sql, db.gate);
        if (this.interruptRequested) throw new Error(interruptedMessage);
        return await readWhole(db.query, sql, () => this.interruptRequested);
      } finally {
        this.running = false;
        this.runningId = null;
      }
    });
  }

  /**
   * Stops the running statement (DuckDB's interrupt: it stops within milliseconds). With
   * `statementId`, only that statement: interrupted if it runs, skipped if it is still queued,
   * and nothing else is touched (a profile closed while the user's query runs).
   */
  interrupt(statementId?: string): boolean {
    if (statementId !== undefined && this.open?.lane.interrupt(statementId)) return true;
    if (statementId !== undefined && this.runningId !== statementId) {
      if (!this.queuedIds.has(statementId)) return false;
      this.canceledIds.add(statementId);
      return true;
    }
    const db = this.open;
    if (!db || !this.running) return false;
    this.interruptRequested = true;
    this.filling?.markInterrupted();
    db.query.interrupt();
    this.staleInterrupt = true;
    return true;
  }

  /**
   * How far the page's running statement has got (0..1), null when none runs or DuckDB cannot
   * tell. A read of a figure DuckDB keeps up to date as it works: it never waits for the statement.
   */
  queryProgress(): number | null {
    return this.executing && this.open ? progressOf(this.open.query) : null;
  }

  /** The result's progress once it is complete, or after `waitMs`, whichever comes first. */
  async status(resultId: number, waitMs: number): Promise<ResultStatus> {
    const stored = this.required().results.get(resultId);
    if (!stored.complete && waitMs > 0) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([stored.done, new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
      clearTimeout(timer);
    }
    return stored.status;
  }

  async rows(resultId: number, offset: number, limit: number): Promise<RowsReply> {
    const { results } = this.required();
    const stored = results.get(resultId);
    const rows = await results.rows(stored, offset, limit);
    return { rows, status: stored.status };
  }

  /** A sorted or filtered view of a stored result: another stored result, whose relation is the rows as shown (exports read it). */
  async view(resultId: number, view: ResultView): Promise<NativeCalls['view']['reply']> {
    const { results } = this.required();
    const stored = results.get(resultId);
    const derived: StoredResult = isPlainView(view) ? stored : await results.view(stored, view);
    return { resultId: derived.id, relation: derived.relation, status: derived.status };
  }

  release(resultId: number): Promise<void> {
    return this.required().results.release(resultId);
  }

  /** Writes a relation to a file in the export staging folder (the only place COPY may write). */
  export(request: ExportRequest, runs: ExportRuns): Promise<{ rowCount: number }> {
    return this.statements.run(async () => {
      const db = this.required();
      await this.clearStaleInterrupt(db);
      await db.results.materializeNamedIn(request.relation);
      // The relation comes from the renderer: it must only read (the COPY around it is the host's).
      await admitRelation(db.query, request.relation);
      return runs.track(request.exportId, { progress: () => progressOf(db.query), cancel: () => this.interrupt() }, async () => {
        this.running = true;
        try {
          return await writeRelation(db.query, request.relation, request.format, request.target);
        } finally {
          this.running = false;
        }
      });
    });
  }

  async close(): Promise<void> {
    const db = this.open;
    this.open = null;
    if (!db) return;
    db.query.closeSync();
    db.lane.connection.closeSync();
    db.instance.closeSync();
  }

  /** A stream stopped by an interrupt just ends: what it gave is not the whole result. */
  private throwIfInterrupted(): void {
    if (this.interruptRequested) throw new Error(interruptedMessage);
  }

  private required(): OpenDatabase {
    if (!this.open) throw new Error('The native engine is not set up yet.');
    return this.open;
  }

  /**
   * An interrupt that arrived just as its statement ended stays pending in DuckDB and would stop
   * the next statement: a throwaway statement absorbs it.
   */
  private async clearStaleInterrupt(db: OpenDatabase): Promise<void> {
    if (!this.staleInterrupt) return;
    this.staleInterrupt = false;
    await db.query.run('SELECT 1').catch(() => undefined);
  }

  /** Makes one view per dataset (dropping those no longer wanted); a file that cannot be read is reported, not fatal. */
  private async syncViews(
    db: OpenDatabase,
    tables: readonly NativeTableSource[],
    settingUp: (table: string) => Promise<void>,
  ): Promise<{ table: string; message: string }[]> {
    const failures: { table: string; message: string }[] = [];
    const wanted = new Map(tables.map((table) => [table.table, table]));
    for (const name of db.views.keys()) {
      if (wanted.has(name)) continue;
      for (const connection of [db.query, db.lane.connection]) {
        await connection.run(`DROP VIEW IF EXISTS temp.main.${quoteIdentifier(name)}`).catch(() => undefined);
      }
      db.views.delete(name);
      await db.imports.drop(name);
    }
    for (const table of tables) {
      if (table.format === 'duckdb') {
        // Attached when the instance was opened; its tables are read as `alias.table`.
        const failure = db.attachFailures.get(table.table);
        if (failure) failures.push({ table: table.table, message: failure });
        continue;
      }
      try {
        const source = table.format === 'arrow' ? `${importsDatabase}.main.${quoteIdentifier(table.table)}` : await readerSql(table.path, table.format);
        const sql = `CREATE OR REPLACE TEMP VIEW ${quoteIdentifier(table.table)} AS SELECT * FROM ${source}`;
        if (db.views.get(table.table) !== sql || table.format === 'arrow') await settingUp(table.table);
        const imported = table.format === 'arrow' && (await db.imports.sync(table.table, table.path));
        if (db.views.get(table.table) === sql && !imported) continue;
        await db.query.run(sql);
        await db.lane.connection.run(sql);
        db.views.set(table.table, sql);
      } catch (error) {
        failures.push({ table: table.table, message: error instanceof Error ? error.message : String(error) });
      }
    }
    return failures;
  }
}

async function openDatabase(request: ConfigureRequest, files: readonly string[], key: string, settingUp: (table: string) => Promise<void>): Promise<OpenDatabase> {
  await mkdir(path.dirname(request.databaseFile), { recursive: true });
  const { instance, setAside } = await openWorkbench(request.databaseFile, (file) => createInstance(file, request.settings, request.spillDir));
  const setup = await instance.connect();
  const query = await instance.connect();
  const lane = await instance.connect();
  let attachFailures: Map<string, string>;
  try {
    await prepareConnection(query);
    await prepareConnection(lane);
    await setup.run(`ATTACH ':memory:' AS ${scratchDatabase}`);
    await setup.run(`ATTACH ':memory:' AS ${importsDatabase}`);
    attachFailures = await attachDatabases(setup, request.tables, settingUp);
    await lockDown(setup, { files, directories: [request.spillDir, ...request.appDirectories] });
  } catch (error) {
    query.closeSync();
    lane.closeSync();
    throw error;
  } finally {
    setup.closeSync();
  }
  const results = new StoredResults(await instance.connect(), await instance.connect());
  const views = new Map<string, string>();
  const workbench = String((await query.runAndReadAll('SELECT current_database()')).getRows()[0]?.[0]);
  const gate: GatePolicy = { workbench, reservedTemp: () => views.keys() };
  return { instance, query, lane: new ReadLane(lane), results, key, views, imports: new ArrowImports(query), attachFailures, gate, setAside };
}
