/**
 * The check computed inside DuckDB, for results too large to digest row by row in JavaScript (a
 * 1M-row answer took seconds that way). The engine writes each row's canonical text and its
 * salted SHA-256 exactly as canonicalRow.ts does (the same text, so the same digests as the
 * bundle's), and returns only a fingerprint of the digests: when it equals the expected one the
 * rows are right, with nothing else sent back. Otherwise the digests themselves come back and
 * checker.ts matches them as it always does. A value whose canonical text SQL cannot be sure to
 * write as JavaScript does (an exponent, a rare control character, non-ASCII text to fold) or a
 * column type outside the list below makes this return null: the caller then checks row by row
 * (checker.ts), so the verdicts are those of the reference check in every case.
 *
 * One definition for every engine: the page runs it on the in-app engine, the grader on the native one.
 */
import type { Table } from 'apache-arrow';
import type { CheckPolicy, ExpectedResult } from '../contract/bundle';
import { quoteLiteral } from '../sql/identifiers';
import { splitStatements } from '../sql/statements';
import { duckdbTypeName } from '../values/cellFormat';
import { type CheckableResult, type TypeFamily } from './canonicalRow';
import { compareColumns, feedbackFromDigests, feedbackFromMatch, feedbackWithoutRows, type CheckFeedback } from './checker';
import { checkableFromArrow } from './resultFromArrow';

/** Runs one SELECT on the engine and gives its whole result as Arrow. */
export type RunQuery = (sql: string) => Promise<Table>;

export interface EngineCheck {
  feedback: CheckFeedback;
  /** The first rows of the trainee's result (at most `previewRows`), as the grid shows them. */
  preview: CheckableResult;
}

/** Integer types whose text DuckDB and the grid both write as plain digits, and whose cast to DOUBLE is correctly rounded. */
const plainIntegers = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT']);
/** Read through their text (as JavaScript's Number() reads the grid's text): the cast to DOUBLE would round twice. */
const textNumbers = (type: string): boolean => type === 'HUGEINT' || type === 'UHUGEINT' || type === 'FLOAT' || type.startsWith('DECIMAL');

/** The column types whose canonical text this module writes; the expected family must be the column's own. */
function supported(type: string, family: TypeFamily): boolean {
  switch (family) {
    case 'number':
      return plainIntegers.has(type) || textNumbers(type) || type === 'DOUBLE';
    case 'text':
      return type === 'VARCHAR';
    case 'boolean':
      return type === 'BOOLEAN';
    case 'date':
      return type === 'DATE';
    case 'timestamp':
      return type === 'TIMESTAMP';
    default:
      return false;
  }
}

/** A double literal read from its shortest text: the same double JavaScript holds. */
function doubleLiteral(value: number): string {
  return `CAST(${quoteLiteral(String(value))} AS DOUBLE)`;
}

/**
 * canonicalNumber() of canonicalRow.ts, over `text` (DuckDB's text of the value, which the grid
 * writes alike) and `value` (that text as a double); NULL where in doubt.
 */
function numberSql(text: string, value: string, tolerance: number | undefined): string {
  const plain = `CASE WHEN regexp_full_match(${text}, '[+-]?[0-9]*\\.?[0-9]*') AND regexp_matches(${text}, '[0-9]') THEN ${plainNumberSql(text)}
    WHEN ${text} IN ('nan', 'inf', '-inf') THEN 'nan' END`;
  if (tolerance === undefined) return plain;
  // Math.round: the nearest integer, halves toward +∞. (q = f is tested first: past 2^52, f + 0.5 is not exact.)
  const q = `(${value} / ${doubleLiteral(tolerance)})`;
  const steps = `CASE WHEN ${q} = floor(${q}) THEN floor(${q}) WHEN ${q} >= floor(${q}) + 0.5 THEN floor(${q}) + 1 ELSE floor(${q}) END`;
  // JavaScript writes integers from 1e21 on with an exponent: left in doubt.
  return `CASE WHEN NOT isfinite(${value}) THEN ${plain}
    WHEN abs(${steps}) < 1e21 THEN '~' || CAST(CAST(${steps} AS HUGEINT) AS VARCHAR) END`;
}

/** Plain decimal text written one way: no '+', no trailing fractional zeros, no leading zeros, no '-0'. */
function plainNumberSql(text: string): string {
  const unsigned = `regexp_replace(${text}, '^\\+', '')`;
  const trimmed = `CASE WHEN contains(${unsigned}, '.') THEN regexp_replace(regexp_replace(${unsigned}, '0+$', ''), '\\.$', '') ELSE ${unsigned} END`;
  const digits = `regexp_replace(regexp_replace(${trimmed}, '^-', ''), '^0+([0-9])', '\\1')`;
  const withZero = `CASE WHEN starts_with(${digits}, '.') THEN '0' || ${digits} ELSE ${digits} END`;
  return `CASE WHEN starts_with(${trimmed}, '-') AND regexp_matches(${withZero}, '[1-9]') THEN '-' || ${withZero} ELSE ${withZero} END`;
}

