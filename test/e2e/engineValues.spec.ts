import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { cancelWithin, clickRun, engineReady, expect, gridRows, longInAppQuery, runQuery, setEditorText, test, typeAndWaitForSave } from './fixtures';

type EngineKind = 'wasm' | 'native';
const engines: EngineKind[] = ['wasm', 'native'];

/** Waits for the in-app engine, then switches the workspace to the native engine when asked. */
async function useEngine(page: Page, engine: EngineKind): Promise<void> {
  await engineReady(page);
  if (engine === 'wasm') return;
  await page.getByRole('button', { name: /^Engine: In-app \(WebAssembly\)\. Switch to Native/ }).click();
  await expect(page.getByRole('button', { name: /^Engine: Native \(multi-core, larger than memory\)/ })).toBeVisible();
  await engineReady(page);
}

/** The marker under the word: the squiggle starts where the word starts on its line, and spans it. */
async function expectMarkedAt(page: Page, word: string): Promise<void> {
  const squiggle = page.locator('.sql-editor .squiggly-error');
  await expect(squiggle).toHaveCount(1);
  const marked = await squiggle.boundingBox();
  // Monaco's font is monospaced: a line's text and width give each character's place.
  const line = await page.locator('.sql-editor .view-line > span').evaluateAll((spans, wanted) => {
    for (const span of spans) {
      const text = (span.textContent ?? '').replaceAll('\u00a0', ' ');
      const at = text.search(new RegExp(`\\b${wanted}\\b`));
      if (at < 0) continue;
      const box = span.getBoundingClientRect();
      return { x: box.x, y: box.y, height: box.height, charWidth: box.width / text.length, at };
    }
    return null;
  }, word);
  expect(marked && line, `a marker and a line showing ${word}`).toBeTruthy();
  expect(Math.abs(marked!.x - (line!.x + line!.at * line!.charWidth))).toBeLessThan(2);
  expect(Math.abs(marked!.width - word.length * line!.charWidth)).toBeLessThan(2);
  expect(Math.abs(marked!.y - line!.y)).toBeLessThan(line!.height);
}

for (const engine of engines) {
  test(`${engine}: binder and catalog errors show DuckDB’s message and are marked where it points`, async ({ page }) => {
    await useEngine(page, engine);
    await runQuery(page, "CREATE TABLE airports AS SELECT 1 AS id, 'CDG' AS code");
    const error = page.locator('.query-error');

    await runQuery(page, 'SELECT id,\n  nmae FROM airports');
    await expect(error).toContainText('Binder Error: Referenced column "nmae" not found');
    await expectMarkedAt(page, 'nmae');

    await runQuery(page, "SELECT 'été' AS summer, * FROM airport");
    await expect(error).toContainText('Did you mean "airports"?');
    await expectMarkedAt(page, 'airport');

    // A message that mentions "cancel" is an error like any other, and history says it failed.
    await runQuery(page, 'SELECT cancel_reason FROM airports');
    await expect(error).toContainText('Binder Error: Referenced column "cancel_reason" not found');
    await expect(page.locator('.results-status')).not.toContainText('Query canceled.');
    await expectMarkedAt(page, 'cancel_reason');
    await expect(page.locator('.history-list li').first()).toContainText('failed');
  });

  test(`${engine}: a canceled query says so, and history lists it as canceled, not failed`, async ({ page }) => {
    await useEngine(page, engine);
    await runQuery(
      page,
      engine === 'wasm' ? longInAppQuery : 'SELECT count(*) FROM range(100000000000) a',
    );
    await cancelWithin(page, 3_000);
    const entry = page.locator('.history-list li').first();
    await expect(entry).toContainText('canceled');
    await expect(entry).not.toContainText('failed');
  });
}

test('completion inserts a column named after a keyword quoted, so the SQL runs', async ({ page }) => {
  await engineReady(page);
  await runQuery(page, 'CREATE TABLE orders AS SELECT 1 AS "group", 2 AS "order", 3 AS amount');
  await expect(page.getByRole('treeitem', { name: /^orders 3 columns/ })).toBeVisible();
  await setEditorText(page, 'SELECT orders.gro');
  await page.keyboard.press('Control+Space');
  const suggestions = page.locator('.suggest-widget');
  await expect(suggestions).toContainText('group');
  await page.keyboard.press('Tab');
  await page.keyboard.insertText(' FROM orders');
  await expect(page.locator('.sql-editor')).toContainText('SELECT orders."group" FROM orders');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('.results-status')).toContainText('1 row');
  expect(await gridRows(page)).toEqual([['1']]);
});

