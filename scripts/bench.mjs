/* global document, getComputedStyle, requestAnimationFrame, window */
/**
 * `npm run bench`: Data Lab's performance figures, measured in headless Chromium against browser
 * mode (node out/main/serve.js), the way a user meets them. Prints the machine and a markdown
 * table to stdout (progress goes to stderr) and writes bench-results/bench.json.
 *
 *   BENCH_RUNS     runs per measurement, medians reported (default 3)
 *   BENCH_ONLY     `startup`: only the start-up figures (cold, first and second start on a kept profile)
 *   CHROMIUM_PATH  the browser (default /usr/bin/chromium; nothing is ever downloaded)
 *   BENCH_ONLY=lab only the Lab cases (bundle import, re-grading, in-app check; bench-results/lab.json)
 *   BENCH_ONLY=labcheck  only the Lab's 1M-row check on the in-app engine, today's bundles against
 *                  format-1 (SHA-256) ones in the same runs (bench-results/labcheck.json)
 *   BENCH_ONLY=notebooks  only the notebook cases (bench-results/notebooks.json)
 *   BENCH_ONLY=spill  only the spill case; its 100M-row Parquet file is kept in bench-results/spill/ for the next run
 *   BENCH_ONLY=results  only the large results: the 1M-row scroll and 10M rows on each engine (bench-results/results.json)
 *   BENCH_ONLY=parquet  only lineitem Parquet → in-app table against raw native and raw Arrow IPC
 *                  insertion, with each step (bench-results/parquet.json; TPCH_DIR, BENCH_PARQUET_SCALE)
 *   BENCH_LAB_BUNDLE_MB  the size of the Lab import case's bundle (default 500)
 *   BENCH_LAB_CHECK_ROWS, BENCH_LAB_SUBMISSIONS  the Lab check's rows (default 1000000) and the re-graded submissions (default 100)
 *
 * See docs/performance.md for what each figure means.
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { link, mkdir, mkdtemp, rename, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBenchCsv } from './bench/csv.mjs';
import { parquetBench, parquetMarkdown } from './bench/parquet.mjs';
import { chartOverTenMillionRows } from './bench/notebookChart.mjs';
import { notebookBench } from './bench/notebooks.mjs';
import { startAppServer, startStaticServer } from './bench/servers.mjs';
import { rendererScripts, rendererScriptsLine } from './bench/rendererScripts.mjs';
import { spillDataLab, spillRatioTarget, spillRaw, spillRows, spillMemoryLimit, writeSpillParquet } from './bench/spill.mjs';
import { armUntil, buildRawPage, cleanups, engineReady, exitKills, launchBrowser, launchPersistentProfile, log, machineOf, median, runMain, sourceOf, step, tableInTree, until } from './bench/harness.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const resultsDir = path.join(root, 'bench-results');
const probeScript = path.join(root, 'scripts/bench/probe.js');
const runs = Number.parseInt(process.env.BENCH_RUNS ?? '3', 10);

const csvName = 'bench_100mb.csv';
const tableName = 'bench_100mb';
const millionRowSql = "SELECT range AS id, range * 2 AS doubled, 'row ' || range AS label FROM range(1000000)";
const tenMillionRowSql = "SELECT range AS id, range % 1000 AS bucket, 'row ' || range AS label FROM range(10000000)";
const scrollSteps = 200;
const ratioTarget = 1.2;
/**
 * Pause after the engine reports ready before a timed step: the app still fetches the function list
 * and the catalog then, which would otherwise be counted in the step.
 */
const settleMs = 1_500;
/** Step deadlines are counted in minutes: far above any real figure, so only a hung step hits one. */
const minute = 60_000;

// Page-side checks.
function editorEditable() {
  const input = document.querySelector('[aria-label="SQL editor"]');
  const lines = document.querySelector('.sql-editor .view-lines');
  if (!input || !(input.tagName === 'TEXTAREA' || input.getAttribute('role') === 'textbox') || !lines) return false;
  const box = lines.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && getComputedStyle(lines).visibility !== 'hidden';
}
function editorShows(text) {
  return document.querySelector('.sql-editor .view-lines')?.textContent === text;
}
function pageText(pattern) {
  const match = new RegExp(pattern).exec(document.body.innerText);
  return match ? match[0] : null;
}
function resultsStatusStartsWith(prefix) {
  const text = document.querySelector('.results-status')?.textContent ?? '';
  return text.startsWith(prefix) ? text : null;
}
function gridRowOnScreen(rowIndex) {
  const grid = document.querySelector('[role="grid"][aria-label="Query results"]');
  const row = grid?.querySelector(`[role="row"][aria-rowindex="${rowIndex}"]`);
  if (!grid || !row) return false;
  const viewport = grid.getBoundingClientRect();
  const box = row.getBoundingClientRect();
  return box.height > 0 && box.top >= viewport.top - 1 && box.bottom <= viewport.bottom + 1;
}

// ---------------------------------------------------------------------------------------------
// Statistics and formatting.

function summary(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values };
}
const ms = (value) => (Number.isFinite(value) ? `${Math.round(value).toLocaleString('en-US')} ms` : '–');
const ms1 = (value) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : '–');
const times = (value) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–');

// ---------------------------------------------------------------------------------------------
// Measurements.

