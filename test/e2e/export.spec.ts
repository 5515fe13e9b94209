import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Page } from '@playwright/test';
import { tableFromIPC } from 'apache-arrow';
import { catalogAction, engineReady, expect, runQuery, test } from './fixtures';
import { exportResult, finishExport as finishDialog } from './exportDialog';

const sql = "SELECT i::INTEGER AS id, 'name ' || i AS name, [i, i + 1] AS pair, DATE '2024-01-01' + i::INTEGER AS day FROM range(5) t(i)";

async function finishExport(page: Page, fileName: string): Promise<void> {
  await finishDialog(page, `Exported 5 rows to ${fileName}.`);
}

/** Rows and column types of a file, read by native DuckDB. */
async function readBack(reader: string): Promise<{ types: string[]; rows: string[][] }> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const types = (await connection.runAndReadAll(`SELECT column_type FROM (DESCRIBE SELECT * FROM ${reader})`)).getRows().map((row) => String(row[0]));
    const rows = (await connection.runAndReadAll(`SELECT * FROM ${reader} ORDER BY 1`)).getRows().map((row) => row.map((value) => String(value)));
    return { types, rows };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

const expectedRows = [0, 1, 2, 3, 4].map((i) => [String(i), `name ${i}`, `${i},${i + 1}`, `2024-01-0${i + 1}`]);

test('exports a result to a file on disk, from the in-app engine and from the native engine', async ({ page, workbench }) => {
  const file = (name: string) => path.join(workbench.home, name);
  const literal = (name: string) => `'${file(name).replaceAll("'", "''")}'`;
  await engineReady(page);
  await runQuery(page, sql);
  await expect(page.locator('.results-status')).toContainText('5 rows in');

  // In-app engine, Parquet: uploaded as Arrow, written as Parquet by native DuckDB with every type kept.
  await exportResult(page, 'Parquet', 'inapp.parquet');
  await finishExport(page, 'inapp.parquet');
  const parquet = await readBack(`read_parquet(${literal('inapp.parquet')})`);
  expect(parquet.types).toEqual(['INTEGER', 'VARCHAR', 'BIGINT[]', 'DATE']);
  expect(parquet.rows.map((row) => [row[0], row[1], row[2]!.replace(/[[\] ]/g, ''), row[3]])).toEqual(expectedRows);

  // In-app engine, Arrow: written in the page.
  await exportResult(page, 'Arrow', 'inapp.arrow');
  await finishExport(page, 'inapp.arrow');
  const arrow = tableFromIPC(await readFile(file('inapp.arrow')));
  expect(arrow.numRows).toBe(5);
  expect(arrow.getChild('name')?.toArray()).toEqual(['name 0', 'name 1', 'name 2', 'name 3', 'name 4']);

  // Native engine, CSV; then again to the same name, which asks before replacing.
  await page.getByRole('button', { name: /^Engine: In-app \(WebAssembly\)\. Switch to Native/ }).click();
  await expect(page.getByRole('button', { name: /^Engine: Native/ })).toBeVisible();
  await engineReady(page);
  await runQuery(page, sql);
  await expect(page.locator('.results-status')).toContainText('5 rows in');
  await exportResult(page, 'CSV', 'native.csv');
  await finishExport(page, 'native.csv');
  const csv = await readBack(`read_csv(${literal('native.csv')})`);
  expect(csv.rows.map((row) => [row[0], row[1], row[2]!.replace(/[[\] ]/g, ''), row[3]])).toEqual(expectedRows);

  // (An export writes only data files: the name keeps the format's extension, so the replacement is CSV too.)
  await exportResult(page, 'CSV', 'native.csv');
  const dialog = page.getByRole('dialog', { name: 'Export the result' });
  await expect(dialog.getByRole('alertdialog')).toContainText('“native.csv” already exists. Replace it?');
  await dialog.getByRole('button', { name: 'Replace' }).click();
  await finishExport(page, 'native.csv');
  const replaced = await readBack(`read_csv(${literal('native.csv')})`);
  expect(replaced.rows.map((row) => [row[0], row[1], row[2]!.replace(/[[\] ]/g, ''), row[3]])).toEqual(expectedRows);

  // Nothing but the exported files is left in the folder: no partial ones.
  expect((await readdir(workbench.home)).sort()).toEqual(['inapp.arrow', 'inapp.parquet', 'native.csv']);
});

