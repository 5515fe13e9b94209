/**
 * The Lab as a trainee and an instructor meet it: the example course, built by the instructor's
 * command line here, is opened with Open file… (an unsigned bundle asks first), an exercise is
 * solved wrongly then rightly on the in-app engine with feedback, a hint and a reset; another is
 * solved then checked again broken, and stays solved with the SQL that passed; a reload keeps the
 * progress; the exported submission is graded by the command line and in the gradebook.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { Submission } from '../../shared/contract/bundle';
import { buildExampleCourse, datalab, openExampleCourse } from './courseBundle';
import { engineReady, expect, replaceEditorText, test, textOf } from './fixtures';

/** Replaces the exercise's SQL, typed into its Monaco editor as a user would. */
async function setExerciseSql(page: Page, title: string, sql: string): Promise<void> {
  await replaceEditorText(page, page.getByRole('textbox', { name: `SQL for ${title}` }), sql);
}

test('a trainee opens the example course, gets feedback, a hint and a reset, keeps progress over a reload, and hands in a submission that grades', async ({ page, workbench }) => {
  test.setTimeout(240_000);
  await buildExampleCourse(workbench.home);
  await engineReady(page);

  // Open file…: the bundle is unsigned, so the app asks before it opens it.
  await page.getByRole('button', { name: 'Open file…' }).click();
  const chooser = page.getByRole('dialog', { name: 'Open a file' });
  let asked = '';
  page.once('dialog', (dialog) => {
    asked = dialog.message();
    void dialog.accept();
  });
  await chooser.getByRole('option', { name: /cours\.datalab/ }).dblclick();
  const lab = page.getByRole('tabpanel', { name: 'SQL pas à pas' });
  await expect(lab).toBeVisible({ timeout: 30_000 });
  expect(asked).toContain('is not signed');
  await expect(lab.getByText('Not signed: unverified source.')).toBeVisible();
  // Its data files are in the catalog under the course's title, and loaded as tables.
  const catalog = page.getByRole('tree', { name: 'Datasets and tables' });
  await expect(catalog.getByRole('treeitem', { name: /SQL pas à pas/ })).toBeVisible();
  await expect(catalog.getByRole('treeitem', { name: /^penguins/ }).first()).toBeVisible({ timeout: 60_000 });

  const exercises = lab.getByRole('navigation', { name: 'Exercises' });
  await expect(exercises.getByRole('button')).toHaveCount(13);
  await expect(exercises.getByRole('button', { name: /Choisir des colonnes/ })).toContainText('Not started');
  const exercise = lab.getByRole('article', { name: 'Exercise Choisir des colonnes' });
  // The prompt is rendered Markdown.
  await expect(exercise.locator('.lab-prompt strong')).toHaveText('tous');
  await expect(exercise.getByRole('textbox', { name: 'SQL for Choisir des colonnes' })).toBeAttached();
  await expect(exercise.locator('.view-lines')).toContainText('SELECT *');

  // Wrong: the starter's SELECT * has columns the exercise does not ask for.
  await exercise.getByRole('button', { name: 'Check' }).click();
  const feedback = exercise.getByRole('status', { name: 'Feedback' });
  await expect(feedback).toContainText('Columns not asked for:', { timeout: 30_000 });
  // The expected columns are all there: every row matches on them.
  await expect(feedback).toContainText('Rows that match: 344 of 344.');
  await expect(exercises.getByRole('button', { name: /Choisir des colonnes/ })).toContainText('Attempted');

  // Wrong rows: the right columns, but only some rows; those not expected are marked in the table.
  await setExerciseSql(page, 'Choisir des colonnes', "SELECT species, island, body_mass_g + 1 AS body_mass_g FROM penguins WHERE island = 'Torgersen'");
  await exercise.getByRole('button', { name: 'Check' }).click();
  await expect(feedback).toContainText('Expected rows: 344; your result has 52.');
  await expect(feedback).toContainText('Rows of yours that are not expected:');
  await expect(exercise.getByRole('table', { name: 'Your result' }).locator('tr.lab-row--unexpected').first()).toContainText('Not expected');

  // A hint, one at a time.
  await exercise.getByRole('button', { name: 'Hint (0 of 1)' }).click();
  await expect(exercise.getByRole('listitem', { name: 'Hint 1' })).toContainText('Remplacez');
  await expect(exercise.getByRole('button', { name: 'Hint (1 of 1)' })).toBeDisabled();

  // Right.
  await setExerciseSql(page, 'Choisir des colonnes', 'SELECT species, island, body_mass_g FROM penguins;');
  await exercise.getByRole('button', { name: 'Check' }).click();
  await expect(feedback).toHaveText(/Correct!/);
  await expect(exercises.getByRole('button', { name: /Choisir des colonnes/ })).toContainText('Solved');
  await expect(lab).toContainText('1 of 13 solved');

  // Reset asks first; dismissing keeps the SQL, accepting puts the starter back.
  page.once('dialog', (dialog) => void dialog.dismiss());
  await exercise.getByRole('button', { name: 'Reset' }).click();
  await expect(exercise.locator('.view-lines')).toContainText('body_mass_g FROM penguins');
  page.once('dialog', (dialog) => void dialog.accept());
  await exercise.getByRole('button', { name: 'Reset' }).click();
  await expect(exercise.locator('.view-lines')).toContainText('SELECT *');

  // Solved, then a broken version checked: the exercise stays solved, the page says which SQL is
  // handed in, and the submission holds the SQL that passed (the gradebook gives its points below).
  await exercises.getByRole('button', { name: /Filtrer des groupes/ }).click();
  const having = lab.getByRole('article', { name: 'Exercise Filtrer des groupes' });
  const havingFeedback = having.getByRole('status', { name: 'Feedback' });
  const solvedSql = 'SELECT state, count(*) AS nombre FROM airports GROUP BY state HAVING count(*) > 100 ORDER BY nombre DESC, state;';
  await expect(catalog.getByRole('treeitem', { name: /^airports/ }).first()).toBeVisible({ timeout: 60_000 });
  await setExerciseSql(page, 'Filtrer des groupes', solvedSql);
  await having.getByRole('button', { name: 'Check' }).click();
  await expect(havingFeedback).toHaveText(/Correct!/, { timeout: 30_000 });
  await expect(lab).toContainText('2 of 13 solved');
  await expect(having.getByRole('note')).toHaveCount(0);
  await setExerciseSql(page, 'Filtrer des groupes', 'SELECT state, count(*) AS nombre FROM airports GROUP BY state HAVIN count(*) > 100;');
  await having.getByRole('button', { name: 'Check' }).click();
  await expect(havingFeedback).toContainText('Your SQL fails:', { timeout: 30_000 });
  // DuckDB's message as it writes it: the caret on a line of its own, under the spot.
  const duckdbSays = havingFeedback.locator('pre');
  await expect(duckdbSays).toContainText('Parser Error: syntax error');
  expect((await duckdbSays.innerText()).split('\n').some((line) => /^\s+\^$/.test(line))).toBe(true);
  await expect(having).toContainText('2 attempts');
  await expect(exercises.getByRole('button', { name: /Filtrer des groupes/ })).toContainText('Solved');
  await expect(lab).toContainText('2 of 13 solved');
  const handedIn = having.getByRole('note');
  await expect(handedIn).toContainText('Your submission hands in the query that solved this exercise:');
  await expect(handedIn.locator('pre')).toHaveText(solvedSql);

  // A reload keeps the progress (saved on the host after every check).
  await page.reload();
  await engineReady(page);
  await page.getByRole('tab', { name: 'Lab: SQL pas à pas' }).click();
  await expect(lab.getByRole('navigation', { name: 'Exercises' }).getByRole('button', { name: /Choisir des colonnes/ })).toContainText('Solved');
  await expect(lab).toContainText('2 of 13 solved');
  await expect(lab.getByRole('article', { name: 'Exercise Choisir des colonnes' })).toContainText('3 attempts');

  // Export the submission, and grade it with the instructor's command line.
  const target = path.join(workbench.home, 'Amina-sql-fr-debutants.datalab-submission');
  await lab.getByRole('textbox', { name: 'Your name' }).fill('Amina');
  await lab.getByRole('textbox', { name: 'Save to (full path of a .datalab-submission file)' }).fill(target);
  await lab.getByRole('button', { name: 'Export submission' }).click();
  await expect(page.getByText(`Submission saved: ${target}`)).toBeVisible();
  const submission = Submission.parse(JSON.parse(await readFile(target, 'utf8')));
  expect(submission.exercises.find((e) => e.id === 'selection')).toMatchObject({ sql: 'SELECT species, island, body_mass_g FROM penguins;', status: 'solved', attempts: 3 });
  expect(submission.exercises.find((e) => e.id === 'having')).toMatchObject({ sql: solvedSql, status: 'solved', attempts: 2 });
  const graded = await datalab(workbench.home, 'grade', 'cours.datalab', target);
  const header = graded.split('\n').find((l) => l.startsWith('trainee\t'))?.split('\t') ?? [];
  const line = graded.split('\n').find((l) => l.startsWith('Amina\t'))?.split('\t') ?? [];
  // The two solved exercises earn their points (1 and 2); the others were never answered.
  expect(line.slice(0, 3)).toEqual(['Amina', '1', 'Not submitted']);
  expect(line[header.indexOf('having')]).toBe('2');
  expect(line[header.indexOf('total')]).toBe('3');

  // The instructor's gradebook in the app re-grades the same file.
  await page.getByRole('tab', { name: 'Instructor' }).click();
  const instructor = page.getByRole('tabpanel', { name: 'Instructor' });
  await instructor.getByRole('textbox', { name: 'Course bundle (full path of a .datalab file)' }).fill(path.join(workbench.home, 'cours.datalab'));
  await instructor.getByRole('textbox', { name: 'Submissions (full path of a folder, a zip or a file)' }).fill(workbench.home);
  await instructor.getByRole('button', { name: 'Grade' }).click();
  const grades = instructor.getByRole('table', { name: 'Grades for SQL pas à pas' });
  await expect(grades.getByRole('row', { name: /Amina/ })).toContainText('Not submitted', { timeout: 60_000 });
  // The total, the problem, then the exercises in the course's order: the first is "selection", the seventh "having".
  await expect(grades.getByRole('row', { name: /Amina/ }).getByRole('cell').nth(0)).toHaveText('3');
  await expect(grades.getByRole('row', { name: /Amina/ }).getByRole('cell').nth(2)).toHaveText('1');
  await expect(grades.getByRole('row', { name: /Amina/ }).getByRole('cell').nth(8)).toHaveText('2');
});

