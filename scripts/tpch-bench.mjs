/* global document, window */
/**
 * TPC-H at scale factor 0.1 on the WebAssembly engine: plain duckdb-wasm against Data Lab's whole
 * path (browser mode, the UI, the grid), in the same headless Chromium. Prints the machine and
 * markdown tables to stdout (progress goes to stderr) and writes bench-results/tpch.json.
 *
 *   TPCH_DIR       the TPC-H folder (sf0.1/*.parquet, queries/, answers/; default ../shared/tpch
 *                  relative to the repo root)
 *   BENCH_RUNS     runs per path, medians reported (default 3)
 *   CHROMIUM_PATH  the browser (default /usr/bin/chromium; nothing is ever downloaded)
 *
 * Each run of each path is a fresh page (fresh engine) that first loads the 8 tables and then runs
 * the 22 queries twice: one untimed warm-up pass, one timed pass whose answers are checked.
 * See docs/performance.md ("TPC-H, WebAssembly engine") for what each figure includes.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, rmSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAppServer, startStaticServer } from './bench/servers.mjs';
import { compareAnswer, parseCsv, readAnswer } from './bench/tpch/answers.mjs';
import { buildRawPage, cleanups, engineReady, exitKills, launchBrowser, log, machineOf, median, runMain, setLogPrefix, sourceOf, step, tableInTree, until } from './bench/harness.mjs';

setLogPrefix('tpch');

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const resultsDir = path.join(root, 'bench-results');
const probeScript = path.join(root, 'scripts/bench/probe.js');
const tpchDir = path.resolve(root, process.env.TPCH_DIR ?? '../shared/tpch');
const runs = Number.parseInt(process.env.BENCH_RUNS ?? '3', 10);
const tables = ['lineitem', 'orders', 'partsupp', 'part', 'customer', 'supplier', 'nation', 'region'];
const queryIds = Array.from({ length: 22 }, (_, i) => `q${String(i + 1).padStart(2, '0')}`);
const ratioTarget = 1.1;
const settleMs = 1_500;
const minute = 60_000;

// Page-side checks.
/** The run is over: the engine was sent the query itself (not only DESCRIBE), and the panel shows a finished result. */
function queryDone() {
  const sent = window.__bench.worker.some((w) => w.sql && !/^DESCRIBE /i.test(w.sql) && w.type !== 'REGISTER_FILE_BUFFER');
  if (!sent) return null;
  const error = document.querySelector('.results .query-error');
  if (error) return `ERROR: ${error.textContent}`;
  const text = document.querySelector('.results-status')?.textContent ?? '';
  if (!/^[\d,]+ rows? in [\d,]+ ms/.test(text)) return null;
  return document.querySelector('.results-copy') ? text : null;
}

// ---------------------------------------------------------------------------------------------
// Statistics and formatting.

const sum = (values) => values.reduce((a, b) => a + b, 0);
const ms = (value) => (Number.isFinite(value) ? `${Math.round(value).toLocaleString('en-US')}` : '–');
const ms1 = (value) => (Number.isFinite(value) ? value.toFixed(1) : '–');
const times = (value) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–');

// ---------------------------------------------------------------------------------------------
// Preparation.

async function prepareData(scratch) {
  const home = path.join(scratch, 'home');
  await mkdir(home, { recursive: true });
  const parquetBytes = {};
  for (const table of tables) {
    const source = path.join(tpchDir, 'sf0.1', `${table}.parquet`);
    await copyFile(source, path.join(home, `${table}.parquet`));
    parquetBytes[table] = (await stat(source)).size;
  }
  // The raw page's data: the same tables, read from the same Parquet files by native DuckDB of the
  // version the app's host uses, in one database file.
  const dbFile = path.join(scratch, 'tpch.duckdb');
  const instance = await DuckDBInstance.create(dbFile);
  const connection = await instance.connect();
  const convertStarted = performance.now();
  for (const table of tables) {
    const file = path.join(home, `${table}.parquet`).replaceAll("'", "''");
    await connection.run(`CREATE TABLE "${table}" AS SELECT * FROM read_parquet('${file}')`);
  }
  await connection.run('CHECKPOINT');
  const nativeConvertMs = performance.now() - convertStarted;
  connection.closeSync();
  instance.closeSync();
  return { home, dbFile, parquetBytes, nativeConvertMs, dbBytes: (await stat(dbFile)).size };
}

