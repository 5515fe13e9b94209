import AxeBuilder from '@axe-core/playwright';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { mkdir, open, readFile, writeFile } from 'node:fs/promises';
import { nativeValue, writeOrdersParquet } from '../support/parquetFixtures';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { cancelWithin, clickRun, engineReady, expect, gridRows, longInAppQuery, runQuery, setEditorText, test, typeAndWaitForSave } from './fixtures';

test('the editor is usable at once and the engine becomes ready', async ({ page, workbench }) => {
  const editor = page.getByRole('textbox', { name: 'SQL editor' });
  await editor.focus();
  await page.keyboard.insertText('SELECT 1');
  await expect(page.locator('.sql-editor')).toContainText('SELECT 1');
  await engineReady(page);
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
  expect(workbench.requests.some((url) => url.endsWith('.wasm'))).toBe(true);
});

test('the editor’s code is fetched with the page, not after the page’s own code has run', async ({ page }) => {
  await expect(page.locator('.sql-editor .view-lines')).toBeVisible();
  // Monaco is a chunk of its own (lazyEditors.tsx), preloaded by a <link> in the page's HTML: it is
  // asked for while the entry script is still arriving, not once the entry has run and imports it.
  const timing = await page.evaluate(() => {
    const scripts = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const requested = (pattern: RegExp) => scripts.filter((entry) => pattern.test(entry.name));
    return { entry: requested(/\/assets\/index-[^/]+\.js$/), editors: requested(/\/assets\/editors-[^/]+\.js$/) };
  });
  expect(timing.entry).toHaveLength(1);
  expect(timing.editors).toHaveLength(1);
  expect(timing.editors[0]!.startTime).toBeLessThan(timing.entry[0]!.responseEnd);
});

test('if the editor’s code cannot load, its place says so and the rest of the app works', async ({ page }) => {
  // Routing also turns the page's HTTP cache off, so the reload asks for the chunk again.
  await page.route(/\/assets\/editors-[^/]+\.js$/, (route) => route.abort('failed'));
  await page.reload();
  await expect(page.locator('.sql-editor[role="alert"]')).toHaveText('The SQL editor could not be loaded. Reload the page to try again.');
  await engineReady(page);
  // The welcome screen's example loads its sample and runs without the editor.
  await page.locator('.welcome').getByRole('button', { name: 'Count the penguins of each species' }).click();
  await expect(page.getByRole('treeitem', { name: /^penguins 7 columns/ })).toBeVisible();
  expect(await gridRows(page)).toContainEqual(['Adelie', '152', '3701']);
});

test('before the editor’s code has run, Run, Run all and Format are disabled, and a history entry opened in the current tab replaces its text', async ({ page }) => {
  await engineReady(page);
  await runQuery(page, 'SELECT 41 AS from_history');
  await typeAndWaitForSave(page, 'SELECT 1 AS in_the_tab');
  // The next start's editors' code is held back until the test lets it through.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/editors-[^/]+\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  await page.reload();
  await expect(page.locator('.sql-editor[aria-busy="true"]')).toBeVisible();
  for (const name of ['Run', 'Run all', 'Format']) await expect(page.getByRole('button', { name, exact: true })).toBeDisabled();
  // Shift opens an entry in the other place than the panel's choice (a new tab): the current tab.
  await page.locator('.history-list li').filter({ hasText: 'SELECT 41 AS from_history' }).click({ modifiers: ['Shift'] });
  release();
  await expect(page.locator('.sql-editor .view-lines')).toContainText('SELECT 41 AS from_history');
  await expect(page.getByRole('tab', { name: /^Query \d/ })).toHaveCount(1);
  for (const name of ['Run', 'Run all', 'Format']) await expect(page.getByRole('button', { name, exact: true })).toBeEnabled();
});

