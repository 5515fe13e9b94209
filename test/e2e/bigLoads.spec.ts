/**
 * Big files, the data engineer's way (issue 15): the engine is decided before a byte is read, a
 * load can be stopped or redirected, and a load that fails keeps its dataset.
 */
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { engineReady, expect, gridRows, inAppEngine, nativeEngine, openFile, runQuery, test } from './fixtures';
import { writeOrdersParquet, writeParquetClaimingSize } from '../support/parquetFixtures';

const loads = (page: Page) => page.getByRole('region', { name: 'Loads and files not loaded' });

test('a Parquet file whose footer says it will not fit the in-app engine is refused at once, with the estimate, and one click opens it on the native engine', async ({ page, workbench }) => {
  // 1,000 rows on disk; the footer says 3 GiB once uncompressed: more than duckdb-wasm’s memory less room for queries.
  await writeParquetClaimingSize(path.join(workbench.home, 'huge.parquet'), 1_000, 3 * 2 ** 30);
  await engineReady(page);
  await openFile(page, 'huge.parquet');
  // From the double-click (the dialog closes with it) to the refusal on screen.
  const started = Date.now();
  const refusal = page.getByRole('alert').filter({ hasText: '“huge.parquet” would take about' });
  await expect(refusal).toBeVisible({ timeout: 2_000 });
  expect(Date.now() - started).toBeLessThan(2_000);
  await expect(refusal).toContainText(/would take about 3(\.0)? GB in the in-app engine, which has room for [\d.]+ GB/);
  // The dataset stays, marked not loaded, with the same offer.
  await expect(loads(page)).toContainText('huge.parquet: not loaded');
  await loads(page).getByRole('button', { name: 'Open huge.parquet on the native engine' }).click();
  await expect(page.getByRole('button', { name: nativeEngine })).toBeVisible();
  await expect(page.getByRole('treeitem', { name: /^huge 1 column/ })).toBeVisible();
  await expect(loads(page)).toBeHidden();
  await runQuery(page, 'SELECT count(*) AS n, sum(i) AS total FROM huge');
  expect(await gridRows(page)).toEqual([['1000', '499500']]);
});