async function newAppPage(browser) {
  // A fresh context is a fresh profile: empty HTTP cache (no compiled WebAssembly kept), no cookie.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ path: probeScript });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

async function openReadyApp(browser, app) {
  const opened = await newAppPage(browser);
  await step('opening the app', minute, () => opened.page.goto(app.url));
  await until(opened.page, engineReady, null, 2 * minute);
  await opened.page.waitForTimeout(settleMs);
  return opened;
}

/** 1 and 2: page.goto → editable editor → a typed character on screen → "Engine ready", on a fresh profile. */
async function coldStart(browser, app, run) {
  const { context, page } = await newAppPage(browser);
  try {
    return await startOn(page, app, run);
  } finally {
    await context.close();
  }
}

/**
 * The same start twice on one profile kept on disk, as a user's browser keeps it: the second start
 * finds the hashed assets in the HTTP cache and the engine's compiled code in Chromium's code cache.
 */
async function firstAndSecondStart(app, run) {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'datalab-bench-profile-'));
  const context = await launchPersistentProfile(profile, { viewport: { width: 1280, height: 800 } });
  try {
    await context.addInitScript({ path: probeScript });
    const starts = [];
    for (let visit = 0; visit < 2; visit++) {
      const page = await context.newPage();
      starts.push(await startOn(page, app, run));
      // Let Chromium write what it caches (the code cache is written after compilation) before closing.
      await page.waitForTimeout(settleMs);
      await page.close();
    }
    return { first: starts[0], second: starts[1] };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Times one start of the app on a page: editable editor, a typed character, "Engine ready". */
async function startOn(page, app, run) {
  const started = Date.now();
  await step('cold start: navigation', minute, () => page.goto(app.url, { waitUntil: 'commit' }));
  const editor = await until(page, editorEditable, null, minute);
  // Select-all-and-type: what was typed is then the editor's whole text, whatever tab text was saved.
  const letter = 'abcdefghijklmnopqrstuvwxyz'[run % 26];
  await page.getByRole('textbox', { name: 'SQL editor' }).focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(letter);
  const typed = await until(page, editorShows, letter, 10_000);
  const ready = await until(page, engineReady, null, 2 * minute);
  // Milestones on the way, from the page's own timelines, as offsets from page.goto.
  const trace = await page.evaluate(() => {
    const navigation = performance.getEntriesByType('navigation')[0];
    // The entry bundle (React, Monaco, the app); workers' scripts come later and are not on this path.
    const bundle = performance.getEntriesByType('resource').find((r) => /\/assets\/index-[^/]*\.js$/.test(r.name));
    const instantiate = window.__bench.worker.find((w) => w.type === 'INSTANTIATE');
    return {
      origin: performance.timeOrigin,
      domContentLoaded: navigation?.domContentLoadedEventEnd ?? NaN,
      bundleLoaded: bundle?.responseEnd ?? NaN,
      instantiateSent: instantiate?.sent ?? NaN,
      instantiateDone: instantiate?.done ?? NaN,
    };
  });
  const at = (pageTime) => trace.origin + pageTime - started;
  return {
    editorMs: editor.epoch - started,
    typedMs: typed.epoch - started,
    engineReadyMs: ready.epoch - started,
    milestones: {
      bundleLoadedMs: at(trace.bundleLoaded),
      domContentLoadedMs: at(trace.domContentLoaded),
      engineRequestedMs: at(trace.instantiateSent),
      instantiateMs: trace.instantiateDone - trace.instantiateSent,
      openToReadyMs: ready.epoch - (trace.origin + trace.instantiateDone),
    },
  };
}

/** 3, Data Lab: "Open file…" → double-click the CSV → the table in the catalog tree. */
async function csvWorkbench(browser, app) {
  const { context, page, errors } = await openReadyApp(browser, app);
  try {
    await page.getByRole('button', { name: 'Open file…' }).click();
    const option = page.getByRole('dialog', { name: 'Open a file' }).getByRole('option', { name: new RegExp(csvName.replace('.', '\\.')) });
    await step('file dialog', 30_000, () => option.waitFor());
    await page.evaluate(() => {
      window.__bench.worker.length = 0;
      performance.clearResourceTimings();
      performance.setResourceTimingBufferSize(10_000);
    });
    await option.dblclick();
    const done = await until(page, tableInTree, tableName, 4 * minute);
    const notice = await until(page, pageText, `Loaded ${csvName.replace('.', '\\.')} as table ${tableName} \\(([\\d,]+) rows\\)`, 30_000);
    const trace = await page.evaluate(() => ({
      started: window.__bench.input.dblclick,
      worker: window.__bench.worker,
      resources: performance.getEntriesByType('resource').map((r) => ({ name: r.name, start: r.startTime, end: r.responseEnd, bytes: r.decodedBodySize })),
    }));
    if (errors.length) throw new Error(`the page threw: ${errors.join('; ')}`);
    const totalMs = done.now - trace.started;
    return { totalMs, rows: Number(/\(([\d,]+) rows\)/.exec(notice.value)[1].replaceAll(',', '')), ...breakDown(trace, done.now) };
  } finally {
    await context.close();
  }
}

/** Where the workbench's CSV time went, from the probe's record of the engine worker's requests. */
function breakDown(trace, end) {
  const within = trace.worker.filter((w) => w.sent >= trace.started && w.done !== null && w.done <= end);
  const spent = (predicate) => within.filter(predicate).reduce((sum, w) => sum + (w.done - w.sent), 0);
  const content = trace.resources.find((r) => /\/api\/datasets\/[^/]+\/content$/.test(r.name));
  const open = trace.resources.find((r) => r.name.endsWith('/api/datasets/open'));
  const parts = {
    openRequestMs: open ? open.end - open.start : NaN,
    bytesMs: content ? content.end - content.start : NaN,
    registerMs: spent((w) => w.type === 'REGISTER_FILE_BUFFER'),
    sniffMs: spent((w) => /sniff_csv|^DESCRIBE SELECT \* FROM read_csv/i.test(w.sql ?? '')),
    createMs: spent((w) => /^CREATE TABLE/i.test(w.sql ?? '')),
    countMs: spent((w) => /^SELECT count\(\*\)/i.test(w.sql ?? '')),
    catalogMs: spent((w) => /information_schema/i.test(w.sql ?? '')),
    dropFileMs: spent((w) => w.type === 'DROP_FILE'),
  };
  const accounted = Object.values(parts).filter(Number.isFinite).reduce((a, b) => a + b, 0);
  return { parts, otherMs: end - trace.started - accounted, loadedBytes: content?.bytes ?? NaN };
}

/** 3, baseline: the same bytes through plain duckdb-wasm, in the same browser. */
async function csvPlain(browser, staticServer) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await step('opening the plain duckdb-wasm page', minute, () => page.goto(`${staticServer.origin}/`));
    await step('plain duckdb-wasm start', 2 * minute, () => page.evaluate(() => window.rawBench.ready));
    await page.waitForTimeout(settleMs);
    return await step('plain duckdb-wasm CSV load', 4 * minute, () => page.evaluate((url) => window.rawBench.loadCsv(url), `/${csvName}`));
  } finally {
    await context.close();
  }
}

