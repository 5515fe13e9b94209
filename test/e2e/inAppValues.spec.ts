import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { engineReady, expect, gridRows, runQuery, test } from './fixtures';

/** Opens `name` from the home folder with Open file… and waits for its table in the catalog. */
async function openFile(page: Page, name: string, table: string): Promise<void> {
  await page.getByRole('button', { name: 'Open file…' }).click();
  await page.getByRole('dialog', { name: 'Open a file' }).getByRole('option', { name: new RegExp(name.replace('.', '\\.')) }).dblclick();
  await expect(page.getByRole('tree').getByText(table, { exact: true }).first()).toBeVisible();
}

test('BOOLEAN on the in-app engine: true and false in the grid, the header and the copied CSV', async ({ page }) => {
  await engineReady(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await runQuery(page, 'SELECT true AS t, false AS f, NULL::BOOLEAN AS n');
  await expect.poll(() => gridRows(page)).toEqual([['true', 'false', 'NULL']]);
  await expect(page.getByRole('columnheader', { name: /^t\b/ })).toContainText('BOOLEAN');
  await runQuery(page, 'SELECT range % 2 = 0 AS even, [range % 3 = 0] AS l FROM range(4)');
  await expect.poll(() => gridRows(page)).toEqual([
    ['true', '[true]'],
    ['false', '[false]'],
    ['true', '[false]'],
    ['false', '[true]'],
  ]);
  const copy = page.getByRole('group', { name: 'Result actions' });
  await copy.getByRole('button', { name: 'Copy as CSV' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied 4 rows as CSV.' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('even,l\r\ntrue,[true]\r\nfalse,[false]\r\ntrue,[false]\r\nfalse,[true]\r\n');
});

test('extensions on the in-app engine: refused without a download, explained, and the native engine offered', async ({ page, workbench }) => {
  await engineReady(page);
  const error = page.locator('.query-error');
  const offer = error.getByRole('button', { name: 'Switch to the native engine', exact: true });
  await runQuery(page, 'INSTALL icu');
  await expect(error).toContainText('has no DuckDB extensions, so it cannot install or load “icu”. The native engine has icu built in');
  await runQuery(page, 'LOAD spatial');
  await expect(error).toContainText('cannot install or load “spatial”. The native engine does not have it either.');
  await expect(offer).toHaveCount(0);
  await runQuery(page, `SELECT '{"a": 1}'::JSON AS j`);
  await expect(error).toContainText('This needs DuckDB’s json extension, which the in-app engine does not have offline. The native engine has it built in.');
  await expect(error).not.toContainText('INSTALL json');
  expect(workbench.requests.filter((url) => url.includes('extension'))).toEqual([]);
  await offer.click();
  await expect(page.getByRole('button', { name: /^Engine: Native/ })).toBeVisible();
  await engineReady(page);
  await runQuery(page, `SELECT '{"a": 1}'::JSON AS j`);
  await expect.poll(() => gridRows(page)).toEqual([['{"a": 1}']]);
});

test('SQL names an opened file by its path on both engines; a file not opened points to Open file…', async ({ page, workbench }) => {
  const opened = path.join(workbench.home, 'airports.csv');
  await writeFile(opened, 'code,city\nCDG,Paris\nSEA,Seattle\n');
  await writeFile(path.join(workbench.home, 'other.csv'), 'a\n1\n');
  await engineReady(page);
  await openFile(page, 'airports.csv', 'airports');
  for (const engine of ['in-app', 'native']) {
    await runQuery(page, `SELECT city FROM read_csv('${opened}') ORDER BY code`);
    await expect.poll(() => gridRows(page), { message: engine }).toEqual([['Paris'], ['Seattle']]);
    await runQuery(page, `SELECT * FROM '${path.join(workbench.home, 'other.csv')}'`);
    await expect(page.locator('.query-error'), engine).toContainText('Only files you have opened can be read by their path: open “other.csv” with Open file… first.');
    if (engine === 'in-app') {
      await page.getByRole('button', { name: /^Engine: In-app \(WebAssembly\)\. Switch to Native/ }).click();
      await expect(page.getByRole('button', { name: /^Engine: Native/ })).toBeVisible();
      await engineReady(page);
    }
  }
});
