import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startAppServer, type AppServer } from './appServer';
import { createTranslator, locales, matchLocale, type Locale, type MessageKey, type MessageParams, type Translate } from '../../shared/i18n/translate';

/** The page's own translator (renderer/src/i18n/i18n.ts): parameters isolated in Arabic, as the page writes them. */
export function pageTranslator(locale: Locale): Translate {
  return createTranslator(locale, { isolateParams: true });
}

/**
 * A control's text in the page's own language, from the catalogs: tests run with Playwright's
 * `locale` option and find controls by their translated names (the page's <html lang> says which).
 */
export async function textOf(page: Page, key: MessageKey, params?: MessageParams): Promise<string> {
  const lang = await page.evaluate(() => document.documentElement.lang);
  return pageTranslator(matchLocale([lang]))(key, params);
}

export interface Workbench {
  server: AppServer;
  home: string;
  dataDir: string;
  /** Every URL the page requested, to prove nothing left the app's origin. */
  requests: string[];
  /** Starts (or restarts) browser mode with these files on its command line and opens the page. */
  restart(files?: string[]): Promise<void>;
  /** Accepts requests to another local origin that a test serves itself (an attacker's page, say). */
  allowOrigin(origin: string): void;
}

const editorLabels = new RegExp(`^(${locales.map((locale) => createTranslator(locale)('editor.label')).join('|')})$`);

/** Starts browser mode for each test, opens the app, and fails the test if any request leaves the app's origin. */
export const test = base.extend<{ workbench: Workbench; filesOnCommandLine: string[] }>({
  filesOnCommandLine: [[], { option: true }],
  // Automatic: every test gets a running app, whether or not it names the fixture.
  workbench: [async ({ page, filesOnCommandLine }, use) => {
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'datalab-e2e-'));
    const home = path.join(scratch, 'home');
    const dataDir = path.join(scratch, 'data');
    const requests: string[] = [];
    /** Every origin browser mode had: a restart picks a new port. */
    const origins = new Set<string>();
    page.on('request', (request) => requests.push(request.url()));
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
    // Anything not for the app's own origin is refused before it reaches the network.
    await page.context().route(
      (url) => !['127.0.0.1'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol),
      (route) => route.abort('blockedbyclient'),
    );
    const workbench: Workbench = {
      server: undefined as unknown as AppServer,
      home,
      dataDir,
      requests,
      allowOrigin: (origin) => origins.add(origin),
      async restart(files = []) {
        // Leave the page first, so the old page's requests do not fail as its server stops.
        await page.goto('about:blank');
        await workbench.server?.stop();
        workbench.server = await startAppServer({ home, dataDir, files });
        origins.add(workbench.server.origin);
        await page.goto(workbench.server.url);
        // Monaco's text input is a 1-pixel element; the editor is ready when it is in the page.
        // In any language: the workspace's choice may differ from the browser's.
        await expect(page.getByRole('textbox', { name: editorLabels })).toBeAttached();
        await expect(page.locator('.sql-editor .view-lines')).toBeVisible();
      },
    };
    await workbench.restart(filesOnCommandLine.map((file) => (path.isAbsolute(file) ? file : path.join(home, file))));
    await use(workbench);
    await page.goto('about:blank');
    await workbench.server.stop();
    await rm(scratch, { recursive: true, force: true });
    const foreign = requests.filter((url) => !origins.has(new URL(url).origin) && !url.startsWith('data:') && !url.startsWith('blob:'));
    expect(foreign, 'requests that left the app’s origin').toEqual([]);
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  }, { auto: true }],
});

export { expect };

/** The status bar's engine switch, by the engine it shows (its name says which it switches to). */
export const inAppEngine = /^Engine: In-app \(WebAssembly\)\. Switch to Native/;
export const nativeEngine = /^Engine: Native \(multi-core, larger than memory\)/;

/** Opens `name` from the home folder with Open file…, as a user does (double-click in the dialog). */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Open file…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a file' });
  await dialog.getByRole('option', { name: new RegExp(name.replaceAll('.', '\\.')) }).dblclick();
  await expect(dialog).toBeHidden();
}

/** Waits until the engine says it is ready. */
export async function engineReady(page: Page): Promise<void> {
  await expect(page.locator('.status-bar .engine-state')).toHaveText(await textOf(page, 'engine.ready'), { timeout: 60_000 });
}

/**
 * Replaces a Monaco editor's text as a user would: select all, delete, type. On a busy machine the
 * first Ctrl+A can reach Monaco before it takes keys, leaving the old text in front of the new one,
 * so the deletion is repeated until the editor shows no text. insertText avoids Monaco's completion
 * accepting on Enter.
 */
