import AxeBuilder from '@axe-core/playwright';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { engineReady, expect, gridRows, replaceEditorText, runQuery, test } from './fixtures';

/** Replaces a notebook SQL cell's text, typed into its Monaco editor as a user would. */
async function setCellSql(page: Page, cell: number, sql: string): Promise<void> {
  await replaceEditorText(page, page.getByRole('textbox', { name: `SQL of cell ${cell}` }), sql);
}

/** A cell's result grid, row by row, as a user reads it. */
async function cellRows(page: Page, cell: number): Promise<string[][]> {
  const grid = page.getByRole('grid', { name: `Result of cell ${cell}` });
  await expect(grid).toBeVisible({ timeout: 30_000 });
  return grid.locator('[role="row"][aria-rowindex]:not([aria-rowindex="1"])').evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll('[role="gridcell"]')].map((c) => c.textContent ?? '')),
  );
}

test('a notebook written in the app is saved, reopened with Open file… after a restart, and run', async ({ page, workbench }) => {
  await engineReady(page);
  await page.getByRole('button', { name: 'New notebook' }).click();
  const notebook = page.getByRole('tabpanel', { name: 'Notebook Untitled notebook' });
  await expect(notebook).toBeVisible();

  // Cell 2 is the new notebook's SQL cell: name its result, and read it from a third cell.
  await notebook.getByRole('textbox', { name: 'Result name' }).fill('base');
  await setCellSql(page, 2, 'SELECT * FROM range(3) t(n)');
  await notebook.getByRole('button', { name: 'Add SQL cell' }).click();
  await setCellSql(page, 3, 'SELECT sum(n) AS total FROM base');

  // Shift+Enter runs the cell (after what it reads) and moves on.
  await page.getByRole('textbox', { name: 'SQL of cell 3' }).focus();
  await page.keyboard.press('Shift+Enter');
  expect(await cellRows(page, 3)).toEqual([['3']]);

  // Editing the named cell marks the cell that reads it stale, visibly.
  await setCellSql(page, 2, 'SELECT * FROM range(4) t(n)');
  await expect(notebook.locator('[data-cell-id]').nth(2).locator('.notebook-status')).toHaveText(/Stale/);

  const file = path.join(workbench.home, 'analysis.md');
  await notebook.getByRole('button', { name: 'Save as…' }).click();
  await notebook.getByRole('textbox', { name: 'Save to (full path of a .md file)' }).fill(file);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Notebook analysis.md', exact: true })).toBeVisible();
  expect(await readFile(file, 'utf8')).toBe('# New notebook\n\n```sql base\nSELECT * FROM range(4) t(n)\n```\n```sql\nSELECT sum(n) AS total FROM base\n```\n');

  await workbench.restart();
  await engineReady(page);
  await page.getByRole('button', { name: 'Open file…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a file' });
  await dialog.getByRole('option', { name: /analysis\.md/ }).dblclick();
  await expect(dialog).toBeHidden();
  const reopened = page.getByRole('tabpanel', { name: 'Notebook analysis.md' });
  await expect(reopened).toBeVisible();
  await reopened.getByRole('button', { name: 'Run all cells' }).click();
  expect(await cellRows(page, 2)).toEqual([['0'], ['1'], ['2'], ['3']]);
  expect(await cellRows(page, 3)).toEqual([['6']]);

  const audit = await new AxeBuilder({ page })
    .include('.notebook')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    // Monaco draws its own text layer; its internals are Monaco's, not ours.
    .exclude('.notebook-sql-editor .monaco-editor .view-lines')
    .analyze();
  expect(audit.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);
});

