/**
 * The results grid's viewport: its scroll position, which rows and columns are in view (only those
 * are in the DOM), and scrolling a cell into view. The arithmetic is gridViewport.ts's; this hook
 * ties it to the scroll container: measuring it, following its scroll and wheel events, and
 * writing its scroll offsets.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject, type UIEvent } from 'react';
import { flushSync } from 'react-dom';
import type { ResultRows } from '../../engine/results/resultRows';
import {
  isScaled,
  maxVirtualTop,
  pageRows,
  scrollTopForVirtualTop,
  virtualTopFor,
  virtualTopToReveal,
  visibleColumns,
  visibleRangeAt,
  type VisibleRange,
} from './gridViewport';
import { scrollInlineToRevealBesidePinned } from './pinnedColumns';

/** Set inline on every row; resultGrid.css gives cells a 25px line plus a 1px border to fill it. */
export const ROW_HEIGHT = 26;
const ROW_OVERSCAN = 8;
const COLUMN_OVERSCAN = 2;

interface Position {
  result: ResultRows;
  /** The DOM scrollTop the rows were laid out against. */
  scrollTop: number;
  /** Exact virtual offset of the viewport's top (see gridViewport.ts); differs from scrollTop only in a scaled body. */
  virtualTop: number;
  /** Horizontal distance scrolled from the inline start (|scrollLeft|, so RTL works too). */
  inline: number;
}

interface Size {
  width: number;
  height: number;
  header: number;
}

export interface GridViewportOptions {
  result: ResultRows;
  /** Bumped when rows arrived: the rows in view are requested again. */
  version: number;
  /** Column offsets (gridViewport.ts's columnOffsets). */
  offsets: readonly number[];
  /** The sticky row-number column, which covers the inline start of the viewport. */
  rowNumberWidth: number;
  /** How many first columns are pinned (always in view). */
  pinned: number;
}

export interface GridViewport {
  scrollerRef: RefObject<HTMLDivElement | null>;
  /** The sticky header: its height is taken from the viewport's. */
  headerRef: RefObject<HTMLDivElement | null>;
  onScroll(event: UIEvent<HTMLDivElement>): void;
  /** The rows to render and where. */
  range: VisibleRange;
  /** The scrolling columns in view (pinned ones aside), with overscan. */
  columns: { first: number; last: number };
  /** Rows a PageUp/PageDown moves by. */
  pageRows: number;
  /** Scrolls so the cell is in view, beside the pinned columns (`pinnedCount` when they are about to change). */
  reveal(row: number, col: number, pinnedCount?: number): void;
}

/** Whether the grid is laid out right to left (the page's direction, or the element's own). */
export function isRtl(element: Element): boolean {
  return getComputedStyle(element).direction === 'rtl';
}

