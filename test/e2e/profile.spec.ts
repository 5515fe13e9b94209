import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { catalogAction, engineReady, expect, runQuery, test } from './fixtures';

async function loadPenguins(page: Page): Promise<void> {
  await page.getByRole('treeitem', { name: /^Load Palmer penguins/i }).click();
  await expect(page.getByRole('treeitem', { name: /^penguins 7 columns/ })).toBeVisible();
}

/** The profile's row for one column, as the user reads it. */
async function profileRow(page: Page, column: string): Promise<string[]> {
  const row = page.getByRole('region', { name: /^Profile of/ }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${column}`) }) });
  return row.getByRole('cell').allTextContents();
}

for (const engine of ['in-app', 'native'] as const) {
  test(`a table and a result are profiled by the ${engine} engine, with charts that say what they show`, async ({ page }) => {
    await engineReady(page);
    if (engine === 'native') {
      await page.getByRole('button', { name: /^Engine: In-app/ }).click();
      await expect(page.getByRole('button', { name: /^Engine: Native/ })).toBeVisible();
      await engineReady(page);
    }
    await loadPenguins(page);
    // Focus the table in the catalog, then profile it.
    await page.getByRole('treeitem', { name: /^penguins 7 columns/ }).focus();
    await (await catalogAction(page, 'Profile table penguins')).click();
    const panel = page.getByRole('region', { name: 'Profile of penguins' });
    await expect(panel.getByText('Figures cover all 344 rows.')).toBeVisible({ timeout: 30_000 });
    // count, nulls, distinct, min, max: what SQL itself says of body_mass_g.
    const [values, nulls, distinct, min, max] = await profileRow(page, 'body_mass_g');
    expect([values, nulls, distinct, min, max]).toEqual(['342', '2 (0.6%)', '94', '2700', '6300']);
    await expect(panel.getByRole('img', { name: /^Histogram of body_mass_g/ })).toBeVisible();
    await expect(panel.getByRole('img', { name: /^Most frequent values of species: Adelie \(152\)/ })).toBeVisible();
    expect((await new AxeBuilder({ page }).include('.column-profile').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations).toEqual([]);
    await panel.getByRole('button', { name: 'Close the profile' }).click();
    await expect(panel).toHaveCount(0);

    await runQuery(page, "SELECT species, island FROM penguins WHERE species <> 'Adelie'");
    await expect(page.locator('.results-status')).toContainText('192 rows in');
    await page.getByRole('button', { name: 'Profile columns' }).click();
    const resultPanel = page.getByRole('region', { name: 'Profile of the result' });
    await expect(resultPanel.getByText('Figures cover all 192 rows.')).toBeVisible({ timeout: 30_000 });
    await expect(resultPanel.getByRole('img', { name: /^Most frequent values of species: Gentoo \(124\) and Chinstrap \(68\)/ })).toBeVisible();
    // Its heading follows the language shown; another result closes it rather than keep describing the last one.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await expect(page.getByRole('region', { name: 'Profil : le résultat' })).toBeVisible();
    await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
    await runQuery(page, 'SELECT 1 AS one');
    await expect(page.locator('.results-status')).toContainText('1 row in');
    await expect(resultPanel).toHaveCount(0);
  });
}

// Long enough that the profile is opened and closed while it runs (several seconds here).
const longQuery = {
  'in-app': 'SELECT sum(a.range * b.range) AS s FROM range(25000) a, range(25000) b',
  native: 'SELECT count(*) AS n FROM range(1500000000) t(i) WHERE i % 7 = 3',
};

for (const engine of ['in-app', 'native'] as const) {
  test(`closing a profile stops its own statement, not the user's query that runs meanwhile (${engine})`, async ({ page }) => {
    await engineReady(page);
    if (engine === 'native') {
      await page.getByRole('button', { name: /^Engine: In-app/ }).click();
      await expect(page.getByRole('button', { name: /^Engine: Native/ })).toBeVisible();
      await engineReady(page);
    }
    await loadPenguins(page);
    await runQuery(page, longQuery[engine]);
    await expect(page.locator('.results-status')).toContainText('Running…');
    // The profile's statement waits behind the query; closing the panel gives it up.
    await page.getByRole('treeitem', { name: /^penguins 7 columns/ }).focus();
    await (await catalogAction(page, 'Profile table penguins')).click();
    const panel = page.getByRole('region', { name: 'Profile of penguins' });
    await expect(panel).toBeVisible();
    await panel.getByRole('button', { name: 'Close the profile' }).click();
    await expect(panel).toHaveCount(0);
    await expect(page.locator('.results-status')).toContainText('Running…');
    await expect(page.locator('.results-status')).toContainText('1 row in', { timeout: 30_000 });
  });
}