test('a notebook closed and opened again runs: closing it dropped the tables its cells made', async ({ page, workbench }) => {
  await engineReady(page);
  await page.getByRole('button', { name: 'New notebook' }).click();
  const notebook = page.getByRole('tabpanel', { name: 'Notebook Untitled notebook' });
  await notebook.getByRole('textbox', { name: 'Result name' }).fill('especes');
  await notebook.getByRole('button', { name: 'Add SQL cell' }).click();
  await setCellSql(page, 3, 'SELECT answer + 1 AS next FROM especes');
  await notebook.getByRole('button', { name: 'Run all cells' }).click();
  expect(await cellRows(page, 3)).toEqual([['43']]);

  const file = path.join(workbench.home, 'especes.md');
  await notebook.getByRole('button', { name: 'Save as…' }).click();
  await notebook.getByRole('textbox', { name: 'Save to (full path of a .md file)' }).fill(file);
  await page.keyboard.press('Enter');
  // The tab's × (a mouse shortcut: the keyboard's way is Delete on the tab).
  await page.getByTitle('Close notebook especes.md').click();
  await expect(page.getByRole('tabpanel', { name: 'Notebook especes.md' })).toBeHidden();

  // The notebook owned its result: once it is closed, no table of that name is left in the engine.
  await expect(async () => {
    await runQuery(page, "SELECT count(*) AS left_behind FROM duckdb_tables() WHERE table_name = 'especes'");
    expect(await gridRows(page)).toEqual([['0']]);
  }).toPass({ timeout: 30_000 });

  // Opened again from Recent, it runs as it did: its result's name is its own, not an open table's.
  await page.getByRole('button', { name: 'Recent', exact: true }).click();
  await page.getByRole('button', { name: `Open especes.md (${file})` }).click();
  const reopened = page.getByRole('tabpanel', { name: 'Notebook especes.md' });
  await reopened.getByRole('button', { name: 'Run all cells' }).click();
  expect(await cellRows(page, 2)).toEqual([['42']]);
  expect(await cellRows(page, 3)).toEqual([['43']]);
});

test('Save as onto a file that is there says so, and replaces it only when saved again', async ({ page, workbench }) => {
  const theirs = path.join(workbench.home, 'report.md');
  await writeFile(theirs, '# Someone else’s report\n');
  await page.getByRole('button', { name: 'New notebook' }).click();
  const notebook = page.getByRole('tabpanel', { name: 'Notebook Untitled notebook' });
  await notebook.getByRole('button', { name: 'Save as…' }).click();
  const field = notebook.getByRole('textbox', { name: 'Save to (full path of a .md file)' });
  await field.fill(theirs);
  await page.keyboard.press('Enter');
  await expect(notebook.getByRole('alert')).toHaveText('“report.md” already exists. Save again to replace it.');
  expect(await readFile(theirs, 'utf8')).toBe('# Someone else’s report\n');
  // Another path: told again before anything is replaced.
  await field.fill(path.join(workbench.home, 'mine.md'));
  await field.fill(theirs);
  await page.keyboard.press('Enter');
  await expect(notebook.getByRole('alert')).toHaveText('“report.md” already exists. Save again to replace it.');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Notebook report.md', exact: true })).toBeVisible();
  expect(await readFile(theirs, 'utf8')).toContain('# New notebook');
});

