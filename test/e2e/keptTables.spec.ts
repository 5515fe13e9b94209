import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { clickRun, engineReady, expect, gridRows, replaceEditorText, runQuery, setEditorText, test } from './fixtures';

/**
 * Tables made with SQL (issue 9, item 8). On the in-app engine they live in the page: the catalog
 * says they are temporary, Keep writes them in the data folder, and a kept table comes back after
 * a reload and a restart with every value as it was. On the native engine they are written in its
 * database and come back as they are.
 */

/** A table of many types, so that keeping it is seen to keep each one. */
const createTyped = `CREATE TABLE measures AS SELECT * FROM (VALUES
  (1, 12.50::DECIMAL(10,2), true, DATE '2024-02-29', 'Zürich ☕', [1, 2, 3], {'a': 1, 'b': 'x'}, TIMESTAMP '2024-01-01 10:20:30.123456', INTERVAL 3 DAY, '6e4c1c2a-0f4b-4b1e-9b5a-3f2d1c0b9a87'::UUID, MAP {'k': 2}),
  (2, NULL, false, NULL, NULL, [], NULL, NULL, NULL, NULL, NULL)
) AS t(id, price, paid, day, city, tags, info, stamp, waited, uid, kv)`;
const readTyped = 'SELECT * FROM measures ORDER BY id';
const describeTyped = 'SELECT column_name, column_type FROM (DESCRIBE measures)';

async function switchToNative(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Engine: In-app \(WebAssembly\)\. Switch to Native/ }).click();
  await expect(page.getByRole('button', { name: /^Engine: Native \(multi-core, larger than memory\)/ })).toBeVisible();
  await engineReady(page);
}

/** The grid's text for a statement, run in the active tab. */
async function gridOf(page: Page, sql: string): Promise<string[][]> {
  await runQuery(page, sql);
  return gridRows(page);
}

