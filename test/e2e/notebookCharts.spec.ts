import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { engineReady, expect, replaceEditorText, test } from './fixtures';

/** Opens a notebook file of the home folder with Open file…, as a user would. */
async function openNotebook(page: Page, fileName: string) {
  await page.getByRole('button', { name: 'Open file…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a file' });
  await dialog.getByRole('option', { name: new RegExp(fileName.replace('.', '\\.')) }).dblclick();
  await expect(dialog).toBeHidden();
  const notebook = page.getByRole('tabpanel', { name: `Notebook ${fileName}` });
  await expect(notebook).toBeVisible();
  return notebook;
}

// Each test opens the app and runs cells on the in-app engine: seconds on a quiet machine, more on a loaded one.
test.slow();

const chartNotebook = [
  '# Sales',
  '',
  '```sql sales',
  "SELECT range AS n, 'city ' || (range % 7) AS city, (range % 100) * 1.5 AS amount FROM range(20000)",
  '```',
  '',
  '```vega-lite',
  JSON.stringify({ mark: 'bar', data: { name: 'sales' }, encoding: { x: { field: 'city', type: 'nominal' }, y: { field: 'amount', aggregate: 'sum', type: 'quantitative' } } }, null, 2),
  '```',
  '',
  '```vega-lite',
  JSON.stringify({ mark: 'point', data: { name: 'sales', url: 'http://127.0.0.1:9/steal.csv' }, encoding: { x: { field: 'n', type: 'quantitative' } } }),
  '```',
  '',
].join('\n');

test('a notebook’s chart is grouped in SQL and drawn as SVG, saved as SVG and PNG; a chart that would load something is refused', async ({ page, workbench }) => {
  await writeFile(path.join(workbench.home, 'sales.md'), chartNotebook);
  await engineReady(page);
  const notebook = await openNotebook(page, 'sales.md');
  // Cells: 1 the heading, 2 the SQL, 3 the blank line, 4 the chart, 5 a blank line, 6 the hostile chart.
  await notebook.getByRole('button', { name: 'Run all cells' }).click();

  // 20,000 rows, 7 cities: Vega receives 7 grouped rows and draws 7 bars (in the app's CSP: no eval).
  const chart = notebook.getByRole('figure', { name: 'Chart of cell 4' });
  await expect(chart.locator('svg .mark-rect path')).toHaveCount(7, { timeout: 60_000 });
  await expect(chart).toContainText('Grouped in SQL: 7 rows drawn.');
  await expect(chart.locator('svg')).toContainText('city 6');

  // The hostile chart says why, and draws nothing; the page carries on.
  await expect(notebook.locator('[data-cell-id]').nth(5).getByRole('alert').first()).toContainText('The chart refers to something to load (“data.url”)');
  await expect(notebook.getByRole('figure', { name: 'Chart of cell 6' })).toBeHidden();

  // Saved through the export path, next to the notebook.
  const cell = notebook.locator('[data-cell-id]').nth(3);
  await cell.getByRole('button', { name: 'Save as SVG…' }).click();
  await expect(cell.getByRole('textbox', { name: 'Save the chart to' })).toHaveValue(path.join(workbench.home, 'chart-4.svg'));
  await cell.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(cell.getByRole('textbox', { name: 'Save the chart to' })).toBeHidden();
  const svg = await readFile(path.join(workbench.home, 'chart-4.svg'), 'utf8');
  expect(svg.startsWith('<svg')).toBe(true);
  expect(svg.match(/<g class="mark-rect role-mark[^>]*>(.*?)<\/g>/)?.[1]?.match(/<path/g)).toHaveLength(7);

  await cell.getByRole('button', { name: 'Save as PNG…' }).click();
  await cell.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(cell.getByRole('textbox', { name: 'Save the chart to' })).toBeHidden();
  const png = await readFile(path.join(workbench.home, 'chart-4.png'));
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

  // An existing file is never replaced silently: the user is asked, and saving again replaces it.
  await cell.getByRole('button', { name: 'Save as SVG…' }).click();
  await cell.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(cell.getByRole('alert')).toHaveText('“chart-4.svg” already exists. Save again to replace it.');
});

test('the chart builder inserts a vega-lite fence over a named result, and the chart draws', async ({ page, workbench }) => {
  await engineReady(page);
  await page.getByRole('button', { name: 'New notebook' }).click();
  const notebook = page.getByRole('tabpanel', { name: 'Notebook Untitled notebook' });
  await notebook.getByRole('textbox', { name: 'Result name' }).fill('base');
  await replaceEditorText(page, page.getByRole('textbox', { name: 'SQL of cell 2' }), 'SELECT range % 3 AS k, range AS v FROM range(30)');
  await expect(page.locator('.monaco-editor').filter({ has: page.getByRole('textbox', { name: 'SQL of cell 2' }) }).locator('.view-lines')).toHaveText(/range\(30\)$/);
  await page.keyboard.press('Shift+Enter');
  // The cell's status first: on a failure it says where the run stopped (idle, queued, running, error).
  await expect(notebook.locator('[data-cell-id]').nth(1)).toHaveClass(/notebook-cell--done/, { timeout: 30_000 });
  await expect(page.getByRole('grid', { name: 'Result of cell 2' })).toBeVisible();

  // By keyboard and labels only.
  await notebook.getByRole('button', { name: 'Make a chart of cell 2' }).click();
  const form = notebook.getByRole('form', { name: 'Chart of “base”' });
  await form.getByRole('combobox', { name: 'Mark' }).selectOption({ label: 'Bars' });
  await form.getByRole('combobox', { name: 'X axis' }).selectOption('k');
  await form.getByRole('combobox', { name: 'Y aggregate' }).selectOption({ label: 'Sum' });
  await form.getByRole('combobox', { name: 'Y axis' }).selectOption('v');
  await form.getByRole('combobox', { name: 'Sort X' }).selectOption({ label: 'By Y, descending' });
  await form.getByRole('button', { name: 'Insert chart' }).click();

  await notebook.getByRole('button', { name: 'Run all cells' }).click();
  const chart = notebook.getByRole('figure', { name: 'Chart of cell 3' });
  await expect(chart.locator('svg .mark-rect path')).toHaveCount(3, { timeout: 60_000 });

  const file = path.join(workbench.home, 'built.md');
  await notebook.getByRole('button', { name: 'Save as…' }).click();
  await notebook.getByRole('textbox', { name: 'Save to (full path of a .md file)' }).fill(file);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Notebook built.md', exact: true })).toBeVisible();
  const text = await readFile(file, 'utf8');
  const spec = /```vega-lite\n([\s\S]*?)\n```/.exec(text)?.[1];
  expect(JSON.parse(spec!)).toEqual({
    mark: 'bar',
    data: { name: 'base' },
    encoding: { x: { field: 'k', type: 'quantitative', sort: '-y' }, y: { field: 'v', type: 'quantitative', aggregate: 'sum' } },
  });
});
