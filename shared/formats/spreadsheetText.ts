/**
 * "Copy for a spreadsheet": a result as the CSV that the user's spreadsheet expects. Where the
 * locale writes a decimal comma (French, Morocco's Arabic), spreadsheets split fields on the
 * semicolon and read `3,5` as a number; elsewhere, the comma and `3.5`. The app reads the same
 * dialect back (a semicolon file whose numbers need the decimal comma is read with
 * `decimal_separator = ','`, renderer/src/engine/wasm/csvReadOptions.ts), so a round trip keeps
 * every value.
 *
 * Only numbers change, and only their decimal point: no thousands separators and no rounding,
 * because the spreadsheet must read back DuckDB's exact value. Dates stay ISO 8601, which every
 * spreadsheet reads in every locale.
 */
import { delimitedField, type TextCell } from './resultText';
import type { CellKind } from '../values/cellFormat';

export interface SpreadsheetDialect {
  delimiter: ',' | ';';
  decimal: '.' | ',';
}

/** The dialect of spreadsheets in `intlLocale`, derived from the locale’s own decimal sign. */
export function spreadsheetDialectFor(intlLocale: string): SpreadsheetDialect {
  const decimal = new Intl.NumberFormat(intlLocale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value;
  return decimal === ',' ? { delimiter: ';', decimal: ',' } : { delimiter: ',', decimal: '.' };
}

/** A cell as the grid shows it (DuckDB's text) with its kind; `null` is SQL NULL. */
export interface SpreadsheetCell {
  text: string;
  kind: CellKind;
}

/** DuckDB's text of a number, with the dialect's decimal sign (`-1.5e-07` → `-1,5e-07`). */
export function spreadsheetNumber(text: string, dialect: SpreadsheetDialect): string {
  return dialect.decimal === '.' ? text : text.replace('.', dialect.decimal);
}

export function resultForSpreadsheet(
  header: readonly string[],
  rows: Iterable<readonly (SpreadsheetCell | null)[]>,
  dialect: SpreadsheetDialect,
): string {
  const { delimiter } = dialect;
  const field = (cell: SpreadsheetCell | null): string => {
    const text: TextCell = cell === null || cell.kind === 'null' ? null : cell.kind === 'number' ? spreadsheetNumber(cell.text, dialect) : cell.text;
    return delimitedField(text, delimiter);
  };
  const lines = [header.map((name) => delimitedField(name, delimiter)).join(delimiter)];
  for (const row of rows) lines.push(row.map(field).join(delimiter));
  // CRLF between records, as RFC 4180 and spreadsheets expect.
  return `${lines.join('\r\n')}\r\n`;
}
