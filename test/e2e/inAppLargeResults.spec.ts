/**
 * Large results on the in-app engine: kept as a table inside the engine, read a window at a time,
 * so the page never holds ten million rows (renderer/src/engine/wasm/wasmResults.ts).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { engineReady, expect, gridRows, runQuery, test } from './fixtures';
import { exportResult } from './exportDialog';

const grid = (page: Page) => page.getByRole('grid', { name: 'Query results' });
const lastRowCells = (page: Page, rowIndex: number) => grid(page).locator(`[aria-rowindex="${rowIndex}"] [role="gridcell"]`);

test('ten million rows in the in-app engine: the end is reachable, BOOLEAN reads right, the page holds windows only, and sort and filter run in the engine', async ({ page }) => {
  test.slow(); // ten million rows, twice, on a shared machine
  await engineReady(page);
  await runQuery(page, "SELECT i AS id, i % 1000 AS bucket, 'row ' || i AS label, i % 2 = 0 AS even FROM range(10000000) t(i)");
  await expect(grid(page).getByRole('gridcell').first()).toHaveText('0', { timeout: 30_000 });
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '10000001', { timeout: 120_000 });
  await expect(page.locator('.results-status')).toContainText('10,000,000 rows in');
  await expect(page.getByRole('columnheader', { name: /even\s*BOOLEAN/ })).toBeVisible();

  await grid(page).focus();
  await page.keyboard.press('ControlOrMeta+End');
  await expect(lastRowCells(page, 10_000_001)).toHaveText(['9999999', '999', 'row 9999999', 'false']);
  await page.keyboard.press('ArrowUp');
  await expect(lastRowCells(page, 10_000_000)).toHaveText(['9999998', '998', 'row 9999998', 'true']);

  // Holding the whole result took 357 MB of JavaScript heap for three columns (docs/performance.md);
  // the grid keeps at most 64 windows of 1,024 rows.
  const heapMB = await page.evaluate(() => (performance as Performance & { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize / 2 ** 20);
  expect(heapMB).toBeLessThan(150);

  // Sorted descending by bucket (two clicks), then filtered, by the engine over the kept table.
  const bucket = page.getByRole('columnheader', { name: /bucket/ });
  await bucket.getByRole('button').click();
  await expect(bucket).toHaveAttribute('aria-sort', 'ascending', { timeout: 60_000 });
  await bucket.getByRole('button').click();
  await expect(bucket).toHaveAttribute('aria-sort', 'descending', { timeout: 60_000 });
  await expect.poll(async () => (await gridRows(page))[0]?.[1]).toBe('999');
  await page.getByRole('searchbox', { name: 'Filter rows' }).fill('row 999999');
  await expect(page.locator('.results-status')).toContainText('11 matching rows', { timeout: 60_000 });
  expect((await gridRows(page)).map((row) => row[2]).sort()).toContain('row 9999999');
});

test('a large in-app result exports whole from its table, and its table is dropped when the result is replaced', async ({ page, workbench }) => {
  test.slow(); // three runs of a result of about 60 MB, and its export
  await engineReady(page);
  // About 60 MB of Arrow: past what the page holds whole (wholeResultBytes, 32 MiB).
  const padding = 'x'.repeat(100);
  const large = `SELECT i AS id, '${padding}' || i AS name, i % 3 = 0 AS third FROM range(500000) t(i)`;
  for (let run = 0; run < 3; run++) {
    await runQuery(page, large);
    await expect(page.locator('.results-status')).toContainText('500,000 rows in', { timeout: 60_000 });
  }
  await grid(page).focus();
  await page.keyboard.press('ControlOrMeta+End');
  await expect(lastRowCells(page, 500_001)).toHaveText(['499999', `${padding}499999`, 'false']);

  await exportResult(page, 'CSV', 'large.csv');
  // 55 MB of CSV: longer than the dialog helper waits on a loaded machine.
  const dialog = page.getByRole('dialog', { name: 'Export the result' });
  await expect(dialog.getByRole('status')).toHaveText('Exported 500,000 rows to large.csv.', { timeout: 180_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  const lines = (await readFile(path.join(workbench.home, 'large.csv'), 'utf8')).trimEnd().split('\n');
  expect(lines).toHaveLength(500_001);
  expect(lines[0]).toBe('id,name,third');
  expect(lines.at(-1)).toBe(`499999,${padding}499999,false`);

  // The engine's result tables: the one shown (released only once the next result answers)…
  const keptTables = "SELECT count(*) AS kept FROM duckdb_tables() WHERE database_name = 'scratch'";
  await runQuery(page, keptTables);
  await expect(grid(page).getByRole('gridcell').first()).toHaveText('1');
  // …and none once it is replaced by a small result: three runs left no table behind.
  await runQuery(page, keptTables);
  await expect(grid(page).getByRole('gridcell').first()).toHaveText('0');
  // Never in the catalog.
  await expect(page.getByRole('treeitem', { name: /^result_/ })).toHaveCount(0);
});

test('a small in-app result stays whole in the page: no table is made for it', async ({ page }) => {
  await engineReady(page);
  await runQuery(page, "SELECT i AS id, 'name ' || i AS name FROM range(100000) t(i)");
  await expect(page.locator('.results-status')).toContainText('100,000 rows in');
  await runQuery(page, "SELECT count(*) AS kept FROM duckdb_tables() WHERE database_name = 'scratch'");
  await expect(grid(page).getByRole('gridcell').first()).toHaveText('0');
});