test('a course’s notebooks open beside its exercises, run on the course’s tables, and are kept by Save, which asks where (the home folder offered), never over the course', async ({ page, workbench }) => {
  test.setTimeout(180_000);
  await buildExampleCourse(workbench.home);
  await engineReady(page);
  const lab = await openExampleCourse(page);
  // The notebook opened in a tab of its own; the exercises stay in front.
  await expect(page.getByRole('tab', { name: 'Notebook introduction.md', exact: true })).toBeVisible();
  await expect(page.getByRole('tree', { name: 'Datasets and tables' }).getByRole('treeitem', { name: /^penguins/ }).first()).toBeVisible({ timeout: 60_000 });

  await lab.getByRole('navigation', { name: 'Course notebooks' }).getByRole('button', { name: 'introduction.md' }).click();
  const notebook = page.getByRole('tabpanel', { name: 'Notebook introduction.md' });
  await expect(notebook).toBeVisible();
  await expect(notebook).toContainText('Ce cours contient cinq tables');
  await notebook.getByRole('button', { name: 'Run all cells' }).click();
  await expect(notebook.locator('[data-cell-id]').nth(1)).toHaveClass(/notebook-cell--done/, { timeout: 30_000 });
  await expect(page.getByRole('grid', { name: 'Result of cell 2' }).getByRole('row')).toHaveCount(11);

  // The course stays as it was signed: the page says so, and Save asks where to keep a copy,
  // offering the home folder; the copy holds the edit, and the course's file does not.
  const courseFile = await notebook.locator('.notebook-file bdi').innerText();
  expect(courseFile.startsWith(workbench.dataDir)).toBe(true);
  const saveButton = notebook.getByRole('button', { name: 'Save', exact: true });
  await expect(saveButton).toHaveAccessibleDescription(/part of a course .* Save keeps your copy elsewhere/);
  await notebook.getByRole('textbox', { name: 'Result name' }).fill('apercu');
  await saveButton.click();
  const savedCopy = path.join(workbench.home, 'introduction.md');
  await expect(notebook.getByRole('textbox', { name: 'Save to (full path of a .md file)' })).toHaveValue(savedCopy);
  await page.keyboard.press('Enter');
  await expect(notebook.locator('.notebook-file bdi')).toHaveText(savedCopy);
  expect(await readFile(savedCopy, 'utf8')).toContain('```sql apercu\nSELECT * FROM penguins LIMIT 10;\n```');
  expect(await readFile(courseFile, 'utf8')).not.toContain('apercu');
  // Saved where the user may write: Save writes there from now on, and says nothing of the course.
  await expect(notebook.getByRole('note')).toHaveCount(0);
  const copy = path.join(workbench.home, 'mon-introduction.md');
  await notebook.getByRole('button', { name: 'Save as…' }).click();
  await notebook.getByRole('textbox', { name: 'Save to (full path of a .md file)' }).fill(copy);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Notebook mon-introduction.md', exact: true })).toBeVisible();
  expect(await readFile(copy, 'utf8')).toContain('```sql apercu\nSELECT * FROM penguins LIMIT 10;\n```');
});