test('open a sample dataset, query it, and read the result in the grid', async ({ page }) => {
  await engineReady(page);
  await page.getByRole('treeitem', { name: /^Load Palmer penguins/i }).click();
  await expect(page.getByRole('treeitem', { name: /^penguins 7 columns/ })).toBeVisible();
  await runQuery(page, 'SELECT species, count(*) AS n FROM penguins GROUP BY species ORDER BY species');
  await expect(page.getByRole('grid', { name: 'Query results' })).toHaveAttribute('aria-rowcount', '4');
  expect(await gridRows(page)).toEqual([
    ['Adelie', '152'],
    ['Chinstrap', '68'],
    ['Gentoo', '124'],
  ]);
  await expect(page.getByRole('columnheader', { name: /n\s*BIGINT/ })).toBeVisible();
  await expect(page.locator('.results-status')).toContainText('3 rows in');
  // A double-click on the table opens a query of it in a (preview) tab.
  await page.getByRole('treeitem', { name: /^penguins 7 columns/ }).dblclick();
  await expect(page.locator('.sql-editor')).toContainText('SELECT * FROM "penguins" LIMIT 1000;');
});

test('bad SQL shows DuckDB’s message, marks the spot, and the app keeps working', async ({ page }) => {
  await engineReady(page);
  await runQuery(page, 'SELECT 1,\n  2 FORM nowhere');
  const error = page.locator('.query-error');
  await expect(error).toContainText('Parser Error: syntax error at or near "nowhere"');
  await expect(page.locator('.sql-editor .squiggly-error')).toHaveCount(1);
  await runQuery(page, "SELECT 'still here' AS message");
  expect(await gridRows(page)).toEqual([['still here']]);
  await expect(error).toHaveCount(0);
});

test('Ctrl+Enter runs the statement under the cursor; Shift+Ctrl+Enter runs them all', async ({ page }) => {
  await engineReady(page);
  await setEditorText(page, 'SELECT 1 AS first;\nSELECT 2 AS second;');
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByRole('columnheader', { name: /first/ })).toBeVisible();
  await page.keyboard.press('Shift+ControlOrMeta+Enter');
  await expect(page.getByRole('columnheader', { name: /second/ })).toBeVisible();
  await expect(page.locator('.results-status')).toContainText('Statement 2 of 2');
  await runQuery(page, 'SELECT 1 AS x WHERE false');
  await expect(page.getByText('The query returned no rows.')).toBeVisible();
  await expect(page.getByRole('columnheader', { name: /x\s*INTEGER/ })).toBeVisible();
});

test('a quick run replaces the last result directly, with no empty "Running…" panel or busy toolbar in between', async ({ page }) => {
  await engineReady(page);
  await runQuery(page, 'SELECT 1 AS first');
  expect(await gridRows(page)).toEqual([['1']]);
  // Records, from now on, whether the grid ever leaves the page or the panel says "Running…", and
  // whether Run is ever disabled or Cancel enabled (the toolbar of a run shown as busy).
  await page.evaluate(() => {
    const seen = { emptied: false, busy: false };
    (window as unknown as { quickRun: typeof seen }).quickRun = seen;
    const button = (name: string) => [...document.querySelectorAll<HTMLButtonElement>('.editor-actions button')].find((b) => b.textContent === name);
    const toolbar = [button('Run'), button('Cancel')];
    if (toolbar.some((b) => !b) || toolbar[0]?.disabled || !toolbar[1]?.disabled) throw new Error('Run and Cancel are not found, or not idle');
    new MutationObserver((records) => {
      if (!document.querySelector('[role="grid"]') || document.querySelector('.results-status')?.textContent?.includes('Running')) seen.emptied = true;
      // Any change to Run's or Cancel's disabled state, however brief.
      if (records.some((record) => record.type === 'attributes' && toolbar.includes(record.target as HTMLButtonElement))) seen.busy = true;
    }).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['disabled'] });
  });
  await runQuery(page, 'SELECT 2 AS second');
  expect(await gridRows(page)).toEqual([['2']]);
  expect(await page.evaluate(() => (window as unknown as { quickRun: { emptied: boolean; busy: boolean } }).quickRun)).toEqual({ emptied: false, busy: false });
});