test('a late answer for an older filter never replaces a newer one (native engine, slow answer)', async ({ page }) => {
  await useEngine(page, 'native');
  await runQuery(page, 'SELECT range AS n FROM range(1000)');
  await expect(page.locator('.results-status')).toContainText(/1,?000 rows/);
  // The first filter's answer is held back, as a slow engine would: the user types on meanwhile.
  let held = 0;
  await page.route('**/api/native/results/*/view', async (route) => {
    if (held++ === 0) await new Promise((resolve) => setTimeout(resolve, 2_500));
    await route.continue();
  });
  const filter = page.getByRole('searchbox', { name: 'Filter rows' });
  await filter.fill('zzz');
  await expect.poll(() => held).toBe(1);
  await filter.fill('99');
  const expected = Array.from({ length: 1000 }, (_, n) => String(n)).filter((n) => n.includes('99'));
  await expect(page.locator('.results-status')).toContainText(`${expected.length} matching rows`);
  // Once the held answer has come in, the newer filter’s rows and count are still the ones shown.
  await page.waitForTimeout(3_000);
  await expect(page.locator('.results-status')).toContainText(`${expected.length} matching rows`);
  expect((await gridRows(page)).map((row) => row[0])).toEqual(expected);
});

test('in-app engine: a filter typed while the last one still streams its rows is applied', async ({ page }) => {
  await engineReady(page);
  await runQuery(page, 'SELECT range AS n FROM range(3000000)');
  await expect(page.locator('.results-status')).toContainText(/3,?000,?000 rows/);
  const filter = page.getByRole('searchbox', { name: 'Filter rows' });
  // Most rows match "1": they stream in for a while after the first are shown.
  await filter.fill('1');
  await expect(page.locator('.results-status')).toContainText('matching rows');
  await filter.fill('4242');
  const expected = Array.from({ length: 3_000_000 }, (_, n) => String(n)).filter((n) => n.includes('4242')).length;
  await expect(page.locator('.results-status')).toContainText(new RegExp(`(^|[^0-9,])${expected.toLocaleString('en-US')} matching rows`));
});

for (const engine of engines) {
  test(`${engine}: opened files, tabs and history come back after a reload and a restart, with no table twice`, async ({ page, workbench }) => {
    // Two reloads and three starts of the app, each loading the engine and the tables again.
    test.setTimeout(360_000);
    await mkdir(workbench.home, { recursive: true });
    const events = path.join(workbench.home, 'events.csv');
    await writeFile(events, 'id,kind\n1,click\n2,view\n3,click\n');
    await workbench.restart([events]);
    await useEngine(page, engine);
    await expect(page.getByRole('treeitem', { name: /^events 2 columns/ })).toBeVisible();
    await page.getByRole('treeitem', { name: /^Load Palmer penguins/i }).click();
    await expect(page.getByRole('treeitem', { name: /^penguins 7 columns/ })).toBeVisible();
    await runQuery(page, 'SELECT count(*) AS clicks FROM events WHERE kind = \'click\'');
    await page.getByRole('button', { name: 'New tab' }).click();
    await typeAndWaitForSave(page, 'SELECT count(*) AS n FROM penguins');

    const expectWorkspaceBack = async (): Promise<void> => {
      await engineReady(page);
      // Loading them again starts the engine's process and opens each file: slow on a busy machine.
      await expect(page.getByRole('treeitem', { name: /^penguins 7 columns/ })).toBeVisible({ timeout: 90_000 });
      await expect(page.getByRole('treeitem', { name: /^events 2 columns/ })).toBeVisible();
      // Once every load has run, each file is one table (a reload once added `events_2`, `events_3`…).
      const loads = page.getByRole('region', { name: 'Loads and files not loaded' });
      await expect(loads.getByRole('progressbar')).toHaveCount(0, { timeout: 60_000 });
      await page.waitForTimeout(1_000);
      await expect(loads.getByRole('progressbar')).toHaveCount(0);
      await expect(page.getByRole('treeitem', { name: /^(events|penguins)_\d/ })).toHaveCount(0);
      await expect(page.getByRole('tab', { name: 'Query 2' })).toHaveAttribute('aria-selected', 'true');
      await clickRun(page);
      expect(await gridRows(page)).toEqual([['344']]);
      await runQuery(page, 'SELECT count(*) AS n FROM events');
      expect(await gridRows(page)).toEqual([['3']]);
      await expect(page.locator('.history-list')).toContainText("SELECT count(*) AS clicks FROM events WHERE kind = 'click'");
      await typeAndWaitForSave(page, 'SELECT count(*) AS n FROM penguins');
    };

    await page.reload();
    await expectWorkspaceBack();
    await page.reload();
    await expectWorkspaceBack();
    await workbench.restart([events]);
    await expectWorkspaceBack();
    await expect(page.getByRole('button', { name: engine === 'wasm' ? /^Engine: In-app/ : /^Engine: Native/ })).toBeVisible();
  });
}
