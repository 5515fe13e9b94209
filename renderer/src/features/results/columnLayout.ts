import { useCallback, useMemo, useState } from 'react';
import type { FormattedCell } from '../../../../shared/values/cellFormat';
import type { ResultRows } from '../../engine/results/resultRows';

export const MIN_COLUMN_WIDTH = 64;
/** The widest a column starts; a number is never cut to fit it, and the user can drag any column wider. */
export const MAX_COLUMN_WIDTH = 420;
/** The widest a user can drag a column. */
export const MAX_DRAGGED_WIDTH = 2_000;
/** Inline padding plus the cell border (resultGrid.css), and a pixel of slack for rounding. */
const CELL_CHROME_PX = 20;
/** Characters measured at most per value: past the widest column's worth, the width is capped anyway. */
const MEASURED_CHARS = 120;

export interface ColumnLayout {
  widths: number[];
  /** Columns whose first non-NULL sampled value is a number: their header aligns with the values. */
  numeric: boolean[];
}

/** The grid's fonts, as resultGrid.css sets them: values, column names, type names. */
interface GridFonts {
  cell: string;
  name: string;
  type: string;
}

function gridFonts(): GridFonts {
  const root = getComputedStyle(document.documentElement);
  const mono = root.getPropertyValue('--dl-font-mono').trim() || "ui-monospace, 'SF Mono', Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace";
  const ui = root.getPropertyValue('--dl-font-ui').trim() || 'system-ui, sans-serif';
  return { cell: `12.5px ${mono}`, name: `600 13px ${ui}`, type: `11px ${mono}` };
}

let context: CanvasRenderingContext2D | null | undefined;

/**
 * A text's width in pixels in the page's own font, measured by the canvas (`measureText`) rather
 * than guessed per character: a wide glyph, a proportional font or Arabic script all measure true.
 */
export function measureText(text: string, font: string): number {
  if (context === undefined) context = document.createElement('canvas').getContext('2d');
  const shown = text.length > MEASURED_CHARS ? text.slice(0, MEASURED_CHARS) : text;
  if (!context) return shown.length * 8;
  context.font = font;
  return context.measureText(shown).width;
}

function clampWidth(width: number, max = MAX_COLUMN_WIDTH): number {
  return Math.ceil(Math.min(max, Math.max(MIN_COLUMN_WIDTH, width)));
}

/** The width a column needs for its header and the values of `rows` (numbers are never cut). */
function columnWidth(result: ResultRows, col: number, rows: number, fonts: GridFonts, max: number): { width: number; kind: FormattedCell['kind'] | undefined } {
  const column = result.columns[col];
  if (!column) return { width: MIN_COLUMN_WIDTH, kind: undefined };
  let header = Math.max(measureText(column.name, fonts.name), measureText(column.typeName, fonts.type));
  let widestText = 0;
  let widestNumber = 0;
  let kind: FormattedCell['kind'] | undefined;
  for (let row = 0; row < rows; row++) {
    const cell = result.cell(row, col);
    if (!cell) break;
    if (kind === undefined && cell.kind !== 'null') kind = cell.kind;
    const width = measureText(cell.text, fonts.cell);
    if (cell.kind === 'number') widestNumber = Math.max(widestNumber, width);
    else widestText = Math.max(widestText, width);
  }
  // A short header is never cut while there is room; a number never at all (it would read as another number).
  header = Math.min(header, max);
  const width = Math.max(clampWidth(Math.max(header, widestText) + CELL_CHROME_PX, max), Math.ceil(widestNumber + CELL_CHROME_PX));
  return { width, kind };
}

/** Default widths from the header and a sample of the first `sampleRows` values. */
export function layoutColumns(result: ResultRows, sampleRows: number): ColumnLayout {
  const fonts = gridFonts();
  const widths: number[] = [];
  const numeric: boolean[] = [];
  result.columns.forEach((_, col) => {
    const { width, kind } = columnWidth(result, col, sampleRows, fonts, MAX_COLUMN_WIDTH);
    widths.push(width);
    numeric.push(kind === 'number');
  });
  return { widths, numeric };
}

/** The row-number column: its header and the largest row number. */
export function rowNumberWidth(label: string, rowCount: number): number {
  const fonts = gridFonts();
  return clampWidth(Math.max(measureText(label, fonts.name), measureText(String(Math.max(1, rowCount)), fonts.cell)) + CELL_CHROME_PX);
}

/**
 * Column widths as shown: the measured defaults, with the widths the user set by dragging a
 * column's edge or double-clicking it (auto-fit to the rows loaded so far). A new result starts
 * from its own defaults.
 */
export function useColumnWidths(result: ResultRows, sampleRows: number) {
  const measured = useMemo(() => layoutColumns(result, sampleRows), [result, sampleRows]);
  const [set, setSet] = useState<{ result: ResultRows; widths: ReadonlyMap<number, number> }>({ result, widths: new Map() });
  const userWidths = set.result === result ? set.widths : null;
  const layout = useMemo<ColumnLayout>(
    () => (userWidths && userWidths.size > 0 ? { ...measured, widths: measured.widths.map((width, col) => userWidths.get(col) ?? width) } : measured),
    [measured, userWidths],
  );
  const resize = useCallback(
    (col: number, width: number) =>
      setSet((current) => {
        const widths = new Map(current.result === result ? current.widths : []);
        widths.set(col, clampWidth(width, MAX_DRAGGED_WIDTH));
        return { result, widths };
      }),
    [result],
  );
  /** Fits a column to its header and every value loaded (up to `rows`), past the default cap. */
  const autoFit = useCallback(
    (col: number, rows: number) => resize(col, columnWidth(result, col, rows, gridFonts(), MAX_DRAGGED_WIDTH).width),
    [result, resize],
  );
  return { layout, resize, autoFit };
}