test('in the Arabic interface, a French course’s prompt and hints read left to right, in French', async ({ page, workbench }) => {
  await buildExampleCourse(workbench.home);
  await engineReady(page);
  await openExampleCourse(page);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  const prompt = page.locator('.lab-prompt').first();
  await expect(prompt).toHaveAttribute('lang', 'fr');
  expect(await prompt.evaluate((element) => getComputedStyle(element).direction)).toBe('ltr');
});

test('in the Arabic interface, a French course’s notebook reads left to right, in French, with its SQL; a cell written in Arabic reads right to left', async ({ page, workbench }) => {
  await buildExampleCourse(workbench.home);
  await engineReady(page);
  const lab = await openExampleCourse(page);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await lab.getByRole('navigation', { name: await textOf(page, 'lab.ui.notebooks') }).getByRole('button', { name: 'introduction.md' }).click();
  const notebook = page.getByRole('tabpanel', { name: await textOf(page, 'notebook.ui.tab', { file: 'introduction.md' }) });
  const markdown = notebook.locator('.notebook-markdown-body').first();
  await expect(markdown).toContainText('Ce cours contient cinq tables');
  await expect(markdown).toHaveAttribute('lang', 'fr');
  const direction = (element: HTMLElement | SVGElement) => getComputedStyle(element).direction;
  expect(await markdown.evaluate(direction)).toBe('ltr');
  // The table's rows too ("3 376 aéroports" must not be reordered), and the SQL cell.
  expect(await markdown.locator('td', { hasText: '3 376' }).evaluate(direction)).toBe('ltr');
  expect(await notebook.locator('.notebook-sql-editor').first().evaluate(direction)).toBe('ltr');
  // A cell the trainee adds in Arabic takes the direction of its own text.
  await notebook.getByRole('button', { name: await textOf(page, 'notebook.ui.addMarkdown') }).click();
  const added = notebook.locator('.notebook-markdown-body').last();
  await expect(added).toHaveText(await textOf(page, 'notebook.ui.newMarkdown'));
  expect(await added.evaluate(direction)).toBe('rtl');
});

