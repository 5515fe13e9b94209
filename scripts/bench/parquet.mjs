/* global window */
/**
 * `BENCH_ONLY=parquet npm run bench`: TPC-H lineitem, Parquet → a table in the in-app engine, each
 * route and each step timed in the same run (issue 14's target: Data Lab within 2× of raw Arrow
 * IPC insertion). Per scale, medians of BENCH_RUNS runs:
 *
 *   Raw native       CREATE TABLE AS read_parquet in @duckdb/node-api (this process, every core)
 *   Raw wasm         insertArrowFromIPCStream of lineitem's Arrow IPC (one stream, made untimed) in
 *                    a plain duckdb-wasm page (EH bundle), and ATTACH + CREATE TABLE AS from a DuckDB
 *                    database file (the page side of the database file route)
 *   Host conversion  GET /api/datasets/:id/table of a fresh data folder: native DuckDB writes the
 *                    database file (the main side of the database file route; not taken by Parquet
 *                    any more unless a type cannot be streamed)
 *   Data Lab         double-click lineitem.parquet in Open file… → its table in the catalog (browser
 *                    mode, in-app engine: the streamed route), with the page's own breakdown (the
 *                    `datalab:streamed-load` performance entry: until the header, waiting for
 *                    batches while no insert ran, inserting)
 *
 *   TPCH_DIR             the TPC-H folder (default ../shared/tpch from the repository)
 *   BENCH_PARQUET_SCALE  0.1 (default), x10 (the tpch benchmark's enlarged tables, built once and
 *                        cached, see scripts/bench/tpch/data.mjs), or both
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { startAppServer, startStaticServer } from './servers.mjs';
import { prepareScale } from './tpch/data.mjs';
import { armUntil, engineReady, log, median, step, tableInTree, until } from './harness.mjs';

const minute = 60_000;
const settleMs = 1_500;
const sql = (text) => `'${text.replaceAll("'", "''")}'`;

/** Raw native DuckDB: CREATE TABLE AS read_parquet, in a fresh in-memory database. */
async function rawNative(parquet) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const started = performance.now();
    await connection.run(`CREATE TABLE lineitem AS SELECT * FROM read_parquet(${sql(parquet)})`);
    return { ms: performance.now() - started };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** lineitem alone as a DuckDB database file (what the host's conversion writes), for the raw page. */
async function writeLineitemDatabase(parquet, file) {
  await rm(file, { force: true });
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  try {
    await connection.run(`CREATE TABLE lineitem AS SELECT * FROM read_parquet(${sql(parquet)})`);
    await connection.run('CHECKPOINT');
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** The plain duckdb-wasm page: the database file route's page side, then raw Arrow IPC insertion of the same table. */
async function rawWasm(browser, origin) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await step('opening the plain duckdb-wasm page', minute, () => page.goto(`${origin}/?bundle=eh`));
    await step('plain duckdb-wasm start', 2 * minute, () => page.evaluate(() => window.rawTpch.ready));
    await page.waitForTimeout(settleMs);
    const attach = await step('raw ATTACH + CREATE TABLE AS', 4 * minute, () => page.evaluate(() => window.rawTpch.load('/lineitem.duckdb', ['lineitem'])));
    await page.waitForTimeout(settleMs);
    const ipc = await step('raw insertArrowFromIPCStream', 4 * minute, () => page.evaluate(() => window.rawTpch.ingestIpc('lineitem')));
    return { attachMs: attach.perTableMs.lineitem, databaseFileFetchMs: attach.fetchMs, databaseFileBytes: attach.bytes, ipcMs: ipc.ipcMs, ipcBytes: ipc.ipcBytes, ipcRows: ipc.ipcRows };
  } finally {
    await context.close();
  }
}

/** The host's conversion to a database file (the old route's main side), from a fresh data folder. */
async function hostConversion(home, scratch, run, root) {
  const app = await startAppServer({ root, home, dataDir: path.join(scratch, `data-convert-${run}`), timeoutMs: 2 * minute });
  try {
    const token = new URL(app.url).searchParams.get('token');
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const opened = await fetch(`${app.origin}/api/datasets/open`, { method: 'POST', headers, body: JSON.stringify({ path: path.join(home, 'lineitem.parquet') }) });
    const dataset = await opened.json();
    if (!opened.ok) throw new Error(`open: ${opened.status} ${JSON.stringify(dataset)}`);
    // Warm the native process first (its start is not the conversion's cost).
    await fetch(`${app.origin}/api/datasets/${dataset.id}/footprint`, { headers });
    const started = performance.now();
    const response = await fetch(`${app.origin}/api/datasets/${dataset.id}/table`, { headers });
    const bytes = (await response.arrayBuffer()).byteLength;
    if (!response.ok) throw new Error(`conversion: ${response.status}`);
    return { ms: performance.now() - started, bytes };
  } finally {
    await app.stop();
  }
}

/** Data Lab: Open file… → double-click lineitem.parquet → its table in the catalog tree. */
async function dataLab(browser, home, scratch, run, root) {
  const app = await startAppServer({ root, home, dataDir: path.join(scratch, `data-app-${run}`), timeoutMs: 2 * minute });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await step('opening the app', minute, () => page.goto(app.url));
    await until(page, engineReady, null, 2 * minute);
    await page.waitForTimeout(settleMs);
    await page.getByRole('button', { name: 'Open file…' }).click();
    const option = page.getByRole('dialog', { name: 'Open a file' }).getByRole('option', { name: /^lineitem\.parquet/ });
    await step('file dialog', 30_000, () => option.waitFor());
    const inTree = await armUntil(page, tableInTree, 'lineitem', 10 * minute);
    // When the double-click reached the page (capture phase on window: the earliest a script sees it).
    await page.evaluate(() => window.addEventListener('dblclick', () => (window.__parquetClickAt = performance.now()), { once: true, capture: true }));
    await option.dblclick();
    const done = await inTree.result();
    const ms = done.now - (await page.evaluate(() => window.__parquetClickAt));
    const entry = await page.evaluate(() => performance.getEntriesByName('datalab:streamed-load').at(-1)?.detail ?? null);
    return { ms, steps: entry };
  } finally {
    await context.close();
    await app.stop();
  }
}

