/**
 * A course's tables are the tables its exercises check: each loads under the name the exercises
 * use, never under a free one beside it (`penguins_2`, while `FROM penguins` read the user's own
 * data and the feedback was about it). A name taken by a file the trainee opened is offered back
 * (Replace or Cancel); one taken by a table they made is never dropped. Check waits meanwhile, and
 * says why. The course here has three penguins, the sample 344: only the course's data is right.
 */
import type { Locator, Page } from '@playwright/test';
import { buildPenguinCountCourse, openCourse, penguinCountCourse } from './courseBundle';
import { axeViolations, engineReady, expect, gridRows, replaceEditorText, runQuery, test } from './fixtures';

const countSql = 'SELECT count(*) AS nombre FROM penguins;';

function catalog(page: Page): Locator {
  return page.getByRole('tree', { name: 'Datasets and tables' });
}

async function loadPenguinsSample(page: Page): Promise<void> {
  await page.getByRole('treeitem', { name: /^Load Palmer penguins/i }).click();
  await expect(catalog(page).getByRole('treeitem', { name: /^penguins 7 columns/ })).toBeVisible({ timeout: 30_000 });
}

async function openPenguinCourse(page: Page): Promise<Locator> {
  return openCourse(page, 'manchots.datalab', penguinCountCourse);
}

/** Types the exercise's SQL and checks it; returns the feedback. */
async function checkCount(page: Page, lab: Locator): Promise<Locator> {
  await replaceEditorText(page, page.getByRole('textbox', { name: 'SQL for Compter' }), countSql);
  await lab.getByRole('button', { name: 'Check' }).click();
  return lab.getByRole('status', { name: 'Feedback' });
}

/** The catalog's table names, as the tree shows them. */
async function tableNames(page: Page): Promise<string[]> {
  return (await catalog(page).getByRole('treeitem', { name: /^\S+ \d+ columns?/ }).locator('.tree-label').allTextContents()).sort();
}

test('a course opened after the penguins sample asks before replacing it; its exercise then checks against the course’s penguins', async ({ page, workbench }) => {
  test.setTimeout(180_000);
  await buildPenguinCountCourse(workbench.home);
  await engineReady(page);
  // As the trainees' guide says: a sample first, then the course.
  await loadPenguinsSample(page);
  const lab = await openPenguinCourse(page);

  const notice = lab.getByRole('region', { name: 'The course’s tables' });
  await expect(notice.getByRole('alert')).toHaveText(
    'The course’s exercises read the table penguins, but a file you opened (penguins.csv) already has that name. Replace it with the course’s data? Your file is only closed, not changed: open it again to have it under another name.',
  );
  // Nothing loaded under another name, and nothing to check against the wrong data.
  expect(await tableNames(page)).toEqual(['penguins']);
  const check = lab.getByRole('button', { name: 'Check' });
  await expect(check).toBeDisabled();
  const reason = 'Check is unavailable until the course’s table penguins is loaded: your query would not read the course’s data.';
  await expect(lab.getByRole('note')).toContainText(reason);
  await expect(check).toHaveAccessibleDescription(reason);
  expect(await axeViolations(page)).toEqual([]);

  // Cancel leaves the sample as it is; Check stays off, and the way back is beside it.
  await notice.getByRole('button', { name: 'Cancel' }).click();
  await expect(notice).toBeHidden();
  await expect(check).toBeDisabled();
  await expect(catalog(page).getByRole('treeitem', { name: /^penguins 7 columns/ })).toBeVisible();
  await lab.getByRole('button', { name: 'Load the course’s tables' }).click();
  await expect(notice).toBeVisible();

  // Replace, from the keyboard.
  await notice.getByRole('button', { name: 'Replace with the course’s data' }).focus();
  await page.keyboard.press('Enter');
  await expect(notice).toBeHidden({ timeout: 30_000 });
  await expect(page.getByText('Closed penguins.csv: its name holds the course’s data now. Open it again to have it under another name.')).toBeVisible();
  await expect(catalog(page).getByRole('treeitem', { name: /^penguins 3 columns/ })).toBeVisible();
  expect(await tableNames(page)).toEqual(['penguins']);
  await expect(check).toBeEnabled();
  await expect(lab.getByRole('note')).toHaveCount(0);

  // The course's three penguins, not the sample's 344.
  const feedback = await checkCount(page, lab);
  await expect(feedback).toHaveText(/Correct!/, { timeout: 30_000 });

  // The sample opens again, under a free name: the course keeps `penguins`.
  await page.getByRole('treeitem', { name: /^Load Palmer penguins/i }).click();
  await expect(catalog(page).getByRole('treeitem', { name: /^penguins_2 7 columns/ })).toBeVisible({ timeout: 30_000 });
  await expect(check).toBeEnabled();
});

