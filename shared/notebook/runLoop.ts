/**
 * The notebook run loop, the same for the page and the headless runner: runs cells in dependency
 * order against a `NotebookEngine`, keeps each cell's status, first rows, error and time, marks
 * what lies downstream of an edit as stale, re-runs stale cells when auto-run is on (as marimo
 * does), and cancels one cell without touching the others.
 */
import { quoteIdentifier } from '../sql/identifiers';
import { cellSqlForEngine } from './cellSql';
import { chartPlan, defaultChartRows } from './chartQuery';
import { analyzeNotebook, chartSpecOf, downstreamOf, upstreamOf, type GraphProblem, type NotebookGraph } from './dependencyGraph';
import { CellCanceled, type NotebookEngine, type NotebookTable } from './notebookEngine';
import type { Notebook, NotebookCell, SqlCell, ChartCell } from './notebookFormat';

export type CellStatus = 'idle' | 'stale' | 'queued' | 'running' | 'done' | 'error' | 'canceled' | 'blocked';

export type CellError =
  | { key: 'notebook.cellFailed'; params: { message: string } }
  | { key: 'notebook.upstreamFailed'; params: { cell: string } }
  | GraphProblem;

export interface CellRunState {
  readonly status: CellStatus;
  /** The result's first rows (a chart: the rows of the result it draws). */
  readonly table: NotebookTable | null;
  readonly error: CellError | null;
  readonly elapsedMs: number | null;
}

export interface RunLoopOptions {
  /** Rows kept per SQL cell for display and export (the rest are counted). */
  maxRows?: number;
  /** Rows of a named result given to a chart. */
  chartRows?: number;
}

/** Problems that keep a cell from running: its result would be ambiguous or would replace a table. */
const blockingProblems: ReadonlySet<GraphProblem['key']> = new Set([
  'notebook.cycle',
  'notebook.duplicateName',
  'notebook.nameIsTable',
  'chart.invalidSpec',
  'chart.missingResult',
  'chart.specTooLarge',
  'chart.specTooDeep',
  'chart.notAnObject',
  'chart.remoteReference',
  'chart.noDataName',
]);

const idleState: CellRunState = Object.freeze({ status: 'idle', table: null, error: null, elapsedMs: null });

export class NotebookRunLoop {
  private notebook: Notebook = { cells: [], bom: false, eol: '\n', problems: [] };
  private currentGraph: NotebookGraph = { order: [], dependsOn: new Map(), dependents: new Map(), problems: new Map() };
  private readonly states = new Map<string, CellRunState>();
  private readonly contents = new Map<string, string>();
  private readonly controllers = new Map<string, AbortController>();
  private readonly listeners = new Set<(id: string, state: CellRunState) => void>();
  /** Runs happen one after another; a run asked for while another goes waits its turn. */
  private queue: Promise<void> = Promise.resolve();
  /** Graph updates, one after another. */
  private analyzing: Promise<unknown> = Promise.resolve();
  private readonly maxRows: number;
  private readonly chartRows: number;
  /** Re-run stale cells after every edit. */
  autoRun = false;

  constructor(
    private readonly engine: NotebookEngine,
    options: RunLoopOptions = {},
  ) {
    this.maxRows = options.maxRows ?? 1_000;
    this.chartRows = options.chartRows ?? defaultChartRows;
  }

  get graph(): NotebookGraph {
    return this.currentGraph;
  }

  state(id: string): CellRunState {
    return this.states.get(id) ?? idleState;
  }

