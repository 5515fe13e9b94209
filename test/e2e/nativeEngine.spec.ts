import { DuckDBInstance } from '@duckdb/node-api';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { writeOrdersParquet } from '../support/parquetFixtures';
import { cancelWithin, clickRun, engineReady, expect, gridRows, runQuery, test } from './fixtures';

/** Switches the workspace to the native engine from the status bar and waits until it answers. */
async function switchToNative(page: Page): Promise<void> {
  await engineReady(page);
  await page.getByRole('button', { name: /^Engine: In-app \(WebAssembly\)\. Switch to Native/ }).click();
  await expect(page.getByRole('button', { name: /^Engine: Native \(multi-core, larger than memory\)/ })).toBeVisible();
  await engineReady(page);
}

const grid = (page: Page) => page.getByRole('grid', { name: 'Query results' });

test('the status bar switches to the native engine, which gives the same answers, and the choice is kept', async ({ page, workbench }) => {
  await engineReady(page);
  await page.getByRole('treeitem', { name: /^Load Palmer penguins/i }).click();
  await expect(page.getByRole('treeitem', { name: /^penguins 7 columns/ })).toBeVisible();
  const sql = 'SELECT species, count(*) AS n, round(avg(body_mass_g), 1) AS mass FROM penguins GROUP BY species ORDER BY species';
  await runQuery(page, sql);
  const inApp = await gridRows(page);

  await switchToNative(page);
  // The tables follow the user to the other engine, under the same names.
  await expect(page.getByRole('treeitem', { name: /^penguins 7 columns/ })).toBeVisible();
  await runQuery(page, sql);
  await expect(page.locator('.results-status')).toContainText('3 rows in');
  expect(await gridRows(page)).toEqual(inApp);
  await expect(page.getByRole('columnheader', { name: /n\s*BIGINT/ })).toBeVisible();

  // The workspace remembers its engine.
  await page.waitForTimeout(600);
  await workbench.restart();
  await expect(page.getByRole('button', { name: /^Engine: Native/ })).toBeVisible();
});

test('ten million rows: the first rows appear at once, the end is reachable, and sorting and filtering run in the engine', async ({ page }) => {
  await switchToNative(page);
  await runQuery(page, "SELECT i AS id, i % 1000 AS bucket, 'row ' || i AS label FROM range(10000000) t(i)");
  // The first rows show while the rest is still being stored.
  await expect(grid(page).getByRole('gridcell').first()).toHaveText('0', { timeout: 15_000 });
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '10000001', { timeout: 60_000 });
  await expect(page.locator('.results-status')).toContainText('10,000,000 rows in');

  // The last row is fetched when it comes into view.
  await grid(page).focus();
  await page.keyboard.press('ControlOrMeta+End');
  await expect(grid(page).locator('[aria-rowindex="10000001"] [role="gridcell"]').first()).toHaveText('9999999');
  // The renderer never held the whole result: only a few windows of it.
  const held = await page.evaluate(() => performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/rows?')).length);
  expect(held).toBeLessThan(50);

  // Sort descending by bucket (two clicks: ascending, then descending), done by the engine.
  const bucket = page.getByRole('columnheader', { name: /bucket/ });
  await bucket.getByRole('button').click();
  await expect(bucket).toHaveAttribute('aria-sort', 'ascending', { timeout: 30_000 });
  await bucket.getByRole('button').click();
  await expect(bucket).toHaveAttribute('aria-sort', 'descending', { timeout: 30_000 });
  await expect.poll(async () => (await gridRows(page))[0]?.[1]).toBe('999');

  await page.getByRole('searchbox', { name: 'Filter rows' }).fill('row 999999');
  await expect(page.locator('.results-status')).toContainText('11 matching rows', { timeout: 30_000 });
  expect((await gridRows(page)).map((row) => row[2]).sort()).toContain('row 9999999');
});

test('Cancel stops a native query within a second, and the engine answers right after', async ({ page }) => {
  await switchToNative(page);
  await runQuery(page, 'SELECT count(*) FROM range(100000000000) a');
  await cancelWithin(page, 1_000);
  await runQuery(page, 'SELECT 42 AS answer');
  expect(await gridRows(page)).toEqual([['42']]);
});