/**
 * Evaluated in the page: the scripted scroll, top to bottom, one scrollTop per animation frame.
 * After each scrollTop it looks, in the next animation-frame callback, at what that frame will
 * paint: the browser dispatches the scroll event earlier in the same frame, and nothing else runs
 * between the callback and the paint. Is there a row under the top of the viewport, or the empty
 * body because the rows for the new position are not rendered yet?
 */
async function scriptedScroll(steps) {
  const scroller = document.querySelector('[role="grid"][aria-label="Query results"]');
  if (!scroller?.classList.contains('result-grid__scroller')) throw new Error('the results grid is not the scroll container any more');
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const viewport = scroller.getBoundingClientRect();
  const header = scroller.querySelector('[role="row"][aria-rowindex="1"]')?.getBoundingClientRect();
  // The sticky row-number column, one row below the header: every row has a cell there.
  const probeX = viewport.left + 12;
  const probeY = (header?.bottom ?? viewport.top + 40) + 13;
  const rowOnScreen = () => document.elementFromPoint(probeX, probeY)?.closest('[role="row"]') != null;
  const bottom = scroller.scrollHeight - scroller.clientHeight;
  const frames = [];
  let blankFrames = 0;
  const first = await frame();
  let previous = first;
  for (let i = 1; i <= steps; i++) {
    scroller.scrollTop = Math.round((bottom * i) / steps);
    const now = await frame();
    if (!rowOnScreen()) blankFrames++;
    frames.push(now - previous);
    previous = now;
  }
  return { totalMs: previous - first, frames, blankFrames, scrollHeight: scroller.scrollHeight, atBottom: Math.abs(scroller.scrollTop - bottom) <= 1 };
}

/** 4: a million rows end to end: the query, Ctrl+End, and a scripted scroll through all of them. */
async function millionRows(browser, app) {
  const { context, page, errors } = await openReadyApp(browser, app);
  try {
    await page.getByRole('textbox', { name: 'SQL editor' }).focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(millionRowSql);
    const queriedArmed = await armUntil(page, resultsStatusStartsWith, '1,000,000 rows', 3 * minute);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const queried = await queriedArmed.result();
    const clickedAt = await page.evaluate(() => window.__bench.input.click);

    await page.getByRole('grid', { name: 'Query results' }).focus();
    // Lets the focus ring and the active cell render first, so the timed frame holds only Ctrl+End's work.
    await page.waitForTimeout(300);
    const lastArmed = await armUntil(page, gridRowOnScreen, 1_000_001, 30_000);
    await page.keyboard.press('Control+End');
    const last = await lastArmed.result();
    const endPressedAt = await page.evaluate(() => window.__bench.input['keydown:End']);

    await page.keyboard.press('Control+Home');
    await until(page, gridRowOnScreen, 2, 30_000);
    // Idle before the scroll, so its first frames do not absorb the tail of Ctrl+Home's rendering.
    await page.waitForTimeout(500);
    const scroll = await step('scripted scroll', 2 * minute, () => page.evaluate(scriptedScroll, scrollSteps));
    // The scroll ends at the bottom, so the last row must come on screen (within a few frames).
    await until(page, gridRowOnScreen, 1_000_001, 10_000);
    if (!scroll.atBottom) throw new Error('the scripted scroll did not reach the bottom');
    if (errors.length) throw new Error(`the page threw: ${errors.join('; ')}`);
    const sorted = [...scroll.frames].sort((a, b) => a - b);
    return {
      queryMs: queried.now - clickedAt,
      querySummary: queried.value,
      ctrlEndMs: last.now - endPressedAt,
      scrollTotalMs: scroll.totalMs,
      worstFrameMs: sorted[sorted.length - 1],
      p95FrameMs: sorted[Math.floor(sorted.length * 0.95)],
      medianFrameMs: median(scroll.frames),
      framesOver50Ms: scroll.frames.filter((f) => f > 50).length,
      blankFrames: scroll.blankFrames,
      scrollHeight: scroll.scrollHeight,
    };
  } finally {
    await context.close();
  }
}

/**
 * 5: ten million rows on one engine: Run → the first row on screen, → "10,000,000 rows" (every row
 * computed), Ctrl+End → the last row on screen, and the page's JavaScript heap once it all settled
 * (both keep a large result outside the page: the native engine on the main side, the in-app one
 * in a table inside the engine).
 */