test('a long run shows Run and the engine switch disabled and Cancel enabled until it ends', async ({ page }) => {
  await engineReady(page);
  await runQuery(page, longInAppQuery);
  await expect(page.getByRole('button', { name: 'Cancel', exact: true })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: /^Engine: In-app/ })).toBeDisabled();
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
  await expect(page.getByRole('button', { name: /^Engine: In-app/ })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Cancel', exact: true })).toBeDisabled();
});

test('Cancel stops a long query and the engine answers right after', async ({ page }) => {
  await engineReady(page);
  await runQuery(page, longInAppQuery);
  await cancelWithin(page, 3_000);
  // Stopped by DuckDB's own cancel: the worker was kept.
  await expect(page.getByText('The SQL engine was restarted', { exact: false })).toHaveCount(0);
  await runQuery(page, 'SELECT 42 AS answer');
  expect(await gridRows(page)).toEqual([['42']]);
});

test('Cancel replaces an in-app engine that cannot stop, within 3 s, and loads the tables again', async ({ page }) => {
  await engineReady(page);
  await page.getByRole('treeitem', { name: /^Load Palmer penguins/i }).click();
  await expect(page.getByRole('treeitem', { name: /^penguins 7 columns/ })).toBeVisible();
  // One expression that runs for seconds in a single call into the engine (about 7 s each here):
  // the worker never reads DuckDB's cancel message meanwhile, so the engine gives up on it and
  // starts a fresh worker. (Statements that work in steps, like the cross join above, stop at once.)
  await runQuery(page, "SELECT sha256(repeat('x', 600000000)) AS a, sha256(repeat('y', 600000000)) AS b");
  await cancelWithin(page, 3_000);
  await expect(page.getByText('The SQL engine was restarted; your tables were loaded again.')).toBeVisible();
  await runQuery(page, 'SELECT count(*) AS n FROM penguins');
  expect(await gridRows(page)).toEqual([['344']]);
});

test('values of every common type are shown faithfully', async ({ page }) => {
  await engineReady(page);
  await runQuery(
    page,
    `SELECT 9223372036854775807::BIGINT AS big, 170141183460469231731687303715884105727::HUGEINT AS huge,
      123.450::DECIMAL(10,3) AS dec, DATE '1969-12-31' AS d, TIMESTAMP '2024-03-01 12:34:56.789' AS ts,
      NULL AS nothing, 'NULL' AS text_null, [1, 2, NULL] AS list, {'a': 1, 'b': 'x'} AS struct`,
  );
  const [row] = await gridRows(page);
  expect(row).toEqual(['9223372036854775807',
    '170141183460469231731687303715884105727',
    '123.450',
    '1969-12-31',
    '2024-03-01 12:34:56.789',
    'NULL',
    'NULL',
    '[1, 2, NULL]',
    "{'a': 1, 'b': x}",
  ]);
  // NULL is styled apart from the string 'NULL'.
  const cells = page.getByRole('grid', { name: 'Query results' }).getByRole('gridcell');
  await expect(cells.nth(5)).toHaveClass(/cell-null/);
  await expect(cells.nth(6)).not.toHaveClass(/cell-null/);
});

test.describe('files named on the command line', () => {
  test('are opened at start: French decimal commas, Arabic names, Arrow streams', async ({ page, workbench }) => {
    await mkdir(workbench.home, { recursive: true });
    await writeFile(path.join(workbench.home, 'ventes été.csv'), '\uFEFFproduit;prix;quantité\r\nÉclair;3,50;2\r\nCafé;1,20;10\r\n');
    await writeFile(path.join(workbench.home, 'مبيعات.csv'), 'city,amount\nالقاهرة,12\nتونس,7\n');
    // Arrow IPC in the stream format (the sample dataset covers the file format).
    const events = tableFromArrays({ id: Int32Array.from([1, 2, 3]), label: ['a', 'b', null] });
    await writeFile(path.join(workbench.home, 'events.arrows'), tableToIPC(events, 'stream'));
    await workbench.restart(['ventes été.csv', 'مبيعات.csv', 'events.arrows'].map((name) => path.join(workbench.home, name)));
    await engineReady(page);
    await expect(page.getByRole('treeitem', { name: /^ventes_été 3 columns/ })).toBeVisible();
    await expect(page.getByRole('treeitem', { name: /^مبيعات 2 columns/ })).toBeVisible();
    await runQuery(page, 'SELECT produit, prix * quantité AS total FROM ventes_été ORDER BY produit');
    expect(await gridRows(page)).toEqual([
      ['Café', '12.0'],
      ['Éclair', '7.0'],
    ]);
    await runQuery(page, 'SELECT sum(amount) AS s FROM مبيعات');
    expect(await gridRows(page)).toEqual([['19']]);
    await runQuery(page, 'SELECT sum(id) AS total, count(label) AS labelled FROM events');
    expect(await gridRows(page)).toEqual([['6', '2']]);
  });
});

