/* global document, window */
/**
 * The spill case (issue 15): a statement that needs more memory than the native engine may use.
 * 100 million rows in a Parquet file (one BIGINT, one unique VARCHAR per row), a 1 GiB memory
 * limit, and `SELECT count(DISTINCT s) FROM big`: DuckDB's hash table cannot fit, so it spills to
 * its temporary folder. Measured two ways, with the same limit and the same thread count:
 *
 * - *Data Lab, native engine*: in the page, the file opened and the statement run with **Run**, from
 *   the click to the results summary saying "1 row" (the answer is checked).
 * - *Raw node-api*: @duckdb/node-api in this process, a view over the same file, `runAndReadAll`.
 *
 * Paired runs alternate which goes first (ABBA), so drift in the machine's load falls on both.
 * Target: Data Lab within 1.10× of raw node-api.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { armUntil, engineReady, step, tableInTree, until } from './harness.mjs';

export const spillRows = 100_000_000;
export const spillMemoryLimit = '1024MiB';
export const spillTable = 'big';
export const spillSql = `SELECT count(DISTINCT s) AS distinct_values FROM ${spillTable}`;
export const spillRatioTarget = 1.1;
const threads = os.availableParallelism();
const minute = 60_000;
const sqlString = (text) => `'${text.replaceAll("'", "''")}'`;

/** Writes `big.parquet`: `spillRows` rows, `s` unique on every row (so every value reaches the hash table). */
export async function writeSpillParquet(file) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(
      `COPY (SELECT range AS id, 'value-' || ((range * 2654435761) % ${spillRows}) AS s FROM range(${spillRows})) TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd)`,
    );
    return { bytes: (await stat(file)).size, rows: spillRows };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Raw node-api with the same limit and threads as the app's native engine; its own spill folder. */
export async function spillRaw(file, scratch) {
  const spillDir = path.join(scratch, 'raw-spill');
  await mkdir(spillDir, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: spillMemoryLimit, threads: String(threads), temp_directory: spillDir });
  const connection = await instance.connect();
  try {
    await connection.run(`CREATE VIEW ${spillTable} AS SELECT * FROM read_parquet(${sqlString(file)})`);
    const started = performance.now();
    const rows = (await connection.runAndReadAll(spillSql)).getRows();
    const totalMs = performance.now() - started;
    return { totalMs, answer: String(rows[0]?.[0]) };
  } finally {
    connection.closeSync();
    instance.closeSync();
    await rm(spillDir, { recursive: true, force: true });
  }
}

/** Page-side check: the results summary says one row. */
function oneRowShown() {
  const text = document.querySelector('.results-status')?.textContent ?? '';
  return text.startsWith('1 row') ? text : null;
}

/** Page-side: the first cell of the results grid. */
function firstCell() {
  return document.querySelector('[role="grid"][aria-label="Query results"] [role="row"][aria-rowindex="2"] [role="gridcell"]')?.textContent ?? null;
}

/**
 * Data Lab's native engine, in a page opened by `openPage` (ready, in-app engine): switch to the
 * native engine, set its memory limit and threads through the host's API, open the file, and time
 * Run → "1 row".
 */
export async function spillDataLab(page, app, file) {
  const api = async (route, init) => {
    const token = new URL(app.url).searchParams.get('token');
    const response = await fetch(`${app.origin}/api${route}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    });
    if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? null : response.json();
  };
  await page.getByRole('button', { name: /^Engine: In-app/ }).click();
  await step('switching to the native engine', minute, () => page.getByRole('button', { name: /^Engine: Native/ }).waitFor());
  await until(page, engineReady, null, 2 * minute);
  await api('/native/settings', { method: 'PUT', body: JSON.stringify({ memoryLimit: spillMemoryLimit, threads }) });
  // Opened as a user would, with Open file… (the host's open route answers only the window that asks).
  await page.getByRole('button', { name: 'Open file…' }).click();
  await page.getByRole('dialog', { name: 'Open a file' }).getByRole('option', { name: new RegExp(path.basename(file).replace('.', '\\.')) }).dblclick();
  await until(page, tableInTree, spillTable, 2 * minute);
  await page.getByRole('textbox', { name: 'SQL editor' }).focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(spillSql);
  const shown = await armUntil(page, oneRowShown, null, 10 * minute, { onChange: true });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const done = await shown.result();
  const clickedAt = await page.evaluate(() => window.__bench.input.click);
  const answer = (await page.evaluate(`(${firstCell.toString()})()`))?.replaceAll(',', '') ?? null;
  // Back to the in-app engine, which the other measurements use (the workspace keeps the choice).
  await page.getByRole('button', { name: /^Engine: Native/ }).click();
  await page.waitForTimeout(800);
  return { totalMs: done.now - clickedAt, answer };
}
