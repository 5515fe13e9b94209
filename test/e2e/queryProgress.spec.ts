import type { Page } from '@playwright/test';
import { engineReady, expect, runQuery, test } from './fixtures';

/** Switches the workspace to the native engine from the status bar and waits until it answers. */
async function switchToNative(page: Page): Promise<void> {
  await engineReady(page);
  await page.getByRole('button', { name: /^Engine: In-app \(WebAssembly\)\. Switch to Native/ }).click();
  await expect(page.getByRole('button', { name: /^Engine: Native \(multi-core, larger than memory\)/ })).toBeVisible();
  await engineReady(page);
}

test('a long native statement shows its elapsed time and DuckDB’s progress, and Cancel stops it', async ({ page }) => {
  await switchToNative(page);
  // DuckDB counts progress over a table's scan (none over range()): a table, then costly work on each
  // row, a minute or more in all here and still many seconds on a machine with many cores (the test
  // cancels it), its first progress within about one row group, 122,880 rows, of that work.
  await runQuery(page, 'CREATE TABLE progress_rows AS SELECT range AS i FROM range(30000000)');
  await expect(page.locator('.results-status')).not.toContainText('Running…', { timeout: 15_000 });
  await runQuery(page, 'SELECT max(md5(repeat(i::VARCHAR, 300))) AS m FROM progress_rows');

  const status = page.locator('.results-status');
  const bar = page.getByRole('progressbar', { name: 'Statement progress' });
  await expect(bar).toBeVisible({ timeout: 10_000 });
  await expect.poll(() => bar.evaluate((element) => (element as HTMLProgressElement).value)).toBeGreaterThan(0);
  // "Running… 1.2 s · 43%": the time and the percentage, as the locale writes it.
  const value = await bar.evaluate((element) => (element as HTMLProgressElement).value);
  expect(value).toBeLessThan(1);
  await expect(status).toContainText(/Running… [\d.]+ s · \d+%/);
  await expect(bar).toHaveAttribute('aria-valuetext', /^\d+%$/);

  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(status).toContainText('Query canceled.', { timeout: 2_000 });
  await expect(bar).toHaveCount(0);
});
