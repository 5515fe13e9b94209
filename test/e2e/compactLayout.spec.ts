/**
 * The workbench at 1024×700, in English, French and Arabic: tab labels, the results toolbar and the
 * row count stay on one line (their heights are one line's), the toolbars' extra actions go to an
 * overflow menu that the keyboard drives, and sample names are not cut while their file names show
 * in full.
 */
import type { Locator, Page } from '@playwright/test';
import { engineReady, expect, pageTranslator, runQuery, test } from './fixtures';

// French has the longest labels of the three.
type Locale = 'en' | 'fr' | 'ar';

const browserLocales = { en: 'en-US', fr: 'fr-FR', ar: 'ar-MA' } as const;

/** The element's height is one line of its text: its line height (or 1.5 × its font size), plus padding and borders, with a margin for rounding. */
async function expectOneLine(locator: Locator, what: string): Promise<void> {
  const { height, oneLine } = await locator.evaluate((element) => {
    const style = getComputedStyle(element);
    const px = (value: string): number => Number.parseFloat(value) || 0;
    const line = style.lineHeight === 'normal' ? px(style.fontSize) * 1.5 : px(style.lineHeight);
    const extra = px(style.paddingTop) + px(style.paddingBottom) + px(style.borderTopWidth) + px(style.borderBottomWidth);
    return { height: element.getBoundingClientRect().height, oneLine: line + extra };
  });
  expect(height, `${what}: ${height}px high, one line is ${oneLine}px`).toBeLessThanOrEqual(oneLine * 1.4);
}

/** Every direct child of the row is on the same line: the row did not wrap. */
async function expectOneRow(locator: Locator, what: string): Promise<void> {
  const tops = await locator.evaluate((element) =>
    [...element.children]
      .filter((child) => getComputedStyle(child).position !== 'absolute' && (child as HTMLElement).offsetParent !== null)
      .map((child) => {
        const box = child.getBoundingClientRect();
        return Math.round(box.top + box.height / 2);
      }),
  );
  expect(Math.max(...tops) - Math.min(...tops), `${what}: children's middles ${tops.join(', ')}`).toBeLessThanOrEqual(4);
}

async function expectNotCut(locator: Locator, what: string): Promise<void> {
  const { scroll, client } = await locator.evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }));
  expect(scroll, `${what} is cut`).toBeLessThanOrEqual(client + 1);
}

async function checkLayout(page: Page, locale: Locale): Promise<void> {
  const t = pageTranslator(locale);
  await engineReady(page);
  // A wide result with a long row count, without waiting for a file to load.
  await runQuery(page, `SELECT i AS identifier, 'Adelie' AS species, 'Torgersen' AS island, i * 0.5 AS beak_length_mm, i % 7 AS flipper_length_mm, i * 3 AS body_mass_g FROM range(123456) t(i)`);
  await expect(page.locator('.results-status')).toContainText(t('results.summary', { rows: 123456, ms: 0 }).split(/\s/u)[0]!);

  // Tab labels, the row count and every control of the results toolbar: one line each.
  for (const tab of await page.locator('.editor-tab').all()) await expectOneLine(tab.getByRole('tab'), 'an editor tab');
  await expectOneLine(page.locator('.results-status'), 'the row count');
  await expectOneRow(page.locator('.results-summary'), 'the results header');
  const actions = page.getByRole('group', { name: t('results.actions') });
  await expectOneRow(actions, 'the results toolbar');
  for (const control of await actions.locator(':scope > button, :scope > label, :scope > .menu-button > button').all()) {
    await expectOneLine(control, `the results toolbar's ${await control.textContent()}`);
  }
  await expectOneRow(page.locator('.editor-toolbar'), 'the editor toolbar');
  // Nothing makes the page wider than the window: the tab strips scroll instead, the history's choice goes under its title.
  expect(await page.evaluate(() => document.documentElement.scrollWidth), 'the page scrolls sideways').toBeLessThanOrEqual(1024);
  await expectNotCut(page.locator('.history .panel-header'), 'the history header');
  for (const control of await page.locator('.editor-tab-strips button, .editor-actions button').all()) {
    if (await control.isVisible()) await expectOneLine(control, `the editor toolbar's ${await control.textContent()}`);
  }
  await expectOneRow(page.getByRole('group', { name: t('catalog.actions') }), 'the catalog toolbar');

  // What did not fit is in the overflow menu, driven by the keyboard.
  const more = actions.getByRole('button', { name: t('toolbar.more') });
  await expect(more).toHaveAttribute('aria-haspopup', 'menu');
  await more.focus();
  await page.keyboard.press('ArrowDown');
  const menu = page.getByRole('menu', { name: t('toolbar.more') });
  await expect(menu).toBeVisible();
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  const items = menu.getByRole('menuitem').or(menu.getByRole('menuitemcheckbox'));
  const count = await items.count();
  expect(count).toBeGreaterThan(0);
  await expect(items.first()).toBeFocused();
  await page.keyboard.press('End');
  await expect(items.last()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(items.first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(more).toBeFocused();
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  // The locale switch is the last action: from the menu, it works as inline.
  await page.keyboard.press('ArrowUp');
  const localeSwitch = page.getByRole('menuitemcheckbox', { name: t('results.localeNumbers') });
  await expect(localeSwitch).toBeFocused();
  await expect(localeSwitch).toHaveAttribute('aria-checked', 'false');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('grid', { name: t('results.grid') }).getByRole('gridcell').nth(3)).not.toHaveText('0.0');
  await expect(more).toBeFocused();

  // Sample names whole while their file names show in full.
  const samples = page.getByRole('treeitem', { name: new RegExp(`^${t('catalog.loadPrefix')} `) });
  expect(await samples.count()).toBeGreaterThan(0);
  for (const sample of await samples.all()) {
    const label = sample.locator('.tree-label');
    const fileName = sample.locator('.tree-detail');
    if ((await fileName.count()) === 0) continue;
    const fileCut = await fileName.evaluate((element) => element.scrollWidth > element.clientWidth + 1);
    if (!fileCut) await expectNotCut(label, `${await label.textContent()} (its file name shows whole)`);
  }
  // At this width, every sample's name is whole.
  for (const sample of await samples.all()) await expectNotCut(sample.locator('.tree-label'), `${await sample.locator('.tree-label').textContent()}`);
}

for (const [locale, browserLocale] of Object.entries(browserLocales) as [Locale, string][]) {
  test.describe(`at 1024×700 in ${browserLocale}`, () => {
    test.use({ locale: browserLocale, viewport: { width: 1024, height: 700 } });

    test('nothing wraps, the toolbars’ overflow menu works from the keyboard, sample names are whole', async ({ page }) => {
      test.slow(); // a busy machine
      await checkLayout(page, locale);
    });
  });
}