/** Runs the Parquet case at each scale asked for; returns the figures and prints a table. */
export async function parquetBench({ root, browser, scratch, runs, rawPageDir }) {
  const tpchDir = path.resolve(root, process.env.TPCH_DIR ?? '../shared/tpch');
  if (!existsSync(path.join(tpchDir, 'sf0.1/lineitem.parquet'))) throw new Error(`no TPC-H data in ${tpchDir}; set TPCH_DIR`);
  const asked = process.env.BENCH_PARQUET_SCALE ?? '0.1';
  const scales = asked === 'both' ? ['0.1', 'x10'] : [asked === '1' ? 'x10' : asked];
  const results = {};
  for (const scale of scales) {
    const data = await prepareScale(scale, { tpchDir, scratch, log });
    const parquet = path.join(data.parquetDir, 'lineitem.parquet');
    const parquetBytes = (await stat(parquet)).size;
    const home = path.join(scratch, `home-${scale}`);
    await mkdir(home, { recursive: true });
    await rm(path.join(home, 'lineitem.parquet'), { force: true });
    // A copy, not a link: the app opens files inside its roots only, by their real path.
    await copyFile(parquet, path.join(home, 'lineitem.parquet'));
    const databaseFile = path.join(scratch, `lineitem-${scale}.duckdb`);
    await step(`writing lineitem ${scale} as a database file`, 10 * minute, () => writeLineitemDatabase(parquet, databaseFile));
    const server = await startStaticServer({ dir: rawPageDir, extra: { '/lineitem.duckdb': databaseFile } });
    const rows = { native: [], raw: [], convert: [], app: [] };
    try {
      for (let run = 0; run < runs; run++) {
        log(`parquet ${scale}: run ${run + 1}/${runs}`);
        rows.native.push(await step('raw native', 10 * minute, () => rawNative(parquet)));
        rows.raw.push(await rawWasm(browser, server.origin));
        rows.convert.push(await step('host conversion', 10 * minute, () => hostConversion(home, scratch, `${scale}-${run}`, root)));
        rows.app.push(await step('Data Lab', 15 * minute, () => dataLab(browser, home, scratch, `${scale}-${run}`, root)));
      }
    } finally {
      await server.stop();
    }
    const of = (list, pick) => median(list.map(pick));
    const figures = {
      parquetBytes,
      rows: rows.raw[0]?.ipcRows ?? null,
      ipcBytes: rows.raw[0]?.ipcBytes ?? null,
      rawNativeMs: of(rows.native, (r) => r.ms),
      rawIpcMs: of(rows.raw, (r) => r.ipcMs),
      rawAttachMs: of(rows.raw, (r) => r.attachMs),
      hostConversionMs: of(rows.convert, (r) => r.ms),
      databaseFileBytes: rows.convert[0]?.bytes ?? null,
      dataLabMs: of(rows.app, (r) => r.ms),
      dataLabSteps: {
        headerMs: of(rows.app, (r) => r.steps?.headerMs ?? NaN),
        waitMs: of(rows.app, (r) => r.steps?.waitMs ?? NaN),
        insertMs: of(rows.app, (r) => r.steps?.insertMs ?? NaN),
        streamMs: of(rows.app, (r) => r.steps?.totalMs ?? NaN),
        batches: rows.app[0]?.steps?.batches ?? null,
        streamedBytes: rows.app[0]?.steps?.bytes ?? null,
      },
    };
    figures.ratioToRawIpc = figures.dataLabMs / figures.rawIpcMs;
    results[scale] = figures;
  }
  return results;
}

