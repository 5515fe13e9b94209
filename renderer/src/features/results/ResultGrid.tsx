import { useId, type ClipboardEvent, type JSX, type KeyboardEvent, type MouseEvent } from 'react';
import type { FormattedCell } from '../../../../shared/values/cellFormat';
import type { ResultRows } from '../../engine/results/resultRows';
import { useColumnLayout } from './columnLayout';
import { selectionInside, rowAsTsv, useGridCopy } from './gridCopy';
import { gridCommand } from './gridKeys';
import { cellId, GridHeaderRow, GridRow, type RenderedColumns } from './GridRows';
import { leadingGap, renderedColumns } from './pinnedColumns';
import { useActiveCell } from './useActiveCell';
import { isRtl, useGridViewport } from './useGridViewport';
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

/**
 * The query results grid: virtualized in both directions (only the rows and columns in view are in
 * the DOM, useGridViewport.ts), an ARIA grid with one active cell driven by aria-activedescendant
 * (useActiveCell.ts), columns that can be resized and pinned (columnLayout.ts), and copy commands.
 */
export function ResultGrid(props: ResultGridProps): JSX.Element {
  // `version` (rows arrived) re-renders, the render reads rowCount, and the viewport asks again for the rows in view.
  const { result, version, sort, onSort, label, text, onCopy, display, onOpenCell, onFindRequest } = props;
  const gridId = useId();
  const rowCount = result.rowCount;
  const colCount = result.columns.length;

  const layout = useColumnLayout(result, text.rowNumber);
  const { pinned, offsets } = layout;
  const viewport = useGridViewport({ result, version, offsets, rowNumberWidth: layout.rowNumberWidth, pinned });
  const active = useActiveCell(result, viewport.reveal);
  const { hasCell, row: activeRow, col: activeCol } = active;
  const clipboard = useGridCopy(onCopy);

  const activeCellText = (): string => result.cell(activeRow, activeCol)?.text ?? '';
  const copyCell = (): void => {
    if (hasCell) clipboard.copy(activeCellText());
  };
  const copyRow = (): void => {
    if (hasCell) clipboard.copy(rowAsTsv(result.columns.map((_, col) => result.cell(activeRow, col)?.text ?? '')));
  };

  const pinThroughActive = (): void => {
    if (!hasCell) return;
    const count = layout.togglePinThrough(activeCol);
    // Unpinned, the active column scrolls with the others: keep it in view.
    viewport.reveal(activeRow, activeCol, count);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const command = gridCommand(event);
    if (command === 'copyCell' || command === 'copyRow') {
      // A mouse selection of cell text is copied natively, as the user expects.
      if (command === 'copyCell' && selectionInside(event.currentTarget)) return;
      event.preventDefault();
      if (command === 'copyRow') copyRow();
      else copyCell();
      return;
    }
    if (!hasCell) return;
    if (command === 'find' && onFindRequest) {
      event.preventDefault();
      onFindRequest();
    } else if (command === 'sort' && onSort) {
      event.preventDefault();
      onSort(activeCol);
    } else if (command === 'pin') {
      event.preventDefault();
      pinThroughActive();
    } else if (command === 'openCell' && onOpenCell) {
      event.preventDefault();
      onOpenCell(activeRow, activeCol);
    } else if (command === 'move') {
      // Arrows are visual: in a right-to-left layout ArrowLeft moves towards the inline end.
      // preventDefault also keeps the browser from scrolling the container natively (by the scaled amount).
      if (active.move(event, { pageRows: viewport.pageRows, rtl: isRtl(event.currentTarget) })) event.preventDefault();
    }
  };

  // The app menu's Copy (Electron's role: 'copy') arrives as a copy event rather than a keydown.
  const onCopyEvent = (event: ClipboardEvent<HTMLDivElement>): void => {
    if (!hasCell || selectionInside(event.currentTarget)) return;
    const copiedText = activeCellText();
    event.clipboardData.setData('text/plain', copiedText);
    event.preventDefault();
    clipboard.announce(copiedText);
  };

  const onMouseDown = (event: MouseEvent<HTMLDivElement>): void => {
    if (event.button !== 0 || !(event.target instanceof Element)) return;
    const rowElement = event.target.closest<HTMLElement>('[data-row]');
    if (!rowElement) return;
    // A click on the row number selects that row and keeps the column.
    const col = Number(event.target.closest<HTMLElement>('[data-col]')?.dataset.col ?? activeCol);
    const row = Number(rowElement.dataset.row);
    if (Number.isInteger(row) && Number.isInteger(col)) active.activate(row, col);
  };

  const onDoubleClick = (event: MouseEvent<HTMLDivElement>): void => {
    if (!onOpenCell || !(event.target instanceof Element)) return;
    const row = Number(event.target.closest<HTMLElement>('[data-row]')?.dataset.row);
    const col = Number(event.target.closest<HTMLElement>('[data-col]')?.dataset.col);
    if (Number.isInteger(row) && Number.isInteger(col)) onOpenCell(row, col);
  };

  const { range } = viewport;
  const columns: RenderedColumns = {
    indexes: renderedColumns(pinned, viewport.columns),
    gap: leadingGap(pinned, viewport.columns, offsets),
    widths: layout.widths,
    pinned,
    pinnedInsetStart: layout.pinnedInsetStart,
    rowNumberWidth: layout.rowNumberWidth,
    totalWidth: layout.totalWidth,
  };
  const activeRendered = hasCell && activeRow >= range.first && activeRow <= range.last && columns.indexes.includes(activeCol);
  const keysId = `${gridId}-keys`;

  const rows: JSX.Element[] = [];
  for (let row = range.first; row <= range.last; row++) {
    const activeInRow = hasCell && row === activeRow ? activeCol : null;
    rows.push(<GridRow key={row} gridId={gridId} result={result} row={row} columns={columns} activeCol={activeInRow} display={display} />);
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
          {clipboard.copied ? text.copied : ''}
        </span>
      </div>
      <div className="result-grid__frame">
        <div
          ref={viewport.scrollerRef}
          id={gridId}
          role="grid"
          aria-label={label}
          aria-readonly="true"
          aria-rowcount={rowCount + 1}
          aria-colcount={colCount + 1}
          aria-activedescendant={activeRendered ? cellId(gridId, activeRow, activeCol) : undefined}
          aria-describedby={keysId}
          tabIndex={0}
          className="result-grid__scroller"
          onScroll={viewport.onScroll}
          onKeyDown={onKeyDown}
          onMouseDown={onMouseDown}
          onDoubleClick={onDoubleClick}
          onCopy={onCopyEvent}
        >
          <div ref={viewport.headerRef} role="rowgroup" className="result-grid__head" style={{ inlineSize: layout.totalWidth }}>
            <GridHeaderRow
              columns={columns}
              resultColumns={result.columns}
              numeric={layout.numeric}
              rowNumberLabel={text.rowNumber}
              sort={sort}
              onSort={onSort}
              sortBy={text.sortBy}
              onResize={layout.resize}
              onAutoFit={layout.autoFit}
            />
          </div>
          <div role="rowgroup" className="result-grid__body" style={{ blockSize: range.spacerHeight, inlineSize: layout.totalWidth }}>
            <div role="presentation" className="result-grid__window" style={{ insetBlockStart: range.offsetY, inlineSize: layout.totalWidth }}>
              {rows}
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}
