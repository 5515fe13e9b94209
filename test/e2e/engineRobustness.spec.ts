/**
 * Files and statements that used to crash the engine, tear a table or report a wrong status, as a
 * user meets them in the page: each gives a message naming the file, and the app keeps working.
 */
import { open, readFile, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { engineReady, expect, gridRows, openFile, runQuery, test } from './fixtures';

const gapminder = fileURLToPath(new URL('../../datasets/gapminder.arrow', import.meta.url));

async function switchToNative(page: Page): Promise<void> {
  await engineReady(page);
  await page.getByRole('button', { name: /^Engine: In-app \(WebAssembly\)\. Switch to Native/ }).click();
  await expect(page.getByRole('button', { name: /^Engine: Native \(multi-core, larger than memory\)/ })).toBeVisible();
  await engineReady(page);
}

/**
 * Runs `change` when the host has answered the page's request for a file's bytes (status and
 * headers sent) and before the page takes the body: the file changes midway through the load every
 * time, where a test that waits and then changes the file would race the read (a quiet machine
 * reads 100 MiB before the test can touch it). Chromium holds the response until `change` is done;
 * the host's read then meets the changed file, as it would if another program wrote it.
 */
async function changeFileMidLoad(page: Page, change: () => Promise<void>): Promise<void> {
  const session = await page.context().newCDPSession(page);
  session.on('Fetch.requestPaused', (event: { requestId: string; request: { method: string } }) => {
    void (async () => {
      if (event.request.method === 'GET') await change();
      await session.send('Fetch.continueResponse', { requestId: event.requestId });
    })();
  });
  await session.send('Fetch.enable', { patterns: [{ urlPattern: '*/api/datasets/*/content*', requestStage: 'Response' }] });
}

const crashingJson = '['.repeat(10_000) + ']'.repeat(10_000);
const tooDeep = (file: string) => `“${file}” nests arrays or objects more than 256 levels deep. DuckDB cannot read such a file without crashing, so it was not opened.`;

for (const engine of ['in-app', 'native'] as const) {
  test(`a JSON file nested deep enough to crash DuckDB is refused by name on the ${engine} engine; tables and engine stay`, async ({ page, workbench }) => {
    await writeFile(path.join(workbench.home, 'good.csv'), 'x\n1\n2\n');
    await writeFile(path.join(workbench.home, 'deep.json'), crashingJson);
    if (engine === 'native') await switchToNative(page);
    else await engineReady(page);
    await openFile(page, 'good.csv');
    await expect(page.getByRole('treeitem', { name: /^good 1 column/ })).toBeVisible();
    await openFile(page, 'deep.json');
    await expect(page.getByRole('alert').filter({ hasText: '“deep.json”' })).toContainText(tooDeep('deep.json'));
    await runQuery(page, 'SELECT count(*) AS n FROM good');
    expect(await gridRows(page)).toEqual([['2']]);
  });
}

test('json_structure on deep nesting crashes the native process: the page says so, and the next statement works with the tables', async ({ page, workbench }) => {
  await writeFile(path.join(workbench.home, 'good.csv'), 'x\n1\n2\n');
  await switchToNative(page);
  await openFile(page, 'good.csv');
  await expect(page.getByRole('treeitem', { name: /^good 1 column/ })).toBeVisible();
  // chr(91) and chr(93) are [ and ]: the editor would close brackets typed inside quotes.
  await runQuery(page, 'SELECT json_structure(repeat(chr(91), 100000) || repeat(chr(93), 100000)) AS s');
  await expect(page.locator('section.results')).toContainText('The native DuckDB process stopped unexpectedly (SIGSEGV)');
  await runQuery(page, 'SELECT count(*) AS n FROM good');
  expect(await gridRows(page)).toEqual([['2']]);
});

test('Cancel during a streaming native result says the result is incomplete, not complete with a partial count', async ({ page }) => {
  await switchToNative(page);
  await runQuery(page, 'SELECT * FROM range(1000000000000) t(i)');
  await expect(page.getByRole('grid', { name: 'Query results' })).toBeVisible();
  await expect(page.locator('.results-status')).toContainText('computing', { ignoreCase: true });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('.results-status')).toContainText(/Query canceled\. The result is incomplete: only the first [\d,]+ rows were kept\./);
  await expect(page.locator('.results-status')).not.toContainText(/rows in \d/);
  await runQuery(page, 'SELECT 42 AS answer');
  expect(await gridRows(page)).toEqual([['42']]);
});

test('a damaged or truncated Arrow file is refused by name with the reason on both engines', async ({ page, workbench }) => {
  const good = await readFile(gapminder);
  await writeFile(path.join(workbench.home, 'half.arrow'), good.subarray(0, good.length >> 1));
  await engineReady(page);
  await openFile(page, 'half.arrow');
  const truncated = 'the Arrow IPC file ends early (its end marker is missing): it was cut short, or is still being written.';
  await expect(page.getByRole('alert').filter({ hasText: 'Could not load “half.arrow”' })).toContainText(truncated);
  await expect(page.getByRole('alert').filter({ hasText: 'Cannot read properties' })).toHaveCount(0);
  await switchToNative(page);
  await openFile(page, 'half.arrow');
  await expect(page.getByRole('alert').filter({ hasText: '“half.arrow”' }).last()).toContainText(truncated);
});

test('a file truncated while the in-app engine reads it says so, naming it; nothing torn is kept', async ({ page, workbench }) => {
  test.setTimeout(180_000);
  const file = path.join(workbench.home, 'growing.csv');
  // A sparse file of 100 MiB, cut short once the host has started sending it.
  await writeFile(file, 'x\n');
  await truncate(file, 100 * 2 ** 20);
  await engineReady(page);
  await changeFileMidLoad(page, () => truncate(file, 2 ** 20));
  await openFile(page, 'growing.csv');
  await expect(page.getByRole('alert').filter({ hasText: '“growing.csv”' })).toContainText(
    /“growing\.csv” ended early while it was being read \([\d,]+ of 104,857,600 bytes arrived\)/,
    { timeout: 120_000 },
  );
  await expect(page.getByRole('treeitem', { name: /^growing/ })).toHaveCount(0);
});

test('a file rewritten while the in-app engine loads it says it changed; nothing torn is kept', async ({ page, workbench }) => {
  test.setTimeout(180_000);
  const file = path.join(workbench.home, 'rewritten.csv');
  // A sparse file of 100 MiB, rewritten once the host has started sending it: same size, other
  // bytes, so only the modification time tells.
  await writeFile(file, 'x\n');
  await truncate(file, 100 * 2 ** 20);
  await engineReady(page);
  await changeFileMidLoad(page, async () => {
    const handle = await open(file, 'r+');
    await handle.write('y\n', 0);
    await handle.close();
  });
  await openFile(page, 'rewritten.csv');
  await expect(page.getByRole('alert').filter({ hasText: '“rewritten.csv”' })).toContainText('“rewritten.csv” changed or disappeared while it was being loaded.', {
    timeout: 120_000,
  });
  await expect(page.getByRole('treeitem', { name: /^rewritten/ })).toHaveCount(0);
});