// ---------------------------------------------------------------------------------------------
// The two paths. Each returns { ingestion, queries: { qNN: { ms, rows, answer } } }.

async function workbenchRun(browser, { scratch, home, queries, answers, run }) {
  const app = await startAppServer({ root, home, dataDir: path.join(scratch, `data-${run}`) });
  exitKills.push(() => app.killNow());
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
  await context.addInitScript({ path: probeScript });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await step('opening the app', minute, () => page.goto(app.url));
    await until(page, engineReady, null, 2 * minute);
    await page.waitForTimeout(settleMs);

    // Ingestion: "Open file…" → double-click each Parquet file → its table in the catalog tree.
    const perTableMs = {};
    const wallStart = Date.now();
    for (const table of tables) {
      await page.getByRole('button', { name: 'Open file…' }).click();
      const option = page.getByRole('dialog', { name: 'Open a file' }).getByRole('option', { name: new RegExp(`^${table}\\.parquet`) });
      await step('file dialog', 30_000, () => option.waitFor());
      await option.dblclick();
      const done = await until(page, tableInTree, table, 4 * minute);
      const clicked = await page.evaluate(() => window.__bench.input.dblclick);
      perTableMs[table] = done.now - clicked;
    }
    const ingestion = { wallMs: Date.now() - wallStart, sumMs: sum(Object.values(perTableMs)), perTableMs };
    await page.waitForTimeout(settleMs);

    const editor = page.getByRole('textbox', { name: 'SQL editor' });
    const runOne = async (id, check) => {
      await editor.focus();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Delete');
      await page.keyboard.insertText(queries[id]);
      await page.evaluate(() => {
        window.__bench.worker.length = 0;
      });
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      const done = await until(page, queryDone, null, 3 * minute);
      const trace = await page.evaluate(() => ({ clicked: window.__bench.input.click, worker: window.__bench.worker }));
      if (String(done.value).startsWith('ERROR')) return { ms: NaN, summary: done.value, answer: { ok: false, problem: done.value } };
      const describe = trace.worker.filter((w) => /^DESCRIBE /i.test(w.sql ?? '') && w.done !== null);
      const engine = trace.worker.filter((w) => !/^DESCRIBE /i.test(w.sql ?? '') && w.sent >= trace.clicked && w.done !== null && w.done <= done.now);
      const result = {
        ms: done.now - trace.clicked,
        summary: done.value,
        describeMs: sum(describe.map((w) => w.done - w.sent)),
        // From the query's own message to the last answer from the worker (the rows streamed in).
        engineMs: engine.length ? Math.max(...engine.map((w) => w.done)) - Math.min(...engine.map((w) => w.sent)) : NaN,
      };
      const all = [...describe, ...engine];
      // Click → the first message to the engine (editor text read, statement split, React state).
      result.beforeEngineMs = all.length ? Math.min(...all.map((w) => w.sent)) - trace.clicked : NaN;
      // The last answer from the engine → the summary on screen (result set built, grid rendered, next frame).
      result.afterEngineMs = all.length ? done.now - Math.max(...all.map((w) => w.done)) : NaN;
      if (check) {
        await page.getByRole('group', { name: 'Copy the result' }).getByRole('button', { name: 'Copy as CSV' }).click();
        await page.waitForTimeout(50);
        const csv = await page.evaluate(() => navigator.clipboard.readText());
        result.answer = compareAnswer(answers[id], parseCsv(csv));
      }
      return result;
    };
    for (const id of queryIds) await step(`warm-up ${id}, Data Lab`, 4 * minute, () => runOne(id, false));
    const results = {};
    for (const id of queryIds) {
      results[id] = await step(`${id}, Data Lab`, 4 * minute, () => runOne(id, true));
      if (!results[id].answer.ok) log(`  Data Lab ${id}: answer differs: ${results[id].answer.problem}`);
    }
    if (errors.length) log(`the page threw: ${errors.join('; ')}`);
    return { ingestion, queries: results, pageErrors: errors };
  } finally {
    await context.close();
    await app.stop();
  }
}

