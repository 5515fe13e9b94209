/**
 * "Copy for a spreadsheet": the result as the CSV that spreadsheets in the page's language read
 * (semicolon and decimal comma in French and Arabic, shared/formats/spreadsheetText.ts).
 */
import { resultForSpreadsheet, spreadsheetDialectFor, type SpreadsheetCell } from '../../../../shared/formats/spreadsheetText';
import type { ResultRows } from '../../engine/results/resultRows';
import { intlLocale } from '../../i18n/i18n';

/** The result's cells as the grid shows them, fetched `step` rows at a time, up to `limit` rows. */
export async function loadResultCells(rows: ResultRows, limit: number, step: number): Promise<(SpreadsheetCell | null)[][]> {
  const count = Math.min(rows.rowCount, limit);
  const cells: (SpreadsheetCell | null)[][] = [];
  for (let first = 0; first < count; first += step) {
    const last = Math.min(count, first + step) - 1;
    await rows.load(first, last);
    for (let row = first; row <= last; row++) {
      cells.push(rows.columns.map((_, column) => rows.cell(row, column)));
    }
  }
  return cells;
}

/** The clipboard text, and the format's name for the message that says what was copied. */
export function spreadsheetText(rows: ResultRows, cells: readonly (readonly (SpreadsheetCell | null)[])[]): { text: string; formatName: string } {
  const dialect = spreadsheetDialectFor(intlLocale());
  return {
    text: resultForSpreadsheet(rows.columns.map((column) => column.name), cells, dialect),
    formatName: `CSV (${dialect.delimiter})`,
  };
}
