import { describe, it, expect } from 'vitest';
import {
  MAX_SCROLL_HEIGHT,
  columnOffsets,
  pageRows,
  scrollInlineToReveal,
  isScaled,
  maxVirtualTop,
  scrollTopForVirtualTop,
  spacerHeightFor,
  virtualTopFor,
  virtualTopToReveal,
  visibleColumns,
  visibleRange,
  visibleRangeAt,
} from '../../../renderer/src/features/results/gridViewport';

const ROW = 26;
const VIEW = 520; // exactly 20 rows

/** DOM y of a row's top edge, given a range computed for some scrollTop. */
const rowDomTop = (range: { first: number; offsetY: number }, row: number): number => range.offsetY + (row - range.first) * ROW;

/** Asserts the rows in view are rendered and laid out so they exactly cover the viewport. */
function expectCoversViewport(scrollTop: number, rowCount: number): void {
  const range = visibleRange(scrollTop, VIEW, rowCount, ROW);
  const maxScroll = Math.max(0, range.spacerHeight - VIEW);
  const top = Math.min(Math.max(0, scrollTop), maxScroll);
  expect(range.first).toBeGreaterThanOrEqual(0);
  expect(range.last).toBeLessThanOrEqual(rowCount - 1);
  expect(rowDomTop(range, range.first)).toBeLessThanOrEqual(top + 1e-6);
  const bottom = rowDomTop(range, range.last) + ROW;
  // Either the rendered rows reach the viewport's bottom, or there are no more rows.
  if (range.last < rowCount - 1) expect(bottom).toBeGreaterThanOrEqual(top + VIEW - 1e-6);
  // Near the end of a scaled body the partly shown row may overhang it by less than a row (the
  // body clips it, so the scrollable area does not grow); anything more would be a bug.
  expect(bottom).toBeLessThan(Math.max(range.spacerHeight, VIEW) + ROW);
}

describe('visibleRange: small results', () => {
  it('renders nothing for zero rows', () => {
    expect(visibleRange(0, VIEW, 0, ROW)).toEqual({ first: 0, last: -1, offsetY: 0, spacerHeight: 0 });
  });

  it('renders every row when they all fit', () => {
    expect(visibleRange(0, VIEW, 5, ROW)).toEqual({ first: 0, last: 4, offsetY: 0, spacerHeight: 5 * ROW });
    // A stray scrollTop (e.g. from before the rows were replaced) is clamped.
    expect(visibleRange(9999, VIEW, 5, ROW)).toEqual({ first: 0, last: 4, offsetY: 0, spacerHeight: 5 * ROW });
  });

  it('handles exactly one viewport of rows', () => {
    expect(visibleRange(0, VIEW, 20, ROW)).toEqual({ first: 0, last: 19, offsetY: 0, spacerHeight: 520 });
  });

  it('shows partial rows at both edges', () => {
    const range = visibleRange(13, VIEW, 100, ROW);
    expect(range.first).toBe(0);
    expect(range.last).toBe(20); // rows 0..20: row 0 half hidden at the top, row 20 half shown
    expect(range.offsetY).toBe(0);
  });

  it('applies overscan within bounds', () => {
    expect(visibleRange(0, VIEW, 100, ROW, 5)).toMatchObject({ first: 0, last: 24 });
    expect(visibleRange(50 * ROW, VIEW, 100, ROW, 5)).toMatchObject({ first: 45, last: 74, offsetY: 45 * ROW });
    expect(visibleRange(80 * ROW, VIEW, 100, ROW, 5)).toMatchObject({ first: 75, last: 99 });
  });

  it('puts the last row flush with the bottom at the end', () => {
    const rowCount = 100;
    const maxScroll = rowCount * ROW - VIEW;
    const range = visibleRange(maxScroll, VIEW, rowCount, ROW);
    expect(range.last).toBe(99);
    expect(range.first).toBe(80);
    expect(rowDomTop(range, 99) + ROW).toBe(maxScroll + VIEW);
  });

  it('does not scale below the cap', () => {
    expect(spacerHeightFor(1000, ROW)).toBe(26_000);
    expect(virtualTopFor(1234, VIEW, 1000, ROW)).toBe(1234);
    expect(scrollTopForVirtualTop(1234, VIEW, 1000, ROW)).toBe(1234);
  });
});

describe('visibleRange: 1,000,000 rows (26M px, must be scaled)', () => {
  const rowCount = 1_000_000;
  const spacer = spacerHeightFor(rowCount, ROW);
  const maxScroll = spacer - VIEW;

  it('caps the body height', () => {
    expect(spacer).toBe(MAX_SCROLL_HEIGHT);
  });

  it('shows row 0 at the top at scrollTop 0', () => {
    const range = visibleRange(0, VIEW, rowCount, ROW);
    expect(range.first).toBe(0);
    expect(range.offsetY).toBe(0);
    expect(range.last).toBe(19);
  });

  it('reaches the last row at the end of the scrollbar', () => {
    const range = visibleRange(maxScroll, VIEW, rowCount, ROW);
    expect(range.last).toBe(rowCount - 1);
    expect(rowDomTop(range, rowCount - 1) + ROW).toBeCloseTo(maxScroll + VIEW, 6);
    expect(rowDomTop(range, range.first)).toBeCloseTo(maxScroll, 6);
  });

  it('covers the viewport everywhere', () => {
    for (const top of [0, 1, 2, 100, 12_345.5, maxScroll / 2, maxScroll - 1, maxScroll]) expectCoversViewport(top, rowCount);
  });
});

