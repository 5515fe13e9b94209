/**
 * Named cells form a graph: a cell depends on every named cell whose result its SQL reads. What a
 * statement reads comes from DuckDB's own parser, through an injected `NamesRead` (native DuckDB's
 * `json_serialize_sql`; the page asks the host for it, since the WebAssembly build has no JSON
 * extension offline). The graph itself is pure: order, cycles, collisions, what lies downstream.
 */
import { cellSqlForEngine } from './cellSql';
import { readChartSpec, type ChartSpecProblem } from './chartSpec';
import type { ChartCell, NotebookCell, SqlCell } from './notebookFormat';

/** The table names one statement reads, as DuckDB's parser reports them. */
export type NamesRead = (sql: string) => Promise<string[]>;

export type RunnableCell = SqlCell | ChartCell;

export type GraphProblem =
  | { key: 'notebook.cycle'; params: { cells: string } }
  | { key: 'notebook.duplicateName'; params: { name: string } }
  | { key: 'notebook.nameIsTable'; params: { name: string } }
  | { key: 'notebook.unreadableSql'; params: { message: string } }
  | ChartSpecProblem
  | { key: 'chart.missingResult'; params: { name: string } };

export interface NotebookGraph {
  /** Runnable cells (SQL and charts) in an order where each comes after what it reads; cells in a cycle are left out. */
  readonly order: readonly string[];
  /** Cell id → ids of the cells it reads. */
  readonly dependsOn: ReadonlyMap<string, ReadonlySet<string>>;
  /** Cell id → ids of the cells that read it. */
  readonly dependents: ReadonlyMap<string, ReadonlySet<string>>;
  /** Problems by cell id, shown on the cell. */
  readonly problems: ReadonlyMap<string, readonly GraphProblem[]>;
}

/** What each cell reads: named results by name, or why its SQL could not be read. */
export type CellReads = ReadonlyMap<string, { names: readonly string[] } | { error: string; problem?: GraphProblem }>;

/** Asks the parser what every SQL cell reads, and what every chart shows. */
export async function readCellDependencies(cells: readonly NotebookCell[], namesRead: NamesRead): Promise<CellReads> {
  type Read = { names: readonly string[] } | { error: string; problem?: GraphProblem };
  // Every cell's question at once: each is a round trip to the parser, answered in any order.
  const read = async (cell: NotebookCell): Promise<[string, Read] | null> => {
    if (cell.kind === 'sql') {
      try {
        return [cell.id, { names: await namesRead(cellSqlForEngine(cell.text)) }];
      } catch (error) {
        return [cell.id, { error: error instanceof Error ? error.message : String(error) }];
      }
    }
    if (cell.kind === 'chart') {
      const spec = chartSpecOf(cell);
      return [cell.id, 'error' in spec ? spec : { names: [spec.dataName] }];
    }
    return null;
  };
  return new Map((await Promise.all(cells.map(read))).filter((entry) => entry !== null));
}

/** A chart's spec, checked (see chartSpec.ts), and the named result its `data` names. */
export function chartSpecOf(cell: ChartCell): { spec: Record<string, unknown>; dataName: string } | { error: string; problem: ChartSpecProblem } {
  const read = readChartSpec(cell.text);
  return 'problem' in read ? { error: read.problem.key, problem: read.problem } : read;
}

/** DuckDB's identifiers are case-insensitive: `Sales` and `sales` are one name. */
function nameKey(name: string): string {
  return name.toLowerCase();
}

