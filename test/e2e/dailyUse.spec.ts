import type { Locator } from '@playwright/test';
import { axeViolations, engineReady, expect, gridRows, longInAppQuery, pageTranslator, resultAction, runQuery, setEditorText, test } from './fixtures';

/** Daily use of the workbench (issue 13): results per tab and per statement, and the time a run takes. */

test('each editor tab keeps its own result; running in one leaves the other alone', async ({ page }) => {
  await engineReady(page);
  await runQuery(page, "SELECT 'first tab' AS a");
  expect(await gridRows(page)).toEqual([['first tab']]);
  await page.getByRole('button', { name: 'New tab' }).click();
  // A new tab has no result of its own yet.
  await expect(page.getByRole('grid', { name: 'Query results' })).toHaveCount(0);
  await runQuery(page, "SELECT 'second tab' AS b");
  expect(await gridRows(page)).toEqual([['second tab']]);
  const tabs = page.getByRole('tablist', { name: 'Editor tabs' }).getByRole('tab');
  await tabs.first().click();
  expect(await gridRows(page)).toEqual([['first tab']]);
  await expect(page.getByRole('columnheader', { name: /^a/ })).toBeVisible();
  await tabs.nth(1).click();
  expect(await gridRows(page)).toEqual([['second tab']]);
});

test('Run all shows one result tab per statement, each with its own summary and error', async ({ page }) => {
  await engineReady(page);
  await setEditorText(page, "SELECT 1 AS x;\nSELECT 'two' AS y UNION ALL SELECT 'three';\nSELECT * FROM no_such_table;");
  await page.getByRole('button', { name: 'Run all' }).click();
  const statements = page.getByRole('tablist', { name: 'Results of each statement' }).getByRole('tab');
  await expect(statements).toHaveCount(3);
  await expect(statements.nth(0)).toHaveText(/Statement 1\s*1 row/);
  await expect(statements.nth(1)).toHaveText(/Statement 2\s*2 rows/);
  await expect(statements.nth(2)).toHaveText(/Statement 3\s*Error/);
  // The failing statement is shown, with DuckDB's message.
  await expect(statements.nth(2)).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.query-error')).toContainText('no_such_table');
  await statements.nth(0).click();
  await expect(page.locator('.query-error')).toHaveCount(0);
  expect(await gridRows(page)).toEqual([['1']]);
  await expect(page.locator('.results-status')).toContainText('1 row in');
  // Arrow keys move between the statements' results.
  await statements.nth(0).press('ArrowRight');
  await expect(statements.nth(1)).toBeFocused();
  expect(await gridRows(page)).toEqual([['two'], ['three']]);
  await expect(page.locator('.results-status')).toContainText('Statement 2 of 3');
});

test('a running statement shows how long it has been running', async ({ page }) => {
  await engineReady(page);
  await setEditorText(page, longInAppQuery);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const status = page.locator('.results-status');
  await expect(status).toContainText(/Running… \d+(\.\d)? s/);
  const first = Number(/Running… ([\d.]+) s/.exec((await status.textContent()) ?? '')?.[1]);
  await expect.poll(async () => Number(/Running… ([\d.]+) s/.exec((await status.textContent()) ?? '')?.[1] ?? -1)).toBeGreaterThan(first);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(status).toContainText('Query canceled.');
  await runQuery(page, 'SELECT 42 AS answer');
  expect(await gridRows(page)).toEqual([['42']]);
});

