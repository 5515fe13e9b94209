import type { Page } from '@playwright/test';
import { axeViolations, clickRun, engineReady, expect, gridRows, runQuery, setEditorText, test } from './fixtures';

/** Daily use (issue 13): tabs that behave like an IDE's, the value viewer, and the keyboard. */

/** The query tabs: the row's tabs but the Lab's Instructor tab, pinned at its end. */
const editorTabs = (page: Page) => page.getByRole('tablist', { name: 'Editor tabs' }).getByRole('tab').filter({ hasNotText: 'Instructor' });
const editorText = (page: Page) => page.locator('.sql-editor .view-lines');

test('F2 or a double-click renames a tab in place: Enter keeps the name, Esc the old one', async ({ page }) => {
  const first = page.getByRole('tab', { name: 'Query 1' });
  await first.focus();
  await page.keyboard.press('F2');
  const box = page.getByRole('textbox', { name: 'New name for tab Query 1' });
  await expect(box).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Monthly sales');
  await page.keyboard.press('Enter');
  const renamed = page.getByRole('tab', { name: 'Monthly sales' });
  await expect(renamed).toBeFocused();
  await expect(editorTabs(page)).toHaveCount(1);
  // A double-click opens the same box; Esc leaves the name as it was.
  await renamed.dblclick();
  await page.getByRole('textbox', { name: 'New name for tab Monthly sales' }).fill('Not kept');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('tab', { name: 'Monthly sales' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Not kept' })).toHaveCount(0);
});

test('Ctrl+Tab and Ctrl+Shift+Tab move to the next and previous query tab, from the editor too, and wrap around', async ({ page }) => {
  await setEditorText(page, 'SELECT 1 AS first_tab');
  await page.getByRole('button', { name: 'New tab' }).click();
  await setEditorText(page, 'SELECT 2 AS second_tab');
  await expect(page.getByRole('tab', { name: 'Query 2' })).toHaveAttribute('aria-selected', 'true');
  // From inside the editor: the keys move between tabs, they do not type a tab character.
  await page.getByRole('textbox', { name: 'SQL editor' }).focus();
  await page.keyboard.press('Control+Tab');
  await expect(page.getByRole('tab', { name: 'Query 1' })).toHaveAttribute('aria-selected', 'true');
  await expect(editorText(page)).toHaveText(/first_tab/);
  await page.keyboard.press('Control+Shift+Tab');
  await expect(page.getByRole('tab', { name: 'Query 2' })).toHaveAttribute('aria-selected', 'true');
  await expect(editorText(page)).toHaveText(/second_tab/);
  await page.keyboard.press('Control+Tab');
  await expect(page.getByRole('tab', { name: 'Query 1' })).toHaveAttribute('aria-selected', 'true');
});

test('closing a tab that holds SQL offers Undo, and Ctrl+Shift+T reopens the last closed tab', async ({ page }) => {
  await setEditorText(page, 'SELECT 1 AS first_tab');
  await page.getByRole('button', { name: 'New tab' }).click();
  await setEditorText(page, 'SELECT 2 AS second_tab');
  await page.getByRole('button', { name: 'Close tab', exact: true }).click();
  await expect(editorTabs(page)).toHaveCount(1);
  await expect(editorText(page)).toContainText('SELECT 1 AS first_tab');
  const notice = page.getByRole('contentinfo').getByRole('status').filter({ hasText: 'Tab “Query 2” closed.' });
  await expect(notice).toBeVisible();
  await notice.getByRole('button', { name: 'Undo' }).click();
  await expect(editorTabs(page)).toHaveCount(2);
  await expect(page.getByRole('tab', { name: 'Query 2' })).toHaveAttribute('aria-selected', 'true');
  await expect(editorText(page)).toContainText('SELECT 2 AS second_tab');
  // Delete on the tab closes it; Ctrl+Shift+T brings it back, text and place.
  await page.getByRole('tab', { name: 'Query 2' }).press('Delete');
  await expect(editorTabs(page)).toHaveCount(1);
  await page.keyboard.press('ControlOrMeta+Shift+T');
  await expect(editorTabs(page)).toHaveText(['Query 1', 'Query 2']);
  await expect(page.getByRole('tab', { name: 'Query 2' })).toHaveAttribute('aria-selected', 'true');
  await expect(editorText(page)).toContainText('SELECT 2 AS second_tab');
});

test('a table opens in one preview tab, reused until typing keeps it', async ({ page }) => {
  await engineReady(page);
  await setEditorText(page, 'CREATE TABLE orders AS SELECT 1 AS id;\nCREATE TABLE customers AS SELECT 2 AS id;\nCREATE TABLE products AS SELECT 3 AS id;');
  await page.getByRole('button', { name: 'Run all' }).click();
  const tree = page.getByRole('tree', { name: 'Datasets and tables' });
  const table = (name: string) => tree.getByRole('treeitem', { name: new RegExp(`^${name} 1 column`) });
  await expect(table('products')).toBeVisible();
  // A click selects the table, and opens nothing.
  await table('orders').click();
  await expect(table('orders')).toHaveAttribute('aria-selected', 'true');
  await expect(editorTabs(page)).toHaveCount(1);
  // A double-click opens the preview tab: its name in italics, "preview" in its accessible name.
  await table('orders').dblclick();
  const preview = page.getByRole('tab', { name: 'orders (preview)' });
  await expect(preview).toHaveAttribute('aria-selected', 'true');
  await expect(preview).toHaveCSS('font-style', 'italic');
  await expect(editorText(page)).toContainText('SELECT * FROM "orders" LIMIT 1000;');
  // Enter on another table reuses the preview tab.
  await table('customers').focus();
  await page.keyboard.press('Enter');
  await expect(editorTabs(page)).toHaveText(['Query 1', 'customers']);
  await expect(page.getByRole('tab', { name: 'customers (preview)' })).toHaveAttribute('aria-selected', 'true');
  await expect(editorText(page)).toContainText('SELECT * FROM "customers" LIMIT 1000;');
  // Typing in it makes it a tab of its own: the next table opens beside it.
  const editor = page.getByRole('textbox', { name: 'SQL editor' });
  await editor.focus();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText('\n-- mine');
  await expect(page.getByRole('tab', { name: 'customers', exact: true })).toHaveCSS('font-style', 'normal');
  await table('products').dblclick();
  await expect(editorTabs(page)).toHaveText(['Query 1', 'customers', 'products']);
  await expect(page.getByRole('tab', { name: 'products (preview)' })).toHaveAttribute('aria-selected', 'true');
});

test('the value viewer shows a nested value laid out, copies it, and Esc goes back to the cell', async ({ page }) => {
  test.slow(); // axe walks the whole page: slow on a busy machine
  await engineReady(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await runQuery(
    page,
    "SELECT {'name': 'Ada Lovelace', 'languages': ['SQL', 'Python', 'R'], 'address': {'city': 'London', 'street': 'St James''s Square'}} AS person, '{\"a\":[1,2],\"b\":null}' AS doc",
  );
  const grid = page.getByRole('grid', { name: 'Query results' });
  await expect(grid).toHaveAttribute('aria-rowcount', '2');
  await grid.focus();
  const activeBefore = await grid.getAttribute('aria-activedescendant');
  await page.keyboard.press('Enter');
  const value = page.getByRole('region', { name: 'person, row 1' });
  await expect(value).toBeFocused();
  const laidOut = [
    '{',
    "  'name': Ada Lovelace,",
    "  'languages': [SQL, Python, R],",
    "  'address': {'city': London, 'street': 'St James\\'s Square'}",
    '}',
  ].join('\n');
  await expect.poll(() => value.evaluate((element) => element.textContent)).toBe(laidOut);
  await page.getByRole('button', { name: 'Copy value' }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(laidOut);
  // DuckDB's own one-line text is one click away.
  await page.getByRole('checkbox', { name: 'As DuckDB writes it' }).check();
  await expect.poll(() => value.evaluate((element) => element.textContent)).toBe(
    "{'name': Ada Lovelace, 'languages': [SQL, Python, R], 'address': {'city': London, 'street': 'St James\\'s Square'}}",
  );
  await value.focus();
  await page.keyboard.press('Escape');
  await expect(value).toHaveCount(0);
  await expect(grid).toBeFocused();
  await expect(grid).toHaveAttribute('aria-activedescendant', activeBefore ?? '');
  // A double-click opens another cell: text holding JSON is indented.
  await page.getByRole('gridcell', { name: '{"a":[1,2],"b":null}' }).dblclick();
  await expect.poll(() => page.getByRole('region', { name: 'doc, row 1' }).evaluate((element) => element.textContent)).toBe(
    '{\n  "a": [\n    1,\n    2\n  ],\n  "b": null\n}',
  );
  expect(await axeViolations(page)).toEqual([]);
});

test('history is one Tab stop: arrows, Home and End move inside it, Enter opens where the user chose', async ({ page }) => {
  await engineReady(page);
  for (const n of [1, 2, 3]) {
    await runQuery(page, `SELECT ${n} AS run_${n}`);
    expect(await gridRows(page)).toEqual([[String(n)]]);
  }
  const list = page.getByRole('listbox', { name: 'History' });
  const entries = list.getByRole('option');
  await expect(entries).toHaveCount(3);
  // One Tab stop: from the search box, Tab enters the list at its first entry, and the next Tab leaves it.
  await page.getByRole('searchbox', { name: 'Search history' }).focus();
  await page.keyboard.press('Tab');
  await expect(entries.nth(0)).toBeFocused();
  await expect(list.locator('[tabindex="0"]')).toHaveCount(1);
  await page.keyboard.press('ArrowDown');
  await expect(entries.nth(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(entries.nth(2)).toBeFocused();
  await expect(entries.nth(2)).toContainText('SELECT 1 AS run_1');
  await page.keyboard.press('Home');
  await expect(entries.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  await expect(list.locator(':focus')).toHaveCount(0);
  await page.keyboard.press('Shift+Tab');
  await expect(entries.nth(1)).toBeFocused();
  // Enter opens the entry in a new tab (the default choice)…
  await page.keyboard.press('Enter');
  await expect(editorTabs(page)).toHaveCount(2);
  await expect(editorText(page)).toContainText('SELECT 2 AS run_2');
  // …or, as chosen, in the current tab, as one edit that Ctrl+Z undoes.
  await page.getByRole('combobox', { name: 'Open in' }).selectOption({ label: 'the current tab' });
  await entries.nth(2).focus();
  await page.keyboard.press('Enter');
  await expect(editorTabs(page)).toHaveCount(2);
  await expect(editorText(page)).toContainText('SELECT 1 AS run_1');
  await page.getByRole('textbox', { name: 'SQL editor' }).focus();
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(editorText(page)).toContainText('SELECT 2 AS run_2');
});

test('the editor says how Tab leaves it, Ctrl+M switches it, and Ctrl+/ or ? opens the shortcuts sheet', async ({ page }) => {
  test.slow(); // axe walks the whole page: slow on a busy machine
  const editor = page.getByRole('textbox', { name: 'SQL editor' });
  await expect(editor).toHaveAccessibleDescription(/Tab indents\. Ctrl\+M switches Tab to moving focus out of the editor/);
  await setEditorText(page, 'SELECT 1');
  // Tab indents by default…
  await page.keyboard.press('Home');
  await page.keyboard.press('Tab');
  await expect(editor).toBeFocused();
  // (toContainText would trim the indentation away.)
  await expect.poll(() => editorText(page).evaluate((lines) => lines.textContent)).toMatch(/^\s+SELECT\s1$/);
  // …and after Ctrl+M it moves focus out.
  await page.keyboard.press('Control+M');
  await page.keyboard.press('Tab');
  await expect(editor).not.toBeFocused();
  await editor.focus();
  await page.keyboard.press('Control+M');
  // Ctrl+/ in the editor opens the sheet (a named modal dialog); focus stays inside it.
  await page.keyboard.press('ControlOrMeta+/');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole('row', { name: /Reopen the last closed tab/ })).toContainText('Ctrl+Shift+T');
  await expect(sheet.getByRole('row', { name: /Switch Tab between indenting/ })).toContainText('Ctrl+M');
  await expect(sheet.getByRole('row', { name: /Show the value in full/ })).toContainText('Enter or double-click');
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    expect(await sheet.evaluate((dialog) => dialog.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Shift+Tab');
  expect(await sheet.evaluate((dialog) => dialog.contains(document.activeElement))).toBe(true);
  expect(await axeViolations(page)).toEqual([]);
  // Esc closes it, and focus goes back to the editor.
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(editor).toBeFocused();
  // `?` outside text fields opens it too; the status bar has a button for it.
  await page.getByRole('tab', { name: 'Query 1' }).focus();
  await page.keyboard.press('?');
  await expect(sheet).toBeVisible();
  await sheet.getByRole('button', { name: 'Close' }).click();
  await expect(sheet).toBeHidden();
  await expect(page.getByRole('tab', { name: 'Query 1' })).toBeFocused();
  await page.getByRole('button', { name: 'Shortcuts' }).click();
  await expect(sheet).toBeVisible();
});

test('a run in a preview tab keeps its result there', async ({ page }) => {
  await engineReady(page);
  await runQuery(page, 'CREATE TABLE kept AS SELECT 5 AS five');
  await page.getByRole('tree', { name: 'Datasets and tables' }).getByRole('treeitem', { name: /^kept 1 column/ }).dblclick();
  await expect(page.getByRole('tab', { name: 'kept (preview)' })).toHaveAttribute('aria-selected', 'true');
  await clickRun(page);
  expect(await gridRows(page)).toEqual([['5']]);
});
