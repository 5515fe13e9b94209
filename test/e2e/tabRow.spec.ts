/**
 * The editor's tab row with many tabs open and a course in the Lab: the query and notebook tabs
 * scroll in a strip, the Lab's tabs and every button of the row stay whole in the window (at
 * 1366×768, in French and in Arabic, whose labels and direction differ), the tabs the strip hides
 * are reached from its All tabs menu and by the keyboard, and every kind of tab is a tab to
 * assistive technology: one tablist, one selected tab controlling the panel shown (a tabpanel named
 * by its tab), arrow keys.
 */
import type { Locator, Page } from '@playwright/test';
import { createTranslator } from '../../shared/i18n/translate';
import { buildExampleCourse } from './courseBundle';
import { axeViolations, expect, test, type Workbench } from './fixtures';

const courseTitle = 'SQL pas à pas';

/** The example course named on the command line (unsigned: the app asks, the test accepts), open in the Lab. */
async function startWithCourse(page: Page, workbench: Workbench): Promise<void> {
  const bundle = await buildExampleCourse(workbench.home);
  page.on('dialog', (dialog) => void dialog.accept());
  await workbench.restart([bundle]);
  await expect(page.getByRole('tabpanel', { name: courseTitle })).toBeVisible({ timeout: 60_000 });
}

/**
 * Wholly shown: inside the window and the editor's toolbar, and neither covered nor clipped (the
 * page's topmost element at its middle and near both its ends is the control itself).
 */
async function expectWhole(page: Page, control: Locator, what: string): Promise<void> {
  const box = (await control.boundingBox())!;
  const row = (await page.locator('.editor-toolbar').boundingBox())!;
  const window = page.viewportSize()!;
  expect(box, `${what} has no box`).not.toBeNull();
  const inside = (outer: { x: number; y: number; width: number; height: number }) =>
    box.x >= outer.x - 0.5 && box.y >= outer.y - 0.5 && box.x + box.width <= outer.x + outer.width + 0.5 && box.y + box.height <= outer.y + outer.height + 0.5;
  expect(inside({ x: 0, y: 0, ...window }), `${what} is outside the window: ${JSON.stringify(box)}`).toBe(true);
  expect(inside(row), `${what} is outside the toolbar: ${JSON.stringify(box)} in ${JSON.stringify(row)}`).toBe(true);
  const onTop = await control.evaluate((element) => {
    const rect = element.getBoundingClientRect();
    const y = rect.top + rect.height / 2;
    return [rect.left + 3, rect.left + rect.width / 2, rect.right - 3].every((x) => {
      const hit = document.elementFromPoint(x, y);
      return hit !== null && (hit === element || element.contains(hit));
    });
  });
  expect(onTop, `${what} is covered or clipped`).toBe(true);
}

/** Whether the strip shows the tab whole (it may be scrolled out, or cut at the strip's edge). */
async function shownWhole(tab: Locator): Promise<boolean> {
  return tab.evaluate((element) => {
    const rect = element.closest('.editor-tab')!.getBoundingClientRect();
    const y = rect.top + rect.height / 2;
    return [rect.left + 2, rect.right - 2].every((x) => {
      const hit = document.elementFromPoint(x, y);
      return hit !== null && element.closest('.editor-tab')!.contains(hit);
    });
  });
}

