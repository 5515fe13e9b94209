import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type JSX,
  type KeyboardEvent,
  type MouseEvent,
  type UIEvent,
} from 'react';
import { flushSync } from 'react-dom';
import type { FormattedCell } from '../../../../shared/values/cellFormat';
import type { ResultRows } from '../../engine/results/resultRows';
import {
  columnOffsets,
  isScaled,
  maxVirtualTop,
  pageRows,
  scrollTopForVirtualTop,
  virtualTopFor,
  virtualTopToReveal,
  visibleColumns,
  visibleRangeAt,
} from './gridViewport';
import { rowNumberWidth as rowNumberColumnWidth, useColumnWidths } from './columnLayout';
import { ColumnResizeHandle } from './ColumnResizeHandle';
import { isShortcutLetter } from './gridKeys';
import { leadingGap, renderedColumns, scrollInlineToRevealBesidePinned, togglePin } from './pinnedColumns';
import './resultGrid.css';

export interface ResultGridProps {
  result: ResultRows;
  /** Bumped when rows arrived: the visible window re-renders, the scroll position stays. */
  version: number;
  /** The column the engine sorted by, shown in its header. */
  sort?: { column: number; descending: boolean } | null;
  /** Called when a column header is clicked; the grid never sorts by itself. Absent: headers are not buttons. */
  onSort?: ((column: number) => void) | undefined;
  /** Accessible name of the grid, e.g. "Query results". */
  label: string;
  text: {
    rowNumber: string;
    copyCell: string;
    copyRow: string;
    copied: string;
    sortBy(column: string): string;
    loading: string;
    pinThrough(column: string): string;
    unpin: string;
    keys: string;
  };
  /** Ctrl+F in the grid: the caller focuses its filter box. Absent: the key does nothing here. */
  onFindRequest?: (() => void) | undefined;
  /** Called after something was copied (the caller shows a toast). */
  onCopy?: (text: string) => void;
  /** What a cell shows, where it differs from DuckDB's text (the locale option); tooltips and copies keep the text. */
  display?: ((cell: FormattedCell) => string) | undefined;
  /** Enter or a double-click on a cell: the caller shows it in full (the value viewer). */
  onOpenCell?: ((row: number, col: number) => void) | undefined;
}

/** What a cell shows while its row is fetched from the main side. */
const pendingCell: FormattedCell = Object.freeze({ text: '', kind: 'text' });

/** Set inline on every row; resultGrid.css gives cells a 25px line plus a 1px border to fill it. */
const ROW_HEIGHT = 26;
const ROW_OVERSCAN = 8;
const COLUMN_OVERSCAN = 2;
const WIDTH_SAMPLE_ROWS = 100;
/** Rows an auto-fit (a double-click on a column's edge) measures at most: those loaded among them. */
const AUTO_FIT_ROWS = 2_000;
/**
 * The widest column shows ~55 characters, so rendering a multi-megabyte value into the DOM would
 * only cost layout time; the tooltip and the clipboard still get the full text.
 */
const MAX_RENDERED_CHARS = 300;
/** Tooltips cannot show more than a screenful; keeps huge values out of every re-render's DOM. */
const MAX_TITLE_CHARS = 20_000;
const COPIED_STATUS_MS = 1500;

interface Position {
  result: ResultRows;
  /** The DOM scrollTop the rows were laid out against. */
  scrollTop: number;
  /** Exact virtual offset of the viewport's top (see gridViewport.ts); differs from scrollTop only in a scaled body. */
  virtualTop: number;
  /** Horizontal distance scrolled from the inline start (|scrollLeft|, so RTL works too). */
  inline: number;
}

interface Active {
  result: ResultRows;
  row: number;
  col: number;
}