test('a broken file gets a clear message naming it, and nothing loaded or typed is lost', async ({ page, workbench }) => {
  await writeFile(path.join(workbench.home, 'good.csv'), 'x\n1\n2\n');
  await writeFile(path.join(workbench.home, 'broken.csv'), Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0xff, 0xfe, 0x2c, 0x32, 0x0a]));
  await writeFile(path.join(workbench.home, 'empty.csv'), '');
  await writeFile(path.join(workbench.home, 'ragged.csv'), 'name,age,city\nAnn,31,Paris\nBob,42\nCid,25,Lyon\n');
  await writeFile(path.join(workbench.home, 'quotes.csv'), 'name,comment\nAnn,"fine"\nBob,"never closed\nCid,ok\n');
  await engineReady(page);
  await setEditorText(page, 'SELECT 123 -- my work');

  const openFile = async (name: string): Promise<void> => {
    await page.getByRole('button', { name: 'Open file…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open a file' });
    await dialog.getByRole('option', { name: new RegExp(name.replace('.', '\\.')) }).dblclick();
    await expect(dialog).toBeHidden();
  };
  await openFile('good.csv');
  await expect(page.getByRole('treeitem', { name: /^good 1 column/ })).toBeVisible();

  await openFile('broken.csv');
  await expect(page.getByRole('alert').filter({ hasText: 'Could not load “broken.csv”' })).toContainText('not utf-8 encoded');

  await openFile('empty.csv');
  await expect(page.getByRole('alert').filter({ hasText: '“empty.csv” is empty' })).toBeVisible();

  await openFile('ragged.csv');
  await expect(page.getByRole('alert').filter({ hasText: 'Could not load “ragged.csv”' })).toContainText(
    'Line 3 has 2 fields but the header has 3',
  );
  await openFile('quotes.csv');
  await expect(page.getByRole('alert').filter({ hasText: 'Could not load “quotes.csv”' })).toContainText(
    'The quote opened on line 3 is never closed',
  );
  await expect(page.getByRole('treeitem', { name: /^ragged|^quotes/ })).toHaveCount(0);

  await expect(page.getByRole('treeitem', { name: /^good 1 column/ })).toBeVisible();
  await expect(page.locator('.sql-editor')).toContainText('SELECT 123 -- my work');
  await clickRun(page);
  expect(await gridRows(page)).toEqual([['123']]);
});

test('editor tabs and history survive a restart', async ({ page, workbench }) => {
  await engineReady(page);
  await runQuery(page, 'SELECT 7 AS lucky');
  await page.getByRole('button', { name: 'New tab' }).click();
  await setEditorText(page, 'SELECT 8 AS second_tab');
  await page.waitForTimeout(800); // the workspace is saved shortly after typing stops
  await workbench.restart();
  await expect(page.getByRole('tab', { name: 'Query 2' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.sql-editor')).toContainText('SELECT 8 AS second_tab');
  await page.getByRole('tab', { name: 'Query 1' }).click();
  await expect(page.locator('.sql-editor')).toContainText('SELECT 7 AS lucky');
  await page.getByRole('searchbox', { name: 'Search history' }).fill('lucky');
  await expect(page.locator('.history-list').getByRole('option')).toHaveCount(1);
});

/**
 * Holds the page's animation frames from now on: the run's history entry waits for the frame after
 * its result is painted, and a page closed or hidden within that frame is made here by a frame
 * that does not come (a test cannot close a page within 16 ms of a run's end).
 */
async function holdFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const held: FrameRequestCallback[] = [];
    (window as unknown as { heldFrames: FrameRequestCallback[] }).heldFrames = held;
    window.requestAnimationFrame = (callback) => held.push(callback);
  });
}

