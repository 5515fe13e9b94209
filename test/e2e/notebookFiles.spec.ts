import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { engineReady, expect, replaceEditorText, test } from './fixtures';

/** Opens `file` (in the home folder) with Open file…, as a user would. */
async function openWithDialog(page: Page, file: string): Promise<void> {
  await page.getByRole('button', { name: 'Open file…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a file' });
  await dialog.getByRole('option', { name: new RegExp(file.replace('.', '\\.')) }).dblclick();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('tabpanel', { name: `Notebook ${file}` })).toBeVisible();
}

test('Save refuses to overwrite a notebook another program changed since it was opened; Keep mine then saves', async ({ page, workbench }) => {
  const file = path.join(workbench.home, 'race.md');
  await writeFile(file, '```sql a\nSELECT 1 AS one\n```\n');
  await openWithDialog(page, 'race.md');
  const notebook = page.getByRole('tabpanel', { name: 'Notebook race.md' });
  await replaceEditorText(page, page.getByRole('textbox', { name: 'SQL of cell 1' }), 'SELECT 3 AS mine');

  // Another program writes the file, and the user saves at once (before the page's own check notices).
  await writeFile(file, '```sql a\nSELECT 4 AS theirs, 5 AS longer\n```\n');
  await notebook.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('“race.md” was not saved: another program changed it on disk since you opened or saved it.').first()).toBeVisible();
  expect(await readFile(file, 'utf8')).toBe('```sql a\nSELECT 4 AS theirs, 5 AS longer\n```\n');

  // The disk-change choice: Keep mine, then Save writes the user's text over the file.
  const banner = notebook.getByRole('alert').filter({ hasText: 'changed on disk by another program' });
  await banner.getByRole('button', { name: 'Keep mine' }).click();
  await notebook.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => readFile(file, 'utf8')).toBe('```sql a\nSELECT 3 AS mine\n```\n');
});

test('Recent lists the notebooks opened lately, across a restart, says which are gone, and opens one from the keyboard', async ({ page, workbench }) => {
  // Two opens and a restart: seconds on a quiet machine, not on a loaded one.
  test.slow();
  await writeFile(path.join(workbench.home, 'first.md'), '# First\n');
  await writeFile(path.join(workbench.home, 'second.md'), '# Second\n');
  await openWithDialog(page, 'first.md');
  await openWithDialog(page, 'second.md');
  await rm(path.join(workbench.home, 'second.md'));
  await workbench.restart();

  const recentButton = page.getByRole('button', { name: 'Recent', exact: true });
  await recentButton.click();
  const list = page.getByRole('group', { name: 'Recent notebooks' });
  // Newest first; the file that is gone says so, and can be taken off the list.
  await expect(list.getByRole('listitem')).toHaveText([/second\.md: not found at .*second\.md.*Remove/, /first\.md/]);
  await list.getByRole('button', { name: 'Remove second.md from the recent notebooks' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  expect(await readFile(path.join(workbench.dataDir, 'recent-files.json'), 'utf8')).not.toContain('second.md');

  // Escape closes the list; the keyboard opens it again and lands on its first entry.
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await expect(recentButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(list.getByRole('button', { name: /^Open first\.md/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tabpanel', { name: 'Notebook first.md' })).toBeVisible();
});

test('the notebook toolbar exports the HTML report and the Jupyter notebook, and never replaces a file without a second Export', async ({ page, workbench }) => {
  // The report loads Vega to draw charts: seconds on a quiet machine, not on a loaded one.
  test.slow();
  await engineReady(page);
  await writeFile(path.join(workbench.home, 'sales.md'), '# Sales\n\n```sql total\nSELECT 42 AS answer\n```\n');
  await openWithDialog(page, 'sales.md');
  const notebook = page.getByRole('tabpanel', { name: 'Notebook sales.md' });

  // The cell has not run: the export runs it first, as the headless runner does.
  await notebook.getByRole('button', { name: 'Export HTML report…' }).click();
  const form = notebook.getByRole('form', { name: 'Export HTML report…' });
  const report = path.join(workbench.home, 'sales.html');
  await expect(form.getByRole('textbox')).toHaveValue(report);
  await form.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByText('Exported the notebook to sales.html.').first()).toBeVisible({ timeout: 60_000 });
  const html = await readFile(report, 'utf8');
  expect(html).toContain('<h1>Sales</h1>');
  expect(html).toMatch(/<td[^>]*>42<\/td>/);
  expect(html).not.toMatch(/<script|src=["']http/i);

  // An existing file is replaced only when the user exports again.
  const before = (await stat(report)).mtimeMs;
  await notebook.getByRole('button', { name: 'Export HTML report…' }).click();
  await form.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(form.getByRole('alert')).toHaveText('“sales.html” exists. Export again to replace it.');
  expect((await stat(report)).mtimeMs).toBe(before);
  await form.getByRole('button', { name: 'Cancel' }).click();

  await notebook.getByRole('button', { name: 'Export Jupyter notebook…' }).click();
  const jupyterForm = notebook.getByRole('form', { name: 'Export Jupyter notebook…' });
  await jupyterForm.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByText('Exported the notebook to sales.ipynb.').first()).toBeVisible({ timeout: 60_000 });
  const ipynb = JSON.parse(await readFile(path.join(workbench.home, 'sales.ipynb'), 'utf8')) as { nbformat: number; cells: { source: string | string[] }[] };
  expect(ipynb.nbformat).toBe(4);
  expect(ipynb.cells.map((cell) => [cell.source].flat().join(''))).toContainEqual(expect.stringContaining('%%sql --save total'));
});