test('leaving the Lab for a query tab and coming back keeps the exercise, the name and the path; the path field holds a full path', async ({ page, workbench }) => {
  await buildExampleCourse(workbench.home);
  await engineReady(page);
  const lab = await openExampleCourse(page);
  await lab.getByRole('navigation', { name: 'Exercises' }).getByRole('button', { name: /Filtrer les lignes/ }).click();
  await lab.getByRole('textbox', { name: 'Your name' }).fill('Amina');
  const pathField = lab.getByRole('textbox', { name: 'Save to (full path of a .datalab-submission file)' });
  await expect(pathField).toHaveValue(`${workbench.home}/Amina-sql-fr-debutants.datalab-submission`);
  await pathField.fill(`${workbench.home}/rendu.datalab-submission`);

  await page.getByRole('tab', { name: 'Query 1' }).click();
  await expect(lab).toBeHidden();
  await page.getByRole('tab', { name: 'Lab: SQL pas à pas' }).click();
  await expect(lab.getByRole('article', { name: 'Exercise Filtrer les lignes' })).toBeVisible();
  await expect(lab.getByRole('textbox', { name: 'Your name' })).toHaveValue('Amina');
  await expect(pathField).toHaveValue(`${workbench.home}/rendu.datalab-submission`);
});


test('in Arabic, the notice naming the saved submission shows its path as written, the first slash at the path’s start', async ({ page, workbench }) => {
  await buildExampleCourse(workbench.home);
  await engineReady(page);
  const lab = await openExampleCourse(page);
  // The course's tables loaded: their notices, which take the status bar's line in turn, are over.
  await expect(lab.getByRole('button', { name: 'Check' })).toBeEnabled({ timeout: 60_000 });
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  const target = path.join(workbench.home, 'salma.datalab-submission');
  await lab.getByRole('textbox', { name: await textOf(page, 'lab.ui.trainee') }).fill('Salma');
  await lab.getByRole('textbox', { name: await textOf(page, 'lab.ui.submissionPath') }).fill(target);
  await lab.getByRole('button', { name: await textOf(page, 'lab.ui.exportSubmission') }).click();
  const notice = page.locator('.status-notice-text').filter({ hasText: 'salma.datalab-submission' });
  await expect(notice).toHaveText(await textOf(page, 'lab.ui.submissionSaved', { file: target }));
  // Where the path's first two characters are drawn: "/" must be left of the "t" of "/tmp" (a path
  // reads left to right), not pushed to the path's other end by the Arabic sentence around it.
  const [slash, next] = await notice.evaluate((element, start) => {
    // The text node that holds the path (the notice may hold more than one).
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    let text: Node | null = walker.nextNode();
    while (text && !(text.textContent ?? '').includes(start)) text = walker.nextNode();
    if (!text) throw new Error(`no text node holds “${start}” in “${element.textContent}”`);
    const at = (offset: number) => {
      const range = document.createRange();
      range.setStart(text, offset);
      range.setEnd(text, offset + 1);
      return range.getBoundingClientRect().left;
    };
    const offset = (text.textContent ?? '').indexOf(start);
    return [at(offset), at(offset + 1)];
  }, target.slice(0, 2));
  expect(slash).toBeLessThan(next);
});