const heldFrameCount = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { heldFrames: unknown[] }).heldFrames.length);

/** Runs `sql` with the page's animation frames held: its result is in, the frame after it has not come. */
async function runWithFramesHeld(page: Page, sql: string): Promise<void> {
  await engineReady(page);
  await setEditorText(page, sql);
  await holdFrames(page);
  await clickRun(page);
  await expect.poll(() => heldFrameCount(page)).toBeGreaterThan(0);
}

test('a run’s history entry is written when the page reloads before the frame after its result', async ({ page, workbench }) => {
  await runWithFramesHeld(page, 'SELECT 9 AS reloaded_within_a_frame');
  await page.reload();
  const historyFile = path.join(workbench.dataDir, 'history.json');
  await expect.poll(() => readFile(historyFile, 'utf8').catch(() => '')).toContain('reloaded_within_a_frame');
  await page.reload();
  await expect(page.locator('.history-list')).toContainText('SELECT 9 AS reloaded_within_a_frame');
});

test('a run’s history entry is written when the page is hidden before the frame after its result', async ({ page, workbench }) => {
  await runWithFramesHeld(page, 'SELECT 10 AS hidden_within_a_frame');
  // Headless Chromium keeps its pages visible (another tab brought to the front, a minimized
  // window): the page is told it is hidden as the browser tells it.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect(page.locator('.history-list')).toContainText('SELECT 10 AS hidden_within_a_frame');
  await expect.poll(() => readFile(path.join(workbench.dataDir, 'history.json'), 'utf8').catch(() => '')).toContain('hidden_within_a_frame');
});

test('an edit typed just before a reload comes back: the reloaded page asks for the workspace after the old page’s last save', async ({ page }) => {
  await engineReady(page);
  await typeAndWaitForSave(page, 'SELECT 1 AS saved_before');
  // Reloaded before the usual save: the edit leaves in the closing save (a keepalive request that
  // tests cannot see or hold), which the new page names when it asks for the workspace. Which of
  // the two reaches the host first is the race the unit tests of the host decide.
  const reloadAsks = page.waitForRequest((request) => {
    const url = new URL(request.url());
    return url.pathname === '/api/workspace' && request.method() === 'GET' && /^[0-9a-f-]{36}$/.test(url.searchParams.get('closingSave') ?? '');
  });
  await setEditorText(page, 'SELECT 2 AS typed_just_before_reload');
  await page.reload();
  await reloadAsks;
  await expect(page.locator('.sql-editor')).toContainText('SELECT 2 AS typed_just_before_reload');
  // Only the first load after a closing save waits for it.
  const later = page.waitForRequest((request) => new URL(request.url()).pathname === '/api/workspace' && request.method() === 'GET');
  await typeAndWaitForSave(page, 'SELECT 3 AS saved_normally');
  await page.reload();
  expect(new URL((await later).url()).searchParams.has('closingSave')).toBe(false);
  await expect(page.locator('.sql-editor')).toContainText('SELECT 3 AS saved_normally');
});