interface Size {
  width: number;
  height: number;
  header: number;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Tab-separated, quoting fields the way spreadsheets expect so tabs/newlines in values survive a paste. */
function toTsv(values: readonly string[]): string {
  return values.map((value) => (/[\t\n\r"]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)).join('\t');
}

function isRtl(element: Element): boolean {
  return getComputedStyle(element).direction === 'rtl';
}

function selectionInside(element: Element): boolean {
  const selection = document.getSelection();
  return !!selection && !selection.isCollapsed && !!selection.anchorNode && element.contains(selection.anchorNode);
}

/**
 * The query results grid: virtualized in both directions (only the rows and columns in view are in
 * the DOM), an ARIA grid with one active cell driven by aria-activedescendant, and copy commands.
 */
export function ResultGrid(props: ResultGridProps): JSX.Element {
  // `version` needs no handling of its own: a changed prop re-renders, and the render reads rowCount.
  const { result, version, sort, onSort, label, text, onCopy, display, onOpenCell, onFindRequest } = props;
  const gridId = useId();
  const scrollerRef = useRef<HTMLDivElement>(null);
  const headerRef = useRef<HTMLDivElement>(null);

  const rowCount = result.rowCount;
  const colCount = result.columns.length;

  // Re-estimated only while the first rows stream in, so widths settle early and never jump later.
  const sampleRows = Math.min(rowCount, WIDTH_SAMPLE_ROWS);
  const { layout, resize, autoFit } = useColumnWidths(result, sampleRows);
  const offsets = useMemo(() => columnOffsets(layout.widths), [layout]);
  const dataWidth = offsets[offsets.length - 1] ?? 0;
  const rowNumberWidth = useMemo(() => rowNumberColumnWidth(text.rowNumber, rowCount), [text.rowNumber, rowCount]);
  const totalWidth = rowNumberWidth + dataWidth;

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

  const [activeState, setActiveState] = useState<Active>({ result, row: 0, col: 0 });
  const hasCell = rowCount > 0 && colCount > 0;
  const activeRow = activeState.result === result ? Math.min(activeState.row, Math.max(0, rowCount - 1)) : 0;
  const activeCol = activeState.result === result ? Math.min(activeState.col, Math.max(0, colCount - 1)) : 0;

  const [copiedCount, setCopiedCount] = useState(0);
  /** How many first columns are pinned, for this result (a new result starts unpinned). */
  const [pinState, setPinState] = useState({ result, count: 0 });
  const pinned = pinState.result === result ? Math.min(pinState.count, colCount) : 0;

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

  useEffect(() => {
    if (copiedCount === 0) return;
    const timer = setTimeout(() => setCopiedCount(0), COPIED_STATUS_MS);
    return () => clearTimeout(timer);
  }, [copiedCount]);

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

  const activate = (row: number, col: number): void => {
    if (!hasCell) return;
    const nextRow = Math.min(Math.max(0, row), rowCount - 1);
    const nextCol = Math.min(Math.max(0, col), colCount - 1);
    setActiveState({ result, row: nextRow, col: nextCol });
    reveal(nextRow, nextCol);
  };

  const notifyCopied = (copiedText: string): void => {
    setCopiedCount((count) => count + 1);
    onCopy?.(copiedText);
  };

  const copy = (copiedText: string): void => {
    // No fallback on failure: a missing "copied" notice is the honest signal that nothing was copied.
    navigator.clipboard.writeText(copiedText).then(
      () => notifyCopied(copiedText),
      () => undefined,
    );
  };

  const activeCellText = (): string => result.cell(activeRow, activeCol)?.text ?? '';
  const copyCell = (): void => {
    if (hasCell) copy(activeCellText());
  };
  const copyRow = (): void => {
    if (hasCell) copy(toTsv(result.columns.map((_, col) => result.cell(activeRow, col)?.text ?? '')));
  };

  const pinThroughActive = (): void => {
    if (!hasCell) return;
    const count = togglePin(pinned, activeCol);
    setPinState({ result, count });
    // Unpinned, the active column scrolls with the others: keep it in view.
    reveal(activeRow, activeCol, count);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const command = event.ctrlKey || event.metaKey;
    // Sort, pin and filter from the keyboard: the grid is read-only, so plain letters are free.
    if (!event.altKey && hasCell) {
      const letter = event.key.toLowerCase();
      if (command && !event.shiftKey && isShortcutLetter(event, 'f') && onFindRequest) {
        event.preventDefault();
        onFindRequest();
        return;
      }
      if (!command && letter === 's' && onSort) {
        event.preventDefault();
        onSort(activeCol);
        return;
      }
      if (!command && letter === 'p') {
        event.preventDefault();
        pinThroughActive();
        return;
      }
    }
    if (command && !event.altKey && isShortcutLetter(event, 'c')) {
      // A mouse selection of cell text is copied natively, as the user expects.
      if (!event.shiftKey && selectionInside(event.currentTarget)) return;
      event.preventDefault();
      if (event.shiftKey) copyRow();
      else copyCell();
      return;
    }
    if (!hasCell || event.altKey) return;
    if (event.key === 'Enter' && !command && !event.shiftKey && onOpenCell) {
      event.preventDefault();
      onOpenCell(activeRow, activeCol);
      return;
    }
    let row = activeRow;
    let col = activeCol;
    const page = pageRows(viewportHeight, ROW_HEIGHT);
    switch (event.key) {
      case 'ArrowUp':
        row = command ? 0 : row - 1;
        break;
      case 'ArrowDown':
        row = command ? rowCount - 1 : row + 1;
        break;
      case 'ArrowLeft':
      case 'ArrowRight': {
        // Arrows are visual: in a right-to-left layout ArrowLeft moves towards the inline end.
        const forward = (event.key === 'ArrowRight') !== isRtl(event.currentTarget);
        if (command) col = forward ? colCount - 1 : 0;
        else col += forward ? 1 : -1;
        break;
      }
      case 'PageUp':
        row -= page;
        break;
      case 'PageDown':
        row += page;
        break;
      case 'Home':
        col = 0;
        if (command) row = 0;
        break;
      case 'End':
        col = colCount - 1;
        if (command) row = rowCount - 1;
        break;
      default:
        return;
    }
    // Also keeps the browser from scrolling the container natively (by the scaled amount).
    event.preventDefault();
    activate(row, col);
  };

  // The app menu's Copy (Electron's role: 'copy') arrives as a copy event rather than a keydown.
  const onCopyEvent = (event: ClipboardEvent<HTMLDivElement>): void => {
    if (!hasCell || selectionInside(event.currentTarget)) return;
    const copiedText = activeCellText();
    event.clipboardData.setData('text/plain', copiedText);
    event.preventDefault();
    notifyCopied(copiedText);
  };

  const onMouseDown = (event: MouseEvent<HTMLDivElement>): void => {
    if (event.button !== 0 || !(event.target instanceof Element)) return;
    const rowElement = event.target.closest<HTMLElement>('[data-row]');
    if (!rowElement) return;
    // A click on the row number selects that row and keeps the column.
    const col = Number(event.target.closest<HTMLElement>('[data-col]')?.dataset.col ?? activeCol);
    const row = Number(rowElement.dataset.row);
    if (Number.isInteger(row) && Number.isInteger(col)) activate(row, col);
  };

  const onDoubleClick = (event: MouseEvent<HTMLDivElement>): void => {
    if (!onOpenCell || !(event.target instanceof Element)) return;
    const row = Number(event.target.closest<HTMLElement>('[data-row]')?.dataset.row);
    const col = Number(event.target.closest<HTMLElement>('[data-col]')?.dataset.col);
    if (Number.isInteger(row) && Number.isInteger(col)) onOpenCell(row, col);
  };

  const shownPosition = position.result === result ? position : { result, scrollTop: 0, virtualTop: 0, inline: 0 };
  const range = visibleRangeAt(shownPosition.virtualTop, shownPosition.scrollTop, viewportHeight, rowCount, ROW_HEIGHT, ROW_OVERSCAN);
  // Rows kept on the main side are fetched when they come into view (a no-op for rows held here).
  useEffect(() => {
    if (rowCount > 0) result.request(range.first, range.last);
  }, [result, range.first, range.last, rowCount, version]);
  const columns = visibleColumns(shownPosition.inline, viewportWidth, offsets, COLUMN_OVERSCAN);
  const columnIndexes = renderedColumns(pinned, columns);
  const gap = leadingGap(pinned, columns, offsets);
  /** Where a pinned column sticks: after the row numbers and the pinned columns before it. */
  const pinnedStyle = (col: number) => (col < pinned ? { insetInlineStart: rowNumberWidth + (offsets[col] ?? 0) } : null);
  const cellId = (row: number, col: number): string => `${gridId}-r${row}-c${col}`;
  const activeRendered =
    hasCell && activeRow >= range.first && activeRow <= range.last && columnIndexes.includes(activeCol);
  /**
   * A row's cells in rendering order, the one padding cell before the first scrolling column. One
   * flat list keyed by column, so a sideways scroll keeps the cells still in view instead of
   * rebuilding them.
   */
  const withLeadingPad = (cell: (col: number) => JSX.Element | null): (JSX.Element | null)[] => {
    const cells: (JSX.Element | null)[] = [];
    for (const col of columnIndexes) {
      if (col === gap.before && gap.width > 0) cells.push(<div key="pad" role="presentation" className="result-grid__pad" style={{ inlineSize: gap.width }} />);
      cells.push(cell(col));
    }
    return cells;
  };
  const keysId = `${gridId}-keys`;

  const rows: JSX.Element[] = [];
  for (let row = range.first; row <= range.last; row++) {
    const isActiveRow = hasCell && row === activeRow;
    rows.push(
      <div
        key={row}
        role="row"
        aria-rowindex={row + 2}
        data-row={row}
        className={`result-grid__row${row % 2 === 1 ? ' result-grid__row--odd' : ''}${isActiveRow ? ' result-grid__row--active' : ''}`}
        style={{ blockSize: ROW_HEIGHT, inlineSize: totalWidth }}
      >
        <div role="rowheader" aria-colindex={1} className="result-grid__rownum" style={{ inlineSize: rowNumberWidth }}>
          {row + 1}
        </div>
        {withLeadingPad((col) => {
          const cell = result.cell(row, col) ?? pendingCell;
          const isActive = isActiveRow && col === activeCol;
          const shown = truncate(display ? display(cell) : cell.text, MAX_RENDERED_CHARS);
          return (
            <div
              key={col}
              id={cellId(row, col)}
              role="gridcell"
              aria-colindex={col + 2}
              data-col={col}
              className={`result-grid__cell cell-${cell.kind}${isActive ? ' is-active' : ''}${col < pinned ? ' is-pinned' : ''}`}
              style={{ inlineSize: layout.widths[col], ...pinnedStyle(col) }}
              title={truncate(cell.text, MAX_TITLE_CHARS)}
            >
              {/* Numbers and dates keep their own left-to-right order inside a right-to-left grid
                  ("-12.5" must not become "12.5-"), while the cell still aligns by the grid's direction.
                  Other values are isolated and take the direction of their own first strong letter, so
                  Arabic text reads right to left and Latin text left to right, whatever the page's. */}
              {cell.kind === 'number' || cell.kind === 'temporal' ? <span dir="ltr">{shown}</span> : <bdi>{shown}</bdi>}
            </div>
          );
        })}
      </div>,
    );
  }

  return (
    <div className="result-grid">
      <div className="result-grid__toolbar">
        <button type="button" className="result-grid__button" disabled={!hasCell} aria-controls={gridId} onClick={copyCell}>
          {text.copyCell}
        </button>
        <button type="button" className="result-grid__button" disabled={!hasCell} aria-controls={gridId} onClick={copyRow}>
          {text.copyRow}
        </button>
        <button type="button" className="result-grid__button" disabled={!hasCell} aria-controls={gridId} aria-keyshortcuts="P" onClick={pinThroughActive}>
          {pinned === activeCol + 1 ? text.unpin : text.pinThrough(result.columns[activeCol]?.name ?? '')}
        </button>
        <span id={keysId} className="visually-hidden">
          {text.keys}
        </span>
        <span role="status" className="result-grid__status">
          {copiedCount > 0 ? text.copied : ''}
        </span>
      </div>
      <div className="result-grid__frame">
        <div
          ref={scrollerRef}
          id={gridId}
          role="grid"
          aria-label={label}
          aria-readonly="true"
          aria-rowcount={rowCount + 1}
          aria-colcount={colCount + 1}
          aria-activedescendant={activeRendered ? cellId(activeRow, activeCol) : undefined}
          aria-describedby={keysId}
          tabIndex={0}
          className="result-grid__scroller"
          onScroll={onScroll}
          onKeyDown={onKeyDown}
          onMouseDown={onMouseDown}
          onDoubleClick={onDoubleClick}
          onCopy={onCopyEvent}
        >
          <div ref={headerRef} role="rowgroup" className="result-grid__head" style={{ inlineSize: totalWidth }}>
            <div role="row" aria-rowindex={1} className="result-grid__row result-grid__row--head">
              <div
                role="columnheader"
                aria-colindex={1}
                className="result-grid__rownum result-grid__colhead"
                style={{ inlineSize: rowNumberWidth }}
              >
                <span className="result-grid__colname">{text.rowNumber}</span>
              </div>
              {withLeadingPad((col) => {
                const column = result.columns[col];
                if (!column) return null;
                const sorted = sort?.column === col ? (sort.descending ? 'descending' : 'ascending') : undefined;
                const names = (
                  <>
                    <span className="result-grid__colname">
                      <bdi>{column.name}</bdi>
                      {sorted ? <span aria-hidden="true">{sorted === 'ascending' ? ' ▲' : ' ▼'}</span> : null}
                    </span>
                    {/* DuckDB's type names read left to right (and clip at their end) in Arabic too. */}
                    <span className="result-grid__coltype" dir="ltr">{column.typeName}</span>
                  </>
                );
                return (
                  <div
                    key={col}
                    role="columnheader"
                    aria-colindex={col + 2}
                    aria-sort={sorted}
                    className={`result-grid__colhead${layout.numeric[col] ? ' is-numeric' : ''}${col < pinned ? ' is-pinned' : ''}`}
                    style={{ inlineSize: layout.widths[col], ...pinnedStyle(col) }}
                    title={`${column.name}\n${column.typeName}`}
                  >
                    {onSort ? (
                      <button type="button" className="result-grid__sort" title={text.sortBy(column.name)} onClick={() => onSort(col)}>
                        {names}
                      </button>
                    ) : (
                      names
                    )}
                    <ColumnResizeHandle
                      width={layout.widths[col] ?? 0}
                      onResize={(width) => resize(col, width)}
                      onAutoFit={() => autoFit(col, Math.min(rowCount, AUTO_FIT_ROWS))}
                    />
                  </div>
                );
              })}
            </div>
          </div>
          <div role="rowgroup" className="result-grid__body" style={{ blockSize: range.spacerHeight, inlineSize: totalWidth }}>
            <div role="presentation" className="result-grid__window" style={{ insetBlockStart: range.offsetY, inlineSize: totalWidth }}>
              {rows}
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}
