/**
 * The instructor's gradebook while it grades: how far it has got, the time limit it states, and a
 * Cancel that interrupts the statement running in the native engine, keeps the rows graded so far
 * and marks the others not graded.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildExampleCourse, datalab } from './courseBundle';
import { exampleSubmission } from '../support/exampleSubmission';
import { expect, test } from './fixtures';

const exampleCourse = fileURLToPath(new URL('../../examples/course-sql-fr', import.meta.url));


test('grading counts the submissions as it goes, and Cancel stops a never-ending query within 2 s, saying which were not graded', async ({ page, workbench }) => {
  test.setTimeout(180_000);
  const bundle = await buildExampleCourse(workbench.home);
  const folder = path.join(workbench.home, 'rendus');
  await mkdir(folder);
  await writeFile(path.join(folder, 'a-amina.datalab-submission'), exampleSubmission('Amina', { selection: 'SELECT species, island, body_mass_g FROM penguins' }));
  // Runs to the 30 s limit unless interrupted.
  await writeFile(path.join(folder, 'b-bruno.datalab-submission'), exampleSubmission('Bruno', { selection: 'SELECT count(*) FROM range(100000000000) a, range(100000000000) b' }));
  await writeFile(path.join(folder, 'c-chloe.datalab-submission'), exampleSubmission('Chloé', { selection: 'SELECT 1' }));

  await page.getByRole('tab', { name: 'Instructor' }).click();
  const instructor = page.getByRole('tabpanel', { name: 'Instructor' });
  await expect(instructor.getByText('Each exercise’s SQL may run for 30 seconds; past that it is interrupted and marked “Timed out”.')).toBeVisible();
  await instructor.getByRole('textbox', { name: 'Course bundle (full path of a .datalab file)' }).fill(bundle);
  await instructor.getByRole('textbox', { name: 'Submissions (full path of a folder, a zip or a file)' }).fill(folder);
  await instructor.getByRole('button', { name: 'Grade' }).click();

  const status = instructor.getByRole('status');
  await expect(status).toHaveText('1 of 3 submissions graded', { timeout: 60_000 });
  // Bruno's statement is running now; give it a moment in the engine.
  await page.waitForTimeout(1_000);
  await expect(status).toHaveText('1 of 3 submissions graded');
  const cancelledAt = Date.now();
  await instructor.getByRole('button', { name: 'Cancel grading' }).click();
  const grades = instructor.getByRole('table', { name: 'Grades for SQL pas à pas' });
  // Under the 5 s after which an interrupt that did not reach the statement stops the process.
  await expect(grades).toBeVisible({ timeout: 4_000 });
  expect(Date.now() - cancelledAt).toBeLessThan(4_000);

  await expect(page.getByText('Grading cancelled: 1 of 3 graded; the others are marked “Not graded”.')).toBeVisible();
  const rowOf = (file: string) => grades.getByRole('row').filter({ hasText: file });
  await expect(rowOf('a-amina')).toContainText('Amina');
  await expect(rowOf('a-amina')).not.toContainText('Not graded');
  await expect(rowOf('b-bruno')).toContainText('Not graded: the grading was cancelled.');
  await expect(rowOf('c-chloe')).toContainText('Not graded: the grading was cancelled.');
  await expect(instructor.getByRole('button', { name: 'Cancel grading' })).toHaveCount(0);
  await expect(instructor.getByRole('button', { name: 'Grade' })).toBeEnabled();
});

test.describe('at 1366×768', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('the gradebook keeps the trainee and the total in view, problems on one line, exercises by title, in English, French and Arabic', async ({ page, workbench }, testInfo) => {
    test.setTimeout(180_000);
    const bundle = await buildExampleCourse(workbench.home);
    const folder = path.join(workbench.home, 'rendus');
    await mkdir(folder);
    for (const [i, trainee] of ['Amina', 'Bruno', 'Chloé', 'Dounia', 'Étienne', 'Farid'].entries()) {
      await writeFile(path.join(folder, `${i}-${trainee}.datalab-submission`), exampleSubmission(trainee, { selection: 'SELECT species, island, body_mass_g FROM penguins', filtre: 'SELECT 1' }));
    }
    await writeFile(path.join(folder, 'z-broken.datalab-submission'), '{ not json');
    await writeFile(path.join(folder, 'z-future.datalab-submission'), JSON.stringify({ ...JSON.parse(exampleSubmission('Gaëlle', {})), formatVersion: 9 }));

    await page.getByRole('tab', { name: 'Instructor' }).click();
    const instructor = page.getByRole('tabpanel', { name: 'Instructor' });
    await instructor.getByRole('textbox', { name: 'Course bundle (full path of a .datalab file)' }).fill(bundle);
    await instructor.getByRole('textbox', { name: 'Submissions (full path of a folder, a zip or a file)' }).fill(folder);
    await instructor.getByRole('button', { name: 'Grade' }).click();
    const grades = instructor.getByRole('table', { name: 'Grades for SQL pas à pas' });
    await expect(grades.getByRole('row')).toHaveCount(9, { timeout: 60_000 });

    const inView = async (name: string): Promise<void> => {
      const box = await grades.getByRole('columnheader', { name, exact: true }).boundingBox();
      expect(box, `${name} is laid out`).not.toBeNull();
      expect(box!.x, `${name} starts on screen`).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width, `${name} ends on screen`).toBeLessThanOrEqual(1366);
      expect(box!.y + box!.height).toBeLessThanOrEqual(768);
    };
    // Columns are headed by the exercises' titles, the id on a second line.
    await expect(grades.getByRole('columnheader', { name: /Choisir des colonnes/ })).toContainText('selection');
    await inView('Total');
    // A problem stays on one line (rows about as tall as the others), whole on hover and focus.
    const problemRow = grades.getByRole('row').filter({ hasText: 'z-broken' });
    const rowHeight = (await problemRow.boundingBox())!.height;
    expect(rowHeight).toBeLessThan(60);
    // The table takes the height left under the form: most rows are in view.
    const lastRow = (await grades.getByRole('row').last().boundingBox())!;
    expect(lastRow.y + lastRow.height).toBeLessThanOrEqual(768);
    await page.screenshot({ path: testInfo.outputPath('gradebook-en.png') });

    for (const [locale, total] of [['fr', 'Total'], ['ar', 'المجموع']] as const) {
      await page.getByRole('combobox', { name: /Language|Langue|اللغة/ }).selectOption(locale);
      await expect(page.locator('html')).toHaveAttribute('lang', locale === 'ar' ? 'ar-MA' : locale);
      const region = page.getByRole('tabpanel', { name: locale === 'fr' ? 'Formateur' : /.+/ }).filter({ has: page.getByRole('columnheader', { name: total, exact: true }) });
      const box = (await region.getByRole('columnheader', { name: total, exact: true }).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(1366);
      await page.screenshot({ path: testInfo.outputPath(`gradebook-${locale}.png`) });
    }
  });
});

test('a course bundle signed by a key this machine does not trust is graded with a warning naming the key, gone once the key is trusted', async ({ page, workbench }) => {
  test.setTimeout(180_000);
  const made = await datalab(workbench.home, 'keys', 'new', '--out', 'instructor.key');
  const fingerprint = /[0-9a-f]{4}(-[0-9a-f]{4}){3}/.exec(made)?.[0];
  expect(fingerprint, made).toBeDefined();
  await datalab(workbench.home, 'bundle', 'build', exampleCourse, '-o', 'signe.datalab', '--sign', 'instructor.key');
  const folder = path.join(workbench.home, 'rendus');
  await mkdir(folder);
  await writeFile(path.join(folder, 'amina.datalab-submission'), exampleSubmission('Amina', { selection: 'SELECT 1' }));

  await page.getByRole('tab', { name: 'Instructor' }).click();
  const instructor = page.getByRole('tabpanel', { name: 'Instructor' });
  await instructor.getByRole('textbox', { name: 'Course bundle (full path of a .datalab file)' }).fill(path.join(workbench.home, 'signe.datalab'));
  await instructor.getByRole('textbox', { name: 'Submissions (full path of a folder, a zip or a file)' }).fill(folder);
  await instructor.getByRole('button', { name: 'Grade' }).click();
  await expect(instructor.getByRole('table', { name: 'Grades for SQL pas à pas' })).toBeVisible({ timeout: 60_000 });
  const warning = instructor.getByRole('alert');
  await expect(warning).toHaveText(
    `Warning: this course bundle is signed by a key this machine does not trust, fingerprint ${fingerprint}. Make sure it is your course before relying on these grades, or trust your key above.`,
  );
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await expect(page.getByRole('tabpanel', { name: 'Formateur' }).getByRole('alert')).toContainText(`empreinte ${fingerprint}`);
  await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');

  await instructor.getByRole('textbox', { name: 'Key file to trust (full path of a .pub file)' }).fill(path.join(workbench.home, 'instructor.pub'));
  await instructor.getByRole('button', { name: 'Trust this key' }).click();
  await expect(instructor.getByRole('cell', { name: fingerprint, exact: true })).toBeVisible();
  await instructor.getByRole('button', { name: 'Grade' }).click();
  await expect(instructor.getByRole('button', { name: 'Grade' })).toBeEnabled({ timeout: 60_000 });
  await expect(instructor.getByRole('table', { name: 'Grades for SQL pas à pas' })).toBeVisible();
  await expect(warning).toHaveCount(0);
});