test('a table the trainee made under a course’s name is never dropped: the course says so, and loads once it is renamed', async ({ page, workbench }) => {
  test.setTimeout(180_000);
  await buildPenguinCountCourse(workbench.home);
  await engineReady(page);
  await runQuery(page, "CREATE TABLE penguins AS SELECT 'mine' AS owner, 42 AS answer;");
  await expect(catalog(page).getByRole('treeitem', { name: /^penguins 2 columns/ })).toBeVisible();
  const lab = await openPenguinCourse(page);

  const notice = lab.getByRole('region', { name: 'The course’s tables' });
  await expect(notice.getByRole('alert')).toHaveText(
    'The course’s exercises read a table named penguins, and you made a table of that name yourself. Data Lab never drops your tables: rename yours or drop it (ALTER TABLE … RENAME TO …, DROP TABLE …), then choose Load the course’s tables.',
  );
  await expect(notice.getByRole('button', { name: 'Replace with the course’s data' })).toHaveCount(0);
  await expect(lab.getByRole('button', { name: 'Check' })).toBeDisabled();
  expect(await tableNames(page)).toEqual(['penguins']);
  // Asking again changes nothing: the table is the trainee's.
  await lab.getByRole('button', { name: 'Load the course’s tables' }).click();
  await expect(notice).toBeVisible();
  await notice.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('tab', { name: 'Query 1' }).click();
  await runQuery(page, 'SELECT * FROM penguins;');
  expect(await gridRows(page)).toEqual([['mine', '42']]);

  // Renamed by the trainee: the course's table loads under its name, theirs stays as it was.
  await runQuery(page, 'ALTER TABLE penguins RENAME TO my_penguins;');
  await page.getByRole('tab', { name: `Lab: ${penguinCountCourse}` }).click();
  await lab.getByRole('button', { name: 'Load the course’s tables' }).click();
  await expect(catalog(page).getByRole('treeitem', { name: /^penguins 3 columns/ })).toBeVisible({ timeout: 30_000 });
  await expect(notice).toBeHidden();
  await expect(await checkCount(page, lab)).toHaveText(/Correct!/, { timeout: 30_000 });
  await page.getByRole('tab', { name: 'Query 1' }).click();
  await runQuery(page, 'SELECT * FROM my_penguins;');
  expect(await gridRows(page)).toEqual([['mine', '42']]);

  // The course's table dropped by the trainee: Check waits, and loading the course's tables brings it back.
  await runQuery(page, 'DROP TABLE penguins;');
  await expect(catalog(page).getByRole('treeitem', { name: /^penguins 3 columns/ })).toHaveCount(0);
  await page.getByRole('tab', { name: `Lab: ${penguinCountCourse}` }).click();
  await expect(lab.getByRole('button', { name: 'Check' })).toBeDisabled();
  await lab.getByRole('button', { name: 'Load the course’s tables' }).click();
  await expect(catalog(page).getByRole('treeitem', { name: /^penguins 3 columns/ })).toBeVisible({ timeout: 30_000 });
  await expect(await checkCount(page, lab)).toHaveText(/Correct!/, { timeout: 30_000 });
});

test('Replace never drops a table the trainee made again under an opened file’s name', async ({ page, workbench }) => {
  test.setTimeout(180_000);
  await buildPenguinCountCourse(workbench.home);
  await engineReady(page);
  await loadPenguinsSample(page);
  // The sample's table, dropped and made again by the trainee: theirs now, though the file is still open.
  await runQuery(page, 'DROP TABLE penguins;');
  await runQuery(page, "CREATE TABLE penguins AS SELECT 'mine' AS owner, 42 AS answer;");
  await expect(catalog(page).getByRole('treeitem', { name: /^penguins 2 columns/ })).toBeVisible();
  const lab = await openPenguinCourse(page);
  const notice = lab.getByRole('region', { name: 'The course’s tables' });
  await notice.getByRole('button', { name: 'Replace with the course’s data' }).click();
  await expect(page.getByText('Could not load “penguins.csv”: “penguins” is no longer the table made for the file: it was made again with SQL, and is yours. Rename it or drop it first.')).toBeVisible({ timeout: 30_000 });
  await expect(lab.getByRole('button', { name: 'Check' })).toBeDisabled();
  await page.getByRole('tab', { name: 'Query 1' }).click();
  await runQuery(page, 'SELECT * FROM penguins;');
  expect(await gridRows(page)).toEqual([['mine', '42']]);
});

test('on the native engine, a course replaces the penguins sample only when asked, and its exercise checks against its own penguins', async ({ page, workbench }) => {
  test.setTimeout(180_000);
  await buildPenguinCountCourse(workbench.home);
  await engineReady(page);
  await loadPenguinsSample(page);
  await page.getByRole('button', { name: /^Engine: In-app/ }).click();
  await expect(page.getByRole('button', { name: /^Engine: Native/ })).toBeVisible({ timeout: 60_000 });
  await engineReady(page);
  const lab = await openPenguinCourse(page);

  const notice = lab.getByRole('region', { name: 'The course’s tables' });
  await expect(notice.getByRole('alert')).toContainText('a file you opened (penguins.csv) already has that name');
  await expect(lab.getByRole('button', { name: 'Check' })).toBeDisabled();
  expect(await tableNames(page)).toEqual(['penguins']);
  await notice.getByRole('button', { name: 'Replace with the course’s data' }).click();
  await expect(catalog(page).getByRole('treeitem', { name: /^penguins 3 columns/ })).toBeVisible({ timeout: 30_000 });
  await expect(await checkCount(page, lab)).toHaveText(/Correct!/, { timeout: 30_000 });

  // The native engine outlives the page: after a reload the course's table is found again under its name.
  await page.reload();
  await engineReady(page);
  await page.getByRole('tab', { name: `Lab: ${penguinCountCourse}` }).click();
  await expect(lab.getByRole('button', { name: 'Check' })).toBeEnabled({ timeout: 30_000 });
  await expect(notice).toBeHidden();
  expect(await tableNames(page)).toEqual(['penguins']);
  await expect(await checkCount(page, lab)).toHaveText(/Correct!/, { timeout: 30_000 });
});