async function rawRun(browser, { staticServer, queries, answers }) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await step('opening the plain duckdb-wasm page', minute, () => page.goto(`${staticServer.origin}/`));
    await step('plain duckdb-wasm start', 2 * minute, () => page.evaluate(() => window.rawTpch.ready));
    await page.waitForTimeout(settleMs);
    const ingestion = await step('plain duckdb-wasm load', 4 * minute, () => page.evaluate(([url, names]) => window.rawTpch.load(url, names), ['/tpch.duckdb', tables]));
    await page.waitForTimeout(settleMs);
    for (const id of queryIds) await step(`warm-up ${id}, plain`, 4 * minute, () => page.evaluate(([sql]) => window.rawTpch.query(sql, false), [queries[id]]));
    const results = {};
    for (const id of queryIds) {
      const out = await step(`${id}, plain`, 4 * minute, () => page.evaluate(([sql]) => window.rawTpch.query(sql, true), [queries[id]]));
      results[id] = { ms: out.ms, rows: out.rowCount, answer: compareAnswer(answers[id], out) };
      if (!results[id].answer.ok) log(`  plain ${id}: answer differs: ${results[id].answer.problem}`);
    }
    return { ingestion, queries: results };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`BENCH_RUNS must be a positive integer, not "${process.env.BENCH_RUNS}"`);
  if (!existsSync(path.join(root, 'out/main/serve.js'))) throw new Error('out/ is missing: run `npm run build` first.');
  if (!existsSync(path.join(tpchDir, 'sf0.1/lineitem.parquet'))) throw new Error(`no TPC-H data in ${tpchDir}; set TPCH_DIR`);
  const benchStarted = Date.now();

  const queries = {};
  const answers = {};
  for (const id of queryIds) {
    queries[id] = (await readFile(path.join(tpchDir, 'queries', `${id}.sql`), 'utf8')).trim();
    answers[id] = await readAnswer(path.join(tpchDir, 'answers/sf0.1', `${id}.csv`));
  }

  const scratch = await mkdtemp(path.join(os.tmpdir(), 'datalab-tpch-'));
  exitKills.push(() => rmSync(scratch, { recursive: true, force: true }));
  cleanups.push(async () => rmSync(scratch, { recursive: true, force: true }));
  log('copying the Parquet files and writing tpch.duckdb with native DuckDB');
  const data = await prepareData(scratch);

  log('building the plain duckdb-wasm page');
  const rawDir = await buildRawPage(path.join(root, 'scripts/bench/tpch/raw'), path.join(resultsDir, 'tpch-raw-page'));
  const staticServer = await startStaticServer({ dir: rawDir, extra: { '/tpch.duckdb': data.dbFile } });
  cleanups.push(() => staticServer.stop());

  const browser = await launchBrowser();

  const source = sourceOf(root);
  const machine = machineOf(browser);

  // Paired runs, alternating which path goes first (ABBA).
  const context = { scratch, home: data.home, queries, answers, staticServer };
  const workbench = [];
  const plain = [];
  for (let run = 0; run < runs; run++) {
    const order = run % 2 === 0 ? ['workbench', 'plain'] : ['plain', 'workbench'];
    for (const which of order) {
      log(`run ${run + 1}/${runs}: ${which === 'workbench' ? 'Data Lab' : 'plain duckdb-wasm'}`);
      if (which === 'workbench') workbench.push(await step('Data Lab run', 8 * minute, () => workbenchRun(browser, { ...context, run })));
      else plain.push(await step('plain run', 8 * minute, () => rawRun(browser, context)));
    }
  }

  const perQuery = queryIds.map((id) => {
    const raw = median(plain.map((p) => p.queries[id].ms));
    const wb = median(workbench.map((w) => w.queries[id].ms));
    return {
      id,
      rawMs: raw,
      workbenchMs: wb,
      ratio: wb / raw,
      workbenchDescribeMs: median(workbench.map((w) => w.queries[id].describeMs)),
      workbenchEngineMs: median(workbench.map((w) => w.queries[id].engineMs)),
      workbenchBeforeEngineMs: median(workbench.map((w) => w.queries[id].beforeEngineMs)),
      workbenchAfterEngineMs: median(workbench.map((w) => w.queries[id].afterEngineMs)),
      rawOk: plain.every((p) => p.queries[id].answer.ok),
      workbenchOk: workbench.every((w) => w.queries[id].answer.ok),
      problems: [...new Set([...plain.map((p) => p.queries[id].answer.problem), ...workbench.map((w) => w.queries[id].answer.problem)].filter(Boolean))],
    };
  });
  // Totals per run (sum of the 22), then the median over runs; the ratio from paired runs.
  const rawTotals = plain.map((p) => sum(queryIds.map((id) => p.queries[id].ms)));
  const wbTotals = workbench.map((w) => sum(queryIds.map((id) => w.queries[id].ms)));
  const pairedRatios = wbTotals.map((t, i) => t / rawTotals[i]);
  const lineitemWb = median(workbench.map((w) => w.ingestion.perTableMs.lineitem));
  const lineitemRaw = median(plain.map((p) => p.ingestion.perTableMs.lineitem));
  const results = {
    perQuery,
    totals: {
      rawMs: median(rawTotals),
      workbenchMs: median(wbTotals),
      ratio: median(pairedRatios),
      pairedRatios,
      rawRuns: rawTotals,
      workbenchRuns: wbTotals,
      workbenchDescribeMs: median(workbench.map((w) => sum(queryIds.map((id) => w.queries[id].describeMs)))),
      workbenchEngineMs: median(workbench.map((w) => sum(queryIds.map((id) => w.queries[id].engineMs)))),
      workbenchBeforeEngineMs: median(workbench.map((w) => sum(queryIds.map((id) => w.queries[id].beforeEngineMs)))),
      workbenchAfterEngineMs: median(workbench.map((w) => sum(queryIds.map((id) => w.queries[id].afterEngineMs)))),
      target: ratioTarget,
      met: median(pairedRatios) <= ratioTarget,
    },
    answers: {
      raw: perQuery.filter((q) => q.rawOk).length,
      workbench: perQuery.filter((q) => q.workbenchOk).length,
      of: queryIds.length,
    },
    ingestion: {
      workbenchWallMs: median(workbench.map((w) => w.ingestion.wallMs)),
      workbenchSumMs: median(workbench.map((w) => w.ingestion.sumMs)),
      workbenchPerTableMs: Object.fromEntries(tables.map((t) => [t, median(workbench.map((w) => w.ingestion.perTableMs[t]))])),
      workbenchLineitemMBps: data.parquetBytes.lineitem / 1e6 / (lineitemWb / 1000),
      rawTotalMs: median(plain.map((p) => p.ingestion.totalMs)),
      rawFetchMs: median(plain.map((p) => p.ingestion.fetchMs)),
      rawPerTableMs: Object.fromEntries(tables.map((t) => [t, median(plain.map((p) => p.ingestion.perTableMs[t]))])),
      rawLineitemCreateMs: lineitemRaw,
      parquetBytes: data.parquetBytes,
      parquetTotalBytes: sum(Object.values(data.parquetBytes)),
      duckdbFileBytes: data.dbBytes,
      /** Not part of the plain path's figure: done once in Node before the browser starts. */
      nativeConvertMs: data.nativeConvertMs,
      rawRowCounts: plain[0].ingestion.counts,
    },
  };
  const report = {
    date: new Date().toISOString(),
    source,
    runs,
    tpchDir,
    machine,
    results,
    raw: { workbench, plain },
    benchSeconds: Math.round((Date.now() - benchStarted) / 1000),
  };
  await mkdir(resultsDir, { recursive: true });
  await writeFile(path.join(resultsDir, 'tpch.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(markdown(report));
  log(`done in ${report.benchSeconds} s; wrote bench-results/tpch.json`);
}

function markdown({ date, source, runs: n, machine, results: r }) {
  const ok = (value) => (value ? 'ok' : 'FAIL');
  const t = r.totals;
  const i = r.ingestion;
  const mb = (bytes) => (bytes / 1e6).toFixed(1);
  const lines = [
    `Machine: ${machine.cpu}, ${machine.cpus} logical CPUs, ${machine.memoryGiB} GiB RAM, ${machine.os}`,
    `Node ${machine.node}, Chromium ${machine.chromium} (headless), ${date.slice(0, 10)}, median of ${n} run${n === 1 ? '' : 's'}`,
    `Source: ${source}. TPC-H SF 0.1, ${mb(i.parquetTotalBytes)} MB of Parquet (lineitem ${mb(i.parquetBytes.lineitem)} MB)`,
    '',
    '| Query | Plain duckdb-wasm (ms) | Data Lab (ms) | Ratio | of which DESCRIBE (ms) | Engine, query to last rows (ms) | Answer plain / Data Lab |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...r.perQuery.map(
      (q) => `| ${q.id} | ${ms1(q.rawMs)} | ${ms1(q.workbenchMs)} | ${times(q.ratio)} | ${ms1(q.workbenchDescribeMs)} | ${ms1(q.workbenchEngineMs)} | ${ok(q.rawOk)} / ${ok(q.workbenchOk)} |`,
    ),
    `| **Total (22)** | **${ms(t.rawMs)}** | **${ms(t.workbenchMs)}** | **${times(t.ratio)}** | ${ms(t.workbenchDescribeMs)} | ${ms(t.workbenchEngineMs)} | ${r.answers.raw}/${r.answers.of} / ${r.answers.workbench}/${r.answers.of} |`,
    '',
    `Data Lab, where the 22 queries' ${ms(t.workbenchMs)} ms go (medians of per-run sums): click → first message to the engine ${ms(t.workbenchBeforeEngineMs)} ms; ` +
      `DESCRIBE ${ms(t.workbenchDescribeMs)} ms; the query itself, to the last rows streamed back, ${ms(t.workbenchEngineMs)} ms; ` +
      `last engine answer → summary on screen ${ms(t.workbenchAfterEngineMs)} ms; the remainder is gaps between these on the page's main thread.`,
    '',
    `Total ratio Data Lab / plain (median of paired runs: ${t.pairedRatios.map(times).join(', ')}); target ≤ ${ratioTarget}×: ${t.met ? 'met' : 'not met'}.`,
    '',
    'Ingestion (all 8 tables):',
    '',
    '| Step | Time |',
    '| --- | ---: |',
    `| Data Lab: 8 × ("Open file…" → double-click → table in the catalog), wall clock | ${ms(i.workbenchWallMs)} ms |`,
    `| Data Lab: sum of double-click → table in the catalog | ${ms(i.workbenchSumMs)} ms |`,
    `| Data Lab: lineitem alone (${mb(i.parquetBytes.lineitem)} MB Parquet) | ${ms(i.workbenchPerTableMs.lineitem)} ms = ${i.workbenchLineitemMBps.toFixed(1)} MB/s |`,
    `| Plain duckdb-wasm: fetch ${mb(i.duckdbFileBytes)} MB tpch.duckdb → registerFileBuffer → ATTACH → 8 × CREATE TABLE AS | ${ms(i.rawTotalMs)} ms |`,
    `| Plain duckdb-wasm: of which fetch | ${ms(i.rawFetchMs)} ms |`,
    `| (not in the plain figure) native DuckDB in Node: 8 Parquet files → tpch.duckdb, once, before the runs | ${ms(i.nativeConvertMs)} ms |`,
    `| Plain duckdb-wasm: CREATE TABLE lineitem AS SELECT * FROM src.lineitem | ${ms(i.rawLineitemCreateMs)} ms |`,
    '',
  ];
  const problems = r.perQuery.filter((q) => q.problems.length);
  if (problems.length) lines.push('Answer differences:', '', ...problems.map((q) => `- ${q.id}: ${q.problems.join('; ')}`), '');
  return lines.join('\n');
}

runMain(main);