test('splitters resize the panes by mouse and keyboard, and the sizes come back with the workspace', async ({ page, workbench }) => {
  const sidebarSplitter = page.getByRole('separator', { name: 'Resize the catalog and history pane' });
  const editorSplitter = page.getByRole('separator', { name: 'Resize the editor and results' });
  await expect(sidebarSplitter).toHaveAttribute('aria-valuenow', '22');
  const sidebar = page.locator('aside.sidebar');
  const widthBefore = (await sidebar.boundingBox())?.width ?? 0;
  // Dragging the sidebar's edge to 40 % of the window.
  const viewport = page.viewportSize() ?? { width: 1400, height: 900 };
  const handle = await sidebarSplitter.boundingBox();
  if (!handle) throw new Error('the splitter is not on screen');
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(viewport.width * 0.4, handle.y + handle.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(sidebarSplitter).toHaveAttribute('aria-valuenow', '40');
  expect((await sidebar.boundingBox())?.width ?? 0).toBeGreaterThan(widthBefore + 200);
  // The keyboard: focus, arrows, Home.
  const editorArea = page.locator('.editor-area');
  const heightBefore = (await editorArea.boundingBox())?.height ?? 0;
  await editorSplitter.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(editorSplitter).toHaveAttribute('aria-valuenow', '49');
  expect((await editorArea.boundingBox())?.height ?? 0).toBeGreaterThan(heightBefore + 20);
  await page.keyboard.press('PageDown');
  await expect(editorSplitter).toHaveAttribute('aria-valuenow', '59');
  // Kept with the workspace: a restart brings them back.
  await page.waitForTimeout(1_000);
  await workbench.restart();
  await expect(page.getByRole('separator', { name: 'Resize the catalog and history pane' })).toHaveAttribute('aria-valuenow', '40');
  await expect(page.getByRole('separator', { name: 'Resize the editor and results' })).toHaveAttribute('aria-valuenow', '59');
});

test('a column resizes by dragging its edge and fits its values by a double-click; numbers are never cut', async ({ page }) => {
  await engineReady(page);
  await runQuery(page, "SELECT '-9223372036854775808'::BIGINT AS big, repeat('wide text ', 60) AS long_text");
  const big = page.getByRole('gridcell', { name: '-9223372036854775808' });
  await expect(big).toHaveText('-9223372036854775808');
  // Shown whole: the cell's text fits its width (no ellipsis).
  expect(await big.evaluate((cell) => cell.scrollWidth <= cell.clientWidth)).toBe(true);
  const header = page.getByRole('columnheader', { name: /long_text/ });
  const widthOf = async (): Promise<number> => (await header.boundingBox())?.width ?? 0;
  const before = await widthOf();
  const edge = await header.locator('.result-grid__resize').boundingBox();
  if (!edge) throw new Error('the column edge is not on screen');
  await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
  await page.mouse.down();
  await page.mouse.move(edge.x + edge.width / 2 - 150, edge.y + edge.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect.poll(widthOf).toBeLessThan(before - 140);
  expect(await widthOf()).toBeGreaterThan(before - 160);
  // A double-click fits the column to its values, past the default width cap.
  await header.locator('.result-grid__resize').dblclick();
  await expect.poll(widthOf).toBeGreaterThan(before + 200);
});

test('with no tables the results area welcomes: open, drop, load a sample, or run an example in one click', async ({ page }) => {
  await engineReady(page);
  const welcome = page.locator('.welcome');
  await expect(welcome.getByRole('heading', { name: 'Welcome to Data Lab' })).toBeVisible();
  await expect(welcome.getByRole('button', { name: 'Open a data file…' })).toBeVisible();
  await expect(welcome).toContainText('drop a CSV');
  await expect(welcome.getByRole('button', { name: 'Load Palmer penguins' })).toBeVisible();
  await welcome.getByRole('button', { name: 'Count the penguins of each species' }).click();
  // The sample is loaded, the example's SQL is in a new tab, and its result is on screen.
  await expect(page.getByRole('treeitem', { name: /^penguins 7 columns/ })).toBeVisible();
  await expect(page.locator('.sql-editor')).toContainText('GROUP BY species');
  expect(await gridRows(page)).toEqual([
    ['Adelie', '152', '3701'],
    ['Chinstrap', '68', '3733'],
    ['Gentoo', '124', '5076'],
  ]);
  await expect(welcome).toHaveCount(0);
});

/** Whether two boxes share any area (touching edges do not). */
async function overlap(a: Locator, b: Locator): Promise<boolean> {
  const [one, other] = [await a.boundingBox(), await b.boundingBox()];
  if (!one || !other) throw new Error('a box to compare is not on screen');
  return one.x < other.x + other.width && other.x < one.x + one.width && one.y < other.y + other.height && other.y < one.y + one.height;
}

for (const [locale, browserLocale] of [['en', 'en-US'], ['ar', 'ar-MA']] as const) {
  test.describe(`at 1024×700 in ${browserLocale}`, () => {
    test.use({ locale: browserLocale, viewport: { width: 1024, height: 700 }, permissions: ['clipboard-read', 'clipboard-write'] });
    const t = pageTranslator(locale);

    test('success notices stack in one line of the status bar, never over the grid, keep Undo in the keyboard’s reach, and go', async ({ page }) => {
      test.slow(); // a busy machine
      await engineReady(page);
      await runQuery(page, "SELECT range AS n, repeat('x', 30) AS label FROM range(500)");
      const grid = page.getByRole('grid', { name: t('results.grid') });
      await expect(grid).toBeVisible();
      const statusBar = page.getByRole('contentinfo');
      const line = statusBar.locator('.status-notices').getByRole('status');
      const statusBarHeight = (await statusBar.boundingBox())!.height;

      // Two notices in a row: the line shows the latest and counts the other, which a button lists.
      await (await resultAction(page, t('results.copyAsCsv'))).click();
      const copiedCsv = t('results.copiedRows', { rows: 500, format: 'CSV' });
      await expect(line).toHaveText(copiedCsv);
      expect(await overlap(line, grid), 'the notice covers the grid').toBe(false);
      await (await resultAction(page, t('results.copyAsTsv'))).click();
      await expect(line).toHaveText(t('results.copiedRows', { rows: 500, format: 'TSV' }));
      const others = statusBar.getByRole('button', { name: t('notice.others', { count: 1 }) });
      await others.click();
      const list = page.getByRole('list', { name: t('notice.list') });
      await expect(list.getByRole('listitem')).toHaveText([copiedCsv, t('results.copiedRows', { rows: 500, format: 'TSV' })]);
      // The focus on the button holds the notices while the audit runs.
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await expect(list).toHaveCount(0);
      expect((await statusBar.boundingBox())!.height, 'the status bar grew').toBeLessThanOrEqual(statusBarHeight + 0.5);
      // Elsewhere, and a few seconds later, they are gone.
      await grid.getByRole('gridcell').first().click();
      await expect(line).toHaveText('', { timeout: 30_000 });
      await expect(others).toHaveCount(0);

      // Closing a tab that holds SQL: its notice has Undo, one Shift+Tab away from the language menu.
      await page.getByRole('button', { name: t('editor.newTab') }).click();
      await setEditorText(page, 'SELECT 2 AS second_tab');
      await page.getByRole('button', { name: t('editor.closeActiveTab'), exact: true }).click();
      await expect(grid).toBeVisible();
      const closed = t('tabs.closed', { name: t('editor.defaultTabTitle', { n: 2 }) });
      await expect(line).toContainText(closed);
      expect(await overlap(line, grid), 'the notice covers the grid').toBe(false);
      await statusBar.getByRole('combobox', { name: t('language.label') }).focus();
      await page.keyboard.press('Shift+Tab');
      await expect(line.getByRole('button', { name: t('tabs.undoClose') })).toBeFocused();
      await page.keyboard.press('Enter');
      // The two query tabs, and the Lab's Instructor tab pinned at the row's end.
      await expect(page.getByRole('tablist', { name: t('editor.tabs') }).getByRole('tab').filter({ hasNotText: t('lab.ui.instructor') })).toHaveCount(2);
      await expect(line).toHaveText('');
    });
  });
}