test('a sorted and filtered result exports as the grid shows it, on both engines, as Copy does', async ({ page, workbench }) => {
  await engineReady(page);
  for (const engine of ['wasm', 'native'] as const) {
    if (engine === 'native') {
      await page.getByRole('button', { name: /^Engine: In-app/ }).click();
      await expect(page.getByRole('button', { name: /^Engine: Native/ })).toBeVisible();
      await engineReady(page);
    }
    await runQuery(page, "SELECT i::INTEGER AS id, CASE WHEN i % 2 = 0 THEN 'even' ELSE 'odd' END AS kind FROM range(8) t(i)");
    const id = page.getByRole('columnheader', { name: /^id/ });
    await id.getByRole('button').click();
    await id.getByRole('button').click();
    await expect(id).toHaveAttribute('aria-sort', 'descending');
    await page.getByRole('searchbox', { name: 'Filter rows' }).fill('odd');
    await page.getByRole('searchbox', { name: 'Filter rows' }).press('Enter');
    await expect(page.locator('.results-status')).toContainText('4 matching rows');
    await exportResult(page, 'CSV', `${engine}-shown.csv`);
    await finishDialog(page, `Exported 4 rows to ${engine}-shown.csv.`);
    expect(await readFile(path.join(workbench.home, `${engine}-shown.csv`), 'utf8')).toBe('id,kind\n7,odd\n5,odd\n3,odd\n1,odd\n');
  }
});

test('in French, the export dialog’s places fit their buttons', async ({ page }) => {
  await engineReady(page);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await runQuery(page, 'SELECT 1 AS x');
  await page.getByRole('button', { name: 'Exporter…' }).click();
  const places = page.getByRole('navigation', { name: /./ }).filter({ has: page.getByRole('button', { name: 'Jeux de données d’exemple' }) }).getByRole('button');
  await expect(places).toHaveCount(2);
  for (const place of await places.all()) expect(await place.evaluate((button) => button.scrollWidth <= button.clientWidth)).toBe(true);
});

test('an in-app Parquet export whose column cannot keep its type writes that column as text, keeps the others, and says which column', async ({ page, workbench }) => {
  await engineReady(page);
  await runQuery(page, "SELECT i AS id, union_value(n := i)::UNION(n BIGINT, s VARCHAR) AS choice, (i / 4)::DECIMAL(9,2) AS amount FROM range(5) t(i)");
  await expect(page.locator('.results-status')).toContainText('5 rows in');
  await exportResult(page, 'Parquet', 'union.parquet');
  const dialog = page.getByRole('dialog', { name: 'Export the result' });
  await expect(dialog.getByRole('status')).toHaveText(
    'Exported 5 rows to union.parquet. The column choice could not keep its type: it was written as text, as DuckDB prints it.',
    { timeout: 30_000 },
  );
  const { types, rows } = await readBack(`read_parquet('${path.join(workbench.home, 'union.parquet')}')`);
  expect(types).toEqual(['BIGINT', 'VARCHAR', 'DECIMAL(9,2)']);
  expect(rows.map((row) => [row[1], row[2]])).toEqual([['0', '0.00'], ['1', '0.25'], ['2', '0.50'], ['3', '0.75'], ['4', '1.00']]);
  expect(await readdir(workbench.home)).toEqual(['union.parquet']);
});

test('a table exports from the catalog', async ({ page, workbench }) => {
  await engineReady(page);
  await page.getByRole('treeitem', { name: /^Load Palmer penguins/i }).click();
  const table = page.getByRole('treeitem', { name: /^penguins 7 columns/ });
  await expect(table).toBeVisible();
  await table.focus();
  await (await catalogAction(page, 'Export table penguins')).click();
  const dialog = page.getByRole('dialog', { name: 'Export the table penguins' });
  await dialog.getByRole('radio', { name: /^CSV/ }).check();
  await expect(dialog.getByRole('list', { name: /^Folders in .+/ })).toBeAttached();
  await expect(dialog.getByRole('textbox', { name: 'File name' })).toHaveValue('penguins.csv');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByRole('status')).toHaveText(/^Exported (344 rows )?to penguins\.csv\.$/, { timeout: 30_000 });
  const { rows } = await readBack(`read_csv('${path.join(workbench.home, 'penguins.csv')}')`);
  expect(rows).toHaveLength(344);
});

test('the export runs from the keyboard alone: Enter in the file name exports, and the focus stays in the dialog on Close, the result announced', async ({ page, workbench }) => {
  await engineReady(page);
  await runQuery(page, sql);
  await expect(page.locator('.results-status')).toContainText('5 rows in');
  const opener = page.getByRole('button', { name: 'Export…' });
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Export the result' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('list', { name: /^Folders in .+/ })).toBeAttached();
  const name = dialog.getByRole('textbox', { name: 'File name' });
  await name.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('keyboard.csv');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status')).toHaveText('Exported 5 rows to keyboard.csv.', { timeout: 30_000 });
  expect((await readFile(path.join(workbench.home, 'keyboard.csv'), 'utf8')).split('\n')[0]).toBe('id,name,pair,day');
  // Never the page's body: the focus is on Close, the next thing to press, inside the open dialog.
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BUTTON');

  // The same name again: Enter asks before replacing, Replace has the focus, and Enter replaces.
  await name.focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alertdialog')).toContainText('“keyboard.csv” already exists. Replace it?');
  await expect(dialog.getByRole('button', { name: 'Replace' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status')).toHaveText('Exported 5 rows to keyboard.csv.', { timeout: 30_000 });
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();

  // Close gives the focus back to the button that opened the dialog.
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
});