async function tenMillionRows(browser, app, engine) {
  const { context, page, errors } = await openReadyApp(browser, app);
  try {
    if (engine === 'native') {
      await page.getByRole('button', { name: /^Engine: In-app/ }).click();
      await step('switching to the native engine', minute, () => page.getByRole('button', { name: /^Engine: Native/ }).waitFor());
      await until(page, engineReady, null, 2 * minute);
      await page.waitForTimeout(settleMs);
    }
    await page.getByRole('textbox', { name: 'SQL editor' }).focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(tenMillionRowSql);
    const firstArmed = await armUntil(page, gridRowOnScreen, 2, 3 * minute);
    const allArmed = await armUntil(page, resultsStatusStartsWith, '10,000,000 rows', 5 * minute);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const first = await firstArmed.result();
    const clickedAt = await page.evaluate(() => window.__bench.input.click);
    const all = await allArmed.result();
    await page.getByRole('grid', { name: 'Query results' }).focus();
    await page.waitForTimeout(300);
    const lastArmed = await armUntil(page, gridRowOnScreen, 10_000_001, minute);
    await page.keyboard.press('Control+End');
    const last = await lastArmed.result();
    const endPressedAt = await page.evaluate(() => window.__bench.input['keydown:End']);
    await page.waitForTimeout(1_000);
    const heapBytes = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? NaN);
    // Back to the in-app engine, which the other measurements use (the workspace keeps the choice).
    if (engine === 'native') await page.getByRole('button', { name: /^Engine: Native/ }).click();
    await page.waitForTimeout(800);
    if (errors.length) throw new Error(`the page threw: ${errors.join('; ')}`);
    return { firstRowMs: first.now - clickedAt, allRowsMs: all.now - clickedAt, ctrlEndMs: last.now - endPressedAt, heapMB: heapBytes / 2 ** 20 };
  } finally {
    await context.close();
  }
}

/** The notebook cases (issue 10): a chart over a 10M-row result, a 200-cell notebook opened, run all against one by one. */
async function measureNotebooks(browser, app, home) {
  const charts = [];
  for (let run = 0; run < runs; run++) {
    log(`notebook chart over 10M rows ${run + 1}/${runs}`);
    charts.push(await step('notebook chart over 10M rows', 8 * minute, () => chartOverTenMillionRows(browser, app, home, newAppPage)));
  }
  log('notebooks: a 200-cell notebook opened, run all of 20 cells against one by one');
  const notebooks = await notebookBench(browser, app, home, runs, openReadyApp);
  return { charts, notebooks };
}

function notebookResults({ charts, notebooks }) {
  return {
    notebookChartDrawnMs: summary(charts.map((c) => c.drawnMs)),
    notebooks: {
      open200FirstCellMs: summary(notebooks.opened.map((o) => o.firstCellMs)),
      open200AllCellsMs: summary(notebooks.opened.map((o) => o.allCellsMs)),
      runAllNotebookMs: summary(notebooks.ran.map((r) => r.notebookMs)),
      runAllOneByOneMs: summary(notebooks.ran.map((r) => r.oneByOneMs)),
      runAllRatio: summary(notebooks.ran.map((r) => r.ratio)),
    },
  };
}

/**
 * The spill case's Parquet file, kept in bench-results/spill/ between runs (it takes minutes to
 * write), written under a temporary name and renamed, and hard-linked into the bench's home, where
 * the app may open it.
 */
async function spillParquetIn(home) {
  const kept = path.join(resultsDir, 'spill', `big-${spillRows}.parquet`);
  if (!existsSync(kept)) {
    log(`writing big.parquet (${spillRows.toLocaleString('en-US')} rows), kept as ${path.relative(root, kept)}`);
    await mkdir(path.dirname(kept), { recursive: true });
    const partial = `${kept}.partial`;
    await step('writing the spill case’s Parquet file', 20 * minute, () => writeSpillParquet(partial));
    await rename(partial, kept);
  }
  const file = path.join(home, 'big.parquet');
  await link(kept, file);
  return { file, bytes: (await stat(file)).size };
}

/** The spill case (issue 15): the native engine past its memory limit, against raw node-api (see bench/spill.mjs). */
async function measureSpill(browser, app, scratch, home) {
  const { file, bytes } = await spillParquetIn(home);
  const runsOf = { dataLab: [], raw: [] };
  for (let run = 0; run < runs; run++) {
    const order = run % 2 === 0 ? ['dataLab', 'raw'] : ['raw', 'dataLab'];
    for (const which of order) {
      log(`spill ${run + 1}/${runs}: ${which === 'dataLab' ? 'Data Lab, native engine' : 'raw node-api'}`);
      if (which === 'raw') {
        runsOf.raw.push(await step('spill, raw node-api', 15 * minute, () => spillRaw(file, scratch)));
      } else {
        const { context, page, errors } = await openReadyApp(browser, app);
        try {
          runsOf.dataLab.push(await step('spill, Data Lab', 15 * minute, () => spillDataLab(page, app, file)));
          if (errors.length) throw new Error(`the page threw: ${errors.join('; ')}`);
        } finally {
          await context.close();
        }
      }
    }
  }
  for (const [index, result] of runsOf.dataLab.entries()) {
    if (result.answer !== runsOf.raw[index].answer) throw new Error(`the spill case's answers differ: Data Lab ${result.answer}, raw node-api ${runsOf.raw[index].answer}`);
  }
  return { runs: runsOf, bytes };
}

