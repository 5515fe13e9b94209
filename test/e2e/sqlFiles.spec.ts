/**
 * `.sql` files in editor tabs, as a user meets them: opened with Open file… or a drop, edited (the
 * tab says "unsaved" in its name), saved with Ctrl+S and Save as…, back after a restart (told when
 * the file changed meanwhile); and several files opened at once giving one notice, errors kept.
 * Each asserts what the user sees and the bytes on disk.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { axeViolations, engineReady, expect, replaceEditorText, test } from './fixtures';

const bom = Buffer.from([0xef, 0xbb, 0xbf]);

/** Opens `file` (in the folder the dialog shows first, the home folder) with Open file…, as a user would. */
async function openWithDialog(page: Page, file: string): Promise<void> {
  await page.getByRole('button', { name: 'Open file…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a file' });
  await dialog.getByRole('option', { name: new RegExp(`^${file.replaceAll('.', '\\.')}`) }).dblclick();
  await expect(dialog).toBeHidden();
}

const editor = (page: Page) => page.getByRole('textbox', { name: 'SQL editor' });
const editorLines = (page: Page) => page.locator('.sql-editor .view-lines');

test('a .sql file opens with Open file…, its tab says unsaved after an edit, Ctrl+S and Save as write it with its BOM, and it comes back after a restart', async ({ page, workbench }) => {
  // Two saves and a restart: seconds on a quiet machine, not on a loaded one.
  test.slow();
  const file = path.join(workbench.home, 'query.sql');
  await writeFile(file, Buffer.concat([bom, Buffer.from('SELECT 1 AS one;', 'utf8')]));
  await openWithDialog(page, 'query.sql');

  const tab = page.getByRole('tab', { name: 'query.sql', exact: true });
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await expect(editorLines(page)).toContainText('SELECT 1 AS one;');

  // An edit: the tab's name says it is unsaved.
  await replaceEditorText(page, editor(page), 'SELECT 2 AS deux; -- été');
  const unsaved = page.getByRole('tab', { name: 'query.sql, unsaved', exact: true });
  await expect(unsaved).toBeVisible();

  // Closing it asks first; declining keeps the tab and its text.
  let asked = '';
  page.once('dialog', (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await unsaved.focus();
  await page.keyboard.press('Delete');
  await expect.poll(() => asked).toBe('“query.sql” has unsaved changes. Close it and lose them?');
  await expect(unsaved).toBeVisible();

  // Ctrl+S writes the file: the same BOM, the new text; the marker goes.
  await editor(page).focus();
  await page.keyboard.press('ControlOrMeta+s');
  await expect(tab).toBeVisible();
  await expect(page.getByText('Saved query.sql.')).toBeVisible();
  expect(Buffer.compare(await readFile(file), Buffer.concat([bom, Buffer.from('SELECT 2 AS deux; -- été', 'utf8')]))).toBe(0);

  // Save as… (File menu) writes a new file, offered the tab's path first; the tab is now that file.
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Save as…' }).click();
  const saveAs = page.getByRole('dialog', { name: 'Save the tab as an SQL file' });
  const target = saveAs.getByRole('textbox', { name: 'Save to (full path of a .sql file)' });
  await expect(target).toHaveValue(file);
  // The unsaved marker, the File menu and the Save as form: no WCAG A/AA violation.
  expect(await axeViolations(page)).toEqual([]);
  const copy = path.join(workbench.home, 'copie.sql');
  await target.fill(copy);
  await saveAs.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(saveAs).toBeHidden();
  await expect(page.getByRole('tab', { name: 'copie.sql', exact: true })).toHaveAttribute('aria-selected', 'true');
  expect(Buffer.compare(await readFile(copy), Buffer.concat([bom, Buffer.from('SELECT 2 AS deux; -- été', 'utf8')]))).toBe(0);

  // An unsaved edit, and another program's change to the file, then a restart: the tab comes back
  // with the user's text, says so, and Save then writes the user's text.
  await replaceEditorText(page, editor(page), 'SELECT 3 AS mine;');
  await expect(page.getByRole('tab', { name: 'copie.sql, unsaved', exact: true })).toBeVisible();
  // The workspace is saved shortly after typing stops: the tab's file and text are on disk before the restart.
  await expect.poll(() => readFile(path.join(workbench.dataDir, 'workspace.json'), 'utf8').catch(() => '')).toMatch(/copie\.sql.*SELECT 3 AS mine;|SELECT 3 AS mine;.*copie\.sql/s);
  await writeFile(copy, 'SELECT 4 AS theirs;\n');
  await workbench.restart();
  await expect(page.getByText('“copie.sql” changed on disk since it was last saved here. The tab keeps your text; Save replaces the file with it.')).toBeVisible();
  const restored = page.getByRole('tab', { name: 'copie.sql, unsaved', exact: true });
  await restored.click();
  await expect(editorLines(page)).toContainText('SELECT 3 AS mine;');
  await editor(page).focus();
  await page.keyboard.press('ControlOrMeta+s');
  await expect(page.getByRole('tab', { name: 'copie.sql', exact: true })).toBeVisible();
  await expect.poll(() => readFile(copy, 'utf8')).toBe('SELECT 3 AS mine;');
  // The first file is still what Ctrl+S wrote (Save as moved the tab to the copy).
  expect(Buffer.compare(await readFile(file), Buffer.concat([bom, Buffer.from('SELECT 2 AS deux; -- été', 'utf8')]))).toBe(0);
});

test('a dropped .sql file opens in a new tab; a file too large is refused with a message, from the dialog and from a drop', async ({ page, workbench }) => {
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File(['SELECT 5 AS five;'], 'dropped.sql', { type: 'application/sql' }));
    document.querySelector('.app')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  await expect(page.getByRole('tab', { name: 'dropped.sql', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(editorLines(page)).toContainText('SELECT 5 AS five;');
  await expect(page.getByText('Opened dropped.sql in a new tab (not saved to a file yet: Save as gives it one).')).toBeVisible();

  await writeFile(path.join(workbench.home, 'huge.sql'), Buffer.alloc(4 * 2 ** 20 + 1, 0x20));
  await openWithDialog(page, 'huge.sql');
  const refusal = '“huge.sql” is larger than an SQL file opened in a tab can be (4 MB). It was not opened.';
  await expect(page.getByText(refusal)).toBeVisible();
  await expect(page.getByRole('tab', { name: 'huge.sql' })).toHaveCount(0);

  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(4 * 2 ** 20 + 1).fill(0x20)], 'huge.sql'));
    document.querySelector('.app')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  await expect(page.getByText(refusal).first()).toBeVisible();
  await expect(page.locator('.notification.error').filter({ hasText: refusal }).locator('.notification-count')).toHaveText(/2/);
  await expect(page.getByRole('tab', { name: 'huge.sql' })).toHaveCount(0);
});

test('three files opened at once give one notice naming them; a broken one among them still says why', async ({ page, workbench }) => {
  const trio = path.join(workbench.home, 'trio');
  await mkdir(trio);
  await writeFile(path.join(trio, 'a.csv'), 'n\n1\n');
  await writeFile(path.join(trio, 'b.tsv'), 'n\tm\n2\t3\n');
  await writeFile(path.join(trio, 'c.csv'), 'ville\nRabat\nLyon\n');
  const mixed = path.join(workbench.home, 'mixed');
  await mkdir(mixed);
  await writeFile(path.join(mixed, 'd.csv'), 'n\n4\n');
  await writeFile(path.join(mixed, 'e.csv'), '');
  await writeFile(path.join(mixed, 'f.csv'), 'n\n6\n');
  await engineReady(page);

  const dialog = page.getByRole('dialog', { name: 'Open a file' });
  const chooseAll = async (folder: string, first: RegExp, last: RegExp): Promise<void> => {
    await page.getByRole('button', { name: 'Open file…' }).click();
    await dialog.getByRole('textbox', { name: 'Path' }).fill(folder);
    await dialog.getByRole('textbox', { name: 'Path' }).press('Enter');
    const list = dialog.getByRole('listbox', { name: `Files in ${folder}` });
    await list.getByRole('option', { name: first }).click();
    await list.getByRole('option', { name: last }).click({ modifiers: ['Shift'] });
    await expect(list.getByRole('option', { selected: true })).toHaveCount(3);
    await dialog.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(dialog).toBeHidden();
  };

  await chooseAll(trio, /^a\.csv/, /^c\.csv/);
  await expect(page.getByText('Opened 3 files: a.csv, b.tsv, and c.csv.')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('treeitem', { name: /^c 1 column/ })).toBeVisible();
  // One notice for the three, not one each: the status bar's line counts no other notice.
  await expect(page.getByRole('contentinfo').getByRole('button', { name: /^\+\d+ more$/ })).toHaveCount(0);

  await chooseAll(mixed, /^d\.csv/, /^f\.csv/);
  await expect(page.getByText('Opened 2 files: d.csv and f.csv.')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('“e.csv” is empty (0 bytes), so there is nothing to load.')).toBeVisible();
});