/** canonicalCell() of canonicalRow.ts in SQL, for a supported column; NULL where in doubt. */
function canonicalSql(column: string, type: string, family: TypeFamily, policy: CheckPolicy): string {
  const text = `CAST(${column} AS VARCHAR)`;
  if (family === 'number') {
    if (plainIntegers.has(type) && policy.numericTolerance === undefined) return text;
    const value = textNumbers(type) ? `CAST(${text} AS DOUBLE)` : `CAST(${column} AS DOUBLE)`;
    return numberSql(text, value, policy.numericTolerance);
  }
  if (family === 'text' && policy.textLoose) {
    // String.trim() and toLowerCase() agree with this only on ASCII text.
    return `CASE WHEN NOT regexp_matches(${text}, '[^\\x00-\\x7F]') THEN lower(regexp_replace(${text}, '^[\\t\\n\\x0B\\f\\r ]+|[\\t\\n\\x0B\\f\\r ]+$', '', 'g')) END`;
  }
  return text;
}

/**
 * A canonical cell as JSON.stringify writes it inside the row's array: null, or a quoted string;
 * NULL where in doubt. Only text can hold what JSON escapes (numbers, booleans, dates and
 * timestamps are written with digits, letters, spaces and . - : ( ) ~); `canonical` is bound once
 * through a lambda when it is more than the column's text.
 */
function jsonCellSql(column: string, canonical: string, family: TypeFamily, bound: boolean): string {
  if (family !== 'text') return `CASE WHEN ${column} IS NULL THEN 'null' ELSE '"' || ${canonical} || '"' END`;
  const escapes: [string, string][] = [
    ['\\', '\\\\'],
    ['"', '\\"'],
    ['chr(8)', '\\b'],
    ['chr(9)', '\\t'],
    ['chr(10)', '\\n'],
    ['chr(12)', '\\f'],
    ['chr(13)', '\\r'],
  ];
  const quote = (text: string): string => {
    let escaped = text;
    for (const [from, to] of escapes) escaped = `replace(${escaped}, ${from.startsWith('chr(') ? from : quoteLiteral(from)}, ${quoteLiteral(to)})`;
    // The other control characters JSON writes as \u00XX: rare enough to leave in doubt.
    return `CASE WHEN NOT regexp_matches(${text}, '[\\x00-\\x1F"\\\\]') THEN '"' || ${text} || '"'
      WHEN NOT regexp_matches(${text}, '[\\x00-\\x07\\x0B\\x0E-\\x1F]') THEN '"' || ${escaped} || '"' END`;
  };
  const quoted = bound ? `list_transform([${canonical}], c -> ${quote('c')})[1]` : quote(canonical);
  return `CASE WHEN ${column} IS NULL THEN 'null' ELSE ${quoted} END`;
}

/**
 * Five 20-bit pieces of a hex digest; summed over the rows modulo a prime, a fingerprint of the
 * multiset of digests, and weighed by each row's place, of their order. Every product and sum
 * stays below 2^53, so JavaScript's doubles and DuckDB's integers give the same figures.
 */
const pieces = [0, 5, 10, 15, 20];
const prime = 2_147_483_647;

interface Fingerprint {
  sums: number[];
  ordered: number[];
}

function fingerprintOf(digests: readonly string[]): Fingerprint {
  const sums = pieces.map(() => 0);
  const ordered = pieces.map(() => 0);
  digests.forEach((digest, i) => {
    const place = (i + 1) % prime;
    pieces.forEach((start, p) => {
      const piece = Number.parseInt(digest.slice(start, start + 5), 16);
      sums[p] = (sums[p]! + piece) % prime;
      ordered[p] = (ordered[p]! + ((place * piece) % prime)) % prime;
    });
  });
  return { sums, ordered };
}

const expectedFingerprints = new WeakMap<ExpectedResult, Fingerprint>();

