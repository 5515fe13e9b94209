/**
 * Charts on the real native engine: the run loop runs each chart's plan query, so an aggregating
 * chart over 200,000 rows receives one row per group (with the same numbers DuckDB gives for the
 * GROUP BY written by hand), a plain one is capped; and Vega draws the result as SVG without a
 * window, as the headless runner's report does.
 */
import { mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeWorker } from '../../../electron/host/native/nativeWorker';
import { NativeSession } from '../../../electron/host/native/nativeSession';
import { NativeNotebookEngine } from '../../../electron/host/notebooks/nativeNotebookEngine';
import { drawChartCell } from '../../../shared/notebook/chartRender';
import { parseNotebook, type ChartCell, type Notebook } from '../../../shared/notebook/notebookFormat';
import { NotebookRunLoop } from '../../../shared/notebook/runLoop';
import type { NotebookTable } from '../../../shared/notebook/notebookEngine';
import { builtNativeProcessScript } from '../../support/builtApp';
import { makeTempDir } from '../../support/tempDir';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let worker: NativeWorker;
let engine: NativeNotebookEngine;
let loop: NotebookRunLoop;
let notebook: Notebook;

const charts = {
  sumByGroup: { mark: 'bar', data: { name: 'big' }, encoding: { x: { field: 'g', type: 'ordinal' }, y: { field: 'v', aggregate: 'sum', type: 'quantitative' } } },
  histogram: { mark: 'bar', data: { name: 'big' }, encoding: { x: { field: 'n', bin: true, type: 'quantitative' }, y: { aggregate: 'count', type: 'quantitative' } } },
  byMonth: { mark: 'line', data: { name: 'big' }, encoding: { x: { field: 'day', timeUnit: 'yearmonth', type: 'temporal' }, y: { field: 'v', aggregate: 'mean', type: 'quantitative' } } },
  scatter: { mark: 'point', data: { name: 'big' }, encoding: { x: { field: 'n', type: 'quantitative' }, y: { field: 'v', type: 'quantitative' } } },
  computed: {
    mark: 'bar',
    data: { name: 'big' },
    transform: [{ filter: 'datum.n < 3' }, { calculate: 'datum.v * 2 + 1', as: 'w' }],
    encoding: { x: { field: 'n', type: 'ordinal' }, y: { field: 'w', type: 'quantitative' } },
  },
};

const text = [
  '```sql big',
  "SELECT range AS n, range % 7 AS g, (range % 1000) * 1.5 AS v, DATE '2024-01-01' + CAST(range % 366 AS INTEGER) AS day FROM range(200000)",
  '```',
  ...Object.values(charts).flatMap((spec) => ['', '```vega-lite', JSON.stringify(spec, null, 2), '```']),
  '',
].join('\n');

beforeAll(async () => {
  temp = await makeTempDir();
  const folder = path.join(await realpath(temp.dir), 'notebook');
  await mkdir(folder, { recursive: true });
  worker = new NativeWorker(builtNativeProcessScript());
  const session = new NativeSession(worker, { databaseFile: path.join(temp.dir, 'db', 'workbench.duckdb'), spillDir: path.join(temp.dir, 'spill'), appDirectories: [] });
  await session.allowFolder(folder);
  engine = new NativeNotebookEngine(session, folder);
  loop = new NotebookRunLoop(engine);
  notebook = parseNotebook(text);
  await loop.update(notebook);
  await loop.runAll();
}, 60_000);
afterAll(async () => {
  worker.stop();
  await temp.cleanup();
});

const chartCells = (): ChartCell[] => notebook.cells.filter((cell): cell is ChartCell => cell.kind === 'chart');
const tableOf = (i: number): NotebookTable => {
  const state = loop.state(chartCells()[i]!.id);
  expect(state.error).toBeNull();
  expect(state.status).toBe('done');
  return state.table!;
};
const signal = new AbortController().signal;