test.describe('a slow load', () => {
  let folder: string;
  let slowFile: string;
  test.beforeAll(async () => {
    // Enough rows that the host's conversion for the in-app engine takes several seconds.
    folder = await mkdtemp(path.join(os.tmpdir(), 'datalab-slow-'));
    slowFile = path.join(folder, 'slow.parquet');
    await writeOrdersParquet(slowFile, 12_000_000);
  });
  test.afterAll(async () => rm(folder, { recursive: true, force: true }));

  async function startSlowLoad(page: Page, home: string): Promise<void> {
    await copyFile(slowFile, path.join(home, 'slow.parquet'));
    await engineReady(page);
    await openFile(page, 'slow.parquet');
    await expect(loads(page).getByRole('button', { name: 'Cancel loading slow.parquet' })).toBeVisible();
    await page.waitForTimeout(500);
  }

  test('Cancel ends the load within 2 s; the dataset stays, and opens on the native engine', async ({ page, workbench }) => {
    await startSlowLoad(page, workbench.home);
    const started = Date.now();
    await loads(page).getByRole('button', { name: 'Cancel loading slow.parquet' }).click();
    await expect(loads(page)).toContainText('slow.parquet: not loaded', { timeout: 2_000 });
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect(loads(page)).toContainText('Loading was canceled.');
    await loads(page).getByRole('button', { name: 'Open slow.parquet on the native engine' }).click();
    await expect(page.getByRole('button', { name: nativeEngine })).toBeVisible();
    await expect(page.getByRole('treeitem', { name: /^slow 6 columns/ })).toBeVisible();
    await expect(loads(page)).toBeHidden();
    await runQuery(page, 'SELECT count(*) AS n FROM slow');
    expect(await gridRows(page)).toEqual([['12000000']]);
  });

  test('switching engines during a load ends it within 2 s and carries the dataset to the other engine', async ({ page, workbench }) => {
    await startSlowLoad(page, workbench.home);
    const started = Date.now();
    await page.getByRole('button', { name: inAppEngine }).click();
    // The in-app load (converting, then reading) ends; the native engine's own (“Opening … in place”) may follow.
    // Whether or not the loads list is still there (the native engine may have opened the file already).
    await expect(loads(page).getByText(/Reading slow\.parquet|Loading slow\.parquet/)).toHaveCount(0, { timeout: 2_000 });
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect(page.getByRole('button', { name: nativeEngine })).toBeVisible();
    await expect(page.getByRole('treeitem', { name: /^slow 6 columns/ })).toBeVisible();
    await expect(loads(page)).toBeHidden();
    await runQuery(page, 'SELECT count(*) AS n FROM slow');
    expect(await gridRows(page)).toEqual([['12000000']]);
  });

  test('a file dropped while a load runs is checked against the engine that takes it when its turn comes: after a switch to native, it is refused once, with the way to open it', async ({ page, workbench }) => {
    await startSlowLoad(page, workbench.home);
    // Browser mode: only the bytes of a dropped file reach the page. It waits behind the slow load.
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File(['id\n1\n2\n'], 'dropped.csv', { type: 'text/csv' }));
      document.querySelector('.app')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    // Still waiting its turn when the engine is switched (the slow load has not ended).
    await expect(loads(page).getByRole('button', { name: 'Cancel loading slow.parquet' })).toBeVisible();
    await page.getByRole('button', { name: inAppEngine }).click();
    await expect(page.getByRole('button', { name: nativeEngine })).toBeVisible();
    // The native engine reads files by path: the dropped bytes are refused with the way to open
    // the file, once (no Retry that could never work there), and not loaded into the engine left behind.
    const refusal = page.getByRole('alert').filter({ hasText: 'Could not load “dropped.csv”: The native engine reads files where they are: open the file with Open file… instead of dropping it.' });
    await expect(refusal).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('treeitem', { name: /^slow 6 columns/ })).toBeVisible({ timeout: 60_000 });
    await expect(loads(page)).toBeHidden();
    await expect(refusal.locator('.notification-count')).toHaveCount(0);
    await expect(page.getByRole('treeitem', { name: /^dropped/ })).toHaveCount(0);
  });

  test('a file still loading when the page reloads is opened again after the reload, not forgotten', async ({ page, workbench }) => {
    await startSlowLoad(page, workbench.home);
    await page.reload();
    await engineReady(page);
    // The workspace recorded the file as its load began: the reloaded page loads it again.
    await expect(loads(page).getByRole('button', { name: 'Cancel loading slow.parquet' })).toBeVisible({ timeout: 30_000 });
    await loads(page).getByRole('button', { name: 'Cancel loading slow.parquet' }).click();
    await expect(loads(page)).toContainText('slow.parquet: not loaded');
  });

  test('files the workspace opens again at start follow a switch of engines made while they load: each is a table on the new engine, once', async ({ page, workbench }) => {
    test.setTimeout(180_000);
    await writeFile(path.join(workbench.home, 'before.csv'), 'id\n1\n2\n');
    await writeFile(path.join(workbench.home, 'after.csv'), 'id\n1\n2\n3\n');
    // Recorded in this order: the workspace opens them again in it, the slow one between the others.
    await startSlowLoad(page, workbench.home);
    await loads(page).getByRole('button', { name: 'Cancel loading slow.parquet' }).click();
    await expect(loads(page)).toContainText('slow.parquet: not loaded');
    await openFile(page, 'before.csv');
    await expect(page.getByRole('treeitem', { name: /^before 1 column/ })).toBeVisible();
    await openFile(page, 'after.csv');
    await expect(page.getByRole('treeitem', { name: /^after 1 column/ })).toBeVisible();

    await page.reload();
    await engineReady(page);
    // While the slow file loads again, with `after.csv` still waiting its turn: switch.
    await expect(loads(page).getByRole('button', { name: 'Cancel loading slow.parquet' })).toBeVisible({ timeout: 30_000 });
    await page.getByRole('button', { name: inAppEngine }).click();
    await expect(page.getByRole('button', { name: nativeEngine })).toBeVisible();
    // Opening one of them again meanwhile (as a user who does not see it yet would) adds nothing.
    await openFile(page, 'after.csv');
    await expect(loads(page)).toBeHidden({ timeout: 60_000 });
    for (const [table, rows] of [['before', '2'], ['slow', '12000000'], ['after', '3']] as const) {
      await expect(page.getByRole('treeitem', { name: new RegExp(`^${table} \\d+ columns?`) })).toHaveCount(1);
      await runQuery(page, `SELECT count(*) AS n FROM ${table}`);
      expect(await gridRows(page), table).toEqual([[rows]]);
    }
    await expect(page.getByRole('treeitem', { name: /^(before|slow|after)_\d/ })).toHaveCount(0);
  });
});

test('a load that fails keeps its dataset in the catalog, with the reason and Retry', async ({ page, workbench }) => {
  const file = path.join(workbench.home, 'later.parquet');
  await writeFile(file, 'PAR1 this is not a Parquet file PAR1');
  await engineReady(page);
  await openFile(page, 'later.parquet');
  await expect(page.getByRole('alert').filter({ hasText: '“later.parquet”' })).toBeVisible();
  await expect(loads(page)).toContainText('later.parquet: not loaded');
  await expect(loads(page).getByRole('button', { name: 'Open later.parquet on the native engine' })).toBeVisible();
  // The file is fixed on disk; Retry loads it under the same name, on the same engine.
  await writeParquetClaimingSize(file, 10, 80);
  await loads(page).getByRole('button', { name: 'Retry loading later.parquet' }).click();
  await expect(page.getByRole('treeitem', { name: /^later 1 column/ })).toBeVisible();
  await expect(loads(page)).toBeHidden();
  await expect(page.getByRole('button', { name: inAppEngine })).toBeVisible();
  await runQuery(page, 'SELECT count(*) AS n FROM later');
  expect(await gridRows(page)).toEqual([['10']]);
});