function spillResults({ runs: runsOf, bytes }) {
  const ratios = runsOf.dataLab.map((d, i) => d.totalMs / runsOf.raw[i].totalMs);
  return {
    rows: spillRows,
    fileBytes: bytes,
    memoryLimit: spillMemoryLimit,
    dataLabMs: summary(runsOf.dataLab.map((d) => d.totalMs)),
    rawMs: summary(runsOf.raw.map((d) => d.totalMs)),
    ratio: { ...summary(ratios), target: spillRatioTarget, met: median(ratios) <= spillRatioTarget },
  };
}

/** `BENCH_ONLY=notebooks`, `spill` or `results`: one group of cases, in a fresh server and browser, printed as the main table's rows. */
async function runOneGroup(group) {
  const scratch = await mkdtemp(path.join(os.tmpdir(), `datalab-bench-${group}-`));
  exitKills.push(() => rmSync(scratch, { recursive: true, force: true }));
  const home = path.join(scratch, 'home');
  await mkdir(home, { recursive: true });
  const app = await startBrowserMode(home, scratch);
  const browser = await launchBrowser();
  const measured = {
    notebooks: async () => notebookResults(await measureNotebooks(browser, app, home)),
    spill: async () => ({ spill: spillResults(await measureSpill(browser, app, scratch, home)) }),
    results: async () => resultsSummary(await measureResults(browser, app)),
  };
  const results = await measured[group]();
  const machine = machineOf(browser);
  const source = sourceOf(root);
  await mkdir(resultsDir, { recursive: true });
  await writeFile(path.join(resultsDir, `${group}.json`), `${JSON.stringify({ date: new Date().toISOString(), machine, source, runs, results }, null, 2)}\n`);
  const rows = { notebooks: notebookRows, spill: spillTableRows, results: resultsRows }[group](results);
  process.stdout.write(
    [`Machine: ${machine.cpu}, ${machine.cpus} logical CPUs, ${machine.memoryGiB} GiB RAM; Chromium ${machine.chromium}; source ${source}; ${runs} runs`, '', '| Measurement | Median | Runs |', '| --- | ---: | --- |', ...rows, ''].join('\n'),
  );
}

// ---------------------------------------------------------------------------------------------

async function startBrowserMode(home, scratch) {
  log('starting browser mode');
  const app = await startAppServer({ root, home, dataDir: path.join(scratch, 'data') });
  cleanups.push(() => app.stop());
  exitKills.push(() => app.killNow());
  return app;
}

