/**
 * How a CSV file is written, found once from the start of its bytes, and the one `read_csv` that
 * reads it. Both engines call these two functions (the native engine's dataset view and the in-app
 * engine's load), so a file gives the same table, types and values, on either.
 *
 * DuckDB's sniffer finds the delimiter, quoting, header, dates (day-first when a date cannot be
 * month-first, and when it could be either) and types itself. What it cannot guess:
 * - a decimal comma, which French-locale spreadsheets write in semicolon-separated files;
 * - thousands separators: `1 234,56` with an ASCII space, a no-break space (U+00A0) or a narrow
 *   no-break space (U+202F), and `1.234,56`. read_csv's `thousands` option takes one byte, so the
 *   no-break spaces (two and three bytes in UTF-8) cannot be given to it: such columns are read as
 *   text and converted by SQL, the same SQL for every separator, on both engines.
 */
import { quoteIdentifier, quoteLiteral } from '../sql/identifiers';

/** How much of a file is read to tell its dialect. */
export const csvSampleBytes = 1 << 20;

/** The start of a file, decoded. */
export interface CsvSample {
  /** The text, without a byte-order mark. */
  text: string;
  /** True when the sample is the whole file (its last row is whole). */
  complete: boolean;
}

export function csvSampleOf(bytes: Uint8Array, fileSize: number = bytes.length): CsvSample {
  const head = bytes.subarray(0, csvSampleBytes);
  return {
    text: new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(head),
    complete: fileSize <= head.length,
  };
}

/** A column written as numbers with thousands separators, read as text and converted. */
export interface GroupedNumberColumn {
  /** The column's name as DuckDB reads it from the header. */
  name: string;
  /** Which character groups the thousands: any kind of space, or a dot. */
  grouping: 'space' | 'dot';
  /** BIGINT when no value in the sample has decimals, else DOUBLE (what DuckDB gives a decimal comma). */
  type: 'BIGINT' | 'DOUBLE';
}

export interface CsvDialect {
  /** The delimiter, when the sample shows one; otherwise DuckDB's sniffer finds it. */
  delimiter: string | null;
  /** Numbers are written with a decimal comma (and the delimiter is not a comma). */
  decimalComma: boolean;
  groupedNumbers: GroupedNumberColumn[];
}

const delimiterCandidates = [',', ';', '\t', '|'];
/** Rows looked at to choose the delimiter (the whole sample is used for the columns). */
const delimiterRows = 50;

/** The three spaces that French writes between thousands: ASCII, no-break, narrow no-break. */
const groupSpaces = ' \u00a0\u202f';
/** What is trimmed around a value, in TypeScript and in SQL alike. */
const blanks = ` \t${groupSpaces.slice(1)}`;
const trimBlanks = (value: string): string => value.replace(/^[ \t\u00a0\u202f]+|[ \t\u00a0\u202f]+$/g, '');
const spaceGrouped = /^[-+]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?$/;
const dotGrouped = /^[-+]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;
const commaDecimal = /^[-+]?\d+(?:,\d+)?$/;
const dotDecimal = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
/** Two dot groups, or a dot group then a decimal comma: a dot that cannot be a decimal point. */
const dotSurelyGroups = /^[-+]?\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?$|^[-+]?\d{1,3}(?:\.\d{3})+,\d+$/;

/**
 * The rows of `text` read as RFC 4180 CSV with `delimiter` (double-quote quoting, quotes doubled
 * inside, newlines allowed in quoted fields, CRLF or LF). Blank lines are skipped. When the text is
 * not the whole file, its last row may be cut short and is left out.
 */
export function csvRows(text: string, delimiter: string, complete: boolean, maxRows = Number.POSITIVE_INFINITY): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let fieldStart = true;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length && rows.length < maxRows; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && fieldStart) {
      inQuotes = true;
      fieldStart = false;
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
      fieldStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      const blank = row.length === 0 && fieldStart;
      if (!blank) {
        row.push(field);
        rows.push(row);
      }
      row = [];
      field = '';
      fieldStart = true;
    } else {
      field += ch;
      fieldStart = false;
    }
  }
  const ended = i >= text.length;
  if (ended && complete && !inQuotes && !(row.length === 0 && fieldStart)) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The delimiter that splits the first rows into the same number (more than one) of fields, the most fields winning. */
function delimiterOf(text: string, complete: boolean): string | null {
  let best: string | null = null;
  let bestFields = 1;
  for (const candidate of delimiterCandidates) {
    const rows = csvRows(text, candidate, complete, delimiterRows);
    const fields = rows[0]?.length ?? 0;
    if (fields > bestFields && rows.every((row) => row.length === fields)) {
      best = candidate;
      bestFields = fields;
    }
  }
  return best;
}

/**
 * The names DuckDB gives a header's columns, when it gives them unchanged: trimmed, none empty,
 * none repeated (DuckDB renames those, `column2` and `b_1`; such columns are not converted).
 */
function plainNames(header: readonly string[]): (string | null)[] {
  // DuckDB trims a header's spaces and tabs only: a name with other blanks at its ends is not converted.
  const names = header.map((field) => (field.trim() === field.replace(/^[ \t]+|[ \t]+$/g, '') ? field.trim() : ''));
  const seen = new Map<string, number>();
  for (const name of names) seen.set(name.toLowerCase(), (seen.get(name.toLowerCase()) ?? 0) + 1);
  return names.map((name) => (name === '' || (seen.get(name.toLowerCase()) ?? 0) > 1 ? null : name));
}

