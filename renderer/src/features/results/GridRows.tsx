/**
 * The grid's rows as the DOM holds them: the header row and the data rows, each a row number, the
 * pinned columns, one padding cell for the scrolling columns scrolled past, then the columns in
 * view. What is in view is decided by the caller (useGridViewport, columnLayout).
 */
import type { JSX } from 'react';
import type { FormattedCell } from '../../../../shared/values/cellFormat';
import type { ResultColumn, ResultRows } from '../../engine/results/resultRows';
import { ColumnResizeHandle } from './ColumnResizeHandle';
import { ROW_HEIGHT } from './useGridViewport';

/** What a cell shows while its row is fetched from the main side. */
const pendingCell: FormattedCell = Object.freeze({ text: '', kind: 'text' });
/**
 * The widest column shows ~55 characters, so rendering a multi-megabyte value into the DOM would
 * only cost layout time; the tooltip and the clipboard still get the full text.
 */
const MAX_RENDERED_CHARS = 300;
/** Tooltips cannot show more than a screenful; keeps huge values out of every re-render's DOM. */
const MAX_TITLE_CHARS = 20_000;

/** The columns a row renders, and how they are laid out. */
export interface RenderedColumns {
  /** The pinned columns, then the scrolling columns in view. */
  indexes: readonly number[];
  /** The padding cell that stands for the scrolling columns scrolled past (pinnedColumns.ts's leadingGap). */
  gap: { before: number; width: number };
  widths: readonly number[];
  pinned: number;
  /** Where a pinned column sticks; null for a scrolling one. */
  pinnedInsetStart(col: number): number | null;
  rowNumberWidth: number;
  totalWidth: number;
}

/** The id of a cell's element, for aria-activedescendant. */
export function cellId(gridId: string, row: number, col: number): string {
  return `${gridId}-r${row}-c${col}`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * A row's cells in rendering order, with the one padding cell before the first scrolling column.
 * One flat list keyed by column, so a sideways scroll keeps the cells still in view instead of
 * rebuilding them.
 */
function withLeadingPad(columns: RenderedColumns, cell: (col: number) => JSX.Element | null): (JSX.Element | null)[] {
  const cells: (JSX.Element | null)[] = [];
  for (const col of columns.indexes) {
    if (col === columns.gap.before && columns.gap.width > 0) {
      cells.push(<div key="pad" role="presentation" className="result-grid__pad" style={{ inlineSize: columns.gap.width }} />);
    }
    cells.push(cell(col));
  }
  return cells;
}

function cellStyle(columns: RenderedColumns, col: number) {
  const inset = columns.pinnedInsetStart(col);
  return inset === null ? { inlineSize: columns.widths[col] } : { inlineSize: columns.widths[col], insetInlineStart: inset };
}

export interface GridHeaderRowProps {
  columns: RenderedColumns;
  resultColumns: readonly ResultColumn[];
  /** Columns whose values are numbers: their header aligns with them. */
  numeric: readonly boolean[];
  rowNumberLabel: string;
  sort: { column: number; descending: boolean } | null | undefined;
  onSort: ((column: number) => void) | undefined;
  sortBy(column: string): string;
  onResize(col: number, width: number): void;
  onAutoFit(col: number): void;
}

export function GridHeaderRow(props: GridHeaderRowProps): JSX.Element {
  const { columns, resultColumns, numeric, sort, onSort } = props;
  return (
    <div role="row" aria-rowindex={1} className="result-grid__row result-grid__row--head">
      <div role="columnheader" aria-colindex={1} className="result-grid__rownum result-grid__colhead" style={{ inlineSize: columns.rowNumberWidth }}>
        <span className="result-grid__colname">{props.rowNumberLabel}</span>
      </div>
      {withLeadingPad(columns, (col) => {
        const column = resultColumns[col];
        if (!column) return null;
        const sorted = sort?.column === col ? (sort.descending ? 'descending' : 'ascending') : undefined;
        const names = (
          <>
            <span className="result-grid__colname">
              <bdi>{column.name}</bdi>
              {sorted ? (
                <span className="result-grid__sortmark" aria-hidden="true">
                  {sorted === 'ascending' ? '▲' : '▼'}
                </span>
              ) : null}
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
            className={`result-grid__colhead${numeric[col] ? ' is-numeric' : ''}${col < columns.pinned ? ' is-pinned' : ''}`}
            style={cellStyle(columns, col)}
            title={`${column.name}\n${column.typeName}`}
          >
            {onSort ? (
              <button type="button" className="result-grid__sort" title={props.sortBy(column.name)} onClick={() => onSort(col)}>
                {names}
              </button>
            ) : (
              names
            )}
            <ColumnResizeHandle
              width={columns.widths[col] ?? 0}
              onResize={(width) => props.onResize(col, width)}
              onAutoFit={() => props.onAutoFit(col)}
            />
          </div>
        );
      })}
    </div>
  );
}

export interface GridRowProps {
  gridId: string;
  result: ResultRows;
  row: number;
  columns: RenderedColumns;
  /** The active cell's column when it is in this row, else null. */
  activeCol: number | null;
  /** What a cell shows, where it differs from DuckDB's text; tooltips keep the text. */
  display: ((cell: FormattedCell) => string) | undefined;
}

export function GridRow({ gridId, result, row, columns, activeCol, display }: GridRowProps): JSX.Element {
  return (
    <div
      role="row"
      aria-rowindex={row + 2}
      data-row={row}
      className={`result-grid__row${row % 2 === 1 ? ' result-grid__row--odd' : ''}${activeCol !== null ? ' result-grid__row--active' : ''}`}
      style={{ blockSize: ROW_HEIGHT, inlineSize: columns.totalWidth }}
    >
      <div role="rowheader" aria-colindex={1} className="result-grid__rownum" style={{ inlineSize: columns.rowNumberWidth }}>
        {row + 1}
      </div>
      {withLeadingPad(columns, (col) => {
        const cell = result.cell(row, col) ?? pendingCell;
        const shown = truncate(display ? display(cell) : cell.text, MAX_RENDERED_CHARS);
        return (
          <div
            key={col}
            id={cellId(gridId, row, col)}
            role="gridcell"
            aria-colindex={col + 2}
            data-col={col}
            className={`result-grid__cell cell-${cell.kind}${col === activeCol ? ' is-active' : ''}${col < columns.pinned ? ' is-pinned' : ''}`}
            style={cellStyle(columns, col)}
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
    </div>
  );
}
