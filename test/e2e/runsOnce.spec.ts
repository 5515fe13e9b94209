/**
 * What the user ran runs once. Sorting, filtering or keeping a result never runs its statement
 * again where that would draw other rows or change anything (shared/sql/resultKeeping.ts).
 */
import type { Page } from '@playwright/test';
import { engineReady, expect, gridRows, runQuery, test } from './fixtures';

const grid = (page: Page) => page.getByRole('grid', { name: 'Query results' });

test('a query over a view or macro whose rows change from run to run runs once: sorting shows the same rows, and a sequence moves once', async ({ page }) => {
  await engineReady(page);
  // A sample drawn by a view: sorting the result must sort the rows on screen, not draw again.
  await runQuery(page, 'CREATE VIEW picked AS SELECT range AS n FROM range(100000) USING SAMPLE 20 ROWS');
  await runQuery(page, 'SELECT * FROM picked');
  await expect(page.locator('.results-status')).toContainText('20 rows');
  const drawn = (await gridRows(page)).map((row) => row[0]!).sort();
  const n = page.getByRole('columnheader', { name: /^n/ });
  await n.getByRole('button').click();
  await expect(n).toHaveAttribute('aria-sort', 'ascending');
  expect((await gridRows(page)).map((row) => row[0]!).sort()).toEqual(drawn);

  // A sequence: each row takes one number, once, whether nextval is called directly or through a
  // macro, for a small result and a large one.
  await runQuery(page, 'CREATE SEQUENCE ids');
  await runQuery(page, "SELECT nextval('ids') AS id FROM range(3)");
  expect(await gridRows(page)).toEqual([['1'], ['2'], ['3']]);
  await runQuery(page, "CREATE MACRO next_id() AS nextval('ids')");
  await expect(page.locator('.results-status')).toContainText('0 rows');
  await runQuery(page, "SELECT next_id() AS id, repeat('x', 40) AS pad FROM range(1000000)");
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '1000001', { timeout: 60_000 });
  await runQuery(page, "SELECT currval('ids') AS last");
  expect(await gridRows(page)).toEqual([['1000003']]);
});

test('the result of a statement that writes cannot be sorted or filtered, since that would run it again', async ({ page }) => {
  await engineReady(page);
  await runQuery(page, 'CREATE TABLE notes (id INTEGER, body VARCHAR)');
  await runQuery(page, "INSERT INTO notes VALUES (2, 'b'), (1, 'a') RETURNING *");
  expect(await gridRows(page)).toEqual([['2', 'b'], ['1', 'a']]);
  await expect(page.getByRole('columnheader', { name: /^id/ }).getByRole('button')).toHaveCount(0);
  await expect(page.getByRole('searchbox', { name: 'Filter rows' })).toBeDisabled();
  await expect(page.getByRole('searchbox', { name: 'Filter rows' })).toHaveAttribute('title', /would run this statement again/);
  await runQuery(page, 'SELECT count(*) AS n FROM notes');
  expect(await gridRows(page)).toEqual([['2']]);
  // A statement that only reads runs again to be sorted, as a query does.
  await runQuery(page, 'SUMMARIZE notes');
  const columnName = page.getByRole('columnheader', { name: /^column_name/ });
  await columnName.getByRole('button').click();
  await expect(columnName).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByRole('searchbox', { name: 'Filter rows' })).toBeEnabled();
});
