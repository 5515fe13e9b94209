/**
 * The editor's tab row with many tabs open and a course in the Lab: the query and notebook tabs
 * scroll in a strip, the Lab's tabs and every button of the row stay whole in the window (at
 * 1366×768, in French and in Arabic, whose labels and direction differ), the tabs the strip hides
 * are reached from its All tabs menu and by the keyboard, and every kind of tab is a tab to
 * assistive technology: one tablist, one selected tab controlling the panel shown (a tabpanel named
 * by its tab), arrow keys.
 */
import type { Locator, Page } from '@playwright/test';
import { buildExampleCourse } from './courseBundle';
import { axeViolations, expect, pageTranslator, test, type Workbench } from './fixtures';

const courseTitle = 'SQL pas à pas';

/** The example course named on the command line (unsigned: the app asks, the test accepts), open in the Lab. */
async function startWithCourse(page: Page, workbench: Workbench): Promise<void> {
  const bundle = await buildExampleCourse(workbench.home);
  page.on('dialog', (dialog) => void dialog.accept());
  await workbench.restart([bundle]);
  const lab = page.getByRole('tabpanel', { name: courseTitle });
  await expect(lab).toBeVisible({ timeout: 60_000 });
  // The course done opening (its tables loaded: Check is on), before the test works in the row.
  await expect(lab.locator('.lab-actions button.primary')).toBeEnabled({ timeout: 60_000 });
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
    const t = pageTranslator(locale);

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

type Translate = ReturnType<typeof pageTranslator>;

/** What the user sees of the row at one moment: whether the buttons show words, which tabs are whole, what All tabs says. */
interface RowView {
  /** The toolbar buttons' words are shown (not their drawings). */
  words: boolean;
  /** Each tab of the strip: its name, and whether its box is wholly inside the strip's. */
  tabs: string[];
  /** How many tabs of the strip are not wholly inside it. */
  notWhole: number;
  /** The All tabs button's name, or null when it is not shown. */
  allTabs: string | null;
}

async function rowView(page: Page, t: Translate): Promise<RowView> {
  return page.evaluate((allTabsName) => {
    const strip = document.querySelector('.tab-row__strip')!;
    const box = strip.getBoundingClientRect();
    const tabs = [...strip.querySelectorAll(':scope > .editor-tab')].map((tab) => {
      const rect = tab.getBoundingClientRect();
      return { name: tab.querySelector('[role="tab"]')?.textContent ?? '', whole: rect.left >= box.left - 1 && rect.right <= box.right + 1 };
    });
    const labels = [...document.querySelectorAll('.editor-toolbar .toolbar-label')].filter((label) => label.parentElement!.getClientRects().length > 0);
    const allTabs = [...document.querySelectorAll('.editor-toolbar button')].find((button) => button.getAttribute('aria-label')?.startsWith(allTabsName));
    return {
      words: labels.length > 0 && labels.every((label) => label.getClientRects().length > 0),
      tabs: tabs.map((tab) => `${tab.name}${tab.whole ? '' : ' (cut)'}`),
      notWhole: tabs.filter((tab) => !tab.whole).length,
      allTabs: allTabs?.getAttribute('aria-label') ?? null,
    };
  }, t('tabs.all'));
}

/**
 * The row once it has settled: the same on five looks a tenth of a second apart (a row that flips
 * between two layouts never settles). Whatever it shows, All tabs counts the tabs not wholly in
 * sight, and no tab is cut while the buttons show their words (drawings come first).
 */
async function settledRow(page: Page, t: Translate): Promise<RowView> {
  let view: RowView | undefined;
  await expect
    .poll(async () => {
      const looks: string[] = [];
      for (let look = 0; look < 5; look++) {
        view = await rowView(page, t);
        looks.push(JSON.stringify(view));
        await page.waitForTimeout(100);
      }
      return new Set(looks).size === 1 ? 'settled' : `flips between ${[...new Set(looks)].join(' and ')}`;
    }, { timeout: 15_000 })
    .toBe('settled');
  const settled = view!;
  expect(settled.allTabs, `All tabs in ${JSON.stringify(settled)}`).toBe(settled.notWhole === 0 ? null : t('tabs.allHidden', { count: settled.notWhole }));
  if (settled.words) expect(settled.notWhole, `a tab is cut while the words show: ${JSON.stringify(settled)}`).toBe(0);
  return settled;
}

test.describe('at 1366×768 in fr-FR, a few query tabs', () => {
  test.use({ locale: 'fr-FR', viewport: { width: 1366, height: 768 } });
  const t = pageTranslator('fr');

  /** Opens query tabs until there are `count`, each one selected as it opens. */
  async function openTabs(page: Page, count: number): Promise<void> {
    const tablist = page.getByRole('tablist', { name: t('editor.tabs') });
    for (let n = (await tablist.locator('.tab-row__strip [role="tab"]').count()) + 1; n <= count; n++) {
      await page.getByRole('button', { name: t('editor.newTab'), exact: true }).click();
      await expect(tablist.getByRole('tab', { name: t('editor.defaultTabTitle', { n }), exact: true })).toHaveAttribute('aria-selected', 'true');
    }
  }

  test('three short tabs are whole and All tabs says none is hidden; the layout is the same after a reload and a language round trip', async ({ page }) => {
    test.slow(); // a busy machine
    await openTabs(page, 3);
    const three = await settledRow(page, t);
    expect(three.tabs).toEqual([1, 2, 3].map((n) => t('editor.defaultTabTitle', { n })));
    expect(three.allTabs).toBeNull();
    await expect(page.getByRole('button', { name: new RegExp(`^${t('tabs.all')}`) })).toHaveCount(0);

    // The same window and tabs give the same layout: after a reload (the workspace keeps the tabs)…
    await page.waitForTimeout(800);
    await page.reload();
    await expect(page.getByRole('tablist', { name: t('editor.tabs') }).getByRole('tab', { name: t('editor.defaultTabTitle', { n: 3 }), exact: true })).toBeVisible();
    expect(await settledRow(page, t)).toEqual(three);
    // …and after going to English and back.
    const en = pageTranslator('en');
    await page.getByRole('combobox', { name: t('language.label') }).selectOption('en');
    await expect(page.getByRole('tab', { name: en('editor.defaultTabTitle', { n: 3 }), exact: true })).toBeVisible();
    await settledRow(page, en);
    await page.getByRole('combobox', { name: en('language.label') }).selectOption('fr');
    await expect(page.getByRole('tab', { name: t('editor.defaultTabTitle', { n: 3 }), exact: true })).toBeVisible();
    expect(await settledRow(page, t)).toEqual(three);

    // A long name takes room, and giving the old one back gives the same layout again.
    const rename = async (from: string, to: string): Promise<void> => {
      await page.getByRole('tab', { name: from, exact: true }).focus();
      await page.keyboard.press('F2');
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(to);
      await page.keyboard.press('Enter');
      await expect(page.getByRole('tab', { name: to, exact: true })).toBeFocused();
    };
    const longName = 'Ventes mensuelles par région et par magasin';
    await rename(t('editor.defaultTabTitle', { n: 3 }), longName);
    expect((await settledRow(page, t)).tabs.some((tab) => tab.startsWith(longName))).toBe(true);
    await rename(longName, t('editor.defaultTabTitle', { n: 3 }));
    expect(await settledRow(page, t)).toEqual(three);
  });

  test('All tabs counts the tabs not wholly in the strip, as tabs open and close, the strip scrolls and the window changes size', async ({ page }) => {
    test.slow(); // a busy machine
    await openTabs(page, 2);
    await settledRow(page, t);
    await openTabs(page, 9);
    const many = await settledRow(page, t);
    expect(many.notWhole).toBeGreaterThan(0);
    await expect(page.getByRole('button', { name: t('tabs.allHidden', { count: many.notWhole }), exact: true })).toBeVisible();

    // Scrolled back to its start by the wheel, the strip hides other tabs: the count follows; and
    // a touchpad's sideways swipe takes it to its end again.
    await page.getByRole('tab', { name: t('editor.defaultTabTitle', { n: 9 }), exact: true }).hover();
    await page.mouse.wheel(0, -5000);
    await expect.poll(async () => (await rowView(page, t)).tabs[0]).toBe(t('editor.defaultTabTitle', { n: 1 }));
    const atStart = await settledRow(page, t);
    expect(atStart.tabs.at(-1)).toBe(`${t('editor.defaultTabTitle', { n: 9 })} (cut)`);
    await page.mouse.wheel(5000, 0);
    await expect.poll(async () => (await rowView(page, t)).tabs.at(-1)).toBe(t('editor.defaultTabTitle', { n: 9 }));
    await settledRow(page, t);

    // A wider window shows more tabs, a narrower one fewer: the count follows each time.
    await page.setViewportSize({ width: 1900, height: 768 });
    const wide = await settledRow(page, t);
    expect(wide.notWhole).toBeLessThan(many.notWhole);
    await page.setViewportSize({ width: 1100, height: 768 });
    const narrow = await settledRow(page, t);
    expect(narrow.notWhole).toBeGreaterThan(wide.notWhole);
    await page.setViewportSize({ width: 1366, height: 768 });
    await settledRow(page, t);

    // Closing tabs down to two, each state counted right.
    for (let n = 9; n > 2; n--) {
      await page.getByRole('tab', { name: t('editor.defaultTabTitle', { n }), exact: true }).click();
      await page.keyboard.press('Delete');
      await expect(page.getByRole('tab', { name: t('editor.defaultTabTitle', { n }), exact: true })).toHaveCount(0);
      await settledRow(page, t);
    }
  });

  test('Tab from the selected tab goes to the next control, and Shift+Tab comes back to it', async ({ page }) => {
    test.slow(); // a busy machine
    for (const count of [2, 9]) {
      await openTabs(page, count);
      await settledRow(page, t);
      const selected = page.getByRole('tab', { name: t('editor.defaultTabTitle', { n: count }), exact: true });
      await selected.focus();
      await page.keyboard.press('Tab');
      // The next control after the tablist: All tabs when tabs are hidden, else New tab.
      const hidden = (await rowView(page, t)).allTabs;
      const next = hidden === null ? page.getByRole('button', { name: t('editor.newTab'), exact: true }) : page.getByRole('button', { name: hidden, exact: true });
      await expect(next).toBeFocused();
      await page.waitForTimeout(500);
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BUTTON');
      await expect(next).toBeFocused();
      await page.keyboard.press('Shift+Tab');
      await expect(selected).toBeFocused();
    }
  });
});

test('with a pinned tab selected and the strip full, the strip is no Tab stop: Tab and Shift+Tab go from the selected tab to the controls around the tablist', async ({ page, workbench }) => {
  test.setTimeout(240_000);
  await startWithCourse(page, workbench);
  const tablist = page.getByRole('tablist', { name: 'Editor tabs' });
  for (let n = 2; n <= 9; n++) {
    await page.getByRole('button', { name: 'New tab', exact: true }).click();
    await expect(tablist.getByRole('tab', { name: `Query ${n}`, exact: true })).toHaveAttribute('aria-selected', 'true');
  }
  // The strip scrolls, and none of its tabs is the tablist's Tab stop: the Lab's tab is.
  await expect(page.getByRole('button', { name: /^All tabs: \d+ hidden$/ })).toBeVisible();
  const labTab = tablist.getByRole('tab', { name: /^Lab: SQL pas à pas/ });
  await labTab.click();
  await expect(labTab).toHaveAttribute('aria-selected', 'true');
  await labTab.focus();

  /** The focused element: a control outside the tablist, not the page itself nor the strip that holds the tabs. */
  const focused = () =>
    page.evaluate(() => {
      const element = document.activeElement;
      return { body: element === document.body, strip: element?.classList.contains('tab-row__strip') ?? false, inTablist: element?.closest('[role="tablist"]') !== null };
    });
  await page.keyboard.press('Tab');
  expect(await focused()).toEqual({ body: false, strip: false, inTablist: false });
  await page.keyboard.press('Shift+Tab');
  await expect(labTab).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  expect(await focused()).toEqual({ body: false, strip: false, inTablist: false });
  await page.keyboard.press('Tab');
  await expect(labTab).toBeFocused();
});
