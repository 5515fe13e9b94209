/**
 * The notebook's graph and run loop on the real native engine: DuckDB's parser says what each
 * cell reads, named results are temporary tables, paths are relative to the notebook's folder.
 */
import { mkdir, realpath, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeWorker } from '../../../electron/host/native/nativeWorker';
import { NativeSession } from '../../../electron/host/native/nativeSession';
import { NativeNotebookEngine } from '../../../electron/host/notebooks/nativeNotebookEngine';
import { analyzeNotebook, buildGraph, downstreamOf } from '../../../shared/notebook/dependencyGraph';
import { parseNotebook, withCellChanged, type Notebook, type SqlCell } from '../../../shared/notebook/notebookFormat';
import { NotebookRunLoop, type CellStatus } from '../../../shared/notebook/runLoop';
import { tableNamesRead } from '../../../shared/sql/serializedSql';
import type { DatasetFormat } from '../../../shared/contract/hostApi';
import { builtNativeProcessScript } from '../../support/builtApp';
import { makeTempDir } from '../../support/tempDir';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let worker: NativeWorker;
let session: NativeSession;
let engine: NativeNotebookEngine;
let folder: string;

// One native process for the file, as the app keeps one: tests use distinct cell names where it matters.
beforeAll(async () => {
  temp = await makeTempDir();
  folder = path.join(await realpath(temp.dir), 'notebook');
  await mkdir(path.join(folder, 'data'), { recursive: true });
  await writeFile(path.join(folder, 'data', 'ventes.csv'), 'ville,montant\nLyon,12.5\nParis,30.25\nLyon,7.5\n');
  await writeFile(path.join(temp.dir, 'secret.csv'), 'code\n1234\n');
  worker = new NativeWorker(builtNativeProcessScript());
  session = new NativeSession(worker, {
    databaseFile: path.join(temp.dir, 'db', 'workbench.duckdb'),
    spillDir: path.join(temp.dir, 'spill'),
    appDirectories: [],
  });
  await session.allowFolder(folder);
  engine = new NativeNotebookEngine(session, folder);
});
afterAll(async () => {
  worker.stop();
  await temp.cleanup();
});

const signal = new AbortController().signal;
const sqlCells = (notebook: Notebook): SqlCell[] => notebook.cells.filter((cell): cell is SqlCell => cell.kind === 'sql');
const byName = (notebook: Notebook, name: string): SqlCell => sqlCells(notebook).find((cell) => cell.name === name)!;

describe('what a statement reads, from DuckDB’s parser', () => {
  it('lists tables in joins and subqueries, qualified names as written, and leaves CTEs out', async () => {
    const names = await engine.namesRead(
      'WITH recent AS (SELECT * FROM orders WHERE d > 0) SELECT * FROM recent JOIN s.customers c USING (id) WHERE id IN (SELECT id FROM vip) AND x = \'FROM fake\'',
    );
    expect(names.sort()).toEqual(['orders', 's.customers', 'vip']);
  });

  it('reads nothing from a statement that does not parse, and the walk reads the JSON alone', async () => {
    expect(await engine.namesRead('SELEC oops')).toEqual([]);
    expect(tableNamesRead('{"error":false,"statements":[{"node":{"type":"BASE_TABLE","table_name":"t","schema_name":"","catalog_name":""}}]}')).toEqual(['t']);
  });
});

describe('the native notebook engine', () => {
  it('reads paths relative to the notebook’s folder, and nothing outside it', async () => {
    const table = await engine.query("SELECT ville, montant FROM read_csv('data/ventes.csv') ORDER BY montant", { maxRows: 10, signal });
    expect(table.rows).toEqual([
      ['Lyon', '7.5'],
      ['Lyon', '12.5'],
      ['Paris', '30.25'],
    ]);
    expect((await engine.query("FROM 'data/ventes.csv'", { maxRows: 10, signal })).rowCount).toBe(3);
    await expect(engine.query("SELECT * FROM read_csv('../secret.csv')", { maxRows: 10, signal })).rejects.toThrow(/Permission Error/);
    await expect(engine.query(`SELECT * FROM read_csv('${path.join(temp.dir, 'secret.csv')}')`, { maxRows: 10, signal })).rejects.toThrow(/Permission Error/);
  });

  it('finds file paths by DuckDB’s byte positions past Arabic and French text, and rewrites nothing else', async () => {
    await writeFile(path.join(folder, 'data', 'مبيعات été.csv'), 'n\n1\n2\n');
    const sql = "SELECT 'مبيعات ''été''' AS label, count(*) AS n FROM read_csv('data/مبيعات été.csv') WHERE 'data/x.csv' <> ''";
    const table = await engine.query(sql, { maxRows: 10, signal });
    expect(table.rows).toEqual([["مبيعات 'été'", '2']]);
    const listed = await engine.query("SELECT count(*) FROM read_csv(['data/ventes.csv', 'data/ventes.csv'])", { maxRows: 10, signal });
    expect(listed.rows).toEqual([['6']]);
  });

  it('runs queries only: a statement that would write is refused before it runs', async () => {
    for (const sql of ["COPY (SELECT 1) TO 'data/out.csv'", 'CREATE TABLE t AS SELECT 1', "ATTACH 'x.duckdb'"]) {
      await expect(engine.query(sql, { maxRows: 10, signal })).rejects.toThrow(/Notebook cells run queries only/);
    }
    await expect(engine.query('SELEC 1', { maxRows: 10, signal })).rejects.toThrow(/syntax error at or near "SELEC"/);
    await expect(engine.query('SELECT 1; SELECT 2', { maxRows: 10, signal })).rejects.toThrow(/one query/);
  });

  it('keeps the first rows and counts them all', async () => {
    const table = await engine.query('SELECT range AS n FROM range(5000)', { maxRows: 3_000, signal });
    expect(table.rowCount).toBe(5000);
    expect(table.rows.length).toBe(3000);
    expect(table.rows[2999]).toEqual(['2999']);
    expect(table.types).toEqual(['BIGINT']);
  });
});