export function useGridViewport({ result, version, offsets, rowNumberWidth, pinned }: GridViewportOptions): GridViewport {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const headerRef = useRef<HTMLDivElement>(null);
  const rowCount = result.rowCount;

  const [size, setSize] = useState<Size>({ width: 0, height: 0, header: 0 });
  const viewportHeight = Math.max(0, size.height - size.header);
  // The sticky row-number column covers the inline start of the viewport.
  const viewportWidth = Math.max(0, size.width - rowNumberWidth);

  // The position lives in a ref so native listeners see it without re-subscribing; the state copy
  // only triggers rendering.
  const positionRef = useRef<Position>({ result, scrollTop: 0, virtualTop: 0, inline: 0 });
  const [position, setPosition] = useState<Position>(positionRef.current);
  /** The scrollTop this component last set, so its own scroll events are not mistaken for the user's. */
  const expectedTopRef = useRef<number | null>(null);

  // Handlers attached outside React read the latest render's values through this.
  const latest = useRef({ rowCount, viewportHeight });
  latest.current = { rowCount, viewportHeight };

  const commit = useCallback((next: Position, sync: boolean): void => {
    positionRef.current = next;
    if (sync) flushSync(() => setPosition(next));
    else setPosition(next);
  }, []);

  /** Scrolls vertically to an exact virtual offset (approximated by scrollTop in a scaled body). */
  const scrollToVirtual = useCallback(
    (virtualTop: number, sync: boolean): void => {
      const element = scrollerRef.current;
      if (!element) return;
      const { rowCount: rows, viewportHeight: height } = latest.current;
      const target = Math.min(Math.max(0, virtualTop), maxVirtualTop(height, rows, ROW_HEIGHT));
      const top = Math.round(scrollTopForVirtualTop(target, height, rows, ROW_HEIGHT));
      if (Math.abs(element.scrollTop - top) >= 1) element.scrollTop = top;
      expectedTopRef.current = element.scrollTop;
      const virtual = isScaled(rows, ROW_HEIGHT) ? target : element.scrollTop;
      const current = positionRef.current;
      if (current.scrollTop === element.scrollTop && current.virtualTop === virtual) return;
      commit({ ...current, scrollTop: element.scrollTop, virtualTop: virtual }, sync);
    },
    [commit],
  );

  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const measure = (): void => {
      const next = { width: scroller.clientWidth, height: scroller.clientHeight, header: headerRef.current?.offsetHeight ?? 0 };
      setSize((previous) =>
        previous.width === next.width && previous.height === next.height && previous.header === next.header ? previous : next,
      );
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(scroller);
    if (headerRef.current) observer.observe(headerRef.current);
    return () => observer.disconnect();
  }, []);

  // A new result starts at the top; more rows (or a resize) keep the rows in view where they are.
  // In a scaled body the same scrollTop means a different row once the row count changes, so the
  // scrollTop is re-derived from the exact virtual offset.
  // Writing a scroll offset forces a layout, so the DOM is only touched where it was scrolled, and
  // a new result renders at the top at once (shownPosition) rather than in a second render.
  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const current = positionRef.current;
    if (current.result !== result) {
      if (current.scrollTop !== 0) scroller.scrollTop = 0;
      if (current.inline !== 0) scroller.scrollLeft = 0;
      expectedTopRef.current = null;
      positionRef.current = { result, scrollTop: 0, virtualTop: 0, inline: 0 };
      return;
    }
    if (current.virtualTop === 0 && current.scrollTop === 0) return;
    scrollToVirtual(current.virtualTop, false);
  }, [result, rowCount, viewportHeight, scrollToVirtual]);
  // The state follows after the paint, so it stops holding the last result's rows.
  useEffect(() => {
    setPosition((shown) => (shown.result === result ? shown : positionRef.current));
  }, [result]);

  // Wheel scrolling in a scaled body: native scrolling would move (rowCount·rowHeight / 10M) rows per
  // pixel, hundreds of rows per notch at 50M rows. Moving the virtual offset by the wheel's own
  // delta keeps wheel and trackpad scrolling row-accurate. React's onWheel is passive, hence the
  // manual listener.
  useEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const onWheel = (event: WheelEvent): void => {
      const { rowCount: rows, viewportHeight: height } = latest.current;
      if (event.ctrlKey || !isScaled(rows, ROW_HEIGHT)) return;
      const unit = event.deltaMode === WheelEvent.DOM_DELTA_LINE ? ROW_HEIGHT : event.deltaMode === WheelEvent.DOM_DELTA_PAGE ? height : 1;
      const deltaY = event.deltaY * unit;
      const deltaX = event.deltaX * unit;
      if (deltaY === 0 || Math.abs(deltaX) > Math.abs(deltaY)) return;
      const current = positionRef.current.virtualTop;
      const max = maxVirtualTop(height, rows, ROW_HEIGHT);
      // At either end, let the wheel go on to scroll whatever contains the grid.
      if ((deltaY < 0 && current <= 0) || (deltaY > 0 && current >= max)) return;
      event.preventDefault();
      if (deltaX !== 0) scroller.scrollLeft += deltaX;
      // Synchronous, so rows are re-laid against the new scrollTop in the same frame (no jitter).
      scrollToVirtual(current + deltaY, true);
    };
    scroller.addEventListener('wheel', onWheel, { passive: false });
    return () => scroller.removeEventListener('wheel', onWheel);
  }, [scrollToVirtual]);

  const onScroll = (event: UIEvent<HTMLDivElement>): void => {
    const scroller = event.currentTarget;
    const scrollTop = scroller.scrollTop;
    const inline = Math.abs(scroller.scrollLeft);
    const current = positionRef.current;
    const ours = expectedTopRef.current !== null && Math.abs(scrollTop - expectedTopRef.current) < 1;
    if (!ours) expectedTopRef.current = null;
    const virtualTop = ours ? current.virtualTop : virtualTopFor(scrollTop, viewportHeight, rowCount, ROW_HEIGHT);
    if (current.scrollTop === scrollTop && current.inline === inline && current.virtualTop === virtualTop) return;
    // Synchronous: Chromium dispatches scroll events just before it paints, so rendering now puts
    // the rows of the new position in this very frame; a scheduled render would paint an empty
    // body for a frame or two on every scrollbar drag that moves past the overscan.
    commit({ ...current, scrollTop, virtualTop, inline }, true);
  };

  const reveal = (row: number, col: number, pinnedCount = pinned): void => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const inline = Math.abs(scroller.scrollLeft);
    const nextInline = scrollInlineToRevealBesidePinned(col, pinnedCount, inline, viewportWidth, offsets);
    if (nextInline !== inline) {
      // RTL scrollLeft runs from 0 towards negative values.
      scroller.scrollLeft = isRtl(scroller) ? -nextInline : nextInline;
      positionRef.current = { ...positionRef.current, inline: Math.abs(scroller.scrollLeft) };
    }
    const current = positionRef.current.virtualTop;
    const nextVirtual = virtualTopToReveal(row, current, viewportHeight, rowCount, ROW_HEIGHT);
    if (nextVirtual !== current) scrollToVirtual(nextVirtual, false);
    // Render the newly revealed columns now rather than on the (later) scroll event.
    if (nextInline !== inline) commit(positionRef.current, false);
  };

  const shownPosition = position.result === result ? position : { result, scrollTop: 0, virtualTop: 0, inline: 0 };
  const range = visibleRangeAt(shownPosition.virtualTop, shownPosition.scrollTop, viewportHeight, rowCount, ROW_HEIGHT, ROW_OVERSCAN);
  // Rows kept on the main side are fetched when they come into view (a no-op for rows held here).
  useEffect(() => {
    if (rowCount > 0) result.request(range.first, range.last);
  }, [result, range.first, range.last, rowCount, version]);
  const columns = visibleColumns(shownPosition.inline, viewportWidth, offsets, COLUMN_OVERSCAN);

  return { scrollerRef, headerRef, onScroll, range, columns, pageRows: pageRows(viewportHeight, ROW_HEIGHT), reveal };
}
