/**
 * A course's data on the native engine, for building and grading without a window: the same
 * NativeWorker and NativeSession the host uses, over a scratch workbench database of its own, with
 * the course's data files registered as datasets and made tables the way the host does it. Each
 * statement runs under a time limit: interrupted when it is reached, and the process stopped (it
 * restarts for the next statement) if even that does not end it.
 */
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import type { CheckableResult } from '../../../shared/bundles/canonicalRow';
import { checkableFromArrow } from '../../../shared/bundles/resultFromArrow';
import { courseTableNames } from '../../../shared/bundles/courseTables';
import { quoteLiteral } from '../../../shared/sql/identifiers';
import { DatasetRegistry } from '../datasets/datasetRegistry';
import { NativeSession } from '../native/nativeSession';
import { forkNativeProcess, NativeWorker, type NativeSpawner } from '../native/nativeWorker';

export type RunOutcome = { ok: true; result: CheckableResult } | { ok: false; timedOut: boolean; cancelled: boolean; message: string };

export interface CourseEngineOptions {
  nativeProcessScript: string;
  /** A folder of the engine's own (its database, spill files): removed by the caller. */
  workDir: string;
  /** The course's data files, each made a table named after its file (penguins.csv: penguins). */
  dataFiles: string[];
  spawn?: NativeSpawner;
}

/** How long a statement may run after its interrupt before the process is stopped. */
const killGraceMs = 5_000;

export class CourseEngine {
  private constructor(
    private readonly worker: NativeWorker,
    private readonly session: NativeSession,
    readonly tables: ReadonlyMap<string, string>,
  ) {}

  static async open(options: CourseEngineOptions): Promise<CourseEngine> {
    await mkdir(options.workDir, { recursive: true });
    const worker = new NativeWorker(options.nativeProcessScript, options.spawn ?? forkNativeProcess);
    const session = new NativeSession(worker, {
      databaseFile: path.join(options.workDir, 'course.duckdb'),
      spillDir: path.join(options.workDir, 'spill'),
      appDirectories: [],
    });
    const registry = new DatasetRegistry();
    const tables = new Map<string, string>();
    try {
      // The names the app loads the course's tables under: the solutions and the trainee's SQL read the same ones.
      const names = courseTableNames(options.dataFiles.map((file) => path.basename(file)));
      for (const [i, file] of options.dataFiles.entries()) {
        const dataset = await registry.open(file);
        const table = names[i]!;
        await session.addTable(table, registry.get(dataset.id));
        tables.set(table, file);
      }
    } catch (error) {
      worker.stop();
      throw error;
    }
    return new CourseEngine(worker, session, tables);
  }

  /**
   * Runs `sql` and reads its whole result, as the checker sees it. A time limit or `signal` (a
   * grading cancelled) interrupts the statement in the engine; the process is stopped if even that
   * does not end it.
   */
  async run(sql: string, timeoutMs: number, signal?: AbortSignal): Promise<RunOutcome> {
    // Not started: an interrupt sent before the statement is known would be lost, and the process stopped.
    if (signal?.aborted) return { ok: false, timedOut: false, cancelled: true, message: 'cancelled' };
    const statementId = randomUUID();
    let timedOut = false;
    let cancelled = false;
    let kill: NodeJS.Timeout | undefined;
    const stop = (): void => {
      if (kill !== undefined) return;
      void this.session.interrupt(statementId).catch(() => undefined);
      kill = setTimeout(() => this.worker.stop(), killGraceMs);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, timeoutMs);
    const onAbort = (): void => {
      cancelled = true;
      stop();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const bytes = await this.session.readAll(sql, statementId);
      if (cancelled) return { ok: false, timedOut: false, cancelled, message: 'cancelled' };
      return { ok: true, result: checkableFromArrow(tableFromIPC(bytes)) };
    } catch (error) {
      return { ok: false, timedOut: timedOut && !cancelled, cancelled, message: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
      clearTimeout(kill);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** DuckDB's parse tree of a statement (json_serialize_sql), for the stability warnings; null if it has none. */
  async parseTree(sql: string): Promise<unknown> {
    const outcome = await this.run(`SELECT json_serialize_sql(${quoteLiteral(sql)}) AS tree`, 10_000);
    if (!outcome.ok) return null;
    const text = outcome.result.rows[0]?.[0];
    if (typeof text !== 'string') return null;
    try {
      const tree = JSON.parse(text) as { error?: boolean };
      return tree.error ? null : tree;
    } catch {
      return null;
    }
  }

  close(): void {
    this.worker.stop();
  }
}