async function main() {
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`BENCH_RUNS must be a positive integer, not "${process.env.BENCH_RUNS}"`);
  if (!existsSync(path.join(root, 'out/main/serve.js'))) throw new Error('out/ is missing: run `npm run build` first (or `npm run bench`, which does).');
  const benchStarted = Date.now();
  // BENCH_ONLY=lab: only the Lab's cases (issue 11), which need no browser.
  if (process.env.BENCH_ONLY === 'lab') return runLabBench();
  // BENCH_ONLY=labcheck: only the Lab's 1M-row check (a minute, no bundle to build).
  if (process.env.BENCH_ONLY === 'labcheck') return runLabBench('check');
  // BENCH_ONLY=parquet: Parquet → in-app table against raw engines (issue 14; bench-results/parquet.json).
  if (process.env.BENCH_ONLY === 'parquet') return runParquetBench();
  // BENCH_ONLY=notebooks, spill or results: only those cases (issues 10, 15 and 14; bench-results/<group>.json).
  if (['notebooks', 'spill', 'results'].includes(process.env.BENCH_ONLY)) return runOneGroup(process.env.BENCH_ONLY);

  const scratch = await mkdtemp(path.join(os.tmpdir(), 'datalab-bench-'));
  exitKills.push(() => rmSync(scratch, { recursive: true, force: true }));
  const home = path.join(scratch, 'home');
  await mkdir(home, { recursive: true });

  if (process.env.BENCH_ONLY === 'startup') {
    const app = await startBrowserMode(home, scratch);
    const browser = await launchBrowser();
    log('warm-up start (not counted)');
    await step('warm-up cold start', 3 * minute, () => coldStart(browser, app, 25));
    const cold = [];
    const restarts = [];
    for (let run = 0; run < runs; run++) {
      log(`starts ${run + 1}/${runs}`);
      cold.push(await step('cold start', 3 * minute, () => coldStart(browser, app, run)));
      restarts.push(await step('first and second start', 4 * minute, () => firstAndSecondStart(app, run)));
    }
    process.stdout.write(startupMarkdown(cold, restarts, machineOf(browser), sourceOf(root), rendererScripts(root)));
    return;
  }

  log(`writing ${csvName}`);
  const csvPath = path.join(home, csvName);
  const csv = await writeBenchCsv(csvPath);
  log(`${(csv.bytes / 1e6).toFixed(1)} MB, ${csv.rows.toLocaleString('en-US')} rows`);

  log('building the plain duckdb-wasm page');
  const rawDir = await buildRawPage(path.join(root, 'scripts/bench/raw'), path.join(resultsDir, 'raw-page'));
  const staticServer = await startStaticServer({ dir: rawDir, extra: { [`/${csvName}`]: csvPath } });
  cleanups.push(() => staticServer.stop());

  const app = await startBrowserMode(home, scratch);
  const browser = await launchBrowser();
  const source = sourceOf(root);
  const machine = machineOf(browser);

  // One untimed round of everything first: the first 100 MB through a new browser and a new server
  // pays one-time costs (allocator growth, JIT warm-up) that would otherwise land on whichever path
  // happens to go first.
  log('warm-up round (not counted)');
  const warmup = {
    cold: await step('warm-up cold start', 3 * minute, () => coldStart(browser, app, 25)),
    workbench: await step('warm-up CSV load, Data Lab', 6 * minute, () => csvWorkbench(browser, app)),
    plain: await step('warm-up CSV load, plain duckdb-wasm', 6 * minute, () => csvPlain(browser, staticServer)),
    scroll: await step('warm-up 1M rows', 6 * minute, () => millionRows(browser, app)),
  };

  const cold = [];
  for (let run = 0; run < runs; run++) {
    log(`cold start ${run + 1}/${runs}`);
    cold.push(await step('cold start', 3 * minute, () => coldStart(browser, app, run)));
  }

  const restarts = [];
  for (let run = 0; run < runs; run++) {
    log(`first and second start on one profile ${run + 1}/${runs}`);
    restarts.push(await step('first and second start', 4 * minute, () => firstAndSecondStart(app, run)));
  }
  // Paired runs, alternating which path goes first (ABBA), so drift in the machine's load spreads
  // over both paths instead of one.
  const workbench = [];
  const plain = [];
  for (let run = 0; run < runs; run++) {
    const order = run % 2 === 0 ? ['workbench', 'plain'] : ['plain', 'workbench'];
    for (const which of order) {
      if (which === 'workbench') {
        log(`CSV load ${run + 1}/${runs}: Data Lab`);
        workbench.push(await step('CSV load, Data Lab', 6 * minute, () => csvWorkbench(browser, app)));
      } else {
        log(`CSV load ${run + 1}/${runs}: plain duckdb-wasm`);
        plain.push(await step('CSV load, plain duckdb-wasm', 6 * minute, () => csvPlain(browser, staticServer)));
      }
    }
  }
  for (const [index, result] of [...workbench, warmup.workbench].entries()) {
    const baseline = [...plain, warmup.plain][index];
    if (result.rows !== csv.rows || baseline.rows !== csv.rows || baseline.bytes !== csv.bytes) {
      throw new Error(`the two paths did not load the same file: ${csv.rows} rows written, Data Lab read ${result.rows}, plain ${baseline.rows} (${baseline.bytes} of ${csv.bytes} bytes)`);
    }
  }

  const { scroll, tenMillion } = await measureResults(browser, app);

  const notebookCases = await measureNotebooks(browser, app, home);
  const spill = await measureSpill(browser, app, scratch, home);

  const ratios = workbench.map((w, i) => w.totalMs / plain[i].totalMs);
  const results = {
    coldStartEditorMs: summary(cold.map((c) => c.editorMs)),
    coldStartTypedMs: summary(cold.map((c) => c.typedMs)),
    engineReadyMs: summary(cold.map((c) => c.engineReadyMs)),
    firstStartEditorMs: summary(restarts.map((r) => r.first.editorMs)),
    firstStartEngineReadyMs: summary(restarts.map((r) => r.first.engineReadyMs)),
    secondStartEditorMs: summary(restarts.map((r) => r.second.editorMs)),
    secondStartEngineReadyMs: summary(restarts.map((r) => r.second.engineReadyMs)),
    secondStartInstantiateMs: summary(restarts.map((r) => r.second.milestones.instantiateMs)),
    coldStartMilestonesMs: Object.fromEntries(Object.keys(cold[0].milestones).map((key) => [key, median(cold.map((c) => c.milestones[key]))])),
    csvWorkbenchMs: summary(workbench.map((w) => w.totalMs)),
    csvPlainMs: summary(plain.map((p) => p.totalMs)),
    csvRatio: { ...summary(ratios), target: ratioTarget, met: median(ratios) <= ratioTarget },
    csvWorkbenchBreakdownMs: Object.fromEntries(
      [...Object.keys(workbench[0].parts), 'otherMs'].map((key) => [key, median(workbench.map((w) => (key === 'otherMs' ? w.otherMs : w.parts[key])))]),
    ),
    csvPlainBreakdownMs: { fetchMs: median(plain.map((p) => p.fetchMs)), registerMs: median(plain.map((p) => p.registerMs)), createMs: median(plain.map((p) => p.createMs)) },
    ...resultsSummary({ scroll, tenMillion }),
    ...notebookResults(notebookCases),
    spill: spillResults(spill),
  };
  const report = {
    date: new Date().toISOString(),
    source,
    runs,
    machine,
    csv: { file: csvName, bytes: csv.bytes, rows: csv.rows },
    rendererScripts: rendererScripts(root),
    results,
    raw: { cold, restarts, workbench, plain, scroll, tenMillion, charts: notebookCases.charts, notebooks: notebookCases.notebooks, spill: spill.runs, warmup },
    benchSeconds: Math.round((Date.now() - benchStarted) / 1000),
  };
  await mkdir(resultsDir, { recursive: true });
  await writeFile(path.join(resultsDir, 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(markdown(report));
  log(`done in ${report.benchSeconds} s; wrote bench-results/bench.json`);
  await runLabBench();
}

/**
 * The Lab's cases (bundle import, re-grading, the in-app check): TypeScript run by vitest, see
 * scripts/bench/lab/lab.bench.ts. `only`: one case (`check`), told to the bench by BENCH_LAB_ONLY.
 */
async function runLabBench(only) {
  log(`Lab cases (scripts/bench/lab/lab.bench.ts)${only ? `: ${only} only` : ''}`);
  const child = spawn(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'scripts/bench/lab/vitest.config.ts', '--reporter=dot'], {
    cwd: root,
    stdio: 'inherit',
    env: only ? { ...process.env, BENCH_LAB_ONLY: only } : process.env,
  });
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the Lab cases failed (exit ${code})`);
}

/** A table row: the median, then every run. */
function row(name, stat, format = ms) {
  return `| ${name} | ${format(stat.median)} | ${stat.runs.map(format).join(', ')} |`;
}

/** The 1M-row scroll and the 10M-row results on both engines (cases 4 and 5), `runs` times each. */
async function measureResults(browser, app) {
  const scroll = [];
  for (let run = 0; run < runs; run++) {
    log(`1M rows ${run + 1}/${runs}`);
    scroll.push(await step('1M-row scroll', 6 * minute, () => millionRows(browser, app)));
  }
  const tenMillion = { wasm: [], native: [] };
  for (let run = 0; run < runs; run++) {
    for (const engine of ['native', 'wasm']) {
      log(`10M rows ${run + 1}/${runs}: ${engine}`);
      tenMillion[engine].push(await step(`10M rows, ${engine}`, 8 * minute, () => tenMillionRows(browser, app, engine)));
    }
  }
  return { scroll, tenMillion };
}

function resultsSummary({ scroll, tenMillion }) {
  return {
    millionRowQueryMs: summary(scroll.map((s) => s.queryMs)),
    ctrlEndMs: summary(scroll.map((s) => s.ctrlEndMs)),
    scrollTotalMs: summary(scroll.map((s) => s.scrollTotalMs)),
    scrollWorstFrameMs: summary(scroll.map((s) => s.worstFrameMs)),
    scrollP95FrameMs: summary(scroll.map((s) => s.p95FrameMs)),
    scrollMedianFrameMs: summary(scroll.map((s) => s.medianFrameMs)),
    scrollFramesOver50Ms: summary(scroll.map((s) => s.framesOver50Ms)),
    scrollBlankFrames: summary(scroll.map((s) => s.blankFrames)),
    tenMillion: Object.fromEntries(
      Object.entries(tenMillion).map(([engine, list]) => [
        engine,
        Object.fromEntries(['firstRowMs', 'allRowsMs', 'ctrlEndMs', 'heapMB'].map((key) => [key, summary(list.map((one) => one[key]))])),
      ]),
    ),
  };
}

function resultsRows(r) {
  return [
    row('1M-row query: Run → "1,000,000 rows"', r.millionRowQueryMs),
    row('1M rows: Ctrl+End → last row on screen', r.ctrlEndMs),
    row(`1M rows: scripted scroll, ${scrollSteps} steps, total`, r.scrollTotalMs),
    row('1M rows: scripted scroll, worst frame', r.scrollWorstFrameMs, ms1),
    row('1M rows: scripted scroll, 95th-percentile frame', r.scrollP95FrameMs, ms1),
    row(`1M rows: scripted scroll, frames painted with no row in view (of ${scrollSteps})`, r.scrollBlankFrames, (v) => String(v)),
    ...['native', 'wasm'].flatMap((engine) => {
      const t = r.tenMillion[engine];
      const name = engine === 'native' ? 'native engine' : 'in-app engine';
      return [
        row(`10M-row result, ${name}: Run → first row on screen`, t.firstRowMs),
        row(`10M-row result, ${name}: Run → "10,000,000 rows"`, t.allRowsMs),
        row(`10M-row result, ${name}: Ctrl+End → last row on screen`, t.ctrlEndMs),
        row(`10M-row result, ${name}: page's JavaScript heap after`, t.heapMB, (v) => (Number.isFinite(v) ? `${Math.round(v)} MB` : '–')),
      ];
    }),
  ];
}

