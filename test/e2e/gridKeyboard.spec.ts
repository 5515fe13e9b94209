/**
 * The result grid's pinned first columns and its keys: P pins the columns up to the active one
 * (they stay in view while the grid scrolls sideways), S sorts by the active column in the engine,
 * Ctrl+F goes to the filter box.
 */
import { expect, engineReady, gridRows, runQuery, test } from './fixtures';

test('P pins the first columns, which stay in view when the grid scrolls sideways; S sorts; Ctrl+F filters', async ({ page }) => {
  test.slow(); // a busy machine
  await engineReady(page);
  const wide = Array.from({ length: 30 }, (_, i) => `i * ${i + 1} AS column_with_a_long_name_${i}`).join(', ');
  await runQuery(page, `SELECT 'row ' || i AS label, ${wide} FROM range(3) t(i) ORDER BY i DESC`);
  const grid = page.getByRole('grid', { name: 'Query results' });
  await expect(grid.getByRole('gridcell').first()).toHaveText('row 2');
  await grid.focus();
  await page.keyboard.press('p');
  const labelHeader = grid.getByRole('columnheader', { name: /^label/ });
  await expect(labelHeader).toHaveClass(/is-pinned/);
  await expect(page.getByRole('button', { name: 'Unpin columns' })).toBeVisible();
  // Scrolled to the last column: the pinned one is still in view, right after the row numbers.
  await page.keyboard.press('Control+End');
  await expect(grid.getByRole('columnheader', { name: /^column_with_a_long_name_29/ })).toBeVisible();
  const gridBox = (await grid.boundingBox())!;
  const rowNumberBox = (await grid.getByRole('columnheader', { name: 'Row' }).boundingBox())!;
  const labelBox = (await labelHeader.boundingBox())!;
  expect(await grid.evaluate((element) => element.scrollLeft)).toBeGreaterThan(500);
  expect(Math.abs(labelBox.x - (rowNumberBox.x + rowNumberBox.width))).toBeLessThanOrEqual(1);
  expect(labelBox.x).toBeGreaterThanOrEqual(gridBox.x);
  await expect(grid.getByRole('gridcell', { name: 'row 0' })).toBeVisible();
  // Back to the first column: P there unpins.
  await page.keyboard.press('Home');
  await page.keyboard.press('p');
  await expect(labelHeader).not.toHaveClass(/is-pinned/);
  await expect(page.getByRole('button', { name: 'Pin columns up to label' })).toBeVisible();

  // S sorts by the active column, in the engine: ascending, then descending.
  await grid.focus();
  await page.keyboard.press('s');
  await expect(labelHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(async () => (await gridRows(page)).map((row) => row[0])).toEqual(['row 0', 'row 1', 'row 2']);
  await grid.focus();
  await page.keyboard.press('s');
  await expect(labelHeader).toHaveAttribute('aria-sort', 'descending');

  // Ctrl+F goes to the filter box.
  await grid.focus();
  await page.keyboard.press('Control+f');
  await expect(page.getByRole('searchbox', { name: 'Filter rows' })).toBeFocused();
});

test('Ctrl+F follows the keyboard layout: on Dvorak the key QWERTY calls F is Ctrl+U and leaves the filter alone', async ({ page }) => {
  await engineReady(page);
  await runQuery(page, 'SELECT i FROM range(3) t(i)');
  const grid = page.getByRole('grid', { name: 'Query results' });
  await expect(grid.getByRole('gridcell').first()).toHaveText('0');
  const filter = page.getByRole('searchbox', { name: 'Filter rows' });
  /** Presses Ctrl with a key as a layout reports it: `key` is what it types, `code` its place on a QWERTY keyboard. */
  const pressCtrl = (key: string, code: string) =>
    grid.evaluate((element, init) => element.dispatchEvent(new KeyboardEvent('keydown', { ...init, ctrlKey: true, bubbles: true, cancelable: true })), { key, code });
  await grid.focus();
  // Dvorak: the key at QWERTY's F types U.
  await pressCtrl('u', 'KeyF');
  await expect(grid).toBeFocused();
  await expect(filter).not.toBeFocused();
  // Dvorak's F sits at QWERTY's Y.
  await pressCtrl('f', 'KeyY');
  await expect(filter).toBeFocused();
  // A layout that types no Latin letter (Arabic: ب at QWERTY's F) goes by the key's place.
  await grid.focus();
  await pressCtrl('ب', 'KeyF');
  await expect(filter).toBeFocused();
});

test('scrolling sideways keeps the cells still in view, with one padding cell for the columns scrolled past, pinned or not', async ({ page }) => {
  test.slow(); // a busy machine
  await engineReady(page);
  const wide = Array.from({ length: 30 }, (_, i) => `i * ${i + 1} AS column_with_a_long_name_${i}`).join(', ');
  await runQuery(page, `SELECT 'row ' || i AS label, ${wide} FROM range(3) t(i)`);
  const grid = page.getByRole('grid', { name: 'Query results' });
  await expect(grid.getByRole('gridcell').first()).toHaveText('row 0');
  /** Each row's cells after the row number, by aria-colindex, with "pad" for a padding cell. */
  const rowLayouts = () =>
    grid.evaluate((element) =>
      Array.from(element.querySelectorAll('[role="row"]'), (row) =>
        Array.from(row.children, (child) => (child.classList.contains('result-grid__pad') ? 'pad' : child.getAttribute('aria-colindex'))).slice(1),
      ),
    );
  /** Scrolls sideways until column `col` (0-based) starts right after the row numbers. */
  const scrollToColumn = (col: number) =>
    grid.evaluate((element, index) => {
      const rowNumber = element.querySelector('[role="columnheader"][aria-colindex="1"]')!.getBoundingClientRect();
      const header = element.querySelector(`[role="columnheader"][aria-colindex="${index + 2}"]`)!.getBoundingClientRect();
      element.scrollLeft += header.left - rowNumber.right;
    }, col);
  /** Marks the first row's cell of column `col`, to tell later whether the same element is still shown. */
  const mark = (col: number) => grid.locator(`[role="gridcell"][data-col="${col}"]`).first().evaluate((cell) => cell.setAttribute('data-kept', 'yes'));

  for (const pinned of [0, 1]) {
    await grid.evaluate((element) => (element.scrollLeft = 0));
    await expect.poll(async () => (await rowLayouts()).flat()).not.toContain('pad');
    if (pinned) {
      await grid.focus();
      await page.keyboard.press('Home');
      await page.keyboard.press('p');
      await expect(grid.getByRole('columnheader', { name: /^label/ })).toHaveClass(/is-pinned/);
    }
    await mark(5);
    await scrollToColumn(4);
    // Columns 0 and 1 scrolled out of the rendered window: one padding cell stands for them in every
    // row, after the pinned columns, just before the first scrolling column rendered.
    await expect.poll(async () => (await rowLayouts()).map((cells) => cells.indexOf('pad'))).toEqual([pinned, pinned, pinned, pinned]);
    for (const cells of await rowLayouts()) {
      expect(cells.filter((cell) => cell === 'pad')).toHaveLength(1);
      expect(cells[pinned + 1]).toBe('4');
    }
    // The cell that stayed in view is the same element: nothing in view is rebuilt by a sideways scroll.
    await expect(grid.locator('[data-kept="yes"]')).toHaveCount(1);
    await expect(grid.locator('[data-kept="yes"]')).toHaveAttribute('data-col', '5');
    await grid.locator('[data-kept="yes"]').evaluate((cell) => cell.removeAttribute('data-kept'));
  }
});
