/**
 * Viewport arithmetic for the results grid, kept free of the DOM so it can be unit-tested.
 *
 * Two coordinate systems are in play. The *virtual* one is where row `r` starts at `r * rowHeight`.
 * The *DOM* one is the scroll container's: browsers cap an element's height (Chromium at about
 * 16.7M px, others near 33M), so once the virtual height passes MAX_SCROLL_HEIGHT the body is
 * given a fixed height and scrollTop is mapped onto the virtual range proportionally. Below the
 * cap the two coincide and rows sit at their natural positions.
 */

/** Well under every engine's element-height cap, with headroom for zoom (which scales px). */
export const MAX_SCROLL_HEIGHT = 10_000_000;

export interface VisibleRange {
  /** First row to render (inclusive). */
  first: number;
  /** Last row to render (inclusive); `first - 1` when there is nothing to render. */
  last: number;
  /** Where row `first` starts, in the body's DOM coordinates. */
  offsetY: number;
  /** Height to give the scrolling body so the scrollbar covers every row. */
  spacerHeight: number;
}

/** Height of the scrolling body: the real one, or the cap when the real one would be too tall. */
export function spacerHeightFor(rowCount: number, rowHeight: number): number {
  return Math.min(Math.max(0, rowCount) * rowHeight, MAX_SCROLL_HEIGHT);
}

function maxScrollTop(viewportHeight: number, rowCount: number, rowHeight: number): number {
  return Math.max(0, spacerHeightFor(rowCount, rowHeight) - viewportHeight);
}

/** The largest useful virtual offset: the one that shows the last row at the bottom. */
export function maxVirtualTop(viewportHeight: number, rowCount: number, rowHeight: number): number {
  return Math.max(0, Math.max(0, rowCount) * rowHeight - viewportHeight);
}

/** Whether scrollTop is mapped proportionally (the rows are taller than MAX_SCROLL_HEIGHT). */
export function isScaled(rowCount: number, rowHeight: number): boolean {
  return rowCount * rowHeight > MAX_SCROLL_HEIGHT;
}

/** The virtual offset shown at the top of the viewport for a DOM scrollTop. */
export function virtualTopFor(scrollTop: number, viewportHeight: number, rowCount: number, rowHeight: number): number {
  const maxScroll = maxScrollTop(viewportHeight, rowCount, rowHeight);
  const top = Math.min(Math.max(0, scrollTop), maxScroll);
  if (!isScaled(rowCount, rowHeight) || maxScroll === 0) return top;
  // Proportional over the *scrollable* ranges (not the full heights), so that the end of the
  // scrollbar shows the last row flush with the bottom of the viewport.
  return (top * maxVirtualTop(viewportHeight, rowCount, rowHeight)) / maxScroll;
}

/** Inverse of virtualTopFor; fractional, the caller rounds as the situation needs. */
export function scrollTopForVirtualTop(virtualTop: number, viewportHeight: number, rowCount: number, rowHeight: number): number {
  const maxVirtual = maxVirtualTop(viewportHeight, rowCount, rowHeight);
  const top = Math.min(Math.max(0, virtualTop), maxVirtual);
  if (!isScaled(rowCount, rowHeight) || maxVirtual === 0) return top;
  return (top * maxScrollTop(viewportHeight, rowCount, rowHeight)) / maxVirtual;
}

/**
 * Which rows to render for a scroll position, and where to put them.
 * `overscan` extra rows on each side hide the blank edge while the browser scrolls ahead of React.
 */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowCount: number,
  rowHeight: number,
  overscan = 0,
): VisibleRange {
  const clampedTop = Math.min(Math.max(0, scrollTop), maxScrollTop(Math.max(0, viewportHeight), rowCount, rowHeight));
  const virtualTop = virtualTopFor(clampedTop, viewportHeight, rowCount, rowHeight);
  return visibleRangeAt(virtualTop, clampedTop, viewportHeight, rowCount, rowHeight, overscan);
}

/**
 * Like visibleRange, for a virtual offset that the caller tracks itself. In a scaled body one
 * pixel of scrollTop spans many rows, so the grid keeps the exact virtual offset (moved by wheel
 * deltas and keyboard navigation) and only approximates it with scrollTop; rows are placed
 * relative to the real scrollTop so they land in the viewport either way.
 */
