/**
 * The tables follow the user from one engine to the other under the same names, except where the
 * other engine holds that name for a table the user made there: that table is never dropped or
 * hidden, and the file gets a free name, said in a notice.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { engineReady, expect, gridRows, inAppEngine, nativeEngine, openFile, runQuery, test } from './fixtures';

async function switchTo(page: Page, from: RegExp, to: RegExp): Promise<void> {
  await page.getByRole('button', { name: from }).click();
  await expect(page.getByRole('button', { name: to })).toBeVisible({ timeout: 60_000 });
  await engineReady(page);
}

const engines = {
  inApp: { button: inAppEngine, label: 'In-app (WebAssembly)' },
  native: { button: nativeEngine, label: 'Native (multi-core, larger than memory)' },
};

// Where the user's table is made (the file is opened on the other engine, then carried to this one),
// how it is made, and what the file's table would do to it there: drop it, or hide it.
const cases = [
  { userOn: 'inApp', made: 'CREATE TABLE', harm: 'drops' },
  { userOn: 'inApp', made: 'CREATE TEMP TABLE', harm: 'drops' },
  { userOn: 'native', made: 'CREATE TABLE', harm: 'hides' },
] as const;

for (const { userOn, made, harm } of cases) {
  const here = engines[userOn];
  const there = engines[userOn === 'inApp' ? 'native' : 'inApp'];
  test(`a file carried to the ${userOn === 'inApp' ? 'in-app' : 'native'} engine never ${harm === 'drops' ? 'drops' : 'hides'} the table the user made there under its name (${made})`, async ({ page, workbench }) => {
    await writeFile(path.join(workbench.home, 'orders.csv'), 'id,amount\n1,10\n2,20\n3,30\n');
    await engineReady(page);
    if (userOn === 'native') await switchTo(page, inAppEngine, nativeEngine);
    await runQuery(page, `${made} orders AS SELECT 'mine' AS owner`);
    await switchTo(page, here.button, there.button);
    await openFile(page, 'orders.csv');
    await expect(page.getByRole('treeitem', { name: /^orders 2 columns/ })).toBeVisible();
    await switchTo(page, there.button, here.button);
    await expect(page.getByText(`orders.csv is the table orders_2 on ${here.label}: orders there is a table you made.`)).toBeVisible({ timeout: 30_000 });
    await runQuery(page, 'SELECT owner FROM orders');
    expect(await gridRows(page)).toEqual([['mine']]);
    await runQuery(page, 'SELECT sum(amount) AS total FROM orders_2');
    expect(await gridRows(page)).toEqual([['60']]);
  });
}
