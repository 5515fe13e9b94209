/**
 * French and Arabic, end to end: the app starts in the browser's language (Playwright's `locale`),
 * controls are found by their translated names taken from the catalogs, Arabic mirrors the layout,
 * and the language menu switches at once and is kept with the workspace.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locale } from '../../shared/i18n/translate';
import type { Page } from '@playwright/test';
import { monacoEnglishMessages, monacoPackMessages } from '../../scripts/build/monacoMessages';
import { monacoMessagesAr } from '../../shared/i18n/monacoMessages.ar';
import { engineReady, expect, gridRows, pageTranslator, resultAction, runQuery, setEditorText, test } from './fixtures';

const browserLocales: Record<Exclude<Locale, 'en'>, string> = { fr: 'fr-FR', ar: 'ar-MA' };
/** The sample's title in each language (datasets/catalog.json). */
const penguins = { fr: 'Manchots de Palmer', ar: 'بطاريق بالمر' } as const;

const smokeLocales: Record<Locale, string> = { en: 'en-US', fr: 'fr-FR', ar: 'ar-MA' };
/** The sample's title in each language (datasets/catalog.json). */
const penguinsTitle: Record<Locale, string> = { en: 'Palmer penguins', ...penguins };

// The smoke suite in each of the three languages: start, open a file, run a query, see an error,
// export; every control found by its translated name.
for (const [locale, browserLocale] of Object.entries(smokeLocales) as [Locale, string][]) {
  test.describe(`smoke in ${browserLocale}`, () => {
    test.use({ locale: browserLocale });
    const t = pageTranslator(locale);

    test('start, open a sample, run a query, see an error, export', async ({ page, workbench }) => {
      test.slow(); // loading, querying and exporting in one test: slow on a busy machine
      await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
      await expect(page.locator('html')).toHaveAttribute('lang', locale === 'ar' ? 'ar-MA' : locale);
      await engineReady(page);
      await page.getByRole('treeitem', { name: new RegExp(`^${t('catalog.loadPrefix')} ${penguinsTitle[locale]}`, 'i') }).click();
      await expect(page.getByRole('treeitem', { name: `penguins ${t('catalog.columns', { count: 7 })}` })).toBeVisible({ timeout: 90_000 });
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
      await runQuery(page, 'SELECT species, count(*) AS n FROM penguins GROUP BY species ORDER BY species');
      // Export, by the dialog's translated names, and read the file on disk.
      await page.getByRole('button', { name: t('export.open') }).click();
      const dialog = page.getByRole('dialog', { name: t('export.title') });
      await dialog.getByRole('radio', { name: /^CSV/ }).check();
      // The file browser opens on the home folder, the first place.
      const folders = t('export.folderList', { path: '\u0000' }).split('\u0000')[0]!;
      await expect(dialog.getByRole('list', { name: new RegExp(`^${folders.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })).toBeAttached();
      await dialog.getByRole('textbox', { name: t('export.fileName') }).fill(`species-${locale}.csv`);
      await dialog.getByRole('button', { name: t('export.start'), exact: true }).click();
      await expect(dialog.getByRole('status')).toHaveText(t('export.done', { rows: 3, file: `species-${locale}.csv` }), { timeout: 30_000 });
      await dialog.getByRole('button', { name: t('export.close') }).click();
      const written = await readFile(path.join(workbench.home, `species-${locale}.csv`), 'utf8');
      expect(written.trim().split(/\r?\n/)).toEqual(['species,n', 'Adelie,152', 'Chinstrap,68', 'Gentoo,124']);
    });
  });
}

for (const [locale, browserLocale] of Object.entries(browserLocales) as [Exclude<Locale, 'en'>, string][]) {
  test.describe(`in ${browserLocale}`, () => {
    test.use({ locale: browserLocale });
    const t = pageTranslator(locale);

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

    test('Monaco’s own words are in the language too: its find box and its context menu', async ({ page }) => {
      await page.getByRole('textbox', { name: t('editor.label') }).focus();
      await page.keyboard.press('ControlOrMeta+F');
      await expect(page.getByRole('textbox', { name: monacoWord(locale, 'Find') })).toBeFocused();
      await expect(page.getByRole('button', { name: new RegExp(`^${monacoWord(locale, 'Next Match')}`) })).toBeVisible();
      await page.keyboard.press('Escape');
      await page.locator('.sql-editor .view-lines').click({ button: 'right' });
      await expect(page.getByRole('menuitem', { name: new RegExp(`^${monacoWord(locale, 'Command Palette')}`) })).toBeVisible();
    });
  });
}

/** A word of Monaco's in `locale`: Monaco's own French pack, our Arabic (shared/i18n/monacoMessages.ar.ts). */
function monacoWord(locale: Exclude<Locale, 'en'>, english: string): string {
  if (locale === 'ar') return monacoMessagesAr[english]!;
  const monaco = path.resolve('node_modules/monaco-editor');
  return monacoPackMessages(monaco, 'fr')[monacoEnglishMessages(monaco).get(english)![0]!]!;
}

/**
 * The main screen compared with its committed baseline (i18n.spec.ts-snapshots/), so a mirroring
 * regression is seen, not only the few positions asserted above. Stable by construction: the
 * viewport is fixed (playwright.config.ts), the text is in the app's own Noto fonts, animations
 * and the caret are off, the editor is not focused (no blinking cursor), and what changes from run
 * to run is masked: timings in the results summary, the history's times, notifications. The
 * tolerance (1% of pixels) absorbs anti-aliasing; an un-mirrored layout differs on most of the
 * screen. After an intended change of the main screen: `npx playwright test test/e2e/i18n.spec.ts
 * -g "mirrors" --update-snapshots`, then look at the new image before committing it.
 */
async function expectMainScreen(page: Page, name: string): Promise<void> {
  await page.locator('.status-bar').click({ position: { x: 2, y: 2 } });
  await expect(page.locator('.sql-editor .monaco-editor.focused')).toHaveCount(0);
  await expect(page).toHaveScreenshot(name, {
    animations: 'disabled',
    caret: 'hide',
    mask: [page.locator('.results-status'), page.locator('.history-list'), page.locator('.notifications'), page.locator('.status-notices'), page.locator('.engine-state')],
    maxDiffPixelRatio: 0.01,
  });
}

test.describe('in Arabic, the layout mirrors', () => {
  test.use({ locale: 'ar-MA' });
  const t = pageTranslator('ar');
  const locale = 'ar';

  test('side panel on the right, grid columns right to left, SQL left to right, arrows follow the eye', async ({ page }) => {
    test.slow(); // the screenshot comparison waits for a stable page: slow on a busy machine
    await engineReady(page);
    await page.getByRole('treeitem', { name: new RegExp(`^${t('catalog.loadPrefix')} ${penguins[locale]}`, 'i') }).click();
    await expect(page.getByRole('treeitem', { name: `penguins ${t('catalog.columns', { count: 7 })}` })).toBeVisible({ timeout: 90_000 });
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
    await expectMainScreen(page, 'main-screen-ar.png');
  });
});

test('the language menu switches at once, keeps the work, and is kept with the workspace', async ({ page, workbench }) => {
  const en = pageTranslator('en');
  const fr = pageTranslator('fr');
  await engineReady(page);
  await setEditorText(page, 'SELECT 1 AS kept');
  await page.getByRole('combobox', { name: en('language.label') }).selectOption('fr');
  await expect(page.getByRole('button', { name: fr('editor.run'), exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.locator('.sql-editor')).toContainText('SELECT 1 AS kept');
  // A tab the user never named is named in the new language; one they named keeps its name.
  const ar = pageTranslator('ar');
  const tabs = page.getByRole('tablist', { name: fr('editor.tabs') }).getByRole('tab');
  await expect(tabs).toHaveText([fr('editor.defaultTabTitle', { n: 1 }), fr('lab.ui.instructor')]);
  await page.getByRole('combobox', { name: fr('language.label') }).selectOption('ar');
  await expect(page.getByRole('tablist', { name: ar('editor.tabs') }).getByRole('tab')).toHaveText([ar('editor.defaultTabTitle', { n: 1 }), ar('lab.ui.instructor')]);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('button', { name: pageTranslator('ar')('editor.run'), exact: true })).toBeVisible();
  // The choice is saved with the workspace and wins over the browser's English after a restart.
  await page.waitForTimeout(800);
  await workbench.restart();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('.sql-editor')).toContainText('SELECT 1 AS kept');
});

test.describe('in French, numbers in the grid and copies', () => {
  test.use({ locale: 'fr-FR' });
  const fr = pageTranslator('fr');

  test('the grid shows DuckDB’s text, the option shows the locale’s, copies keep the exact text; copy for a spreadsheet uses ; and ,', async ({ page }) => {
    test.slow(); // a busy machine
    await engineReady(page);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await runQuery(page, "SELECT 12345.5::DOUBLE AS x, DATE '2024-02-29' AS day, 'a;b' AS label");
    expect(await gridRows(page)).toEqual([['12345.5', '2024-02-29', 'a;b']]);
    const toggleOption = async (): Promise<void> => (await resultAction(page, fr('results.localeNumbers'))).click();
    await toggleOption();
    expect((await gridRows(page)).map((row) => row.map((cell) => cell.replace(/[\u00a0\u202f]/g, ' ')))).toEqual([['12 345,5', '29 févr. 2024', 'a;b']]);
    // Copy as CSV keeps DuckDB's exact text, whatever the grid shows.
    await (await resultAction(page, fr('results.copyAsCsv'))).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('x,day,label\r\n12345.5,2024-02-29,a;b\r\n');
    await (await resultAction(page, fr('results.copyForSpreadsheet'))).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('x;day;label\r\n12345,5;2024-02-29;"a;b"\r\n');
    await expect(page.getByRole('status').filter({ hasText: fr('results.copiedRows', { rows: 1, format: 'CSV (;)' }) })).toBeVisible();
    // The option is kept (this browser's storage) and can be turned off again.
    await toggleOption();
    expect(await gridRows(page)).toEqual([['12345.5', '2024-02-29', 'a;b']]);
  });
});