for (const [locale, browserLocale] of [['fr', 'fr-FR'], ['ar', 'ar-MA']] as const) {
  test.describe(`at 1366×768 in ${browserLocale}`, () => {
    test.use({ locale: browserLocale, viewport: { width: 1366, height: 768 } });
    const t = createTranslator(locale);

    test('the Lab’s tabs and the row’s buttons stay whole with many tabs open, and the hidden tabs are reached from All tabs', async ({ page, workbench }, testInfo) => {
      test.setTimeout(240_000);
      await startWithCourse(page, workbench);
      const tablist = page.getByRole('tablist', { name: t('editor.tabs') });
      const newTab = page.getByRole('button', { name: t('editor.newTab'), exact: true });
      for (let n = 2; n <= 9; n++) {
        await newTab.click();
        await expect(tablist.getByRole('tab', { name: t('editor.defaultTabTitle', { n }), exact: true })).toHaveAttribute('aria-selected', 'true');
      }
      const lastTab = tablist.getByRole('tab', { name: t('editor.defaultTabTitle', { n: 9 }), exact: true });
      const firstTab = tablist.getByRole('tab', { name: t('editor.defaultTabTitle', { n: 1 }), exact: true });
      const labTab = tablist.getByRole('tab', { name: courseTitle });
      const instructorTab = tablist.getByRole('tab', { name: t('lab.ui.instructor'), exact: true });

      // The selected tab is in sight; the first ones are not: the strip scrolled.
      expect(await shownWhole(lastTab)).toBe(true);
      expect(await shownWhole(firstTab)).toBe(false);
      // The Lab's tabs and every button of the row, the editor's own included: whole, in the window.
      await expectWhole(page, labTab, 'the Lab tab');
      await expectWhole(page, instructorTab, 'the Instructor tab');
      for (const button of await page.locator('.editor-toolbar button:not([role="tab"]):not([aria-hidden="true"])').all()) {
        await expectWhole(page, button, `the button “${await button.getAttribute('aria-label') ?? await button.textContent()}”`);
      }
      await page.screenshot({ path: testInfo.outputPath(`tab-row-${locale}.png`) });

      // The hidden tabs: the All tabs button says how many, and its menu (keyboard-driven) lists every tab.
      const allTabs = page.getByRole('button', { name: new RegExp(`^${t('tabs.all')}`) });
      await expectWhole(page, allTabs, 'the All tabs button');
      await expect(allTabs).toHaveAttribute('aria-haspopup', 'menu');
      await allTabs.focus();
      await page.keyboard.press('ArrowDown');
      const menu = page.getByRole('menu', { name: t('tabs.all') });
      await expect(menu.getByRole('menuitemradio')).toHaveCount(9 + 1 + 2); // queries, the course's notebook, the Lab's two
      await expect(menu.getByRole('menuitemradio', { name: t('editor.defaultTabTitle', { n: 9 }), exact: true })).toHaveAttribute('aria-checked', 'true');
      await expect(menu.getByRole('menuitemradio').first()).toBeFocused();
      await expect(menu.getByRole('menuitemradio').first()).toHaveText(t('editor.defaultTabTitle', { n: 1 }));
      await page.keyboard.press('Enter');
      await expect(menu).toHaveCount(0);
      // Chosen: selected, focused, scrolled into sight.
      await expect(firstTab).toHaveAttribute('aria-selected', 'true');
      await expect(firstTab).toBeFocused();
      await expect.poll(() => shownWhole(firstTab)).toBe(true);
      expect(await shownWhole(lastTab)).toBe(false);

      // The keyboard reaches every tab too: End goes to the last (the Instructor's), the arrow
      // towards the line's start comes back, mirrored in Arabic.
      await page.keyboard.press('End');
      await expect(instructorTab).toBeFocused();
      await expect(page.getByRole('tabpanel', { name: t('lab.ui.instructor'), exact: true })).toBeVisible();
      await page.keyboard.press(locale === 'ar' ? 'ArrowRight' : 'ArrowLeft');
      await expect(labTab).toBeFocused();
      await expect(labTab).toHaveAttribute('aria-selected', 'true');
      await page.keyboard.press(locale === 'ar' ? 'ArrowRight' : 'ArrowLeft');
      const notebookTab = tablist.getByRole('tab', { name: t('notebook.ui.tab', { file: 'introduction.md' }) });
      await expect(notebookTab).toBeFocused();
      await page.keyboard.press(locale === 'ar' ? 'ArrowRight' : 'ArrowLeft');
      await expect(lastTab).toBeFocused();
      await expect.poll(() => shownWhole(lastTab)).toBe(true);

      // The Lab's tabs work with the mouse.
      await labTab.click();
      await expect(page.getByRole('tabpanel', { name: courseTitle })).toBeVisible();
      await instructorTab.click();
      await expect(page.getByRole('tabpanel', { name: t('lab.ui.instructor'), exact: true })).toBeVisible();
    });
  });
}