/** The expected digests' fingerprint, made once per exercise. */
function expectedFingerprint(expected: ExpectedResult): Fingerprint {
  let found = expectedFingerprints.get(expected);
  if (!found) {
    found = fingerprintOf(expected.rowDigests);
    expectedFingerprints.set(expected, found);
  }
  return found;
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/**
 * The trainee's statement as a subquery: without its trailing semicolons, on its own lines so that
 * a trailing comment cannot swallow the parenthesis.
 */
function asSubquery(statement: string, columns?: number): string {
  const names = columns === undefined ? '' : `(${Array.from({ length: columns }, (_, i) => `c${i}`).join(', ')})`;
  return `(\n${statement.replace(/[\s;]+$/u, '')}\n) AS trainee${names}`;
}

/**
 * Whether `statement` is one statement whose own parentheses balance, those in strings, quoted
 * names and comments aside. Only then does it mean, wrapped as a subquery, what it means alone (as
 * the re-grade runs it); a statement that closes the wrapper's parenthesis could otherwise run
 * statements of its own, or become a join. Anything unusual (dollar quoting, E'' escape strings) is
 * declined too: the row-by-row check then runs it as written.
 */
function wrapsSafely(statement: string): boolean {
  if (splitStatements(statement).length !== 1 || /\$|(^|[^\w])e'/i.test(statement)) return false;
  let depth = 0;
  let i = 0;
  while (i < statement.length) {
    const c = statement[i]!;
    if (c === "'" || c === '"') {
      // To the closing quote; a doubled quote is part of the text.
      let end = statement.indexOf(c, i + 1);
      while (end >= 0 && statement[end + 1] === c) end = statement.indexOf(c, end + 2);
      if (end < 0) return false;
      i = end + 1;
    } else if (statement.startsWith('--', i)) {
      const end = statement.indexOf('\n', i);
      if (end < 0) break;
      i = end + 1;
    } else if (statement.startsWith('/*', i)) {
      const end = statement.indexOf('*/', i + 2);
      if (end < 0) return false;
      i = end + 2;
    } else {
      if (c === '(') depth++;
      else if (c === ')' && --depth < 0) return false;
      i++;
    }
  }
  return depth === 0;
}

function numberAt(table: Table, column: string): number {
  const value: unknown = table.getChild(column)?.get(0);
  return typeof value === 'bigint' ? Number(value) : Number(value ?? 0);
}

/**
 * Checks `statement` (one SELECT, as the trainee wrote it) against the hidden record, in the
 * engine. Null when the check must be made row by row instead (see the top of the file), including
 * when the statement fails: the row-by-row check then reports its error as the engine gives it.
 */
export async function checkInEngine(run: RunQuery, statement: string, expected: ExpectedResult, policy: CheckPolicy, previewRows: number): Promise<EngineCheck | null> {
  if (!wrapsSafely(statement)) return null;
  let head: Table;
  try {
    head = await run(`SELECT * FROM ${asSubquery(statement)} LIMIT ${previewRows}`);
  } catch {
    return null;
  }
  if (head.schema.fields.length === 0) return null;
  const preview = checkableFromArrow(head);
  const columns = head.schema.fields.map((field) => ({ name: field.name, type: duckdbTypeName(field.type, field.metadata) }));
  const comparison = compareColumns(columns, expected, policy);
  const source = asSubquery(statement, columns.length);
  if (comparison.missingColumns.length > 0) {
    const counted = await run(`SELECT count(*) AS n FROM ${source}`);
    return { feedback: feedbackWithoutRows(comparison, expected, numberAt(counted, 'n')), preview };
  }
  const types = comparison.mapping.map((index) => columns[index]!.type);
  if (!types.every((type, i) => supported(type, comparison.families[i]!))) return null;

  const cells = comparison.mapping.map((index, i) => {
    const family = comparison.families[i]!;
    return jsonCellSql(`c${index}`, canonicalSql(`c${index}`, types[i]!, family, policy), family, family === 'text' && policy.textLoose);
  });
  const rowText = cells.length === 0 ? `'[]'` : `'[' || ${cells.join(` || ',' || `)} || ']'`;
  const digests = `SELECT row_number() OVER () AS i, sha256(${quoteLiteral(`${expected.salt}\n`)} || ${rowText}) AS d FROM ${source}`;
  const piece = (start: number): string => `CAST('0x' || substr(d, ${start + 1}, 5) AS BIGINT)`;
  const summary = await run(
    `SELECT count(*) AS n, count(*) FILTER (WHERE d IS NULL) AS doubtful, ${pieces
      .map((start, p) => `CAST(sum(${piece(start)}) % ${prime} AS BIGINT) AS s${p}, CAST(sum(((i % ${prime}) * ${piece(start)}) % ${prime}) % ${prime} AS BIGINT) AS o${p}`)
      .join(', ')} FROM (${digests})`,
  );
  if (numberAt(summary, 'doubtful') > 0) return null;
  const actualRowCount = numberAt(summary, 'n');
  const found: Fingerprint = { sums: pieces.map((_, p) => numberAt(summary, `s${p}`)), ordered: pieces.map((_, p) => numberAt(summary, `o${p}`)) };
  const wanted = expectedFingerprint(expected);
  if (actualRowCount === expected.rowCount && sameNumbers(found.sums, wanted.sums)) {
    // The same digests: every row is right, and in order unless the ordered fingerprint differs.
    const inOrder = !policy.orderMatters || sameNumbers(found.ordered, wanted.ordered);
    const match = { actualRowCount, matchingRows: expected.rowCount, unexpectedRows: [], wrongOrder: !inOrder, sameRows: true, inOrder };
    return { feedback: feedbackFromMatch(comparison, expected, match), preview };
  }
  const listed = await run(`SELECT d FROM (${digests}) ORDER BY i`);
  const column = listed.getChild('d');
  const rowDigests: string[] = [];
  for (let i = 0; i < listed.numRows; i++) rowDigests.push(String(column!.get(i)));
  return { feedback: feedbackFromDigests(comparison, rowDigests, expected, policy), preview };
}
