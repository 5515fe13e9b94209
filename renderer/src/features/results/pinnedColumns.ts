/**
 * Pinned first columns: the first `count` columns stay at the grid's inline start (sticky, after
 * the row numbers) while the others scroll under them. Pure arithmetic over the column offsets
 * (gridViewport.ts's coordinates: 0 at the first data column's start).
 */
import { scrollInlineToReveal } from './gridViewport';

/** The width the pinned columns cover. */
export function pinnedWidth(count: number, offsets: readonly number[]): number {
  return offsets[Math.min(count, offsets.length - 1)] ?? 0;
}

/** The columns to render: the pinned ones, then those in view after them. */
export function renderedColumns(count: number, visible: { first: number; last: number }): number[] {
  const columns: number[] = [];
  for (let col = 0; col < count; col++) columns.push(col);
  for (let col = Math.max(visible.first, count); col <= visible.last; col++) columns.push(col);
  return columns;
}

/**
 * The room a row leaves for the scrolling columns scrolled past (not rendered): one padding cell of
 * `width` placed just before column `before`, the first scrolling column rendered, puts that column
 * at its own offset. Zero wide when nothing between the pinned columns and it was skipped.
 */
export function leadingGap(count: number, visible: { first: number }, offsets: readonly number[]): { before: number; width: number } {
  const before = Math.max(visible.first, count);
  return { before, width: (offsets[before] ?? 0) - pinnedWidth(count, offsets) };
}

/**
 * The scroll offset that shows column `column` whole beside the pinned columns (a pinned column is
 * always in view).
 */
export function scrollInlineToRevealBesidePinned(column: number, count: number, scrollInline: number, viewportWidth: number, offsets: readonly number[]): number {
  if (column < count) return scrollInline;
  const covered = pinnedWidth(count, offsets);
  return Math.max(0, scrollInlineToReveal(column, scrollInline + covered, Math.max(0, viewportWidth - covered), offsets) - covered);
}

/** P on the active column: pins the columns up to it, or unpins them when they are pinned up to it already. */
export function togglePin(current: number, activeColumn: number): number {
  return current === activeColumn + 1 ? 0 : activeColumn + 1;
}
