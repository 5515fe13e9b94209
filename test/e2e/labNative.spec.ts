/**
 * The Lab on the native engine, which outlives a page reload: a course's tables come back under
 * their names, once, however often the page is reloaded (never as airports_2).
 */
import { buildExampleCourse, openExampleCourse } from './courseBundle';
import { engineReady, expect, test } from './fixtures';

test('on the native engine, a course’s tables come back once after each reload, under their names', async ({ page, workbench }) => {
  test.setTimeout(240_000);
  await buildExampleCourse(workbench.home);
  await engineReady(page);
  // As the trainees' guide says: a sample first, then the course, whose penguins replace the
  // sample's when the trainee says so (never a penguins_2 beside them: see labCourseTables.spec.ts).
  await page.getByRole('treeitem', { name: /^Load Palmer penguins/i }).click();
  await expect(page.getByRole('treeitem', { name: /^penguins 7 columns/ })).toBeVisible();
  const lab = await openExampleCourse(page);
  await lab.getByRole('region', { name: 'The course’s tables' }).getByRole('button', { name: 'Replace with the course’s data' }).click();
  // The course's penguins in place (both have 7 columns) before the engine switch, so that this
  // test checks what it names. A reload while the course's penguins still loaded used to lose its
  // record (made only when the load ended); that case is bigLoads.spec.ts's "still loading when the
  // page reloads".
  await expect(page.getByText('Closed penguins.csv: its name holds the course’s data now. Open it again to have it under another name.')).toBeVisible({ timeout: 60_000 });
  await expect(lab.getByRole('button', { name: 'Check' })).toBeEnabled({ timeout: 60_000 });
  const tables = page.getByRole('tree', { name: 'Datasets and tables' }).getByRole('treeitem', { name: /^[a-z_]+(_\d+)? \d+ columns/ });
  const shown = async (): Promise<string[]> => (await tables.locator('.tree-label').allTextContents()).sort();
  const expected = ['airports', 'etats', 'gapminder', 'penguins', 'seattle_weather'];
  await expect.poll(shown, { timeout: 60_000 }).toEqual(expected);
  await page.getByRole('button', { name: /^Engine: In-app/ }).click();
  await expect(page.getByRole('button', { name: /^Engine: Native/ })).toBeVisible({ timeout: 60_000 });
  await engineReady(page);

  for (let reload = 0; reload < 2; reload++) {
    await page.reload();
    await engineReady(page);
    await expect.poll(shown, { timeout: 60_000 }).toEqual(expected);
    // Every load has run, the Lab's and the workspace's, and nothing came back twice.
    await expect(page.getByRole('region', { name: 'Loads and files not loaded' }).getByRole('progressbar')).toHaveCount(0, { timeout: 60_000 });
    await page.waitForTimeout(2_000);
    expect(await shown()).toEqual(expected);
    // Each name holds the course's table: nothing to replace, and the exercises can be checked.
    await page.getByRole('tab', { name: 'Lab: SQL pas à pas' }).click();
    await expect(lab.getByRole('button', { name: 'Check' })).toBeEnabled();
    await expect(lab.getByRole('region', { name: 'The course’s tables' })).toHaveCount(0);
  }
});