test('a notebook with unsaved edits asks before it closes', async ({ page }) => {
  await page.getByRole('button', { name: 'New notebook' }).click();
  let asked = '';
  page.once('dialog', (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await page.getByRole('tab', { name: 'Notebook Untitled notebook, unsaved changes' }).press('Delete');
  expect(asked).toContain('unsaved changes');
  await expect(page.getByRole('tabpanel', { name: 'Notebook Untitled notebook' })).toBeVisible();
});

test('unsaved edits are kept in the data folder and offered back after the app was stopped', async ({ page, workbench }) => {
  await page.getByRole('button', { name: 'New notebook' }).click();
  await setCellSql(page, 2, 'SELECT 7 AS kept_through_a_crash');
  // The recovery copy is written every few seconds; the server is then stopped without any save.
  await expect.poll(async () => (await readdir(path.join(workbench.dataDir, 'notebook-recovery')).catch(() => [])).length, { timeout: 15_000 }).toBe(1);
  await workbench.restart();
  const recovered = page.getByRole('tabpanel', { name: 'Notebook Untitled notebook' });
  await expect(recovered).toBeVisible();
  await expect(recovered.locator('.notebook-sql-editor').nth(0)).toContainText('kept_through_a_crash');
  await expect(page.getByRole('tab', { name: 'Notebook Untitled notebook, unsaved changes' })).toBeVisible();
});

test('a saved notebook whose edits were recovered after a stop saves with Save, over its own file', async ({ page, workbench }) => {
  const file = path.join(workbench.home, 'kept.md');
  await page.getByRole('button', { name: 'New notebook' }).click();
  const untitled = page.getByRole('tabpanel', { name: 'Notebook Untitled notebook' });
  await untitled.getByRole('button', { name: 'Save as…' }).click();
  await untitled.getByRole('textbox', { name: 'Save to (full path of a .md file)' }).fill(file);
  await page.keyboard.press('Enter');
  const notebook = page.getByRole('tabpanel', { name: 'Notebook kept.md' });
  await expect(notebook).toBeVisible();
  await setCellSql(page, 2, 'SELECT 8 AS edited_before_a_stop');
  await expect.poll(async () => (await readdir(path.join(workbench.dataDir, 'notebook-recovery')).catch(() => [])).length, { timeout: 15_000 }).toBe(1);
  await workbench.restart();
  await expect(notebook).toBeVisible();
  await notebook.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved kept.md')).toBeVisible();
  expect(await readFile(file, 'utf8')).toContain('SELECT 8 AS edited_before_a_stop');
});

/** A cell's status as shown beside its result name. */
function cellStatus(page: Page, cell: number) {
  return page.locator('.notebook [data-cell-id]').nth(cell - 1).locator('.notebook-status');
}

test('Run above, Run below and the Auto-run switch run the cells they name, and completion offers named results', async ({ page }) => {
  // Several runs and a Monaco completion: well within the time on a quiet machine, not on a loaded one.
  test.slow();
  await engineReady(page);
  await page.getByRole('button', { name: 'New notebook' }).click();
  const notebook = page.getByRole('tabpanel', { name: 'Notebook Untitled notebook' });
  await notebook.getByRole('textbox', { name: 'Result name' }).fill('base');
  await setCellSql(page, 2, 'SELECT * FROM range(3) t(n)');
  await notebook.getByRole('button', { name: 'Add SQL cell' }).click();
  await notebook.getByRole('button', { name: 'Add SQL cell' }).click();
  await setCellSql(page, 4, 'SELECT 99 AS later');

  // Completion in cell 3 offers the notebook's named result, then its columns once it has run.
  const editor3 = page.getByRole('textbox', { name: 'SQL of cell 3' });
  await editor3.focus();
  await page.keyboard.insertText('SELECT sum(n) AS total FROM ba');
  await page.keyboard.press('Control+Space');
  const suggestion = page.locator('.monaco-editor .suggest-widget .monaco-list-row', { hasText: 'base' }).first();
  await expect(suggestion).toBeVisible();
  await expect(suggestion).toContainText('notebook result');
  await page.keyboard.press('Escape');
  await setCellSql(page, 3, 'SELECT sum(n) AS total FROM base');

  // Run above: cell 3 and what lies above it run; cell 4, below, does not.
  await notebook.getByRole('button', { name: 'Run above: cell 3 and the cells above it' }).click();
  expect(await cellRows(page, 3)).toEqual([['3']]);
  expect(await cellRows(page, 2)).toEqual([['0'], ['1'], ['2']]);
  await expect(cellStatus(page, 4)).toHaveText('Not run');

  // Run below from cell 4: it runs.
  await notebook.getByRole('button', { name: 'Run below: cell 4 and the cells below it' }).click();
  expect(await cellRows(page, 4)).toEqual([['99']]);

  // Once cell 2 has run, completion after `base.` offers its columns.
  await setCellSql(page, 4, 'SELECT base.');
  await page.keyboard.press('Control+Space');
  await expect(page.locator('.monaco-editor .suggest-widget .monaco-list-row', { hasText: /^n/ }).first()).toBeVisible();
  await page.keyboard.press('Escape');
  await setCellSql(page, 4, 'SELECT 99 AS later');

  // Profile of a named result, beside Chart…: the panel reads the cell's whole result on the engine.
  // (It once read none of it: another statement sent on the in-app connection while its rows streamed ended the stream.)
  await notebook.getByRole('button', { name: 'Profile the result of cell 2' }).click();
  const profile = page.getByRole('region', { name: 'Profile of base' });
  await expect(profile).toContainText('Figures cover all 3 rows.');
  // n holds 0, 1 and 2: three values, no nulls, three distinct, from 0 to 2.
  const column = profile.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^n/ }) });
  await expect(column.getByRole('cell')).toHaveText(['3', '0 (0%)', '3', '0', '2', /.*/]);
});