test('a save still on its way when the page reloads, landing after the closing save, does not bring back the older text', async ({ page, workbench }) => {
  await engineReady(page);
  await typeAndWaitForSave(page, 'SELECT 1 AS saved_before');
  // The next debounced save is held on its way; the test delivers it to the host itself, late.
  let held: { url: string; headers: Record<string, string>; body: string } | null = null;
  const workspaceSaves = (url: URL): boolean => url.pathname === '/api/workspace';
  await page.route(
    workspaceSaves,
    async (route) => {
      const request = route.request();
      if (request.method() !== 'PUT' || !(request.postData() ?? '').includes('in_flight')) return route.fallback();
      const headers = await request.allHeaders();
      held = { url: request.url(), headers: { authorization: headers.authorization ?? '', 'content-type': 'application/json' }, body: request.postData() ?? '' };
      // Never answered: the page closes with it in flight.
    },
  );
  await setEditorText(page, 'SELECT 2 AS in_flight');
  await expect.poll(() => held !== null).toBe(true);
  await setEditorText(page, 'SELECT 3 AS typed_last');
  // The closing save (a keepalive patch) carries the last edit; the reloaded page waits for it.
  await page.reload();
  await expect(page.locator('.sql-editor')).toContainText('SELECT 3 AS typed_last');
  await page.unroute(workspaceSaves);

  // Now the older save reaches the host, after the closing save: left out.
  const late = await page.request.fetch(held!.url, { method: 'PUT', headers: held!.headers, data: held!.body });
  expect(late.ok()).toBe(true);
  expect(await readFile(path.join(workbench.dataDir, 'workspace.json'), 'utf8')).toContain('typed_last');
  await page.reload();
  await expect(page.locator('.sql-editor')).toContainText('SELECT 3 AS typed_last');
  expect(await late.json()).toMatchObject({ superseded: true });
});