const notebookText = [
  '# Sales',
  '',
  '```sql ventes',
  "SELECT * FROM read_csv('data/ventes.csv')",
  '```',
  '',
  '```sql par_ville',
  'SELECT ville, sum(montant) AS total FROM ventes GROUP BY ville ORDER BY ville',
  '```',
  '',
  '```sql',
  'SELECT count(*) AS villes FROM ${par_ville}',
  '```',
  '',
  '```vega-lite',
  '{"mark": "bar", "data": {"name": "par_ville"}, "encoding": {"x": {"field": "ville"}, "y": {"field": "total"}}}',
  '```',
  '',
  '```sql other',
  'SELECT 42 AS answer',
  '```',
  '',
].join('\n');

describe('the dependency graph', () => {
  it('orders cells after what they read, Evidence’s ${name} included, and finds what lies downstream', async () => {
    const notebook = parseNotebook(notebookText);
    const graph = await analyzeNotebook(notebook.cells, engine.namesRead);
    const [ventes, parVille, count, other] = sqlCells(notebook);
    const chart = notebook.cells.find((cell) => cell.kind === 'chart')!;
    expect([...graph.dependsOn.get(parVille!.id)!]).toEqual([ventes!.id]);
    expect([...graph.dependsOn.get(count!.id)!]).toEqual([parVille!.id]);
    expect([...graph.dependsOn.get(chart.id)!]).toEqual([parVille!.id]);
    expect(graph.order).toEqual([ventes!.id, parVille!.id, count!.id, chart.id, other!.id]);
    expect(downstreamOf(graph, ventes!.id)).toEqual([parVille!.id, count!.id, chart.id]);
    expect(downstreamOf(graph, other!.id)).toEqual([]);
    expect(graph.problems.size).toBe(0);
  });

  it('runs a cell written before the one it reads after it', async () => {
    const notebook = parseNotebook('```sql b\nSELECT x + 1 AS y FROM a\n```\n\n```sql a\nSELECT 1 AS x\n```\n');
    const graph = await analyzeNotebook(notebook.cells, engine.namesRead);
    expect(graph.order).toEqual([byName(notebook, 'a').id, byName(notebook, 'b').id]);
  });

  it('reports a cycle on every cell in it, and leaves those cells out of the order', async () => {
    const notebook = parseNotebook('```sql a\nSELECT * FROM c\n```\n```sql b\nSELECT * FROM a\n```\n```sql c\nSELECT * FROM B\n```\n```sql d\nSELECT 1\n```\n```sql e\nSELECT * FROM e\n```\n');
    const graph = await analyzeNotebook(notebook.cells, engine.namesRead);
    for (const name of ['a', 'b', 'c']) {
      expect(graph.problems.get(byName(notebook, name).id)).toEqual([{ key: 'notebook.cycle', params: { cells: 'a → b → c' } }]);
    }
    expect(graph.problems.get(byName(notebook, 'e').id)).toEqual([{ key: 'notebook.cycle', params: { cells: 'e' } }]);
    expect(graph.order).toEqual([byName(notebook, 'd').id]);
  });

  it('reports duplicate names, a name that is already an open table, and a chart of a missing result', async () => {
    await session.addTable('penguins', {
      dataset: { id: 'p', fileName: 'ventes.csv', displayPath: '', format: 'csv' as DatasetFormat, sizeBytes: 1, origin: 'opened' },
      realPath: path.join(folder, 'data', 'ventes.csv'),
    });
    const notebook = parseNotebook('```sql Penguins\nSELECT 1\n```\n```sql x\nSELECT 1\n```\n```sql X\nSELECT 2\n```\n```vega-lite\n{"data": {"name": "nowhere"}}\n```\n```vega-lite\n{not json\n```\n');
    const graph = await analyzeNotebook(notebook.cells, engine.namesRead, await engine.openedTables());
    const keys = notebook.cells.filter((cell) => cell.kind !== 'markdown').map((cell) => graph.problems.get(cell.id)?.map((problem) => problem.key));
    expect(keys).toEqual([['notebook.nameIsTable'], ['notebook.duplicateName'], ['notebook.duplicateName'], ['chart.missingResult'], ['chart.invalidSpec']]);
  });

  it('is a pure function of what each cell reads', () => {
    const notebook = parseNotebook('```sql a\nSELECT 1\n```\n```sql b\nSELECT 2\n```\n');
    const [a, b] = sqlCells(notebook);
    const graph = buildGraph(notebook.cells, new Map([[a!.id, { names: ['B'] }], [b!.id, { names: [] }]]));
    expect(graph.order).toEqual([b!.id, a!.id]);
  });
});