const ms = (value) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '–');
const mb = (bytes) => (Number.isFinite(bytes) ? (bytes / 1e6).toFixed(1) : '–');
const mbps = (bytes, millis) => (Number.isFinite(bytes) && Number.isFinite(millis) ? (bytes / 1e6 / (millis / 1000)).toFixed(1) : '–');

export function parquetMarkdown(results, machine, source, runs) {
  const lines = [`Source: ${source}. Machine: ${machine.cpu} (${machine.cpus} CPUs), ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}, Chromium ${machine.chromium}. Medians of ${runs} run(s).`, ''];
  for (const [scale, f] of Object.entries(results)) {
    lines.push(
      `lineitem, TPC-H ${scale === 'x10' ? '×10' : `SF ${scale}`}: ${mb(f.parquetBytes)} MB of Parquet, ${f.rows?.toLocaleString('en-US') ?? '?'} rows, ${mb(f.ipcBytes)} MB as one Arrow IPC stream.`,
      '',
      '| Path | Time | MB/s of Parquet |',
      '| --- | ---: | ---: |',
      `| Raw native: CREATE TABLE AS read_parquet | ${ms(f.rawNativeMs)} ms | ${mbps(f.parquetBytes, f.rawNativeMs)} |`,
      `| Raw wasm: insertArrowFromIPCStream (one stream) | ${ms(f.rawIpcMs)} ms | ${mbps(f.parquetBytes, f.rawIpcMs)} |`,
      `| Data Lab: double-click → table in the catalog (streamed) | ${ms(f.dataLabMs)} ms | ${mbps(f.parquetBytes, f.dataLabMs)} |`,
      `| … until the header (native process opens the file) | ${ms(f.dataLabSteps.headerMs)} ms | |`,
      `| … inserting ${f.dataLabSteps.batches ?? '?'} batches, ${mb(f.dataLabSteps.streamedBytes)} MB (summed) | ${ms(f.dataLabSteps.insertMs)} ms | |`,
      `| … waiting for a batch with no insert running | ${ms(f.dataLabSteps.waitMs)} ms | |`,
      `| Database file route, main side: host conversion (${mb(f.databaseFileBytes)} MB file) | ${ms(f.hostConversionMs)} ms | |`,
      `| Database file route, page side: raw ATTACH + CREATE TABLE AS | ${ms(f.rawAttachMs)} ms | |`,
      '',
      `Target: Data Lab within 2× of raw Arrow IPC insertion: ${f.ratioToRawIpc.toFixed(2)}× (${f.ratioToRawIpc <= 2 ? 'met' : 'missed'}).`,
      '',
    );
  }
  return lines.join('\n');
}