test('a long column name is cut in its header, never the sort mark after it', async ({ page }) => {
  await engineReady(page);
  await runQuery(page, `SELECT 1 AS ${'a_very_long_column_name_'.repeat(4)}x, 2 AS b`);
  const header = page.getByRole('columnheader', { name: /^a_very_long/ });
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const name = header.locator('.result-grid__colname bdi');
  expect(await name.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
  const [box, mark] = [await header.boundingBox(), await header.locator('.result-grid__sortmark').boundingBox()];
  expect(mark!.width).toBeGreaterThan(0);
  expect(mark!.x + mark!.width).toBeLessThanOrEqual(box!.x + box!.width);
});

test('Format rewrites the SQL with DuckDB’s dialect', async ({ page }) => {
  await setEditorText(page, 'select a,b from t where a>1');
  await page.getByRole('button', { name: 'Format' }).click();
  await expect(page.locator('.sql-editor .view-lines')).toContainText('SELECT');
  await expect(page.locator('.sql-editor .view-lines')).toContainText('WHERE');
});

test('Parquet is refused at once with a clear message instead of a download', async ({ page, workbench }) => {
  await engineReady(page);
  await runQuery(page, "SELECT * FROM read_parquet('x.parquet')");
  await expect(page.locator('.query-error')).toContainText('parquet');
  expect(workbench.requests.filter((url) => url.includes('extensions'))).toEqual([]);
});

test('a large file shows a progress bar while it loads', async ({ page, workbench }) => {
  const rows = Array.from({ length: 400_000 }, (_, i) => `${i},${(i * 7) % 1000},name ${i},2024-01-${String((i % 28) + 1).padStart(2, '0')}`);
  await writeFile(path.join(workbench.home, 'big.csv'), `id,score,name,day\n${rows.join('\n')}\n`);
  await engineReady(page);
  await page.getByRole('button', { name: 'Open file…' }).click();
  await page.getByRole('dialog', { name: 'Open a file' }).getByRole('option', { name: /big\.csv/ }).dblclick();
  // The load's own entry, above the catalog (the status bar shows the same progress).
  await expect(page.getByRole('region', { name: 'Loads and files not loaded' }).getByRole('progressbar', { name: 'Loading big.csv…' })).toBeVisible();
  await expect(page.getByRole('treeitem', { name: /^big 4 columns/ })).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await runQuery(page, 'SELECT count(*) AS n, max(day) AS last_day FROM big');
  expect(await gridRows(page)).toEqual([['400000', '2024-01-28']]);
});

test('the main flow works from the keyboard alone', async ({ page }) => {
  await engineReady(page);
  // Into the catalog tree, down to a sample, Enter loads it.
  const tree = page.getByRole('tree', { name: 'Datasets and tables' });
  await tree.getByRole('treeitem').first().focus();
  await page.keyboard.press('End');
  await expect(tree.getByRole('treeitem', { name: /^Load Gapminder/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(tree.getByRole('treeitem', { name: /^gapminder 6 columns/ })).toBeVisible();
  // Open the table's columns with the arrow keys.
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await expect(tree.getByRole('treeitem', { name: /^gapminder 6 columns/ })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(tree.getByRole('treeitem', { name: 'country VARCHAR' })).toBeVisible();
  // Write and run a query with Ctrl+Enter, then walk the grid and copy a cell.
  await setEditorText(page, 'SELECT country, pop FROM gapminder WHERE year = 2005 ORDER BY pop DESC LIMIT 3');
  await page.keyboard.press('ControlOrMeta+Enter');
  const grid = page.getByRole('grid', { name: 'Query results' });
  await expect(grid).toHaveAttribute('aria-rowcount', '4');
  await grid.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.keyboard.press('ControlOrMeta+C');
  await expect(page.getByRole('status').filter({ hasText: 'Copied.' }).first()).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const rows = await gridRows(page);
  expect(rows.flat()).toContain(copied);
});

test('the editor completes table, column and function names', async ({ page }) => {
  await engineReady(page);
  await page.getByRole('treeitem', { name: /^Load Palmer penguins/i }).click();
  await expect(page.getByRole('treeitem', { name: /^penguins 7 columns/ })).toBeVisible();
  await setEditorText(page, 'SELECT * FROM ');
  await page.keyboard.type('pengu');
  const suggestions = page.locator('.suggest-widget');
  await expect(suggestions).toContainText('penguins');
  await page.keyboard.press('Escape');
  await setEditorText(page, 'SELECT penguins.');
  await page.keyboard.press('Control+Space');
  await expect(suggestions).toContainText('flipper_length_mm');
  await page.keyboard.press('Escape');
  await setEditorText(page, 'SELECT regexp_ext');
  await page.keyboard.press('Control+Space');
  await expect(suggestions).toContainText('regexp_extract');
});

test('Parquet and JSON files open through native DuckDB with their types intact', async ({ page, workbench }) => {
  await writeOrdersParquet(path.join(workbench.home, 'orders.parquet'), 150_000);
  await writeFile(path.join(workbench.home, 'people.ndjson'), '{"name":"Ada","born":1815,"langs":["en","fr"]}\n{"name":"Alan","born":1912,"langs":[]}\n');
  await engineReady(page);
  for (const name of ['orders.parquet', 'people.ndjson']) {
    await page.getByRole('button', { name: 'Open file…' }).click();
    await page.getByRole('dialog', { name: 'Open a file' }).getByRole('option', { name: new RegExp(name.replace('.', '\\.')) }).dblclick();
  }
  await expect(page.getByRole('treeitem', { name: /^orders 6 columns/ })).toBeVisible();
  await expect(page.getByRole('treeitem', { name: /^people 3 columns/ })).toBeVisible();
  await runQuery(page, 'SELECT count(*) AS n, sum(o_totalprice) AS total, min(o_orderdate) AS first FROM orders');
  await expect(page.getByRole('columnheader', { name: /total\s*DECIMAL\(38,2\)/ })).toBeVisible();
  // The exact DECIMAL sum, as native DuckDB computes it straight from the file.
  const total = await nativeValue(`SELECT sum(o_totalprice)::VARCHAR FROM read_parquet('${path.join(workbench.home, 'orders.parquet')}')`);
  expect(await gridRows(page)).toEqual([['150000', total, '1992-01-01']]);
  await runQuery(page, 'SELECT name, langs FROM people ORDER BY born');
  expect(await gridRows(page)).toEqual([
    ['Ada', '[en, fr]'],
    ['Alan', '[]'],
  ]);
});

test('every control has an accessible name and the page has no WCAG A/AA violations', async ({ page }) => {
  await engineReady(page);
  await page.getByRole('treeitem', { name: /^Load Palmer penguins/i }).click();
  await expect(page.getByRole('treeitem', { name: /^penguins 7 columns/ })).toBeVisible();
  await runQuery(page, 'SELECT * FROM penguins LIMIT 50');
  await expect(page.getByRole('grid', { name: 'Query results' })).toBeVisible();
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    // Monaco draws its own text layer; its internals are Monaco's, not ours.
    .exclude('.sql-editor .monaco-editor .view-lines')
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);
});

test('a CSP that forbids WebAssembly is reported at once instead of hanging the engine', async ({ page, workbench }) => {
  // Strip 'wasm-unsafe-eval' from every response's policy, page and worker alike.
  await page.route(`${workbench.server.origin}/**`, async (route) => {
    if (route.request().url().endsWith('/api/events')) return route.continue();
    // A request still in flight when the test ends finds the server gone: drop it quietly.
    const response = await route.fetch().catch(() => null);
    if (!response) return route.abort().catch(() => undefined);
    const headers = { ...response.headers() };
    headers['content-security-policy'] = (headers['content-security-policy'] ?? '').replace(" 'wasm-unsafe-eval'", '');
    await route.fulfill({ response, headers });
  });
  await page.goto(workbench.server.origin);
  const started = Date.now();
  await expect(page.getByRole('alert').filter({ hasText: 'WebAssembly is blocked' })).toContainText(
    'WebAssembly is blocked by this page’s security policy, so the SQL engine cannot start.',
    { timeout: 10_000 },
  );
  expect(Date.now() - started).toBeLessThan(10_000);
});

test('a result copies to the clipboard as CSV, TSV or Markdown, NULL kept apart from the text', async ({ page }) => {
  await engineReady(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await runQuery(page, `SELECT * FROM (VALUES (1, 'a, "b"'), (2, NULL), (3, 'NULL')) t(id, note) ORDER BY id`);
  const copy = page.getByRole('group', { name: 'Result actions' });
  await copy.getByRole('button', { name: 'Copy as CSV' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied 3 rows as CSV.' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('id,note\r\n1,"a, ""b"""\r\n2,\r\n3,NULL\r\n');
  await copy.getByRole('button', { name: 'Copy as Markdown' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied 3 rows as Markdown.' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    '| id | note |\n| --- | --- |\n| 1 | a, "b" |\n| 2 | *NULL* |\n| 3 | NULL |\n',
  );
});

test('a file too large for the in-app engine is refused before any of it is read, and the native engine offered', async ({ page, workbench }) => {
  // The native engine reads through 3 GB of zeros before it refuses the file: about 30 s here.
  test.setTimeout(180_000);
  // A sparse file: 3 GB to the file system, almost nothing on disk (a header and one row, then zeros).
  const handle = await open(path.join(workbench.home, 'huge.csv'), 'w');
  await handle.write('id,name\n1,first\n');
  await handle.truncate(3 * 2 ** 30);
  await handle.close();
  await engineReady(page);
  await page.getByRole('button', { name: 'Open file…' }).click();
  await page.getByRole('dialog', { name: 'Open a file' }).getByRole('option', { name: /huge\.csv/ }).dblclick();
  // The estimate (size on disk × the measured CSV factor) against the engine's real budget.
  await expect(page.getByRole('alert').filter({ hasText: 'huge.csv' })).toContainText(
    /“huge\.csv” would take about 6\.6 GB in the in-app engine, which has room for [\d.]+ GB/,
  );
  expect(workbench.requests.filter((url) => url.includes('/content'))).toEqual([]);
  // Taking the offer switches engines, and the native engine tries the file where it is: this one
  // is three gigabytes of zeros after its first line, which it refuses with a message of a
  // readable length.
  await page.getByRole('alert').getByRole('button', { name: 'Open on the native engine', exact: true }).click();
  await expect(page.getByRole('button', { name: /^Engine: Native/ })).toBeVisible();
  const refusal = page.getByRole('alert').filter({ hasText: 'Could not load “huge.csv”' });
  await expect(refusal).toContainText('Invalid Input Error: CSV Error on Line: 1', { timeout: 120_000 });
  expect((await refusal.innerText()).length).toBeLessThan(12_000);
});