export async function replaceEditorText(page: Page, editor: Locator, text: string): Promise<void> {
  const lines = page.locator('.monaco-editor').filter({ has: editor }).locator('.view-lines');
  await expect(async () => {
    await editor.focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await expect(lines).toHaveText('', { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await page.keyboard.insertText(text);
}

/** Replaces the active editor tab's text. */
export async function setEditorText(page: Page, sql: string): Promise<void> {
  await replaceEditorText(page, page.getByRole('textbox', { name: await textOf(page, 'editor.label') }), sql);
}

/**
 * Types `sql` and waits until the host has saved a workspace holding it. The page saves shortly
 * after a change; a fixed wait lost the race on a busy CI machine when a save was still in flight.
 */
export async function typeAndWaitForSave(page: Page, sql: string): Promise<void> {
  const saved = page.waitForResponse(
    (response) => response.request().method() === 'PUT' && new URL(response.url()).pathname === '/api/workspace' && (response.request().postData() ?? '').includes(sql) && response.ok(),
    { timeout: 30_000 },
  );
  await setEditorText(page, sql);
  await saved;
}

/**
 * A statement the in-app engine works on for minutes, in steps (a 40-billion-row cross join), so
 * DuckDB's own cancel stops it: the long run of the tests that cancel.
 */
export const longInAppQuery = 'SELECT sum(a.range * b.range) FROM range(200000) a, range(200000) b';

export async function runQuery(page: Page, sql: string): Promise<void> {
  await setEditorText(page, sql);
  await clickRun(page);
}

/**
 * Clicks Run and waits until the results panel shows the new run (its `data-run-id` changes):
 * a quick run replaces the last result directly, so the old grid stays on screen until then.
 */
export async function clickRun(page: Page): Promise<void> {
  const results = page.locator('section.results');
  const before = (await results.getAttribute('data-run-id')) ?? '0';
  await page.getByRole('button', { name: await textOf(page, 'editor.run'), exact: true }).click();
  await expect(results).not.toHaveAttribute('data-run-id', before);
}

/**
 * With a statement running, clicks Cancel and expects "Query canceled." within `withinMs` of the
 * click (the limits: 1 s native, 3 s in-app).
 */
export async function cancelWithin(page: Page, withinMs: number): Promise<void> {
  await expect(page.locator('.results-status')).toContainText('Running…');
  await page.waitForTimeout(500);
  const started = Date.now();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('.results-status')).toContainText('Query canceled.', { timeout: withinMs });
  expect(Date.now() - started).toBeLessThan(withinMs);
}

/**
 * One of the result's actions by its name: inline in the results toolbar, or, where the toolbar is
 * too narrow for it (French labels are long), in its "More actions" menu, which this opens.
 */
export async function resultAction(page: Page, name: string): Promise<Locator> {
  return toolbarAction(page, 'results.actions', name);
}

/** One of the catalog's actions (Open file…, Profile table, Export table), inline or in its "More actions" menu. */
export async function catalogAction(page: Page, name: string): Promise<Locator> {
  return toolbarAction(page, 'catalog.actions', name);
}

async function toolbarAction(page: Page, toolbarKey: MessageKey, name: string): Promise<Locator> {
  const toolbar = page.getByRole('group', { name: await textOf(page, toolbarKey) });
  await expect(toolbar).toBeVisible();
  const inline = toolbar.getByRole('button', { name, exact: true }).or(toolbar.getByRole('checkbox', { name, exact: true }));
  if ((await inline.count()) > 0) return inline;
  await toolbar.getByRole('button', { name: await textOf(page, 'toolbar.more') }).click();
  const menu = page.getByRole('menu');
  return menu.getByRole('menuitem', { name, exact: true }).or(menu.getByRole('menuitemcheckbox', { name, exact: true }));
}

/** The grid's cell texts, row by row (header and row numbers excluded), as a user reads them. */
export async function gridRows(page: Page): Promise<string[][]> {
  const grid = page.getByRole('grid', { name: await textOf(page, 'results.grid') });
  await expect(grid).toBeVisible();
  return grid.locator('[role="row"][aria-rowindex]:not([aria-rowindex="1"])').evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll('[role="gridcell"]')].map((cell) => cell.textContent ?? '')),
  );
}

/** WCAG A/AA violations on the page, one line each (the editor's text layer, Monaco's own, left out). */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .exclude('.sql-editor .monaco-editor .view-lines')
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}