describe('visibleRange: 1,000,000 rows at a short row height (unscaled)', () => {
  it('keeps natural positions', () => {
    // 1M rows at 8px = 8M px, under the cap.
    const range = visibleRange(4_000_000, 400, 1_000_000, 8);
    expect(range.first).toBe(500_000);
    expect(range.offsetY).toBe(4_000_000);
    expect(range.last).toBe(500_049);
  });
});

describe('visibleRange: 50,000,000 rows', () => {
  const rowCount = 50_000_000;
  const spacer = spacerHeightFor(rowCount, ROW);
  const maxScroll = spacer - VIEW;

  it('shows row 0 at the top at scrollTop 0', () => {
    const range = visibleRange(0, VIEW, rowCount, ROW, 3);
    expect(range).toMatchObject({ first: 0, offsetY: 0, spacerHeight: MAX_SCROLL_HEIGHT });
  });

  it('reaches the last row, flush with the bottom', () => {
    const range = visibleRange(maxScroll, VIEW, rowCount, ROW, 3);
    expect(range.last).toBe(rowCount - 1);
    expect(rowDomTop(range, rowCount - 1) + ROW).toBeCloseTo(spacer, 3);
    // The rows just above it are rendered too.
    expect(range.first).toBeLessThanOrEqual(rowCount - 20);
  });

  it('is monotonic in scrollTop', () => {
    let previousFirst = -1;
    let previousLast = -1;
    let previousVirtual = -1;
    for (let top = 0; top <= maxScroll; top += 9_973) {
      const range = visibleRange(top, VIEW, rowCount, ROW);
      const virtual = virtualTopFor(top, VIEW, rowCount, ROW);
      expect(range.first).toBeGreaterThanOrEqual(previousFirst);
      expect(range.last).toBeGreaterThanOrEqual(previousLast);
      expect(virtual).toBeGreaterThan(previousVirtual);
      previousFirst = range.first;
      previousLast = range.last;
      previousVirtual = virtual;
    }
    // And pixel by pixel near both ends, where rounding trouble would show.
    for (const start of [0, maxScroll - 50]) {
      let first = -1;
      for (let top = start; top <= start + 50; top += 0.5) {
        const range = visibleRange(top, VIEW, rowCount, ROW);
        expect(range.first).toBeGreaterThanOrEqual(first);
        first = range.first;
      }
    }
  });

  it('covers the viewport everywhere, overscan or not', () => {
    for (const top of [0, 0.5, 1, 7, 1_000_000, maxScroll / 3, maxScroll - 2, maxScroll - 0.25, maxScroll]) {
      expectCoversViewport(top, rowCount);
      const withOverscan = visibleRange(top, VIEW, rowCount, ROW, 5);
      expect(rowDomTop(withOverscan, withOverscan.last) + ROW).toBeLessThan(spacer + 6 * ROW);
    }
  });

  it('round-trips between scroll and virtual offsets', () => {
    for (const virtual of [0, 1, 123_456_789, 50_000_000 * ROW - VIEW]) {
      const top = scrollTopForVirtualTop(virtual, VIEW, rowCount, ROW);
      expect(virtualTopFor(top, VIEW, rowCount, ROW)).toBeCloseTo(virtual, 2);
    }
  });
});

