/* global document */
/**
 * Bench: a notebook chart over a 10-million-row named result, on the in-app engine. Opens a
 * notebook (written to the home folder) whose SQL cell makes 10M rows and whose chart sums them per
 * group, clicks "Run all cells", and times Run all → the chart's bars on screen (the named result
 * is made, the chart's GROUP BY runs in SQL and Vega draws a few hundred marks). Reports also the
 * marks drawn, which must be the number of groups: 10M rows never reach Vega.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { armUntil, engineReady, step, until } from './harness.mjs';

const minute = 60_000;
export const chartGroups = 500;
const notebookName = 'bench_chart.md';

function notebookText() {
  const spec = { mark: 'bar', data: { name: 'big' }, encoding: { x: { field: 'bucket', type: 'ordinal' }, y: { field: 'amount', aggregate: 'sum', type: 'quantitative' } } };
  return [
    '# Chart over ten million rows',
    '',
    '```sql big',
    `SELECT range AS id, range % ${chartGroups} AS bucket, (range % 977) * 0.5 AS amount FROM range(10000000)`,
    '```',
    '',
    '```vega-lite',
    JSON.stringify(spec, null, 2),
    '```',
    '',
  ].join('\n');
}

/** Page-side check: the notebook's first chart shows `count` bars. */
function chartBars(count) {
  return document.querySelectorAll('.notebook-chart-figure svg .mark-rect path').length === count;
}

/** Time from Run all to the chart drawn; `newPage(browser)` opens a fresh page of the app. */
export async function chartOverTenMillionRows(browser, app, home, openPage) {
  await writeFile(path.join(home, notebookName), notebookText());
  const { context, page, errors } = await openPage(browser);
  try {
    await step('opening the app', minute, () => page.goto(app.url));
    await until(page, engineReady, null, 2 * minute);
    await page.getByRole('button', { name: 'Open file…' }).click();
    await page.getByRole('dialog', { name: 'Open a file' }).getByRole('option', { name: new RegExp(notebookName.replace('.', '\\.')) }).dblclick();
    const notebook = page.getByRole('region', { name: `Notebook ${notebookName}` });
    await step('opening the notebook', minute, () => notebook.waitFor());
    const drawn = await armUntil(page, chartBars, chartGroups, 5 * minute, { onChange: true });
    const started = await page.evaluate(() => performance.now());
    await notebook.getByRole('button', { name: 'Run all cells' }).click();
    const done = await drawn.result();
    if (errors.length) throw new Error(`the page threw: ${errors.join('; ')}`);
    return { drawnMs: done.now - started, marks: chartGroups };
  } finally {
    await context.close();
  }
}
