/* global document */
/**
 * Notebook figures for `npm run bench` (issue 10), measured in the page as a user meets them:
 *
 * - open200: a 200-cell notebook (100 Markdown, 100 SQL cells) chosen in Open file… → its first
 *   cell painted (time to first render), and → all 200 cells in the page;
 * - runAll: Run all of a 20-cell notebook → every cell done, against the same 20 statements run one
 *   by one in the query editor (each Run → its result's status), and their ratio (the notebook's
 *   overhead: the graph, the statement checks, the named results).
 *
 * The chart over a 10M-row result belongs with the charts (branch nb-charts), not here.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { armUntil, step, until } from './harness.mjs';

const minute = 60_000;
/** Each statement's result starts with its own marker, so the one-by-one run knows which result is on screen. */
const runAllStatements = Array.from({ length: 20 }, (_, i) => `SELECT 'bench-${i}' AS marker, count(*) AS n, sum(range % ${i + 7}) AS s FROM range(${(i + 1) * 100_000})`);

// Page-side checks (self-contained: sent as source text).
function notebookCellCount(count) {
  const cells = document.querySelectorAll('.notebook [data-cell-id]');
  return cells.length >= count ? cells.length : null;
}
function firstNotebookCellPainted() {
  const cell = document.querySelector('.notebook [data-cell-id]');
  return cell !== null && cell.getBoundingClientRect().height > 0;
}
function allCellsDone(count) {
  const statuses = [...document.querySelectorAll('.notebook .notebook-status')].map((status) => status.textContent ?? '');
  return statuses.length === count && statuses.every((text) => text.startsWith('Done')) ? statuses.length : null;
}
function resultShowsMarker(marker) {
  const grid = document.querySelector('[role="grid"][aria-label="Query results"]');
  return [...(grid?.querySelectorAll('[role="gridcell"]') ?? [])].some((cell) => cell.textContent === marker);
}

async function writeNotebooks(home) {
  const big = [];
  for (let i = 0; i < 100; i++) big.push(`## Part ${i + 1}\n\nSome words about part ${i + 1}, with a [link](#part) and *emphasis*.\n`, `\`\`\`sql part_${i + 1}\nSELECT ${i} AS part, range AS n FROM range(10)\n\`\`\`\n`);
  const open200 = path.join(home, 'bench_200_cells.md');
  await writeFile(open200, big.join('\n'));
  const runAll = path.join(home, 'bench_run_all.md');
  await writeFile(runAll, `# Run all\n\n${runAllStatements.map((sql) => `\`\`\`sql\n${sql}\n\`\`\`\n`).join('\n')}`);
  return { open200, runAll };
}

async function openNotebook(page, fileName) {
  await page.getByRole('button', { name: 'Open file…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a file' });
  const option = dialog.getByRole('option', { name: new RegExp(fileName.replace('.', '\\.')) });
  await option.waitFor({ timeout: minute });
  return option;
}

/** The 200-cell notebook: double-click in Open file… → first cell painted, → all 200 cells. */
async function open200(page) {
  const option = await openNotebook(page, 'bench_200_cells.md');
  const firstArmed = await armUntil(page, firstNotebookCellPainted, null, 2 * minute, { onChange: true });
  const allArmed = await armUntil(page, notebookCellCount, 200, 2 * minute, { onChange: true });
  const clickedAt = await page.evaluate(() => performance.now());
  await option.dblclick();
  const first = await firstArmed.result();
  const all = await allArmed.result();
  return { firstCellMs: first.now - clickedAt, allCellsMs: all.now - clickedAt };
}

/** Run all of the 20-cell notebook, then the same statements one by one in the query editor. */
async function runAll(page) {
  const option = await openNotebook(page, 'bench_run_all.md');
  await option.dblclick();
  await until(page, notebookCellCount, 21, 2 * minute);
  const doneArmed = await armUntil(page, allCellsDone, 20, 5 * minute, { onChange: true });
  const clickedAt = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Run all cells' }).click();
  const done = await doneArmed.result();
  const notebookMs = done.now - clickedAt;

  // Back to the query editor (a notebook tab hides the results panel).
  await page.getByRole('button', { name: 'Close notebook bench_run_all.md' }).click();
  let oneByOneMs = 0;
  for (const [i, sql] of runAllStatements.entries()) {
    await page.getByRole('textbox', { name: 'SQL editor' }).focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(sql);
    const shownArmed = await armUntil(page, resultShowsMarker, `bench-${i}`, 2 * minute, { onChange: true });
    const runAt = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const shown = await shownArmed.result();
    oneByOneMs += shown.now - runAt;
  }
  return { notebookMs, oneByOneMs, ratio: notebookMs / oneByOneMs };
}

/**
 * Runs both measurements `runs` times, each in a fresh ready page (`openReadyApp(browser, app)`
 * gives one: `{ context, page, errors }`).
 */
export async function notebookBench(browser, app, home, runs, openReadyApp) {
  await writeNotebooks(home);
  const opened = [];
  const ran = [];
  for (let run = 0; run < runs; run++) {
    for (const [label, measure, list] of [
      ['200-cell notebook', open200, opened],
      ['run all, 20 cells', runAll, ran],
    ]) {
      const { context, page, errors } = await openReadyApp(browser, app);
      try {
        list.push(await step(label, 10 * minute, () => measure(page)));
        if (errors.length) throw new Error(`the page threw: ${errors.join('; ')}`);
      } finally {
        await context.close();
      }
    }
  }
  return { opened, ran };
}