function notebookRows(r) {
  return [
    row('Notebook chart over a 10M-row result (in-app engine, 500 groups): Run all → bars drawn', r.notebookChartDrawnMs),
    row('Notebook of 200 cells: Open file… → first cell painted', r.notebooks.open200FirstCellMs),
    row('Notebook of 200 cells: Open file… → all 200 cells in the page', r.notebooks.open200AllCellsMs),
    row('Notebook of 20 cells: Run all → every cell done', r.notebooks.runAllNotebookMs),
    row('The same 20 statements run one by one (sum of Run → result)', r.notebooks.runAllOneByOneMs),
    row('Run all ÷ one by one', r.notebooks.runAllRatio, times),
  ];
}

function spillTableRows(r) {
  return [
    row(`Spill: count(DISTINCT) over ${(r.spill.rows / 1e6).toFixed(0)}M rows, ${r.spill.memoryLimit} limit, Data Lab native engine`, r.spill.dataLabMs),
    row(`Spill: the same on raw node-api, same limit and threads`, r.spill.rawMs),
    row(`Spill ratio Data Lab / raw, paired runs (target ≤ ${spillRatioTarget}×: ${r.spill.ratio.met ? 'met' : 'not met'})`, r.spill.ratio, times),
  ];
}

function markdown({ date, source, runs: n, machine, csv, rendererScripts: scripts, results: r }) {
  const b = r.csvWorkbenchBreakdownMs;
  const p = r.csvPlainBreakdownMs;
  const m = r.coldStartMilestonesMs;
  return [
    `Machine: ${machine.cpu}, ${machine.cpus} logical CPUs, ${machine.memoryGiB} GiB RAM, ${machine.os}`,
    `Node ${machine.node}, Chromium ${machine.chromium} (headless), ${date.slice(0, 10)}, median of ${n} run${n === 1 ? '' : 's'}`,
    `Source: ${source}. CSV: ${(csv.bytes / 1e6).toFixed(1)} MB, ${csv.rows.toLocaleString('en-US')} rows × 10 columns`,
    rendererScriptsLine(scripts),
    '',
    '| Measurement | Median | Runs |',
    '| --- | ---: | --- |',
    row('Cold start → editable editor', r.coldStartEditorMs),
    row('Cold start → first typed character on screen', r.coldStartTypedMs),
    row('Cold start → "Engine ready"', r.engineReadyMs),
    row('Kept profile, first start → editable editor', r.firstStartEditorMs),
    row('Kept profile, first start → "Engine ready"', r.firstStartEngineReadyMs),
    row('Kept profile, second start → editable editor', r.secondStartEditorMs),
    row(`Kept profile, second start → "Engine ready" (target ≤ 1,000 ms)`, r.secondStartEngineReadyMs),
    row('Kept profile, second start: fetch and compile duckdb-eh.wasm', r.secondStartInstantiateMs),
    row('100 MB CSV → table, Data Lab', r.csvWorkbenchMs),
    row('100 MB CSV → table, plain duckdb-wasm', r.csvPlainMs),
    row(`CSV ratio Data Lab / plain, paired runs (target ≤ ${ratioTarget}×: ${r.csvRatio.met ? 'met' : 'not met'})`, r.csvRatio, times),
    ...resultsRows(r),
    ...notebookRows(r),
    ...spillTableRows(r),
    '',
    'Cold start, milestones (medians, from page.goto):',
    '',
    '| Milestone | Time |',
    '| --- | ---: |',
    `| Entry bundle (index-*.js) downloaded | ${ms(m.bundleLoadedMs)} |`,
    `| DOMContentLoaded | ${ms(m.domContentLoadedMs)} |`,
    `| Editor editable | ${ms(r.coldStartEditorMs.median)} |`,
    `| Engine requested (worker created, INSTANTIATE sent) | ${ms(m.engineRequestedMs)} |`,
    `| INSTANTIATE: fetch and compile duckdb-eh.wasm (duration) | ${ms(m.instantiateMs)} |`,
    `| Open, connect, settings → "Engine ready" (duration) | ${ms(m.openToReadyMs)} |`,
    '',
    'CSV load, where the time goes (medians):',
    '',
    '| Step | Data Lab | Plain duckdb-wasm |',
    '| --- | ---: | ---: |',
    `| POST /api/datasets/open | ${ms(b.openRequestMs)} | – |`,
    `| Bytes over HTTP | ${ms(b.bytesMs)} | ${ms(p.fetchMs)} |`,
    `| registerFileBuffer | ${ms(b.registerMs)} | ${ms(p.registerMs)} |`,
    `| Dialect sniffing (sniff_csv) | ${ms(b.sniffMs)} | – |`,
    `| CREATE TABLE … read_csv | ${ms(b.createMs)} | ${ms(p.createMs)} |`,
    `| count(*) | ${ms(b.countMs)} | – |`,
    `| Catalog queries | ${ms(b.catalogMs)} | – |`,
    `| dropFile | ${ms(b.dropFileMs)} | – |`,
    `| Everything else (main thread, React, gaps) | ${ms(b.otherMs)} | – |`,
    '',
  ].join('\n');
}