/** Reads the dialect of a CSV (or TSV) file from its start. */
export function diagnoseCsvDialect(sample: CsvSample, format: 'csv' | 'tsv'): CsvDialect {
  const delimiter = format === 'tsv' ? '\t' : delimiterOf(sample.text, sample.complete);
  if (delimiter === null) return { delimiter: null, decimalComma: false, groupedNumbers: [] };
  const rows = csvRows(sample.text, delimiter, sample.complete);
  const header = rows[0] ?? [];
  const columns = header.map((_, column) =>
    rows
      .slice(1)
      .map((row) => trimBlanks(row[column] ?? ''))
      .filter((value) => value !== ''),
  );

  // Decimal comma: as DuckDB would count them, more numeric columns read with a comma than with a dot.
  const all = (values: string[], pattern: RegExp): boolean => values.length > 0 && values.every((value) => pattern.test(value));
  const commaNumbers = columns.filter((values) => all(values, commaDecimal)).length;
  const dotNumbers = columns.filter((values) => all(values, dotDecimal)).length;
  const decimalComma = delimiter !== ',' && commaNumbers > dotNumbers;

  // Thousands separators: only under a header (the names are needed), and only where every value
  // of the sample is a number written that way.
  const isNumber = (field: string): boolean => [dotDecimal, commaDecimal, spaceGrouped, dotGrouped].some((pattern) => pattern.test(field.trim()));
  const headerIsText = !header.some(isNumber);
  const names = plainNames(header);
  const groupedNumbers: GroupedNumberColumn[] = [];
  if (headerIsText) {
    columns.forEach((values, column) => {
      const name = names[column];
      if (!name || values.length === 0) return;
      const grouping = groupingOf(values, decimalComma);
      if (!grouping) return;
      groupedNumbers.push({ name, grouping, type: values.some((value) => value.includes(',')) ? 'DOUBLE' : 'BIGINT' });
    });
  }
  return { delimiter, decimalComma, groupedNumbers };
}

/**
 * How a column's values group their thousands, when all are numbers and some are grouped. A dot is
 * taken for a thousands separator only where it cannot be a decimal point: two dot groups, a dot
 * group before a decimal comma, or a file whose numbers have decimal commas.
 */
function groupingOf(values: readonly string[], decimalComma: boolean): GroupedNumberColumn['grouping'] | null {
  const isSpace = (value: string): boolean => spaceGrouped.test(value) || commaDecimal.test(value);
  if (values.every(isSpace) && values.some((value) => spaceGrouped.test(value))) return 'space';
  const isDot = (value: string): boolean => dotGrouped.test(value) || commaDecimal.test(value);
  if (values.every(isDot) && values.some((value) => dotGrouped.test(value))) {
    if (decimalComma || values.some((value) => dotSurelyGroups.test(value))) return 'dot';
  }
  return null;
}

/** The SQL pattern a grouped column's values match, and the characters removed before the cast. */
const groupedSql: Record<GroupedNumberColumn['grouping'], { pattern: string; separators: string }> = {
  space: { pattern: `[-+]?(\\d{1,3}([${groupSpaces}]\\d{3})+|\\d+)`, separators: groupSpaces },
  dot: { pattern: '[-+]?(\\d{1,3}(\\.\\d{3})+|\\d+)', separators: '.' },
};

/**
 * The SQL that converts a grouped column's text. A value written otherwise than the sample's is an
 * error, never a guess: CAST would round `12.5` into a BIGINT, or read a dot meant as a group as a
 * decimal point.
 */
function groupedNumberSql(column: GroupedNumberColumn): string {
  const value = `trim(${quoteIdentifier(column.name)}, ${quoteLiteral(blanks)})`;
  const { pattern, separators } = groupedSql[column.grouping];
  const full = column.type === 'DOUBLE' ? `${pattern}(,\\d+)?` : pattern;
  return (
    `CASE WHEN ${value} IS NULL OR ${value} = '' THEN NULL ` +
    `WHEN regexp_full_match(${value}, ${quoteLiteral(full)}) THEN CAST(replace(translate(${value}, ${quoteLiteral(separators)}, ''), ',', '.') AS ${column.type}) ` +
    `ELSE error('Could not convert string ''' || ${value} || ''' to ${column.type} in column ' || ${quoteLiteral(column.name)}) END`
  );
}

/**
 * The relation that reads `filePath` as `dialect` says: a `read_csv(…)` call, or a subquery that
 * converts the grouped-number columns. `SELECT * FROM` it gives the table.
 */
export function csvRelationSql(filePath: string, format: 'csv' | 'tsv', dialect: CsvDialect): string {
  const options: string[] = [];
  const grouped = dialect.groupedNumbers;
  if (format === 'tsv') options.push(`delim = '\\t'`);
  else if (dialect.delimiter !== null && (dialect.decimalComma || grouped.length > 0)) options.push(`delim = ${quoteLiteral(dialect.delimiter)}`);
  if (dialect.decimalComma) options.push(`decimal_separator = ','`);
  if (grouped.length > 0) {
    options.push('header = true');
    options.push(`types = {${grouped.map((column) => `${quoteLiteral(column.name)}: 'VARCHAR'`).join(', ')}}`);
  }
  const reader = `read_csv(${[quoteLiteral(filePath), ...options].join(', ')})`;
  if (grouped.length === 0) return reader;
  const replaced = grouped.map((column) => `${groupedNumberSql(column)} AS ${quoteIdentifier(column.name)}`).join(', ');
  return `(SELECT * REPLACE (${replaced}) FROM ${reader})`;
}