  /** Hears every change of a cell's state. */
  onChange(listener: (id: string, state: CellRunState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Takes the notebook as it now is: reads the graph again, marks every changed cell and all that
   * lies downstream of it stale, and with auto-run on, runs them.
   */
  update(notebook: Notebook): Promise<void> {
    // One after another, in the order asked: an older text read last would undo a newer one.
    const analyzed = this.analyzing.then(() => this.analyze(notebook));
    this.analyzing = analyzed.catch(() => undefined);
    return analyzed.then((stale) => (this.autoRun && stale > 0 ? this.runStale() : undefined));
  }

  /** Reads the graph of `notebook`, marks what is stale, and says how many cells are. */
  private async analyze(notebook: Notebook): Promise<number> {
    this.notebook = notebook;
    this.currentGraph = await analyzeNotebook(notebook.cells, this.engine.namesRead, await this.engine.openedTables());
    const changed: string[] = [];
    const present = new Set<string>();
    for (const cell of notebook.cells) {
      if (cell.kind === 'markdown') continue;
      present.add(cell.id);
      const content = contentOf(cell);
      if (this.contents.has(cell.id) && this.contents.get(cell.id) !== content) changed.push(cell.id);
      this.contents.set(cell.id, content);
    }
    for (const id of [...this.contents.keys()]) {
      if (present.has(id)) continue;
      this.contents.delete(id);
      this.states.delete(id);
    }
    const stale = new Set<string>();
    for (const id of changed) for (const affected of [id, ...downstreamOf(this.currentGraph, id)]) stale.add(affected);
    for (const id of stale) if (this.state(id).status !== 'idle') this.set(id, { ...this.state(id), status: 'stale' });
    for (const [id, problems] of this.currentGraph.problems) {
      const blocking = problems.find((problem) => blockingProblems.has(problem.key));
      if (blocking) this.set(id, { status: 'error', table: null, error: blocking, elapsedMs: null });
      else if (this.state(id).error && blockingProblems.has(this.state(id).error!.key as GraphProblem['key'])) this.set(id, { ...idleState });
    }
    return stale.size;
  }

  runAll(): Promise<void> {
    return this.runCells(this.currentGraph.order);
  }

  /** Cells edited (or downstream of an edit) since they last ran. */
  runStale(): Promise<void> {
    return this.runCells(this.currentGraph.order.filter((id) => this.state(id).status === 'stale'));
  }

  /** Cells above `id` in the document, and `id` itself. */
  runAbove(id: string): Promise<void> {
    const index = this.documentIndex(id);
    return this.runCells(this.currentGraph.order.filter((cell) => this.documentIndex(cell) <= index));
  }

  /** `id` and every cell below it in the document. */
  runBelow(id: string): Promise<void> {
    const index = this.documentIndex(id);
    return this.runCells(this.currentGraph.order.filter((cell) => this.documentIndex(cell) >= index));
  }

  /**
   * Runs `ids`, in dependency order, after whatever they read that has not run since it changed.
   * A failing cell stops the cells that read it (they say which cell failed); others still run.
   */
  runCells(ids: readonly string[]): Promise<void> {
    const wanted = new Set<string>();
    for (const id of ids) {
      for (const up of upstreamOf(this.currentGraph, id)) if (this.state(up).status !== 'done') wanted.add(up);
      wanted.add(id);
    }
    const plan = this.currentGraph.order.filter((id) => wanted.has(id));
    for (const id of plan) this.set(id, { ...this.state(id), status: 'queued' });
    const run = this.queue.then(() => this.runPlan(plan));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stops one cell: the running statement is interrupted, a queued cell never starts. */
  cancel(id: string): void {
    this.controllers.get(id)?.abort();
    if (this.state(id).status === 'queued') this.set(id, { ...this.state(id), status: 'canceled' });
  }

  cancelAll(): void {
    for (const id of this.currentGraph.order) this.cancel(id);
  }

  private async runPlan(plan: readonly string[]): Promise<void> {
    const failed = new Map<string, string>();
    for (const id of plan) {
      if (this.state(id).status === 'canceled') continue;
      const cell = this.notebook.cells.find((c) => c.id === id);
      if (!cell || cell.kind === 'markdown') continue;
      const blocking = this.currentGraph.problems.get(id)?.find((problem) => blockingProblems.has(problem.key));
      if (blocking) {
        this.set(id, { status: 'error', table: null, error: blocking, elapsedMs: null });
        failed.set(id, labelOf(cell, this.notebook));
        continue;
      }
      const failedUpstream = [...(this.currentGraph.dependsOn.get(id) ?? [])].find((up) => failed.has(up));
      if (failedUpstream) {
        this.set(id, { status: 'blocked', table: null, error: { key: 'notebook.upstreamFailed', params: { cell: failed.get(failedUpstream)! } }, elapsedMs: null });
        failed.set(id, failed.get(failedUpstream)!);
        continue;
      }
      const ok = await this.runOne(cell);
      if (!ok) failed.set(id, labelOf(cell, this.notebook));
    }
  }

  private async runOne(cell: SqlCell | ChartCell): Promise<boolean> {
    const controller = new AbortController();
    this.controllers.set(cell.id, controller);
    this.set(cell.id, { ...this.state(cell.id), status: 'running', error: null });
    const started = performance.now();
    try {
      const table = await this.execute(cell, controller.signal);
      this.set(cell.id, { status: 'done', table, error: null, elapsedMs: performance.now() - started });
      return true;
    } catch (error) {
      const elapsedMs = performance.now() - started;
      if (controller.signal.aborted || error instanceof CellCanceled) {
        this.set(cell.id, { status: 'canceled', table: null, error: null, elapsedMs });
      } else {
        const message = error instanceof Error ? error.message : String(error);
        this.set(cell.id, { status: 'error', table: null, error: { key: 'notebook.cellFailed', params: { message } }, elapsedMs });
      }
      return false;
    } finally {
      this.controllers.delete(cell.id);
    }
  }

  private async execute(cell: SqlCell | ChartCell, signal: AbortSignal): Promise<NotebookTable> {
    if (cell.kind === 'chart') {
      const spec = chartSpecOf(cell);
      // Blocking problems stop a chart before it runs; a spec read again since is checked again.
      if ('error' in spec) throw new Error(spec.error);
      // Aggregation runs in SQL: the chart gets grouped rows, at most `chartRows` (and one to tell more were left).
      return this.engine.query(chartPlan(spec.spec, spec.dataName, this.chartRows).sql, { maxRows: this.chartRows + 1, signal });
    }
    const sql = cellSqlForEngine(cell.text);
    if (!cell.name) return this.engine.query(sql, { maxRows: this.maxRows, signal });
    await this.engine.materialize(cell.name, sql, { signal });
    return this.engine.query(`FROM ${quoteIdentifier(cell.name)}`, { maxRows: this.maxRows, signal });
  }

  private documentIndex(id: string): number {
    return this.notebook.cells.findIndex((cell) => cell.id === id);
  }

  private set(id: string, state: CellRunState): void {
    this.states.set(id, state);
    for (const listener of this.listeners) listener(id, state);
  }
}

/** How a cell is named in messages: its result's name, else its place among the notebook's cells. */
export function labelOf(cell: NotebookCell, notebook?: Notebook): string {
  if (cell.kind === 'sql' && cell.name) return cell.name;
  if (notebook) return `#${notebook.cells.filter((c) => c.kind !== 'markdown').findIndex((c) => c.id === cell.id) + 1}`;
  return cell.id;
}

function contentOf(cell: SqlCell | ChartCell): string {
  return JSON.stringify([cell.kind, cell.kind === 'sql' ? cell.name : null, cell.options, cell.text]);
}