/** `BENCH_ONLY=parquet`: lineitem Parquet → in-app table, each route and step (scripts/bench/parquet.mjs). */
async function runParquetBench() {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'datalab-bench-parquet-'));
  exitKills.push(() => rmSync(scratch, { recursive: true, force: true }));
  log('building the plain duckdb-wasm page');
  const rawPageDir = await buildRawPage(path.join(root, 'scripts/bench/tpch/raw'), path.join(resultsDir, 'raw-tpch-page'));
  const browser = await launchBrowser();
  const results = await parquetBench({ root, browser, scratch, runs, rawPageDir });
  const machine = machineOf(browser);
  const source = sourceOf(root);
  await mkdir(resultsDir, { recursive: true });
  await writeFile(path.join(resultsDir, 'parquet.json'), `${JSON.stringify({ machine, source, runs, results }, null, 2)}\n`);
  process.stdout.write(parquetMarkdown(results, machine, source, runs));
}

/** `BENCH_ONLY=startup`: the start-up figures alone, a few minutes instead of the whole bench. */
function startupMarkdown(cold, restarts, machine, source, scripts) {
  const line = (name, values) => `| ${name} | ${ms(median(values))} | ${values.map(ms).join(', ')} |`;
  return [
    `Machine: ${machine.cpu}, ${machine.cpus} logical CPUs, ${machine.memoryGiB} GiB RAM; Chromium ${machine.chromium}; source ${source}`,
    '',
    '| Measurement | Median | Runs |',
    '| --- | ---: | --- |',
    line('Cold start → editable editor', cold.map((c) => c.editorMs)),
    line('Cold start → "Engine ready"', cold.map((c) => c.engineReadyMs)),
    line('Kept profile, first start → editable editor', restarts.map((r) => r.first.editorMs)),
    line('Kept profile, first start → "Engine ready"', restarts.map((r) => r.first.engineReadyMs)),
    line('Kept profile, second start → editable editor', restarts.map((r) => r.second.editorMs)),
    line('Kept profile, second start → "Engine ready"', restarts.map((r) => r.second.engineReadyMs)),
    line('Kept profile, second start: engine requested (from navigation)', restarts.map((r) => r.second.milestones.engineRequestedMs)),
    line('Kept profile, second start: DOMContentLoaded', restarts.map((r) => r.second.milestones.domContentLoadedMs)),
    line('Kept profile, second start: fetch and compile duckdb-eh.wasm', restarts.map((r) => r.second.milestones.instantiateMs)),
    line('Kept profile, second start: open, connect, settings → "Engine ready"', restarts.map((r) => r.second.milestones.openToReadyMs)),
    '',
    rendererScriptsLine(scripts),
    '',
  ].join('\n');
}

runMain(main);
