import type { Page } from '@playwright/test';
import { resultAsText } from '../../shared/formats/resultText';
import { engineReady, expect, gridRows, runQuery, test } from './fixtures';
import { batches, batchSql, expectedCells } from './gridTypeCorpus';

/**
 * Every type the grid renders, through the real UI on both engines: the grid's text and the
 * copied CSV against native DuckDB's own CAST(x AS VARCHAR) of the same values, computed here.
 * Columns are batched (a few queries, many assertions) so the suite stays fast.
 */

async function copiedCsv(page: Page): Promise<string> {
  // Emptied first, so the copy of this result is told apart from the one before.
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.getByRole('group', { name: 'Result actions' }).getByRole('button', { name: 'Copy as CSV' }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).not.toBe('');
  return page.evaluate(() => navigator.clipboard.readText());
}

test('every type shows as DuckDB prints it, in the grid and the copied CSV, on both engines', async ({ page }) => {
  test.setTimeout(360_000);
  await engineReady(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const expected = await Promise.all(batches.map((columns) => expectedCells(batchSql(columns), columns.length)));
  for (const engine of ['in-app', 'native']) {
    for (const [index, columns] of batches.entries()) {
      const sql = batchSql(columns);
      const want = expected[index]!;
      await runQuery(page, sql);
      // The grid renders the columns on screen: those must read as DuckDB prints them.
      await expect.poll(async () => (await gridRows(page)).length, { message: `${engine}: rows of batch ${index}` }).toBe(want.length);
      const shown = await gridRows(page);
      expect(shown[0]!.length).toBeGreaterThan(2);
      expect(shown, `${engine}: grid of batch ${index}`).toEqual(want.map((row) => row.slice(0, shown[0]!.length).map((cell) => cell ?? 'NULL')));
      // The clipboard has every column.
      const csv = await copiedCsv(page);
      expect(csv, `${engine}: CSV of batch ${index}`).toBe(resultAsText('csv', columns.map(([type]) => type), want));
    }
    if (engine === 'in-app') {
      await page.getByRole('button', { name: /^Engine: In-app \(WebAssembly\)\. Switch to Native/ }).click();
      await expect(page.getByRole('button', { name: /^Engine: Native/ })).toBeVisible();
      await engineReady(page);
    }
  }
});
