/**
 * The instructor's gradebook while it grades: how far it has got, the time limit it states, and a
 * Cancel that interrupts the statement running in the native engine, keeps the rows graded so far
 * and marks the others not graded.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildExampleCourse } from './courseBundle';
import { expect, test } from './fixtures';

/** A submission for the example course, answering `answers` (exercise id: SQL). */
function submission(trainee: string, answers: Record<string, string>): string {
  return JSON.stringify({
    format: 'datalab-submission',
    formatVersion: 1,
    bundleId: 'sql-fr-debutants',
    bundleVersion: '1.0.0',
    trainee,
    submittedAt: '2026-12-01T10:00:00.000Z',
    exercises: Object.entries(answers).map(([id, sql]) => ({ id, sql, status: 'solved', attempts: 1 })),
  });
}

test('grading counts the submissions as it goes, and Cancel stops a never-ending query within 2 s, saying which were not graded', async ({ page, workbench }) => {
  test.setTimeout(180_000);
  const bundle = await buildExampleCourse(workbench.home);
  const folder = path.join(workbench.home, 'rendus');
  await mkdir(folder);
  await writeFile(path.join(folder, 'a-amina.datalab-submission'), submission('Amina', { selection: 'SELECT species, island, body_mass_g FROM penguins' }));
  // Runs to the 30 s limit unless interrupted.
  await writeFile(path.join(folder, 'b-bruno.datalab-submission'), submission('Bruno', { selection: 'SELECT count(*) FROM range(100000000000) a, range(100000000000) b' }));
  await writeFile(path.join(folder, 'c-chloe.datalab-submission'), submission('Chloé', { selection: 'SELECT 1' }));

  await page.getByRole('tab', { name: 'Instructor' }).click();
  const instructor = page.getByRole('region', { name: 'Instructor' });
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
  await expect(grades).toBeVisible({ timeout: 2_000 });
  expect(Date.now() - cancelledAt).toBeLessThan(2_000);

  await expect(page.getByText('Grading cancelled: 1 of 3 graded; the others are marked “Not graded”.')).toBeVisible();
  const rowOf = (file: string) => grades.getByRole('row').filter({ hasText: file });
  await expect(rowOf('a-amina')).toContainText('Amina');
  await expect(rowOf('a-amina')).not.toContainText('Not graded');
  await expect(rowOf('b-bruno')).toContainText('Not graded: the grading was cancelled.');
  await expect(rowOf('c-chloe')).toContainText('Not graded: the grading was cancelled.');
  await expect(instructor.getByRole('button', { name: 'Cancel grading' })).toHaveCount(0);
  await expect(instructor.getByRole('button', { name: 'Grade' })).toBeEnabled();
});
