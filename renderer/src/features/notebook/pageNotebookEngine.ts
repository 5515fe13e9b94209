/**
 * The run loop's engine over the page's current engine (in-app or native): statements run through
 * the workbench's `Engine`, named results are TEMP tables on it that the notebook owns (see
 * notebookResultTables.ts), and what a statement reads (and how it runs: a query, with paths
 * relative to the notebook) is asked of DuckDB's parser on the main side, since the in-app engine
 * has no json extension.
 */
import { CellCanceled, type NotebookEngine, type NotebookTable, type RunOptions } from '../../../../shared/notebook/notebookEngine';
import type { Engine } from '../../engine/engine';
import { MemoryRows } from '../../engine/results/memoryRows';
import { hostClient } from '../../host/hostClient';
import { NotebookResultTables } from './notebookResultTables';
import { remembered } from './rememberedAnswers';

/** The grid's rows of each result the engine returned (the run loop keeps the table, the view shows these). */
const gridRows = new WeakMap<NotebookTable, MemoryRows>();

export function gridRowsOf(table: NotebookTable | null): MemoryRows | null {
  return table ? (gridRows.get(table) ?? null) : null;
}

export class PageNotebookEngine implements NotebookEngine {
  /** Results this notebook stored: its own tables, not "opened" ones a name could collide with. */
  private readonly results: NotebookResultTables;

  constructor(
    private readonly engine: Engine,
    /** The notebook's file (null until it is saved): its folder is where relative paths point. */
    private readonly notebookPath: () => string | null,
  ) {
    this.results = new NotebookResultTables(engine);
  }

  /**
   * What a statement reads, and how it runs, are DuckDB's parse of its text (and of the notebook's
   * folder): the same answer every time, so each is asked of the main side once. A graph read
   * after every edit, and Run all after it, would otherwise ask again for every cell.
   */
  readonly namesRead = remembered((sql: string) => hostClient.notebooks.namesRead(sql));
  private readonly prepared = remembered((key: string) => {
    const [notebookPath, sql] = JSON.parse(key) as [string | null, string];
    return hostClient.notebooks.prepare(sql, notebookPath);
  });

  async openedTables(): Promise<string[]> {
    const tables = await this.engine.catalog().catch(() => []);
    return tables.map((table) => table.name).filter((name) => !this.results.owns(name));
  }

  async query(sql: string, { maxRows, signal }: RunOptions): Promise<NotebookTable> {
    const runnable = await this.prepared(JSON.stringify([this.notebookPath(), sql]));
    if (signal.aborted) throw new CellCanceled();
    const stream = await this.engine.run(runnable, signal).catch((error: unknown) => Promise.reject(signal.aborted ? new CellCanceled() : error));
    let rows: MemoryRows | null = null;
    let rowCount = 0;
    try {
      for await (const batch of stream) {
        rows ??= new MemoryRows(batch.schema, stream.columnTypes);
        rowCount += batch.numRows;
        // Rows past the first `maxRows` are counted, not kept.
        if (rows.rowCount < maxRows) rows.append(batch);
      }
    } catch (error) {
      throw signal.aborted ? new CellCanceled() : error;
    }
    const columns = rows?.columns ?? [];
    const kept = Math.min(rows?.rowCount ?? 0, maxRows);
    const table: NotebookTable = {
      columns: columns.map((column) => column.name),
      types: columns.map((column) => column.typeName),
      rows: Array.from({ length: kept }, (_, r) =>
        columns.map((_, c) => {
          const cell = rows!.cell(r, c);
          return cell.kind === 'null' ? null : cell.text;
        }),
      ),
      rowCount,
    };
    if (rows) gridRows.set(table, rows);
    return table;
  }

  async materialize(name: string, sql: string, { signal }: { signal: AbortSignal }): Promise<void> {
    const runnable = await this.prepared(JSON.stringify([this.notebookPath(), sql]));
    try {
      await this.results.make(name, runnable, signal);
    } catch (error) {
      throw signal.aborted ? new CellCanceled() : error;
    }
  }

  /** The notebook lets go of this engine (closed, or the page switched engine): its results are dropped, but for the `kept` ones. */
  dropResults(kept: (table: string) => boolean): Promise<void> {
    return this.results.dropAll(kept);
  }
}