test('in-app engine: a table made with SQL is marked temporary; kept, it comes back after a reload and a restart with the same values', async ({ page, workbench }) => {
  test.setTimeout(300_000);
  await engineReady(page);
  await runQuery(page, createTyped);
  await runQuery(page, 'CREATE TABLE scratch AS SELECT 42 AS answer, 170141183460469231731687303715884105727::HUGEINT AS big');
  const tree = page.getByRole('tree', { name: 'Datasets and tables' });
  // Said in the catalog before anything is lost, in each table's accessible name.
  await expect(tree.getByRole('treeitem', { name: /^measures 11 columns · temporary, gone after a reload$/ })).toBeVisible();
  await expect(tree.getByRole('treeitem', { name: /^scratch 2 columns · temporary, gone after a reload$/ })).toBeVisible();
  // A type the kept file would change is said, and nothing is written.
  await page.getByRole('button', { name: 'Keep the temporary table scratch' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Table scratch could not be kept: the column big would come back with another type.' })).toBeVisible();
  await page.getByRole('button', { name: 'Keep the temporary table measures' }).click();
  await expect(page.getByText('Table measures is kept: it will come back after a reload or a restart.')).toBeVisible();
  await expect(tree.getByRole('treeitem', { name: /^measures 11 columns · kept$/ })).toBeVisible();
  const keptFile = path.join(workbench.dataDir, 'kept-tables', 'measures.parquet');
  const firstWrite = (await stat(keptFile)).mtimeMs;
  // Changed after it was kept: Keep changes writes it again.
  await runQuery(page, 'INSERT INTO measures (id) VALUES (3)');
  await page.getByRole('button', { name: 'Keep the changes to measures' }).click();
  await expect.poll(async () => (await stat(keptFile)).mtimeMs, { timeout: 30_000 }).toBeGreaterThan(firstWrite);
  await expect(page.getByRole('button', { name: 'Keep the changes to measures' })).toBeEnabled();
  // Written in the workbench's own data folder, complete (no temporary file left beside it).
  expect(await readdir(path.join(workbench.dataDir, 'kept-tables'))).toEqual(['measures.parquet']);
  const typesBefore = await gridOf(page, describeTyped);
  const rowsBefore = await gridOf(page, readTyped);
  expect(rowsBefore.map((row) => row.slice(0, 5))).toEqual([
    ['1', '12.50', 'true', '2024-02-29', 'Zürich ☕'],
    ['2', 'NULL', 'false', 'NULL', 'NULL'],
    ['3', 'NULL', 'NULL', 'NULL', 'NULL'],
  ]);
  // The tab's saved SQL reads the kept table.
  await setEditorText(page, readTyped);
  await page.waitForTimeout(800); // the workspace is saved shortly after a change

  const expectKeptBack = async (): Promise<void> => {
    await engineReady(page);
    await expect(tree.getByRole('treeitem', { name: /^measures 11 columns · kept$/ })).toBeVisible({ timeout: 60_000 });
    // Not kept: gone, as the catalog said it would be.
    await expect(tree.getByRole('treeitem', { name: /^scratch/ })).toHaveCount(0);
    await expect(page.locator('.sql-editor')).toContainText(readTyped);
    await clickRun(page);
    expect(await gridRows(page)).toEqual(rowsBefore);
    expect(await gridOf(page, describeTyped)).toEqual(typesBefore);
    await expect(page.locator('.history-list')).toContainText('CREATE TABLE scratch AS SELECT 42 AS answer');
  };
  await page.reload();
  await expectKeptBack();
  await setEditorText(page, readTyped);
  await page.waitForTimeout(800);
  await workbench.restart();
  await expectKeptBack();

  // Forget deletes the file: the table stays until the next reload, temporary again.
  await page.getByRole('button', { name: 'Forget the kept table measures' }).click();
  await expect(tree.getByRole('treeitem', { name: /^measures 11 columns · temporary, gone after a reload$/ })).toBeVisible();
  expect(await readdir(path.join(workbench.dataDir, 'kept-tables'))).toEqual([]);
  await expect(page.getByRole('button', { name: 'Keep the temporary table measures' })).toBeEnabled();
});

test('native engine: a table made with SQL is written in its database and comes back after a reload and a restart', async ({ page, workbench }) => {
  test.setTimeout(300_000);
  await engineReady(page);
  await switchToNative(page);
  await runQuery(page, createTyped);
  const tree = page.getByRole('tree', { name: 'Datasets and tables' });
  // Kept already: nothing to mark, nothing to keep.
  await expect(tree.getByRole('treeitem', { name: /^measures 11 columns$/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Keep/ })).toHaveCount(0);
  const rowsBefore = await gridOf(page, readTyped);
  expect(rowsBefore[0]?.slice(0, 5)).toEqual(['1', '12.50', 'true', '2024-02-29', 'Zürich ☕']);
  await setEditorText(page, readTyped);
  await page.waitForTimeout(800);

  const expectBack = async (): Promise<void> => {
    await engineReady(page);
    await expect(page.getByRole('button', { name: /^Engine: Native/ })).toBeVisible();
    await expect(tree.getByRole('treeitem', { name: /^measures 11 columns$/ })).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('.sql-editor')).toContainText(readTyped);
    await clickRun(page);
    expect(await gridRows(page)).toEqual(rowsBefore);
    await expect(page.locator('.history-list')).toContainText('CREATE TABLE measures AS SELECT');
  };
  await page.reload();
  await expectBack();
  await workbench.restart();
  await expectBack();
});

test('a notebook’s result kept with Keep stays in the session when the notebook closes, and is queried', async ({ page }) => {
  await engineReady(page);
  await page.getByRole('button', { name: 'New notebook' }).click();
  const notebook = page.getByRole('tabpanel', { name: 'Notebook Untitled notebook' });
  // Two named results: the one kept stays, the other goes with the notebook as before.
  await notebook.getByRole('textbox', { name: 'Result name' }).fill('especes');
  await notebook.getByRole('button', { name: 'Add SQL cell' }).click();
  await notebook.getByRole('textbox', { name: 'Result name' }).nth(1).fill('brouillon');
  await replaceEditorText(page, page.getByRole('textbox', { name: 'SQL of cell 3' }), 'SELECT answer * 2 AS twice FROM especes');
  await notebook.getByRole('button', { name: 'Run all cells' }).click();
  await expect(notebook.getByRole('grid', { name: 'Result of cell 3' })).toContainText('84');
  // The catalog lists the notebook's results once it is read again: after a statement that may change it.
  await page.getByRole('tab', { name: 'Query 1' }).click();
  await runQuery(page, 'CREATE TABLE mine AS SELECT 1 AS n');
  const tree = page.getByRole('tree', { name: 'Datasets and tables' });
  await expect(tree.getByRole('treeitem', { name: /^especes 1 column · temporary, gone after a reload$/ })).toBeVisible();
  await expect(tree.getByRole('treeitem', { name: /^brouillon 1 column · temporary, gone after a reload$/ })).toBeVisible();

  await page.getByRole('button', { name: 'Keep the temporary table especes' }).click();
  await expect(page.getByText('Table especes is kept: it will come back after a reload or a restart.')).toBeVisible();
  await expect(tree.getByRole('treeitem', { name: /^especes 1 column · kept$/ })).toBeVisible();

  // Closed without saving it (the page asks first).
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByTitle('Close notebook Untitled notebook').click();
  await expect(notebook).toBeHidden();
  await expect(tree.getByRole('treeitem', { name: /^brouillon/ })).toHaveCount(0);
  await expect(tree.getByRole('treeitem', { name: /^especes 1 column · kept$/ })).toBeVisible();
  await runQuery(page, 'SELECT answer FROM especes');
  expect(await gridRows(page)).toEqual([['42']]);
});
