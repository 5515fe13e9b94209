/**
 * French and Arabic, end to end: the app starts in the browser's language (Playwright's `locale`),
 * controls are found by their translated names taken from the catalogs, Arabic mirrors the layout,
 * and the language menu switches at once and is kept with the workspace.
 */
import AxeBuilder from '@axe-core/playwright';
import { createTranslator, type Locale } from '../../shared/i18n/translate';
import { engineReady, expect, gridRows, runQuery, setEditorText, test } from './fixtures';

const browserLocales: Record<Exclude<Locale, 'en'>, string> = { fr: 'fr-FR', ar: 'ar-MA' };
/** The sample's title in each language (datasets/catalog.json). */
const penguins = { fr: 'Manchots de Palmer', ar: 'بطاريق بالمر' } as const;

for (const [locale, browserLocale] of Object.entries(browserLocales) as [Exclude<Locale, 'en'>, string][]) {
  test.describe(`in ${browserLocale}`, () => {
    test.use({ locale: browserLocale });
    const t = createTranslator(locale);

    test('start, open a sample, run a query, see an error', async ({ page }) => {
      await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
      await expect(page.locator('html')).toHaveAttribute('lang', locale === 'ar' ? 'ar-MA' : 'fr');
      await engineReady(page);
      await page.getByRole('treeitem', { name: new RegExp(`^${t('catalog.loadPrefix')} ${penguins[locale]}`, 'i') }).click();
      await expect(page.getByRole('treeitem', { name: `penguins ${t('catalog.columns', { count: 7 })}` })).toBeVisible();
      await runQuery(page, 'SELECT species, count(*) AS n FROM penguins GROUP BY species ORDER BY species');
      expect(await gridRows(page)).toEqual([
        ['Adelie', '152'],
        ['Chinstrap', '68'],
        ['Gentoo', '124'],
      ]);
      // The summary is a translated plural, with Western digits in Arabic too.
      const summary = t('results.summary', { rows: 3, ms: 0 }).split(/\s/u).slice(0, 2).join(' ');
      await expect(page.locator('.results-status')).toContainText(summary);
      // DuckDB's own message, unchanged, inside the translated page.
      await runQuery(page, 'SELECT 1,\n  2 FORM nowhere');
      await expect(page.locator('.query-error')).toContainText('Parser Error: syntax error at or near "nowhere"');
      await runQuery(page, 'SELECT 42 AS answer');
      expect(await gridRows(page)).toEqual([['42']]);
    });

    test('every control has an accessible name and the page has no WCAG A/AA violations', async ({ page }) => {
      test.slow(); // axe walks the whole page: slow on a busy machine
      await engineReady(page);
      await page.getByRole('treeitem', { name: new RegExp(`^${t('catalog.loadPrefix')} ${penguins[locale]}`, 'i') }).click();
      await expect(page.getByRole('treeitem', { name: `penguins ${t('catalog.columns', { count: 7 })}` })).toBeVisible();
      await runQuery(page, 'SELECT * FROM penguins LIMIT 50');
      await expect(page.getByRole('grid', { name: t('results.grid') })).toBeVisible();
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .exclude('.sql-editor .monaco-editor .view-lines')
        .analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);
    });
  });
}

test.describe('in Arabic, the layout mirrors', () => {
  test.use({ locale: 'ar-MA' });
  const t = createTranslator('ar');
  const locale = 'ar';

  test('side panel on the right, grid columns right to left, SQL left to right, arrows follow the eye', async ({ page }, testInfo) => {
    await engineReady(page);
    await page.getByRole('treeitem', { name: new RegExp(`^${t('catalog.loadPrefix')} ${penguins[locale]}`, 'i') }).click();
    await expect(page.getByRole('treeitem', { name: `penguins ${t('catalog.columns', { count: 7 })}` })).toBeVisible();
    await runQuery(page, "SELECT 'جزيرة Biscoe' AS island, -12.5 AS delta, DATE '2024-03-01' AS day");
    const sidebar = await page.locator('.sidebar').boundingBox();
    const workbench = await page.locator('.workbench').boundingBox();
    expect(sidebar && workbench && sidebar.x > workbench.x).toBe(true);
    const headers = page.getByRole('columnheader');
    const island = await headers.filter({ hasText: 'island' }).boundingBox();
    const delta = await headers.filter({ hasText: 'delta' }).boundingBox();
    expect(island && delta && island.x > delta.x).toBe(true);
    await expect(page.locator('.sql-editor')).toHaveAttribute('dir', 'ltr');
    // A negative number keeps its sign on the left; mixed text is isolated.
    expect(await gridRows(page)).toEqual([['جزيرة Biscoe', '-12.5', '2024-03-01']]);
    // ArrowLeft moves to the next column (visually left) in a right-to-left grid.
    await page.getByRole('gridcell', { name: 'جزيرة Biscoe' }).click();
    await page.keyboard.press('ArrowLeft');
    await expect(page.locator('.result-grid__cell.is-active')).toHaveText('-12.5');
    await page.screenshot({ path: testInfo.outputPath('main-screen-ar.png') });
  });
});

test('the language menu switches at once, keeps the work, and is kept with the workspace', async ({ page, workbench }) => {
  const en = createTranslator('en');
  const fr = createTranslator('fr');
  await engineReady(page);
  await setEditorText(page, 'SELECT 1 AS kept');
  await page.getByRole('combobox', { name: en('language.label') }).selectOption('fr');
  await expect(page.getByRole('button', { name: fr('editor.run'), exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.locator('.sql-editor')).toContainText('SELECT 1 AS kept');
  await page.getByRole('combobox', { name: fr('language.label') }).selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('button', { name: createTranslator('ar')('editor.run'), exact: true })).toBeVisible();
  // The choice is saved with the workspace and wins over the browser's English after a restart.
  await page.waitForTimeout(800);
  await workbench.restart();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('.sql-editor')).toContainText('SELECT 1 AS kept');
});
