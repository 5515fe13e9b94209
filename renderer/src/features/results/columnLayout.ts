/**
 * The grid's column layout: each column's width (measured defaults, then the widths the user set
 * by dragging a column's edge or double-clicking it), where each column starts, the row-number
 * column, and how many first columns are pinned. A new result starts from its own defaults,
 * unpinned.
 */
import { useCallback, useMemo, useState } from 'react';
import type { ResultRows } from '../../engine/results/resultRows';
import { clampWidth, columnWidth, MAX_COLUMN_WIDTH, MAX_DRAGGED_WIDTH, rowNumberWidth as rowNumberColumnWidth } from './columnWidths';
import { columnOffsets } from './gridViewport';
import { gridFonts, measureText } from './gridTextWidth';
import { togglePin } from './pinnedColumns';

/** Rows the default widths measure: re-estimated only while the first rows stream in, so widths settle early and never jump later. */
const WIDTH_SAMPLE_ROWS = 100;
/** Rows an auto-fit (a double-click on a column's edge) measures at most: those loaded among them. */
const AUTO_FIT_ROWS = 2_000;

export interface ColumnLayout {
  widths: readonly number[];
  /** Columns whose first non-NULL sampled value is a number: their header aligns with the values. */
  numeric: readonly boolean[];
  /** Where each column starts, and the data's total width at the end (gridViewport.ts's columnOffsets). */
  offsets: readonly number[];
  rowNumberWidth: number;
  /** The row numbers and every column. */
  totalWidth: number;
  /** How many first columns are pinned. */
  pinned: number;
  /** P on column `col`: pins the columns up to it, or unpins them; returns the new count. */
  togglePinThrough(col: number): number;
  /** Where a pinned column sticks (after the row numbers and the pinned columns before it); null for a scrolling one. */
  pinnedInsetStart(col: number): number | null;
  /** Sets a column's width (a drag of its edge). */
  resize(col: number, width: number): void;
  /** Fits a column to its header and the values loaded, past the default cap (a double-click on its edge). */
  autoFit(col: number): void;
}

/** Default widths and numeric columns from the headers and a sample of the first `sampleRows` values. */
function measureColumns(result: ResultRows, sampleRows: number): { widths: number[]; numeric: boolean[] } {
  const fonts = gridFonts();
  const widths: number[] = [];
  const numeric: boolean[] = [];
  result.columns.forEach((column, col) => {
    const { width, kind } = columnWidth(column, (row) => result.cell(row, col), sampleRows, measureText, fonts, MAX_COLUMN_WIDTH);
    widths.push(width);
    numeric.push(kind === 'number');
  });
  return { widths, numeric };
}

export function useColumnLayout(result: ResultRows, rowNumberLabel: string): ColumnLayout {
  const rowCount = result.rowCount;
  const colCount = result.columns.length;
  const sampleRows = Math.min(rowCount, WIDTH_SAMPLE_ROWS);
  const measured = useMemo(() => measureColumns(result, sampleRows), [result, sampleRows]);

  const [userSet, setUserSet] = useState<{ result: ResultRows; widths: ReadonlyMap<number, number> }>({ result, widths: new Map() });
  const userWidths = userSet.result === result ? userSet.widths : null;
  const widths = useMemo(
    () => (userWidths && userWidths.size > 0 ? measured.widths.map((width, col) => userWidths.get(col) ?? width) : measured.widths),
    [measured, userWidths],
  );
  const offsets = useMemo(() => columnOffsets(widths), [widths]);
  const rowNumberWidth = useMemo(() => rowNumberColumnWidth(rowNumberLabel, rowCount, measureText, gridFonts()), [rowNumberLabel, rowCount]);

  const [pinState, setPinState] = useState({ result, count: 0 });
  const pinned = pinState.result === result ? Math.min(pinState.count, colCount) : 0;

  const resize = useCallback(
    (col: number, width: number) =>
      setUserSet((current) => {
        const next = new Map(current.result === result ? current.widths : []);
        next.set(col, clampWidth(width, MAX_DRAGGED_WIDTH));
        return { result, widths: next };
      }),
    [result],
  );
  const autoFit = (col: number): void => {
    const column = result.columns[col];
    if (!column) return;
    const rows = Math.min(rowCount, AUTO_FIT_ROWS);
    resize(col, columnWidth(column, (row) => result.cell(row, col), rows, measureText, gridFonts(), MAX_DRAGGED_WIDTH).width);
  };
  const togglePinThrough = (col: number): number => {
    const count = togglePin(pinned, col);
    setPinState({ result, count });
    return count;
  };

  return {
    widths,
    numeric: measured.numeric,
    offsets,
    rowNumberWidth,
    totalWidth: rowNumberWidth + (offsets[offsets.length - 1] ?? 0),
    pinned,
    togglePinThrough,
    pinnedInsetStart: (col) => (col < pinned ? rowNumberWidth + (offsets[col] ?? 0) : null),
    resize,
    autoFit,
  };
}
