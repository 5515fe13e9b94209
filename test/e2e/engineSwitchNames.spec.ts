/**
 * The tables follow the user from one engine to the other under the same names, except where the
 * other engine holds that name for a table the user made there: that table is never dropped or
 * hidden, and the file gets a free name, said in a notice.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { engineReady, expect, gridRows, runQuery, test } from './fixtures';

const inAppEngine = /^Engine: In-app \(WebAssembly\)\. Switch to Native/;
const nativeEngine = /^Engine: Native \(multi-core, larger than memory\)/;

async function openFile(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Open file…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a file' });
  await dialog.getByRole('option', { name: new RegExp(name.replaceAll('.', '\\.')) }).dblclick();
  await expect(dialog).toBeHidden();
}

async function switchTo(page: Page, from: RegExp, to: RegExp): Promise<void> {
  await page.getByRole('button', { name: from }).click();
  await expect(page.getByRole('button', { name: to })).toBeVisible({ timeout: 60_000 });
  await engineReady(page);
}

for (const made of ['CREATE TABLE', 'CREATE TEMP TABLE']) test(`a file carried to the in-app engine never drops the table the user made there under its name (${made})`, async ({ page, workbench }) => {
  await writeFile(path.join(workbench.home, 'orders.csv'), 'id,amount\n1,10\n2,20\n3,30\n');
  await engineReady(page);
  await runQuery(page, `${made} orders AS SELECT 'mine' AS owner`);
  await switchTo(page, inAppEngine, nativeEngine);
  await openFile(page, 'orders.csv');
  await expect(page.getByRole('treeitem', { name: /^orders 2 columns/ })).toBeVisible();
  await switchTo(page, nativeEngine, inAppEngine);
  await expect(page.getByText('orders.csv is the table orders_2 on In-app (WebAssembly): orders there is a table you made.')).toBeVisible({ timeout: 30_000 });
  await runQuery(page, 'SELECT owner FROM orders');
  expect(await gridRows(page)).toEqual([['mine']]);
  await runQuery(page, 'SELECT sum(amount) AS total FROM orders_2');
  expect(await gridRows(page)).toEqual([['60']]);
});

test('a file carried to the native engine never hides the table the user made there under its name', async ({ page, workbench }) => {
  await writeFile(path.join(workbench.home, 'orders.csv'), 'id,amount\n1,10\n2,20\n3,30\n');
  await engineReady(page);
  await switchTo(page, inAppEngine, nativeEngine);
  await runQuery(page, "CREATE TABLE orders AS SELECT 'mine' AS owner");
  await switchTo(page, nativeEngine, inAppEngine);
  await openFile(page, 'orders.csv');
  await expect(page.getByRole('treeitem', { name: /^orders 2 columns/ })).toBeVisible();
  await switchTo(page, inAppEngine, nativeEngine);
  await expect(page.getByText('orders.csv is the table orders_2 on Native (multi-core, larger than memory): orders there is a table you made.')).toBeVisible({ timeout: 30_000 });
  await runQuery(page, 'SELECT owner FROM orders');
  expect(await gridRows(page)).toEqual([['mine']]);
  await runQuery(page, 'SELECT sum(amount) AS total FROM orders_2');
  expect(await gridRows(page)).toEqual([['60']]);
});