test('the native engine reads Parquet and gzipped CSV in place, refuses what the user did not open, and refuses SQL that writes a file', async ({ page, workbench }) => {
  await mkdir(workbench.home, { recursive: true });
  await writeOrdersParquet(path.join(workbench.home, 'orders.parquet'), 5_000);
  const { gzipSync } = await import('node:zlib');
  await writeFile(path.join(workbench.home, 'towns.csv.gz'), gzipSync('name,pop\nArles,50000\nSète,44000\n'));
  await writeFile(path.join(workbench.home, 'secret.csv'), 'password\nhunter2\n');
  await switchToNative(page);
  for (const name of ['orders.parquet', 'towns.csv.gz']) {
    await page.getByRole('button', { name: 'Open file…' }).click();
    await page.getByRole('dialog', { name: 'Open a file' }).getByRole('option', { name: new RegExp(name.replaceAll('.', '\\.')) }).dblclick();
    await expect(page.getByText(new RegExp(`${name.replaceAll('.', '\\.')} is ready as table`))).toBeVisible();
  }
  await runQuery(page, 'SELECT count(*) AS n FROM orders');
  expect(await gridRows(page)).toEqual([['5000']]);
  await runQuery(page, 'SELECT name FROM towns ORDER BY pop DESC');
  expect(await gridRows(page)).toEqual([['Arles'], ['Sète']]);
  await runQuery(page, `SELECT * FROM read_csv('${path.join(workbench.home, 'secret.csv')}')`);
  await expect(page.locator('.query-error')).toContainText('Permission Error');
  // Writing a file with SQL is refused before it runs, with what to use instead; the file is untouched.
  const towns = path.join(workbench.home, 'towns.csv.gz');
  const before = await readFile(towns);
  await runQuery(page, `COPY (SELECT 'pwned') TO '${towns}' (USE_TMP_FILE false)`);
  await expect(page.locator('.query-error')).toContainText('COPY cannot run on the native engine');
  await expect(page.locator('.query-error')).toContainText('use the Export button');
  expect(await readFile(towns)).toEqual(before);
  await runQuery(page, 'SELECT count(*) AS n FROM towns');
  expect(await gridRows(page)).toEqual([['2']]);
});