export function visibleRangeAt(
  virtualTop: number,
  scrollTop: number,
  viewportHeight: number,
  rowCount: number,
  rowHeight: number,
  overscan = 0,
): VisibleRange {
  const spacerHeight = spacerHeightFor(rowCount, rowHeight);
  if (rowCount <= 0 || rowHeight <= 0) return { first: 0, last: -1, offsetY: 0, spacerHeight };
  const height = Math.max(0, viewportHeight);
  const scaled = isScaled(rowCount, rowHeight);
  const top = scaled
    ? Math.min(Math.max(0, virtualTop), maxVirtualTop(height, rowCount, rowHeight))
    : Math.min(Math.max(0, scrollTop), maxScrollTop(height, rowCount, rowHeight));
  const firstVisible = Math.min(rowCount - 1, Math.floor(top / rowHeight));
  const lastVisible = Math.min(rowCount - 1, Math.max(firstVisible, Math.ceil((top + height) / rowHeight) - 1));
  const first = Math.max(0, firstVisible - overscan);
  const last = Math.min(rowCount - 1, lastVisible + overscan);
  // Unscaled rows sit at their natural place, so they move with native (compositor) scrolling.
  const offsetY = scaled ? scrollTop + (first * rowHeight - top) : first * rowHeight;
  return { first, last, offsetY, spacerHeight };
}

/**
 * The virtual offset that brings `row` fully into view with the least movement (or `virtualTop`
 * itself when it already is). The caller turns it into a scrollTop with scrollTopForVirtualTop.
 */
export function virtualTopToReveal(
  row: number,
  virtualTop: number,
  viewportHeight: number,
  rowCount: number,
  rowHeight: number,
): number {
  if (rowCount <= 0) return 0;
  const target = Math.min(Math.max(0, row), rowCount - 1);
  const maxVirtual = maxVirtualTop(viewportHeight, rowCount, rowHeight);
  const current = Math.min(Math.max(0, virtualTop), maxVirtual);
  const rowTop = target * rowHeight;
  const rowBottom = rowTop + rowHeight;
  let next = current;
  if (rowTop < current || viewportHeight < rowHeight) next = rowTop;
  else if (rowBottom > current + viewportHeight) next = rowBottom - viewportHeight;
  return Math.min(Math.max(0, next), maxVirtual);
}

/** Rows a PageUp/PageDown moves by: the rows that fit fully, at least one. */
export function pageRows(viewportHeight: number, rowHeight: number): number {
  return Math.max(1, Math.floor(viewportHeight / rowHeight));
}

/** Start offset of each column plus the total width at the end (length = widths.length + 1). */
export function columnOffsets(widths: readonly number[]): number[] {
  const offsets = [0];
  let sum = 0;
  for (const width of widths) {
    sum += width;
    offsets.push(sum);
  }
  return offsets;
}

/** Index of the column containing horizontal offset `x` (offsets from columnOffsets). */
function columnAt(x: number, offsets: readonly number[]): number {
  const count = offsets.length - 1;
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((offsets[middle] ?? 0) <= x) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * Columns to render for a horizontal scroll distance (measured from the inline start, so it is
 * direction-agnostic: pass |scrollLeft| in right-to-left layouts).
 */
export function visibleColumns(
  scrollInline: number,
  viewportWidth: number,
  offsets: readonly number[],
  overscan = 0,
): { first: number; last: number } {
  const count = offsets.length - 1;
  if (count <= 0) return { first: 0, last: -1 };
  const start = Math.max(0, scrollInline);
  const firstVisible = columnAt(start, offsets);
  // The end is exclusive: a column starting exactly at the viewport's end is not visible.
  const lastVisible = Math.max(firstVisible, columnAt(Math.max(start, start + Math.max(0, viewportWidth) - 0.5), offsets));
  return { first: Math.max(0, firstVisible - overscan), last: Math.min(count - 1, lastVisible + overscan) };
}

/** Horizontal scroll distance (from the inline start) that brings column `column` into view. */
export function scrollInlineToReveal(
  column: number,
  scrollInline: number,
  viewportWidth: number,
  offsets: readonly number[],
): number {
  const start = offsets[column];
  const end = offsets[column + 1];
  if (start === undefined || end === undefined) return scrollInline;
  // A column wider than the viewport shows its start, where the ellipsis-truncated text begins.
  if (start < scrollInline || end - start > viewportWidth) return start;
  if (end > scrollInline + viewportWidth) return end - viewportWidth;
  return scrollInline;
}