test('Export submission says why it is off; with only a name typed, it saves to the path the field holds', async ({ page, workbench }) => {
  await buildExampleCourse(workbench.home);
  await engineReady(page);
  const lab = await openExampleCourse(page);
  const exportButton = lab.getByRole('button', { name: 'Export submission' });
  await expect(exportButton).toBeDisabled();
  await expect(exportButton).toHaveAccessibleDescription('Type your name to export the submission.');
  await expect(lab.getByText('Type your name to export the submission.')).toBeVisible();

  // The name alone: the path is the field's value, not a placeholder, and follows the name.
  await lab.getByRole('textbox', { name: 'Your name' }).fill('Salma');
  const target = path.join(workbench.home, 'Salma-sql-fr-debutants.datalab-submission');
  const pathField = lab.getByRole('textbox', { name: 'Save to (full path of a .datalab-submission file)' });
  await expect(pathField).toHaveValue(target);
  await expect(exportButton).toBeEnabled();
  await expect(exportButton).toHaveAccessibleDescription('');
  await exportButton.click();
  await expect(page.getByText(`Submission saved: ${target}`)).toBeVisible();
  expect(Submission.parse(JSON.parse(await readFile(target, 'utf8'))).trainee).toBe('Salma');

  // A path cleared: off again, and the reason says what is missing.
  await pathField.fill('');
  await expect(exportButton).toBeDisabled();
  await expect(exportButton).toHaveAccessibleDescription('Type the full path of the file to save the submission to.');
});
