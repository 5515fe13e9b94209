import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect, engineReady, runQuery, setEditorText } from './fixtures';
import { makeReadOnly, mountsAvailable } from '../support/faultyFolders';

/** A page of another local server, recording the headers of every request it gets. */
async function otherLocalServer(): Promise<{ origin: string; seen: IncomingHttpHeaders[]; close(): Promise<void> }> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    seen.push(request.headers);
    response.setHeader('Content-Type', 'text/html');
    response.end('<!doctype html><title>another local app</title><p>hello</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test('browser mode keeps its credential to its own port: another local page receives none, and cannot use the API', async ({ page, workbench }) => {
  await engineReady(page);
  // The token left the address bar, and the app works after a reload (it is kept for this tab).
  expect(page.url()).not.toContain('token');
  await page.reload();
  await engineReady(page);
  expect(await page.context().cookies()).toEqual([]);

  const other = await otherLocalServer();
  workbench.allowOrigin(other.origin);
  try {
    await page.goto(`${other.origin}/`);
    await expect(page.getByText('hello')).toBeVisible();
    expect(other.seen.length).toBeGreaterThan(0);
    for (const headers of other.seen) {
      expect(headers.cookie).toBeUndefined();
      expect(headers.authorization).toBeUndefined();
    }
    // From that page, the app's API answers nothing readable, with or without credentials.
    const attempts = await page.evaluate(async (app) => {
      const results: string[] = [];
      for (const credentials of ['include', 'omit'] as const) {
        try {
          const response = await fetch(`${app}/api/session`, { credentials });
          results.push(`${response.status}`);
        } catch {
          results.push('blocked');
        }
      }
      return results;
    }, workbench.server.origin);
    expect(attempts).toEqual(['blocked', 'blocked']);
  } finally {
    await other.close();
  }
});

test('a page opened without the printed address says how to get in, and reads nothing', async ({ page, workbench }) => {
  const stranger = await page.context().newPage();
  const apiCalls: number[] = [];
  stranger.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/api/')) apiCalls.push(response.status());
  });
  await stranger.goto(`${workbench.server.origin}/`);
  await expect(stranger.locator('.no-access')).toContainText('Open Data Lab with the address it printed in the terminal');
  expect(apiCalls).toEqual([]);
  await stranger.close();
});

test('in-app SQL cannot read the app’s own API', async ({ page, workbench }) => {
  await engineReady(page);
  await runQuery(page, `SELECT content FROM read_text('${workbench.server.origin}/api/session')`);
  await expect(page.locator('.results-status')).toBeVisible();
  await expect(page.locator('section.results')).not.toContainText('appVersion');
  await runQuery(page, `SELECT content FROM read_text('${workbench.server.origin}/api/fs/roots')`);
  await expect(page.locator('section.results')).not.toContainText(workbench.home);
});

test('a workspace over 64 KiB keeps an edit made less than 400 ms before the page closes', async ({ page, workbench }) => {
  // A 100 KiB query saved by the page itself (typing it would take minutes), then the page reopened.
  const filler = `-- ${'x'.repeat(100)}\n`.repeat(1000);
  const status = await page.evaluate(async (sql) => {
    const token = sessionStorage.getItem('datalab.accessToken');
    const workspace = { version: 1, tabs: [{ id: 'big', title: 'Query 1', sql }], activeTabId: 'big' };
    const response = await fetch('/api/workspace', {
      method: 'PUT',
      body: JSON.stringify(workspace),
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    });
    return response.status;
  }, `SELECT 1 AS first_line\n${filler}`);
  expect(status).toBe(200);
  await page.reload();
  await expect(page.locator('.sql-editor')).toContainText('first_line');
  const file = path.join(workbench.dataDir, 'workspace.json');
  expect((await readFile(file, 'utf8')).length).toBeGreaterThan(100_000);
  await page.getByRole('textbox', { name: 'SQL editor' }).focus();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.insertText('-- last_edit\n');
  // The page goes away at once: its timers (the debounced save, 400 ms) never run, so only the
  // request sent as it closes can save the edit.
  const edited = Date.now();
  const leftAt = await page.evaluate(() => {
    const at = Date.now();
    location.href = 'about:blank';
    return at;
  });
  expect(leftAt - edited).toBeLessThan(400);
  await page.waitForURL('about:blank');
  await expect.poll(async () => (await readFile(file, 'utf8').catch(() => '')).includes('-- last_edit\\nSELECT 1 AS first_line'), { timeout: 10_000 }).toBe(true);
  await page.goto(workbench.server.url);
  await expect(page.locator('.sql-editor')).toContainText('-- last_edit');
});

test('a read-only data folder: the user sees why, and what was typed is saved once it is writable again', async ({ page, workbench }) => {
  test.skip(!mountsAvailable(), 'needs root and mount(8) to make the data folder read-only');
  await engineReady(page);
  await setEditorText(page, 'SELECT 1 AS before_read_only');
  const file = path.join(workbench.dataDir, 'workspace.json');
  await expect.poll(async () => (await readFile(file, 'utf8').catch(() => '')).includes('before_read_only')).toBe(true);
  const undo = makeReadOnly(workbench.dataDir);
  try {
    await setEditorText(page, 'SELECT 2 AS typed_while_read_only');
    const warning = page.locator('.notifications .save-problem');
    await expect(warning).toContainText('Your work is not saved');
    await expect(warning).toContainText('read-only');
    expect(await readFile(file, 'utf8')).toContain('before_read_only');
  } finally {
    undo();
  }
  await expect(page.locator('.notifications .save-problem')).toHaveCount(0, { timeout: 15_000 });
  expect(await readFile(file, 'utf8')).toContain('typed_while_read_only');
});

test('errors of many files are grouped, none dropped', async ({ page, workbench }) => {
  await engineReady(page);
  // Ten bad files, opened through the host as the file browser would: each error must stay reachable.
  const { writeFile } = await import('node:fs/promises');
  const paths: string[] = [];
  for (let i = 1; i <= 10; i++) {
    const file = path.join(workbench.home, `empty-${i}.csv`);
    await writeFile(file, '');
    paths.push(file);
  }
  await workbench.restart(paths);
  await expect(page.getByText(/Earlier messages: 7/)).toBeVisible();
  await page.getByText(/Earlier messages: 7/).click();
  for (let i = 1; i <= 10; i++) await expect(page.getByText(`“empty-${i}.csv” is empty`)).toBeVisible();
});
