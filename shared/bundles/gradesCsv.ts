/**
 * The grades CSV, one definition for the command line and the app: one row per submission file,
 * written in the reader's language throughout (headers and values), as that language's
 * spreadsheets read it: where the decimal mark is a comma (French, Arabic as Morocco writes it),
 * fields are separated by `;`, otherwise by `,`. Numbers carry the locale's decimal mark, no
 * grouping. A UTF-8 byte order mark comes first so that spreadsheets do not read the accents as
 * another encoding. Exercise columns are headed by the exercise ids, the course's own names.
 */
import type { GradeCell } from '../contract/labApi';
import { createTranslator, intlLocaleOf, type Locale, type Translate } from '../i18n/translate';
import { spreadsheetDialectFor, spreadsheetNumber } from '../formats/spreadsheetText';
import { gradeProblemText, type GradeProblemText } from './gradeText';

/** A grade cell's kinds, as the gradebook's contract has them. */
export type GradeCellKind = GradeCell['kind'];

export interface CsvGradeRow {
  source: string;
  trainee: string | null;
  problem: GradeProblemText | null;
  cells: ReadonlyMap<string, { kind: GradeCellKind; points: number }>;
  total: number;
}

/** What a grade cell reads: its points, or why it has none (the table, the CSV and the command line). */
export function gradeCellText(cell: { kind: GradeCellKind; points: number }, t: Translate, formatNumber: (value: number) => string = String): string {
  switch (cell.kind) {
    case 'checked':
      return formatNumber(cell.points);
    case 'timed-out':
      return t('grade.timedOut');
    case 'failed':
      return t('grade.failed');
    case 'not-submitted':
      return t('grade.notSubmitted');
  }
}

/** Points as figures with no grouping, rounded as a person reads them (0.1 + 0.2 is 0.3). */
const pointsFormat = new Intl.NumberFormat('en', { useGrouping: false, maximumFractionDigits: 6 });

/** The field separator and number format of `locale`'s spreadsheets (its dialect: shared/formats/spreadsheetText.ts). */
function csvConventions(locale: Locale): { separator: ',' | ';'; formatNumber: (value: number) => string } {
  const dialect = spreadsheetDialectFor(intlLocaleOf[locale]);
  return { separator: dialect.delimiter, formatNumber: (value) => spreadsheetNumber(pointsFormat.format(value), dialect) };
}

export function gradesCsv(rows: readonly CsvGradeRow[], exercises: readonly { id: string }[], locale: Locale): string {
  const t = createTranslator(locale);
  const { separator, formatNumber } = csvConventions(locale);
  const formula = /^[=+\-@\t\r]/;
  const quote = (value: string): string => {
    // A cell a spreadsheet would run as a formula is kept as text with a leading '.
    const text = formula.test(value) ? `'${value}` : value;
    return text.includes(separator) || /[",\r\n]/.test(text) || formula.test(value) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const header = [t('lab.ui.traineeColumn'), t('lab.ui.fileColumn'), ...exercises.map((e) => e.id), t('lab.ui.totalColumn'), t('lab.ui.problemColumn')];
  const lines = [header.map(quote).join(separator)];
  for (const row of rows) {
    const cells = exercises.map((e) => {
      const cell = row.cells.get(e.id);
      return cell ? gradeCellText(cell, t, formatNumber) : '';
    });
    const problem = row.problem ? gradeProblemText(row.problem, t) : '';
    lines.push([row.trainee ?? '', row.source, ...cells, row.problem ? '' : formatNumber(row.total), problem].map(quote).join(separator));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
