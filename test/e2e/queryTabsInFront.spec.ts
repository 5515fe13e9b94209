/**
 * A query tab opened or selected from anywhere (the catalog, the history, Ctrl+Shift+T, the notice's
 * Undo, Open file…) while a notebook, the Lab or the Instructor's tools are shown comes in front:
 * it is the row's selected tab, and its editor (with its text) and the results are what the user
 * sees. The notebook or the Lab stays open as a tab of the row, not shown.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { buildExampleCourse } from './courseBundle';
import { axeViolations, engineReady, expect, runQuery, setEditorText, test } from './fixtures';

const courseTitle = 'SQL pas à pas';
const tablist = (page: Page) => page.getByRole('tablist', { name: 'Editor tabs' });

/** The query tab named `tab` is the one selected and shown: its panel (named by it), its text in the editor, the results. */
async function expectQueryShown(page: Page, tab: string, text: string): Promise<void> {
  await expect(tablist(page).getByRole('tab', { name: tab, exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(tablist(page).locator('[role="tab"][aria-selected="true"]')).toHaveCount(1);
  const panel = page.getByRole('tabpanel', { name: tab, exact: true });
  await expect(panel).toBeVisible();
  await expect(panel.locator('.view-lines')).toBeVisible();
  await expect(panel.locator('.view-lines')).toContainText(text);
  await expect(page.getByRole('region', { name: 'Results', exact: true })).toBeVisible();
}

/** The panel is not shown, and its tab is still in the row, not selected. */
async function expectSteppedBack(panel: Locator, tab: Locator): Promise<void> {
  await expect(panel).toBeHidden();
  await expect(tab).toHaveAttribute('aria-selected', 'false');
}

async function newNotebook(page: Page): Promise<{ panel: Locator; tab: Locator }> {
  await page.getByRole('button', { name: 'New notebook', exact: true }).click();
  const panel = page.getByRole('tabpanel', { name: 'Notebook Untitled notebook' });
  await expect(panel).toBeVisible();
  return { panel, tab: tablist(page).getByRole('tab', { name: /^Notebook Untitled notebook/ }) };
}

test('a table opened from the catalog while a notebook is shown comes in front, in its preview tab', async ({ page }) => {
  await engineReady(page);
  await runQuery(page, 'CREATE TABLE orders AS SELECT 1 AS id;');
  const table = page.getByRole('tree', { name: 'Datasets and tables' }).getByRole('treeitem', { name: /^orders 1 column/ });
  await expect(table).toBeVisible();
  const notebook = await newNotebook(page);

  await table.dblclick();
  await expectQueryShown(page, 'orders (preview)', 'SELECT * FROM "orders" LIMIT 1000;');
  await expectSteppedBack(notebook.panel, notebook.tab);

  // Again from the keyboard, with the notebook in front once more: Enter on the table.
  await notebook.tab.click();
  await expect(notebook.panel).toBeVisible();
  await table.focus();
  await page.keyboard.press('Enter');
  await expectQueryShown(page, 'orders (preview)', 'SELECT * FROM "orders" LIMIT 1000;');
  await expectSteppedBack(notebook.panel, notebook.tab);
});

test('Ctrl+Shift+T and the notice’s Undo, with a notebook shown, show the query tab they reopen', async ({ page }) => {
  await setEditorText(page, 'SELECT 1 AS first_tab');
  await page.getByRole('button', { name: 'New tab', exact: true }).click();
  await setEditorText(page, 'SELECT 2 AS reopened_tab');
  await page.getByRole('button', { name: 'Close tab', exact: true }).click();
  await expectQueryShown(page, 'Query 1', 'SELECT 1 AS first_tab');
  const notebook = await newNotebook(page);

  await page.keyboard.press('ControlOrMeta+Shift+T');
  await expectQueryShown(page, 'Query 2', 'SELECT 2 AS reopened_tab');
  await expectSteppedBack(notebook.panel, notebook.tab);

  // Closed again, the notebook brought in front, then Undo in the status bar's notice.
  await page.getByRole('button', { name: 'Close tab', exact: true }).click();
  const notice = page.getByRole('contentinfo').getByRole('status').filter({ hasText: 'Tab “Query 2” closed.' });
  await expect(notice).toBeVisible();
  await notebook.tab.click();
  await expect(notebook.panel).toBeVisible();
  await notice.getByRole('button', { name: 'Undo' }).click();
  await expectQueryShown(page, 'Query 2', 'SELECT 2 AS reopened_tab');
  await expectSteppedBack(notebook.panel, notebook.tab);
});

test('a .sql file opened while a notebook is shown comes in front, and so does its tab when the file is opened again', async ({ page, workbench }) => {
  await writeFile(path.join(workbench.home, 'query.sql'), 'SELECT 7 AS from_file;');
  const notebook = await newNotebook(page);
  const openFile = async (): Promise<void> => {
    await page.getByRole('button', { name: 'Open file…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open a file' });
    await dialog.getByRole('option', { name: /^query\.sql/ }).dblclick();
    await expect(dialog).toBeHidden();
  };

  await openFile();
  await expectQueryShown(page, 'query.sql', 'SELECT 7 AS from_file;');
  await expectSteppedBack(notebook.panel, notebook.tab);

  // Already open: its tab is the one shown, not a second one.
  await notebook.tab.click();
  await expect(notebook.panel).toBeVisible();
  await openFile();
  await expectQueryShown(page, 'query.sql', 'SELECT 7 AS from_file;');
  await expect(tablist(page).getByRole('tab', { name: 'query.sql', exact: true })).toHaveCount(1);
  await expectSteppedBack(notebook.panel, notebook.tab);
});

test('a history entry opened while the Lab or the Instructor’s tools are shown comes in front, in a new tab or the current one', async ({ page, workbench }) => {
  test.setTimeout(240_000);
  await runQuery(page, 'SELECT 41 AS from_history');
  const entry = page.getByRole('listbox', { name: 'History' }).getByRole('option').filter({ hasText: 'SELECT 41 AS from_history' });
  await expect(entry).toBeVisible();
  const bundle = await buildExampleCourse(workbench.home);
  page.on('dialog', (dialog) => void dialog.accept());
  await workbench.restart([bundle]);
  const lab = page.getByRole('tabpanel', { name: courseTitle });
  await expect(lab).toBeVisible({ timeout: 60_000 });
  const labTab = tablist(page).getByRole('tab', { name: new RegExp(`^Lab: ${courseTitle}`) });

  // "Open in" says a new tab (the default): a click opens the entry there.
  await entry.click();
  await expectQueryShown(page, 'Query 2', 'SELECT 41 AS from_history');
  await expectSteppedBack(lab, labTab);

  // Shift opens it in the current query tab instead: that tab is shown, with the entry's text.
  await setEditorText(page, 'SELECT 0 AS replaced');
  const instructorTab = tablist(page).getByRole('tab', { name: 'Instructor', exact: true });
  await instructorTab.click();
  const instructor = page.getByRole('tabpanel', { name: 'Instructor', exact: true });
  await expect(instructor).toBeVisible();
  await entry.click({ modifiers: ['Shift'] });
  await expectQueryShown(page, 'Query 2', 'SELECT 41 AS from_history');
  await expectSteppedBack(instructor, instructorTab);
  expect(await axeViolations(page)).toEqual([]);
});
