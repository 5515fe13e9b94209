/**
 * The catalog's tree in a narrow pane: a long name is cut with an ellipsis (the whole name in its
 * tooltip and its accessible name), and the pane never scrolls sideways, in English and in Arabic.
 */
import type { Locale } from '../../shared/i18n/translate';
import { engineReady, expect, pageTranslator, runQuery, test } from './fixtures';

const longTable = 'a_rather_long_table_name_for_sales_2024';
const longColumn = 'customer_identifier_from_the_crm_export';

for (const [locale, browserLocale] of [['en', 'en-US'], ['ar', 'ar-MA']] as [Locale, string][]) {
  test.describe(browserLocale, () => {
    test.use({ locale: browserLocale, viewport: { width: 1024, height: 700 } });
    const t = pageTranslator(locale);

    test(`long names are cut, and clicking through the tree never scrolls the pane sideways (${locale})`, async ({ page }) => {
      await engineReady(page);
      await runQuery(page, `CREATE TABLE ${longTable} AS SELECT 1 AS ${longColumn}, 2 AS b`);
      const tree = page.getByRole('tree', { name: t('catalog.tree') });
      const table = tree.getByRole('treeitem', { name: new RegExp(`^${longTable}`) });
      await table.click();
      // Opened by the keyboard: the arrow that points to the inline end.
      await page.keyboard.press(locale === 'ar' ? 'ArrowLeft' : 'ArrowRight');
      const column = tree.getByRole('treeitem', { name: new RegExp(`^${longColumn}`) });
      await column.click();
      const pane = page.locator('.catalog');
      const sideways = () => pane.evaluate((element) => ({ scrolled: element.scrollLeft, overflow: element.scrollWidth - element.clientWidth }));
      expect(await sideways()).toEqual({ scrolled: 0, overflow: 0 });
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowUp');
      expect(await sideways()).toEqual({ scrolled: 0, overflow: 0 });
      // The name is cut on screen, whole in its tooltip.
      const label = column.locator('.tree-label');
      await expect(label).toHaveAttribute('title', longColumn);
      expect(await label.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
    });
  });
}