describe('charts aggregate in SQL on the native engine', () => {
  it('a sum per group arrives as one row per group, with DuckDB’s own sums', async () => {
    const table = tableOf(0);
    expect(table.rowCount).toBe(7);
    const expected = await engine.query('SELECT g, sum(v) FROM big GROUP BY g ORDER BY g', { maxRows: 10, signal });
    expect(table.rows).toEqual(expected.rows);
  });

  it('a histogram is binned in SQL: 10 nice bins of 20,000 rows', () => {
    const table = tableOf(1);
    expect(table.columns).toEqual(['__bin_0_start', '__bin_0_end', '__count_1']);
    expect(table.rows.map((row) => row.map(Number))).toEqual(Array.from({ length: 10 }, (_, i) => [i * 20_000, (i + 1) * 20_000, 20_000]));
  });

  it('a time unit truncates dates in SQL: one row per month of 2024', () => {
    const table = tableOf(2);
    expect(table.rowCount).toBe(12);
    expect(table.rows.map((row) => row[0])).toEqual(Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}-01T00:00:00`));
  });

  it('a chart that does not aggregate reads the first rows only, and one more to tell it was capped', () => {
    const table = tableOf(3);
    expect(table.rowCount).toBe(5_001);
    expect(table.rows).toHaveLength(5_001);
  });
});

describe('charts drawn by Vega without a window', () => {
  const marks = (svg: string, kind: string): number => svg.match(new RegExp(`<g class="mark-${kind} role-mark[^>]*>(.*?)</g>`))?.[1]?.match(/<path/g)?.length ?? 0;
  const draw = async (i: number): Promise<string> => {
    const drawing = await drawChartCell(chartCells()[i]!.text, tableOf(i));
    if (!('svg' in drawing)) throw new Error(JSON.stringify(drawing));
    return drawing.svg;
  };

  it('draws one bar per group and one per bin', async () => {
    expect(marks(await draw(0), 'rect')).toBe(7);
    expect(marks(await draw(1), 'rect')).toBe(10);
  });

  it('draws the capped scatter with 5,000 points', async () => {
    expect(marks(await draw(3), 'symbol')).toBe(5_000);
  });

  it('evaluates the spec’s expressions with the interpreter (filter and calculate)', async () => {
    const svg = await draw(4);
    expect(marks(svg, 'rect')).toBe(3);
  });

  it('escapes hostile text from the spec and the data: the SVG holds no element or handler of its own', async () => {
    const hostile = '</svg><script>alert(1)</script><img src=x onerror="alert(2)">';
    const spec = { title: hostile, description: hostile, mark: 'bar', data: { name: 'big' }, encoding: { x: { field: 'label', type: 'nominal', title: hostile }, y: { field: 'n', type: 'quantitative' } } };
    const table: NotebookTable = { columns: ['label', 'n'], types: ['VARCHAR', 'INTEGER'], rows: [[hostile, '1'], ['<b onmouseover="alert(3)">', '2']], rowCount: 2 };
    const drawing = await drawChartCell(JSON.stringify(spec), table);
    if (!('svg' in drawing)) throw new Error(JSON.stringify(drawing));
    expect(drawing.svg).not.toMatch(/<(script|img|foreignObject|a|iframe)\b/i);
    // Text nodes hold no "<" (escaped); without them, what is left is tags, whose attributes hold no handler.
    const tags = drawing.svg.replace(/>[^<]*</g, '><');
    expect(tags).not.toMatch(/\son[a-z]+\s*=\s*"/i);
    expect(drawing.svg).toContain('&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('says why a spec cannot be drawn, and refuses one that would load something', async () => {
    const table = tableOf(0);
    expect(await drawChartCell(JSON.stringify({ mark: 'nonsense', data: { name: 'big' } }), table)).toEqual({ failure: expect.any(String) });
    expect(await drawChartCell(JSON.stringify({ mark: 'bar', data: { name: 'big', url: 'http://127.0.0.1:9/x.csv' } }), table)).toEqual({
      problem: { key: 'chart.remoteReference', params: { path: 'data.url' } },
    });
  });
});