test('the Auto-run switch re-runs what depends on an edit, and stays with the notebook across tabs', async ({ page }) => {
  // Several runs and a Monaco completion: well within the time on a quiet machine, not on a loaded one.
  test.slow();
  await engineReady(page);
  await page.getByRole('button', { name: 'New notebook' }).click();
  const notebook = page.getByRole('tabpanel', { name: 'Notebook Untitled notebook' });
  await notebook.getByRole('textbox', { name: 'Result name' }).fill('base');
  await setCellSql(page, 2, 'SELECT * FROM range(3) t(n)');
  await notebook.getByRole('button', { name: 'Add SQL cell' }).click();
  await setCellSql(page, 3, 'SELECT sum(n) AS total FROM base');
  await notebook.getByRole('button', { name: 'Run all cells' }).click();
  expect(await cellRows(page, 3)).toEqual([['3']]);

  // Auto-run off: an edit only marks the reader stale.
  await setCellSql(page, 2, 'SELECT * FROM range(4) t(n)');
  await expect(cellStatus(page, 3)).toHaveText(/Stale/);
  expect(await cellRows(page, 3)).toEqual([['3']]);

  // Switched on, the stale cells run at once, and every later edit re-runs what depends on it.
  const autoRun = notebook.getByRole('switch', { name: 'Auto-run' });
  await autoRun.check();
  await expect.poll(() => cellRows(page, 3)).toEqual([['6']]);
  await setCellSql(page, 2, 'SELECT * FROM range(5) t(n)');
  await expect.poll(() => cellRows(page, 3)).toEqual([['10']]);
  await expect(cellStatus(page, 3)).toHaveText(/Done/);

  // Results and the switch stay with the notebook while another view is shown.
  await page.getByRole('button', { name: 'New notebook' }).click();
  await page.getByRole('tab', { name: 'Notebook Untitled notebook, unsaved changes' }).first().click();
  await expect(page.getByRole('tabpanel', { name: 'Notebook Untitled notebook' })).toBeVisible();
  await expect(notebook.getByRole('switch', { name: 'Auto-run' })).toBeChecked();
  expect(await cellRows(page, 3)).toEqual([['10']]);
});

test('a notebook changed on disk by another program asks which text to keep: Reload, or Keep mine and Save', async ({ page, workbench }) => {
  const file = path.join(workbench.home, 'shared.md');
  await writeFile(file, '# Shared\n\n```sql a\nSELECT 1 AS one\n```\n');
  await page.getByRole('button', { name: 'Open file…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a file' });
  await dialog.getByRole('option', { name: /shared\.md/ }).dblclick();
  const notebook = page.getByRole('tabpanel', { name: 'Notebook shared.md' });
  await expect(notebook.locator('.notebook-sql-editor').first()).toContainText('SELECT 1 AS one');

  // Another program writes the file: the notebook says so, and changes nothing until the user chooses.
  await writeFile(file, '# Shared\n\n```sql a\nSELECT 2 AS two\n```\n');
  const banner = notebook.getByRole('alert').filter({ hasText: '“shared.md” was changed on disk by another program.' });
  await expect(banner).toBeVisible();
  await expect(notebook.locator('.notebook-sql-editor').first()).toContainText('SELECT 1 AS one');
  await banner.getByRole('button', { name: 'Reload from disk' }).click();
  await expect(notebook.locator('.notebook-sql-editor').first()).toContainText('SELECT 2 AS two');
  await expect(banner).toBeHidden();

  // Changed again while the user has edits: Keep mine, then Save writes the user's text.
  await setCellSql(page, 2, 'SELECT 3 AS mine');
  await writeFile(file, '# Shared\n\n```sql a\nSELECT 4 AS theirs\n```\n');
  const dirtyBanner = notebook.getByRole('alert').filter({ hasText: 'and you have unsaved edits' });
  await expect(dirtyBanner).toBeVisible();
  await dirtyBanner.getByRole('button', { name: 'Keep mine' }).click();
  await expect(dirtyBanner).toBeHidden();
  expect(await readFile(file, 'utf8')).toContain('SELECT 4 AS theirs');
  await notebook.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => readFile(file, 'utf8')).toBe('# Shared\n\n```sql a\nSELECT 3 AS mine\n```\n');
  // Its own save is not another program's change.
  await page.waitForTimeout(4_000);
  await expect(notebook.getByRole('alert').filter({ hasText: 'changed on disk' })).toHaveCount(0);
});

test('a .md file dropped on the window opens as a notebook', async ({ page }) => {
  await engineReady(page);
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File(['# Dropped\n\n```sql five\nSELECT 5 AS five\n```\n'], 'dropped.md', { type: 'text/markdown' }));
    document.querySelector('.app')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  const notebook = page.getByRole('tabpanel', { name: 'Notebook dropped.md' });
  await expect(notebook).toBeVisible();
  await expect(page.getByText(/“dropped\.md” was dropped: use Save as/)).toBeVisible();
  await notebook.getByRole('button', { name: 'Run all cells' }).click();
  expect(await cellRows(page, 2)).toEqual([['5']]);
});
