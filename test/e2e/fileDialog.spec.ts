/**
 * Open file… as in a desktop file dialog: several files at once, a typed path, recent folders;
 * and the export's folder picker making a new folder. Each asserts what the user sees and what
 * is on disk.
 */
import { readFile, writeFile, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { engineReady, expect, gridRows, runQuery, test } from './fixtures';
import { finishExport } from './exportDialog';

test('Open file… opens several files at once (Ctrl+click, Shift+arrow), a typed path, and offers the folder again as recent', async ({ page, workbench }) => {
  const folder = path.join(workbench.home, 'ventes');
  await mkdir(folder);
  await writeFile(path.join(folder, 'nord.csv'), 'ville,montant\nLille,10\n');
  await writeFile(path.join(folder, 'sud.csv'), 'ville,montant\nNice,20\nMarseille,30\n');
  await writeFile(path.join(folder, 'est.csv'), 'ville,montant\nStrasbourg,40\n');
  await writeFile(path.join(workbench.home, 'typed.csv'), 'n\n7\n');
  await engineReady(page);

  // A typed folder path shows the folder; Enter goes there. The dialog's first place is listed
  // late here (as on a busy machine): it must not replace the folder the user asked for.
  await page.route('**/api/fs/roots', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });
  await page.getByRole('button', { name: 'Open file…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a file' });
  await dialog.getByRole('textbox', { name: 'Path' }).fill(folder);
  await dialog.getByRole('textbox', { name: 'Path' }).press('Enter');
  const list = dialog.getByRole('listbox', { name: `Files in ${folder}` });
  await expect(list.getByRole('option')).toHaveText([/est\.csv/, /nord\.csv/, /sud\.csv/]);
  await page.waitForTimeout(2_000);
  await expect(list.getByRole('option')).toHaveText([/est\.csv/, /nord\.csv/, /sud\.csv/]);
  await page.unroute('**/api/fs/roots');
  // Folder and file marks are drawn: emoji showed as empty boxes without an emoji font, so a
  // row's text is its name alone.
  await expect(list.getByRole('option').first()).toHaveText(/^est\.csv/);
  await expect(list.getByRole('option').first().locator('svg[data-kind="file"]')).toBeVisible();

  // Ctrl+click adds to the selection; Open opens every selected file.
  await list.getByRole('option', { name: /^nord\.csv/ }).click();
  await list.getByRole('option', { name: /^sud\.csv/ }).click({ modifiers: ['ControlOrMeta'] });
  await expect(list.getByRole('option', { selected: true })).toHaveCount(2);
  await expect(dialog.getByText('2 files selected')).toBeVisible();
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('treeitem', { name: /^nord 2 columns/ })).toBeVisible();
  await expect(page.getByRole('treeitem', { name: /^sud 2 columns/ })).toBeVisible();

  // Next time the folder is offered among the recent ones; by keyboard: Shift+arrow extends, Enter opens.
  await page.getByRole('button', { name: 'Open file…' }).click();
  const recent = dialog.getByRole('navigation', { name: 'Recent folders' });
  await recent.getByRole('button', { name: 'ventes' }).click();
  await list.getByRole('option', { name: /^est\.csv/ }).click();
  await page.keyboard.press('Shift+ArrowDown');
  await expect(list.getByRole('option', { selected: true })).toHaveText([/est\.csv/, /nord\.csv/]);
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('treeitem', { name: /^est 2 columns/ })).toBeVisible();

  // A typed file path opens the file.
  await page.getByRole('button', { name: 'Open file…' }).click();
  await dialog.getByRole('textbox', { name: 'Path' }).fill(path.join(workbench.home, 'typed.csv'));
  await dialog.getByRole('button', { name: 'Go' }).click();
  await expect(dialog).toBeHidden();
  await runQuery(page, 'SELECT n FROM typed');
  expect(await gridRows(page)).toEqual([['7']]);
});

test('the export’s folder picker makes a new folder, and the file is written in it', async ({ page, workbench }) => {
  await engineReady(page);
  await runQuery(page, 'SELECT 1 AS one');
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export the result' });
  await dialog.getByRole('radio', { name: /^CSV/ }).check();
  await expect(dialog.getByRole('list', { name: /^Folders in .+/ })).toBeAttached();
  await dialog.getByRole('button', { name: 'New folder' }).click();
  const name = dialog.getByRole('textbox', { name: 'Name of the new folder' });
  await name.fill('..');
  await expect(dialog.getByRole('button', { name: 'Create' })).toBeDisabled();
  await name.fill('rapports');
  await name.press('Enter');
  const made = path.join(workbench.home, 'rapports');
  await expect(dialog.getByRole('list', { name: `Folders in ${made}` })).toBeAttached();
  expect((await stat(made)).isDirectory()).toBe(true);
  // The same name again: the host refuses, the picker says why.
  await dialog.getByRole('button', { name: 'Up one folder' }).click();
  await expect(dialog.getByRole('list', { name: `Folders in ${workbench.home}` })).toBeAttached();
  await dialog.getByRole('button', { name: 'New folder' }).click();
  await name.fill('rapports');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('A folder named “rapports” exists already here.');
  await dialog.getByRole('button', { name: 'rapports' }).click();
  await expect(dialog.getByRole('list', { name: `Folders in ${made}` })).toBeAttached();
  await dialog.getByRole('textbox', { name: 'File name' }).fill('un.csv');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await finishExport(page, 'Exported 1 row to un.csv.');
  expect(await readFile(path.join(made, 'un.csv'), 'utf8')).toBe('one\n1\n');
});

test('a file path typed in Open file… opens the file with Enter, and no request fails on the way; a path to nothing is said in the dialog', async ({ page, workbench }) => {
  await writeFile(path.join(workbench.home, 'typed path.csv'), 'n\n8\n');
  await engineReady(page);
  const refused: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) refused.push(`${response.status()} ${response.url()}`);
  });
  await page.getByRole('button', { name: 'Open file…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a file' });
  const typed = dialog.getByRole('textbox', { name: 'Path' });

  // A path that names nothing: the dialog says so and keeps the path to correct.
  const missing = path.join(workbench.home, 'nothing here.csv');
  await typed.pressSequentially(missing);
  await typed.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText('“nothing here.csv” does not exist (it may have been moved or deleted).');
  await expect(typed).toHaveValue(missing);

  // Typed key by key, as a user does, then Enter: the file opens.
  await typed.fill('');
  await typed.pressSequentially(path.join(workbench.home, 'typed path.csv'));
  await typed.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('treeitem', { name: /^typed_path 1 column/ })).toBeVisible();
  await runQuery(page, 'SELECT n FROM typed_path');
  expect(await gridRows(page)).toEqual([['8']]);
  expect(refused).toEqual([]);
});