describe('the run loop', () => {
  it('runs every cell in dependency order; later cells read named results by name', async () => {
    const loop = new NotebookRunLoop(engine);
    const notebook = parseNotebook(notebookText);
    await loop.update(notebook);
    const order: string[] = [];
    loop.onChange((id, state) => state.status === 'running' && order.push(id));
    await loop.runAll();
    expect(order).toEqual(loop.graph.order);
    expect(loop.state(byName(notebook, 'par_ville').id).table?.rows).toEqual([
      ['Lyon', '20.0'],
      ['Paris', '30.25'],
    ]);
    const [, , count] = sqlCells(notebook);
    expect(loop.state(count!.id).table?.rows).toEqual([['2']]);
    const chart = notebook.cells.find((cell) => cell.kind === 'chart')!;
    expect(loop.state(chart.id)).toMatchObject({ status: 'done', table: { columns: ['ville', 'total'], rowCount: 2 } });
    for (const id of loop.graph.order) expect(loop.state(id).elapsedMs).toBeGreaterThan(0);
  });

  it('an edit marks the cell and everything downstream stale, and auto-run runs them again', async () => {
    const loop = new NotebookRunLoop(engine);
    let notebook = parseNotebook(notebookText);
    await loop.update(notebook);
    await loop.runAll();
    const ventes = byName(notebook, 'ventes');
    notebook = withCellChanged<SqlCell>(notebook, ventes.id, { text: "SELECT * FROM read_csv('data/ventes.csv') WHERE ville = 'Lyon'" });
    await loop.update(notebook);
    const statuses = (): Record<string, CellStatus> =>
      Object.fromEntries(notebook.cells.filter((cell) => cell.kind !== 'markdown').map((cell, i) => [cell.kind === 'sql' && cell.name ? cell.name : `#${i + 1}`, loop.state(cell.id).status]));
    expect(statuses()).toEqual({ ventes: 'stale', par_ville: 'stale', '#3': 'stale', '#4': 'stale', other: 'done' });

    loop.autoRun = true;
    notebook = withCellChanged<SqlCell>(notebook, ventes.id, { text: "SELECT * FROM read_csv('data/ventes.csv') WHERE ville = 'Paris'" });
    await loop.update(notebook);
    expect(statuses()).toEqual({ ventes: 'done', par_ville: 'done', '#3': 'done', '#4': 'done', other: 'done' });
    expect(loop.state(byName(notebook, 'par_ville').id).table?.rows).toEqual([['Paris', '30.25']]);
  });

  it('a failing cell stops the cells that read it, names it, and leaves the others running', async () => {
    const loop = new NotebookRunLoop(engine);
    const notebook = parseNotebook('```sql a\nSELECT * FROM no_such_table\n```\n```sql b\nSELECT * FROM a\n```\n```sql c\nSELECT 1 AS ok\n```\n');
    await loop.update(notebook);
    await loop.runAll();
    expect(loop.state(byName(notebook, 'a').id)).toMatchObject({ status: 'error', error: { key: 'notebook.cellFailed' } });
    expect(String((loop.state(byName(notebook, 'a').id).error?.params as { message?: string }).message)).toMatch(/Table with name no_such_table does not exist/);
    expect(loop.state(byName(notebook, 'b').id)).toMatchObject({ status: 'blocked', error: { key: 'notebook.upstreamFailed', params: { cell: 'a' } } });
    expect(loop.state(byName(notebook, 'c').id).status).toBe('done');
  });

  it('cancels one cell whose SQL never ends; the next cell still runs', async () => {
    const loop = new NotebookRunLoop(engine);
    const notebook = parseNotebook('```sql slow\nSELECT count(*) FROM range(100000000000) a\n```\n```sql quick\nSELECT 7 AS seven\n```\n');
    await loop.update(notebook);
    const slow = byName(notebook, 'slow');
    loop.onChange((id, state) => {
      if (id === slow.id && state.status === 'running') setTimeout(() => loop.cancel(slow.id), 300);
    });
    const started = performance.now();
    await loop.runAll();
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(loop.state(slow.id).status).toBe('canceled');
    expect(loop.state(byName(notebook, 'quick').id).table?.rows).toEqual([['7']]);
  });
});