test('every kind of tab in the row is a tab: one tablist, one selected tab that controls the panel shown, arrows, Delete', async ({ page, workbench }) => {
  test.setTimeout(240_000);
  await startWithCourse(page, workbench);
  const tablist = page.getByRole('tablist', { name: 'Editor tabs' });
  const tabs = tablist.getByRole('tab');
  await expect(tabs).toHaveText(['Query 1', 'introduction.md', /^Lab: SQL pas à pas/, 'Instructor']);
  const queryTab = page.getByRole('tab', { name: 'Query 1', exact: true });
  const notebookTab = page.getByRole('tab', { name: 'Notebook introduction.md', exact: true });
  const labTab = page.getByRole('tab', { name: /^Lab: SQL pas à pas/ });
  const instructorTab = page.getByRole('tab', { name: 'Instructor', exact: true });

  /** The tab is the one selected, the row's one Tab stop, and controls the panel shown. */
  const expectSelected = async (tab: Locator, panel: Locator): Promise<void> => {
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    await expect(tablist.locator('[role="tab"][aria-selected="true"]')).toHaveCount(1);
    await expect(tablist.locator('[role="tab"][tabindex="0"]')).toHaveCount(1);
    await expect(tab).toHaveAttribute('tabindex', '0');
    await expect(panel).toBeVisible();
    const controls = await tab.getAttribute('aria-controls');
    expect(controls).toBeTruthy();
    expect(await panel.getAttribute('id')).toBe(controls);
  };

  // The course opens in front: its tab is selected, the query tab is not.
  await expectSelected(labTab, page.getByRole('tabpanel', { name: /^Lab: SQL pas à pas/ }));
  await expect(queryTab).toHaveAttribute('aria-selected', 'false');
  await expect(notebookTab).toHaveAttribute('aria-selected', 'false');
  expect(await axeViolations(page)).toEqual([]);

  // Arrows move and select across every kind, and wrap.
  await labTab.focus();
  await page.keyboard.press('ArrowRight');
  await expect(instructorTab).toBeFocused();
  await expectSelected(instructorTab, page.getByRole('tabpanel', { name: 'Instructor', exact: true }));
  expect(await axeViolations(page)).toEqual([]);
  await page.keyboard.press('ArrowRight');
  await expect(queryTab).toBeFocused();
  // A query tab's panel is the SQL editor, named by its tab.
  const editorPanel = page.getByRole('tabpanel', { name: 'Query 1' });
  await expectSelected(queryTab, editorPanel);
  await expect(editorPanel.getByRole('textbox', { name: 'SQL editor' })).toBeAttached();
  await page.keyboard.press('ArrowRight');
  await expect(notebookTab).toBeFocused();
  await expectSelected(notebookTab, page.getByRole('tabpanel', { name: 'Notebook introduction.md', exact: true }));
  await page.keyboard.press('Home');
  await expect(queryTab).toBeFocused();
  await page.keyboard.press('End');
  await expect(instructorTab).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(labTab).toBeFocused();

  // One Tab stop: Tab leaves the row's tabs for its buttons.
  await page.keyboard.press('Tab');
  expect(await tablist.evaluate((list) => list.contains(document.activeElement))).toBe(false);
  await page.keyboard.press('Shift+Tab');
  await expect(labTab).toBeFocused();

  // The Lab's tabs do not close: Delete leaves them, and the row's Close tab button is off.
  await page.keyboard.press('Delete');
  await expect(labTab).toBeVisible();
  await expect(page.getByRole('button', { name: 'Close tab', exact: true })).toBeDisabled();
  // A notebook's tab closes as a query's does: Delete on it.
  await notebookTab.click();
  await expect(notebookTab).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Delete');
  await expect(notebookTab).toHaveCount(0);
  await expect(tabs).toHaveText(['Query 1', /^Lab: SQL pas à pas/, 'Instructor']);
  // New tab shows its tab at once, in front of the Lab.
  await instructorTab.click();
  await page.getByRole('button', { name: 'New tab', exact: true }).click();
  await expectSelected(page.getByRole('tab', { name: 'Query 2', exact: true }), page.getByRole('tabpanel', { name: 'Query 2' }));
  // So does New notebook.
  await labTab.click();
  await page.getByRole('button', { name: 'New notebook', exact: true }).click();
  await expectSelected(page.getByRole('tab', { name: 'Notebook Untitled notebook, unsaved changes' }), page.getByRole('tabpanel', { name: 'Notebook Untitled notebook' }));
  expect(await axeViolations(page)).toEqual([]);
});
