/**
 * Draws a notebook chart with Vega, the same way in the page and without a window (the headless
 * runner's HTML report): Vega-Lite compiles the spec, Vega parses it with `ast: true` and evaluates
 * expressions with `vega-interpreter`, so nothing is compiled with `eval` or `new Function` (the
 * app's Content-Security-Policy forbids both). Vega's loader is replaced by one that refuses
 * everything: a chart never loads a file, an image or an address, whatever its spec says.
 */
import { parse, View, type Loader } from 'vega';
import { compile } from 'vega-lite';
import { expressionInterpreter } from 'vega-interpreter';
import { chartPlan, defaultChartRows } from './chartQuery';
import { readChartSpec, type ChartSpecProblem } from './chartSpec';
import { capped } from './chartTable';
import { tableAsRecords, type NotebookTable } from './notebookEngine';
import type { Notebook } from './notebookFormat';
import type { CellRunState } from './runLoop';

/** Thrown when a chart cannot be drawn: the message is Vega's or Vega-Lite's own, for the cell. */
export class ChartDrawFailure extends Error {}

const refuse = (): Promise<never> => Promise.reject(new ChartDrawFailure('load refused'));

/** Vega's loader, refusing every load (data, images, fonts); `sanitize` is what Vega asks first. */
const noLoading = { load: refuse, sanitize: refuse, http: refuse, file: refuse } as unknown as Loader;

/** A Vega view and the errors Vega reported while it ran (Vega logs them rather than throwing). */
export interface ChartView {
  readonly view: View;
  readonly errors: string[];
}

/**
 * A Vega view of `spec` over `table`'s rows (the rows of the chart's plan query). `renderer` is
 * `'none'` for SVG text, or `'svg'`/`'canvas'` to draw into the page.
 */
export function chartView(spec: Record<string, unknown>, table: NotebookTable, renderer: 'none' | 'svg' | 'canvas' = 'none'): ChartView {
  const { data, ...rest } = spec;
  void data;
  const withRows = { ...rest, data: { values: tableAsRecords(table) } };
  const errors: string[] = [];
  const text = (args: unknown[]): string => args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' ');
  let level = 0;
  const logger = {
    level(next?: number) {
      if (next === undefined) return level;
      level = next;
      return logger;
    },
    error(...args: unknown[]) {
      errors.push(text(args));
      return logger;
    },
    warn: () => logger,
    info: () => logger,
    debug: () => logger,
  };
  let vegaSpec;
  try {
    vegaSpec = compile(withRows as Parameters<typeof compile>[0], { logger } as Parameters<typeof compile>[1]).spec;
  } catch (error) {
    throw new ChartDrawFailure(error instanceof Error ? error.message : String(error));
  }
  try {
    const view = new View(parse(vegaSpec, undefined, { ast: true }), { renderer, loader: noLoading, expr: expressionInterpreter, logger } as ConstructorParameters<typeof View>[1]);
    return { view, errors };
  } catch (error) {
    throw new ChartDrawFailure(error instanceof Error ? error.message : String(error));
  }
}

/** The chart as SVG text. */
export async function chartSvg(spec: Record<string, unknown>, table: NotebookTable): Promise<string> {
  const { view, errors } = chartView(spec, table);
  try {
    const svg = await view.toSVG();
    if (errors.length > 0) throw new ChartDrawFailure(errors[0]);
    return svg;
  } catch (error) {
    throw new ChartDrawFailure(error instanceof Error ? error.message : String(error));
  } finally {
    view.finalize();
  }
}

/** What drawing a chart cell gives: its SVG, or why it has none. */
export type ChartDrawing = { svg: string } | { problem: ChartSpecProblem } | { failure: string };

/**
 * Draws a chart cell from its text and the rows its plan query returned (the run loop's table):
 * the spec is checked again, and planned again to get the spec Vega draws over grouped rows.
 */
export async function drawChartCell(text: string, table: NotebookTable, maxRows: number = defaultChartRows): Promise<ChartDrawing> {
  const read = readChartSpec(text);
  if ('problem' in read) return { problem: read.problem };
  try {
    return { svg: await chartSvg(chartPlan(read.spec, read.dataName, maxRows).spec, capped(table, maxRows)) };
  } catch (error) {
    return { failure: error instanceof Error ? error.message : String(error) };
  }
}

/** Draws every chart cell that ran, for the exports: chart cell id → its drawing. */
export async function drawNotebookCharts(notebook: Notebook, stateOf: (id: string) => CellRunState, maxRows: number = defaultChartRows): Promise<Map<string, ChartDrawing>> {
  const drawings = new Map<string, ChartDrawing>();
  for (const cell of notebook.cells) {
    if (cell.kind !== 'chart') continue;
    const table = stateOf(cell.id).table;
    if (table) drawings.set(cell.id, await drawChartCell(cell.text, table, maxRows));
  }
  return drawings;
}
