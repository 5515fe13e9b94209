/**
 * How wide a grid column is, from the width of its texts: the header (name and type), and a sample
 * of its values. Free of the DOM: the caller passes the measure (the canvas's measureText in the
 * page's fonts, gridTextWidth.ts), so the rules can be unit-tested.
 */
import type { FormattedCell } from '../../../../shared/values/cellFormat';

export const MIN_COLUMN_WIDTH = 64;
/** The widest a column starts; a number is never cut to fit it, and the user can drag any column wider. */
export const MAX_COLUMN_WIDTH = 420;
/** The widest a user can drag a column. */
export const MAX_DRAGGED_WIDTH = 2_000;
/** Inline padding plus the cell border (resultGrid.css), and a pixel of slack for rounding. */
const CELL_CHROME_PX = 20;

/** The grid's fonts, as resultGrid.css sets them: values, column names, type names. */
export interface GridFonts {
  cell: string;
  name: string;
  type: string;
}

/** A text's width in pixels in a CSS font. */
export type MeasureText = (text: string, font: string) => number;

/** A width in whole pixels between the narrowest column and `max`. */
export function clampWidth(width: number, max = MAX_COLUMN_WIDTH): number {
  return Math.ceil(Math.min(max, Math.max(MIN_COLUMN_WIDTH, width)));
}

export interface ColumnWidth {
  width: number;
  /** The kind of the first non-NULL value measured (undefined when there was none). */
  kind: FormattedCell['kind'] | undefined;
}

/**
 * The width a column needs for its header and the values of its first `rows` rows, stopping at the
 * first row not loaded (`cellAt` gives null): at most `max`, except that a number is never cut.
 */
export function columnWidth(
  header: { name: string; typeName: string },
  cellAt: (row: number) => FormattedCell | null,
  rows: number,
  measure: MeasureText,
  fonts: GridFonts,
  max: number,
): ColumnWidth {
  let headerWidth = Math.max(measure(header.name, fonts.name), measure(header.typeName, fonts.type));
  let widestText = 0;
  let widestNumber = 0;
  let kind: FormattedCell['kind'] | undefined;
  for (let row = 0; row < rows; row++) {
    const cell = cellAt(row);
    if (!cell) break;
    if (kind === undefined && cell.kind !== 'null') kind = cell.kind;
    const width = measure(cell.text, fonts.cell);
    if (cell.kind === 'number') widestNumber = Math.max(widestNumber, width);
    else widestText = Math.max(widestText, width);
  }
  // A short header is never cut while there is room; a number never at all (it would read as another number).
  headerWidth = Math.min(headerWidth, max);
  const width = Math.max(clampWidth(Math.max(headerWidth, widestText) + CELL_CHROME_PX, max), Math.ceil(widestNumber + CELL_CHROME_PX));
  return { width, kind };
}

/** The row-number column: its header and the largest row number. */
export function rowNumberWidth(label: string, rowCount: number, measure: MeasureText, fonts: GridFonts): number {
  return clampWidth(Math.max(measure(label, fonts.name), measure(String(Math.max(1, rowCount)), fonts.cell)) + CELL_CHROME_PX);
}