describe('virtualTopToReveal', () => {
  it('leaves the offset alone when the row is visible', () => {
    expect(virtualTopToReveal(5, 0, VIEW, 100, ROW)).toBe(0);
    expect(virtualTopToReveal(19, 0, VIEW, 100, ROW)).toBe(0);
    expect(virtualTopToReveal(20, 13 + ROW, VIEW, 100, ROW)).toBe(13 + ROW);
  });

  it('moves minimally', () => {
    expect(virtualTopToReveal(20, 0, VIEW, 100, ROW)).toBe(ROW); // row 20 becomes the bottom row
    expect(virtualTopToReveal(3, 50 * ROW, VIEW, 100, ROW)).toBe(3 * ROW); // row 3 becomes the top row
    expect(virtualTopToReveal(99, 0, VIEW, 100, ROW)).toBe(100 * ROW - VIEW);
    expect(virtualTopToReveal(500, 0, VIEW, 100, ROW)).toBe(100 * ROW - VIEW); // clamped to the last row
    expect(virtualTopToReveal(0, 0, VIEW, 0, ROW)).toBe(0);
  });

  it('reveals any row of a scaled result through a rounded scrollTop', () => {
    for (const rowCount of [1_000_000, 10_000_000, 50_000_000]) {
      for (const row of [0, 1, 19, 20, 21, 777_777, Math.floor(rowCount / 2), rowCount - 21, rowCount - 20, rowCount - 1]) {
        for (const from of [0, 123_456_789, maxVirtualTop(VIEW, rowCount, ROW)]) {
          const virtual = virtualTopToReveal(row, from, VIEW, rowCount, ROW);
          const scrollTop = Math.round(scrollTopForVirtualTop(virtual, VIEW, rowCount, ROW));
          const range = visibleRangeAt(virtual, scrollTop, VIEW, rowCount, ROW);
          expect(row).toBeGreaterThanOrEqual(range.first);
          expect(row).toBeLessThanOrEqual(range.last);
          // Fully inside the viewport, in DOM terms.
          expect(rowDomTop(range, row)).toBeGreaterThanOrEqual(scrollTop - 1e-6);
          expect(rowDomTop(range, row) + ROW).toBeLessThanOrEqual(scrollTop + VIEW + 1e-6);
        }
      }
    }
  });

  it('walks down row by row one row at a time', () => {
    const rowCount = 50_000_000;
    let virtual = 0;
    for (let row = 0; row < 200; row++) {
      const next = virtualTopToReveal(row, virtual, VIEW, rowCount, ROW);
      expect(next - virtual).toBe(row < 20 ? 0 : ROW);
      virtual = next;
    }
  });
});

describe('visibleRangeAt: a tracked virtual offset in a scaled body', () => {
  it('places the row at the virtual offset at the real scrollTop', () => {
    const rowCount = 50_000_000;
    // A wheel has moved 3 rows and a bit; the scrollTop only approximates that.
    const virtual = 3 * ROW + 5;
    const scrollTop = Math.round(scrollTopForVirtualTop(virtual, VIEW, rowCount, ROW));
    const range = visibleRangeAt(virtual, scrollTop, VIEW, rowCount, ROW, 2);
    expect(range.first).toBe(1);
    expect(rowDomTop(range, 3)).toBeCloseTo(scrollTop - 5, 6);
  });

  it('agrees with visibleRange when the offset is the mapped one', () => {
    const rowCount = 10_000_000;
    for (const scrollTop of [0, 17, 4_000_000, MAX_SCROLL_HEIGHT - VIEW]) {
      const virtual = virtualTopFor(scrollTop, VIEW, rowCount, ROW);
      expect(visibleRangeAt(virtual, scrollTop, VIEW, rowCount, ROW, 3)).toEqual(visibleRange(scrollTop, VIEW, rowCount, ROW, 3));
    }
  });

  it('uses natural positions below the cap whatever the virtual offset says', () => {
    expect(visibleRangeAt(999, 260, VIEW, 100, ROW)).toEqual(visibleRange(260, VIEW, 100, ROW));
    expect(isScaled(100, ROW)).toBe(false);
    expect(isScaled(1_000_000, ROW)).toBe(true);
  });
});

describe('pageRows', () => {
  it('counts fully visible rows, at least one', () => {
    expect(pageRows(520, 26)).toBe(20);
    expect(pageRows(530, 26)).toBe(20);
    expect(pageRows(10, 26)).toBe(1);
  });
});

describe('columns', () => {
  const offsets = columnOffsets([100, 50, 200, 80]); // 0,100,150,350,430

  it('accumulates offsets', () => {
    expect(offsets).toEqual([0, 100, 150, 350, 430]);
    expect(columnOffsets([])).toEqual([0]);
  });

  it('finds the columns in view', () => {
    expect(visibleColumns(0, 120, offsets)).toEqual({ first: 0, last: 1 });
    expect(visibleColumns(0, 100, offsets)).toEqual({ first: 0, last: 0 }); // column 1 starts at the edge
    expect(visibleColumns(120, 100, offsets)).toEqual({ first: 1, last: 2 });
    expect(visibleColumns(400, 500, offsets)).toEqual({ first: 3, last: 3 });
    expect(visibleColumns(0, 1000, offsets, 2)).toEqual({ first: 0, last: 3 });
    expect(visibleColumns(150, 10, offsets, 1)).toEqual({ first: 1, last: 3 });
    expect(visibleColumns(0, 100, [0])).toEqual({ first: 0, last: -1 });
  });

  it('reveals columns with the least movement', () => {
    expect(scrollInlineToReveal(1, 0, 200, offsets)).toBe(0); // already visible
    expect(scrollInlineToReveal(2, 0, 200, offsets)).toBe(150); // too wide for the view: show its start
    expect(scrollInlineToReveal(3, 0, 300, offsets)).toBe(130); // ends at the viewport's end
    expect(scrollInlineToReveal(0, 200, 300, offsets)).toBe(0); // starts at the viewport's start
    expect(scrollInlineToReveal(9, 42, 300, offsets)).toBe(42); // no such column
  });
});