test('the native engine attaches a DuckDB database file read-only and queries its tables from the catalog', async ({ page, workbench }) => {
  await mkdir(workbench.home, { recursive: true });
  const instance = await DuckDBInstance.create(path.join(workbench.home, 'shop.duckdb'));
  const connection = await instance.connect();
  await connection.run("CREATE TABLE customers AS SELECT * FROM (VALUES (1, 'Ada'), (2, 'Grace')) t(id, name)");
  await connection.run('CREATE TABLE orders AS SELECT range AS id, range % 2 + 1 AS customer FROM range(5)');
  connection.closeSync();
  instance.closeSync();
  await switchToNative(page);
  await page.getByRole('button', { name: 'Open file…' }).click();
  await page.getByRole('dialog', { name: 'Open a file' }).getByRole('option', { name: /shop\.duckdb/ }).dblclick();
  await expect(page.getByText(/shop\.duckdb is attached read-only as database shop/)).toBeVisible();
  await expect(page.getByRole('treeitem', { name: /^shop\.orders 2 columns/ })).toBeVisible();
  // Activating a table opens a tab with its query, its name qualified by the database.
  await page.getByRole('treeitem', { name: /^shop\.customers 2 columns/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('SELECT * FROM "shop"."customers" LIMIT 1000;');
  await clickRun(page);
  await expect(page.locator('.results-status')).toContainText('2 rows in');
  expect(await gridRows(page)).toEqual([['1', 'Ada'], ['2', 'Grace']]);
});

test('the native engine’s memory limit and threads are set in the status bar and kept with the workspace', async ({ page, workbench }) => {
  await switchToNative(page);
  await page.getByRole('button', { name: 'Native engine settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Native engine settings' });
  await dialog.getByRole('spinbutton', { name: 'Memory limit (GB)' }).fill('1.5');
  await dialog.getByRole('spinbutton', { name: 'Threads' }).fill('1');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Native engine settings saved: memory limit 1.5 GB, threads 1.')).toBeVisible();
  await runQuery(page, "SELECT current_setting('memory_limit') AS memory, current_setting('threads') AS threads");
  expect(await gridRows(page)).toEqual([['1.5 GiB', '1']]);

  await page.waitForTimeout(600);
  await workbench.restart();
  await engineReady(page);
  await runQuery(page, "SELECT current_setting('memory_limit') AS memory, current_setting('threads') AS threads");
  expect(await gridRows(page)).toEqual([['1.5 GiB', '1']]);
});

test('rows the native engine no longer has say so, instead of staying blank', async ({ page }) => {
  await switchToNative(page);
  await runQuery(page, 'SELECT i FROM range(1000000) t(i)');
  await expect(page.locator('.results-status')).toContainText('1,000,000 rows in', { timeout: 30_000 });
  // New settings restart the native engine: the stored result is gone with it.
  await page.getByRole('button', { name: 'Native engine settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Native engine settings' });
  await dialog.getByRole('spinbutton', { name: 'Threads' }).fill('1');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(/^Native engine settings saved/)).toBeVisible();
  await grid(page).focus();
  await page.keyboard.press('ControlOrMeta+End');
  await expect(page.getByRole('alert').filter({ hasText: 'These rows can no longer be shown' })).toContainText('Run the query again.');
  await runQuery(page, 'SELECT 42 AS answer');
  expect(await gridRows(page)).toEqual([['42']]);
  await expect(page.getByRole('alert').filter({ hasText: 'These rows can no longer be shown' })).toHaveCount(0);
});

/** The bytes in the native engine's spill folder, as on disk. */
async function spillFolderSize(dataDir: string): Promise<number> {
  const folder = path.join(dataDir, 'spill');
  const names = await readdir(folder).catch(() => [] as string[]);
  const sizes = await Promise.all(names.map((name) => stat(path.join(folder, name)).then((info) => info.size, () => 0)));
  return sizes.reduce((sum, size) => sum + size, 0);
}

test('a statement past the memory limit says it is spilling, with the folder’s size, and a cancelled one leaves no spill files', async ({ page, workbench }) => {
  test.setTimeout(180_000);
  await switchToNative(page);
  await page.getByRole('button', { name: 'Native engine settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Native engine settings' });
  await dialog.getByRole('spinbutton', { name: 'Memory limit (GB)' }).fill('0.25');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(/^Native engine settings saved: memory limit 256 MB/)).toBeVisible();
  // Ten million distinct strings do not fit in 256 MB: DuckDB spills (measured: ~260 MB at the peak).
  await runQuery(page, "SELECT count(*) AS n FROM (SELECT DISTINCT range::VARCHAR || 'abcdefghij' AS s FROM range(10000000))");
  const notice = page.getByRole('region', { name: 'Results' }).getByRole('status').filter({ hasText: /^Spilling to disk: [\d.,]+ [KMG]?B in the spill folder\.$/ });
  await expect(notice).toBeVisible({ timeout: 120_000 });
  expect(await spillFolderSize(workbench.dataDir)).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(page.locator('.results-status')).toContainText('Query canceled.');
  await expect(notice).toBeHidden();
  await expect.poll(() => spillFolderSize(workbench.dataDir), { timeout: 20_000 }).toBe(0);
});

test('the native engine’s settings say why a value is refused, keep the dialog open and go to the field', async ({ page }) => {
  await switchToNative(page);
  await page.getByRole('button', { name: 'Native engine settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Native engine settings' });
  const threads = dialog.getByRole('spinbutton', { name: 'Threads' });
  await threads.fill('0');
  await expect(threads).toHaveAccessibleDescription('Threads must be between 1 and 1,024.');
  await dialog.getByRole('spinbutton', { name: 'Memory limit (GB)' }).fill('0.1');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('spinbutton', { name: 'Memory limit (GB)' })).toBeFocused();
  await expect(dialog.getByRole('spinbutton', { name: 'Memory limit (GB)' })).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText(/^The memory limit must be between 0\.25 and [\d,.]+ GB\.$/)).toBeVisible();
  await dialog.getByRole('spinbutton', { name: 'Memory limit (GB)' }).fill('1');
  await threads.fill('1');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Native engine settings saved: memory limit 1 GB, threads 1.')).toBeVisible();
});