export function buildGraph(cells: readonly NotebookCell[], reads: CellReads, openedTables: readonly string[] = []): NotebookGraph {
  const runnable = cells.filter((cell): cell is RunnableCell => cell.kind === 'sql' || cell.kind === 'chart');
  const problems = new Map<string, GraphProblem[]>();
  const report = (id: string, problem: GraphProblem): void => {
    const list = problems.get(id) ?? [];
    list.push(problem);
    problems.set(id, list);
  };

  const byName = new Map<string, string>();
  const tables = new Set(openedTables.map(nameKey));
  for (const cell of runnable) {
    if (cell.kind !== 'sql' || !cell.name) continue;
    const key = nameKey(cell.name);
    if (tables.has(key)) report(cell.id, { key: 'notebook.nameIsTable', params: { name: cell.name } });
    const first = byName.get(key);
    if (first) {
      report(cell.id, { key: 'notebook.duplicateName', params: { name: cell.name } });
      if (!problems.get(first)?.some((p) => p.key === 'notebook.duplicateName')) report(first, { key: 'notebook.duplicateName', params: { name: cell.name } });
    } else {
      byName.set(key, cell.id);
    }
  }

  const dependsOn = new Map<string, Set<string>>();
  const dependents = new Map<string, Set<string>>();
  for (const cell of runnable) {
    dependsOn.set(cell.id, new Set());
    dependents.set(cell.id, new Set());
  }
  for (const cell of runnable) {
    const read = reads.get(cell.id);
    if (!read) continue;
    if ('error' in read) {
      report(cell.id, read.problem ?? (cell.kind === 'chart' ? { key: 'chart.invalidSpec', params: { message: read.error } } : { key: 'notebook.unreadableSql', params: { message: read.error } }));
      continue;
    }
    for (const name of read.names) {
      const source = byName.get(nameKey(name));
      if (source) {
        dependsOn.get(cell.id)!.add(source);
        dependents.get(source)!.add(cell.id);
      } else if (cell.kind === 'chart') {
        report(cell.id, { key: 'chart.missingResult', params: { name } });
      }
    }
  }

  const cyclic = cyclicComponents(runnable.map((cell) => cell.id), dependsOn);
  const nameOf = new Map(runnable.map((cell) => [cell.id, cell.kind === 'sql' && cell.name ? cell.name : cell.id]));
  const documentIndex = new Map(runnable.map((cell, i) => [cell.id, i]));
  for (const component of cyclic) {
    // In document order: for a plain cycle, each cell feeds the next (a → b → c, and c feeds a).
    component.sort((x, y) => documentIndex.get(x)! - documentIndex.get(y)!);
    const names = component.map((id) => nameOf.get(id)!).join(' → ');
    for (const id of component) report(id, { key: 'notebook.cycle', params: { cells: names } });
  }
  const inCycle = new Set(cyclic.flat());
  return { order: dependencyOrder(runnable, dependsOn, inCycle), dependsOn, dependents, problems };
}

/** Parses every cell and builds the graph: what the page and the runner call after each edit. */
export async function analyzeNotebook(cells: readonly NotebookCell[], namesRead: NamesRead, openedTables: readonly string[] = []): Promise<NotebookGraph> {
  return buildGraph(cells, await readCellDependencies(cells, namesRead), openedTables);
}

/** Every cell that reads `id`'s result, directly or through others, in run order. */
export function downstreamOf(graph: NotebookGraph, id: string): string[] {
  return closure(graph, id, graph.dependents);
}

/** Every cell `id` reads from, directly or through others, in run order. */
export function upstreamOf(graph: NotebookGraph, id: string): string[] {
  return closure(graph, id, graph.dependsOn);
}

function closure(graph: NotebookGraph, id: string, edges: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const seen = new Set<string>();
  const stack = [...(edges.get(id) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next) || next === id) continue;
    seen.add(next);
    stack.push(...(edges.get(next) ?? []));
  }
  return graph.order.filter((cell) => seen.has(cell));
}

/** Kahn's algorithm, taking the earliest cell in the document whenever several are ready (marimo and Jupyter agree on that order). */
function dependencyOrder(cells: readonly RunnableCell[], dependsOn: ReadonlyMap<string, ReadonlySet<string>>, excluded: ReadonlySet<string>): string[] {
  const waiting = new Map<string, number>();
  for (const cell of cells) if (!excluded.has(cell.id)) waiting.set(cell.id, [...dependsOn.get(cell.id)!].filter((dep) => !excluded.has(dep)).length);
  const order: string[] = [];
  const done = new Set<string>();
  while (order.length < waiting.size) {
    const next = cells.find((cell) => !done.has(cell.id) && waiting.get(cell.id) === 0);
    if (!next) break;
    order.push(next.id);
    done.add(next.id);
    for (const cell of cells) {
      if (!done.has(cell.id) && waiting.has(cell.id) && dependsOn.get(cell.id)!.has(next.id)) waiting.set(cell.id, waiting.get(cell.id)! - 1);
    }
  }
  return order;
}

/** Tarjan's strongly connected components, keeping those that are cycles (two or more cells, or a cell reading itself). */
function cyclicComponents(ids: readonly string[], dependsOn: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (id: string): void => {
    indexOf.set(id, index);
    low.set(id, index);
    index += 1;
    stack.push(id);
    onStack.add(id);
    for (const dep of dependsOn.get(id) ?? []) {
      if (!indexOf.has(dep)) {
        visit(dep);
        low.set(id, Math.min(low.get(id)!, low.get(dep)!));
      } else if (onStack.has(dep)) {
        low.set(id, Math.min(low.get(id)!, indexOf.get(dep)!));
      }
    }
    if (low.get(id) === indexOf.get(id)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== id);
      if (component.length > 1 || dependsOn.get(id)?.has(id)) components.push(component.reverse());
    }
  };
  for (const id of ids) if (!indexOf.has(id)) visit(id);
  return components;
}
