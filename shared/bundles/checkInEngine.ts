/**
 * The check computed inside DuckDB, for results too large to digest row by row in JavaScript (a
 * 1M-row answer took seconds that way). The engine writes each row's canonical text and its
 * salted digest exactly as canonicalRow.ts does (the same text, so the same digests as the
 * bundle's: MD5, or SHA-256 in format-1 bundles), and returns only a fingerprint of the digests:
 * when it equals the expected one the rows are right, with nothing else sent back. Otherwise the
 * digests themselves come back and checker.ts matches them as it always does. A value whose
 * canonical text SQL cannot be sure to write as JavaScript does (an exponent, a rare control
 * character, non-ASCII text to fold) or a column type outside the list below makes this return
 * null: the caller then checks row by row (checker.ts), so the verdicts are those of the reference
 * check in every case.
 *
 * The page runs it on the in-app engine. The bundle build and the grader use the reference check
 * (checker.ts) on the native engine; the parity test holds the two to the same verdicts.
 */
import type { Table } from 'apache-arrow';
import type { CheckPolicy, ExpectedResult, RowDigestAlgorithm } from '../contract/bundle';
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
  /**
   * How the rows were compared: by the fingerprint alone (the rows are right), by reading every
   * row's digest back (they differ), or not at all (an expected column is missing).
   */
  rowsComparedBy: 'fingerprint' | 'digests' | 'columns';
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
 * A canonical cell's text as JSON.stringify writes it between the quotes, over `canonical` (a
 * column of the canonical text, not NULL); NULL where in doubt. Only text can hold what JSON
 * escapes: numbers, booleans, dates and timestamps are written with digits, letters, spaces and
 * . - : ( ) ~.
 */
function jsonTextSql(canonical: string, family: TypeFamily): string {
  if (family !== 'text') return canonical;
  const escapes: [string, string][] = [
    ['\\', '\\\\'],
    ['"', '\\"'],
    ['chr(8)', '\\b'],
    ['chr(9)', '\\t'],
    ['chr(10)', '\\n'],
    ['chr(12)', '\\f'],
    ['chr(13)', '\\r'],
  ];
  let escaped = canonical;
  for (const [from, to] of escapes) escaped = `replace(${escaped}, ${from.startsWith('chr(') ? from : quoteLiteral(from)}, ${quoteLiteral(to)})`;
  // The other control characters JSON writes as \u00XX: rare enough to leave in doubt.
  return `CASE WHEN NOT regexp_matches(${canonical}, '[\\x00-\\x1F"\\\\]') THEN ${canonical}
      WHEN NOT regexp_matches(${canonical}, '[\\x00-\\x07\\x0B\\x0E-\\x1F]') THEN ${escaped} END`;
}

/**
 * Five 20-bit pieces of each row's digest; summed over the rows modulo a prime, a fingerprint of
 * the multiset of digests, and weighed by each row's place, of their order. Every product and sum
 * stays below 2^53, so JavaScript's doubles and DuckDB's integers give the same figures.
 */
const pieceCount = 5;
const prime = 2_147_483_647;
const pieceMask = 0xfffff;

/** How one digest algorithm is computed in SQL, and its pieces read in SQL and from the bundle's hex. */
interface DigestInSql {
  /** The digest of the salted text `input`, in the form `words` read (column `h`). */
  value(input: string): string;
  /** The digest as lower-case hex, as the bundle holds it. */
  hex(input: string): string;
  /** Columns w0, w1… made once per row from `h`. */
  words: string[];
  /** The five pieces, BIGINT, over the words. */
  pieces: string[];
  /** The same five pieces of a digest written in hex, into `out`. */
  piecesOfHex(hex: string, out: Float64Array): void;
}

// The expected digests' pieces are read once per exercise, a million of them for a large answer:
// character codes rather than slices and parseInt, which made the first check seconds slower.

/** One lower-case hex digit's value (the schema allows no other). */
function nibble(hex: string, at: number): number {
  const code = hex.charCodeAt(at);
  return code <= 57 ? code - 48 : code - 87;
}

/** `count` hex digits from `at`, as a number (at most 13 digits stay exact). */
function hexNumber(hex: string, at: number, count: number): number {
  let value = 0;
  for (let i = 0; i < count; i++) value = value * 16 + nibble(hex, at + i);
  return value;
}

/** Four bytes of hex read least significant byte first, as a little-endian machine holds them. */
function littleEndianWord(hex: string, byte: number): number {
  const at = byte * 2;
  return hexNumber(hex, at, 2) + hexNumber(hex, at + 2, 2) * 0x100 + hexNumber(hex, at + 4, 2) * 0x10000 + hexNumber(hex, at + 6, 2) * 0x1000000;
}

const digestsInSql: Record<RowDigestAlgorithm, DigestInSql> = {
  /**
   * `md5_number` is the MD5 as one UHUGEINT: its 16 bytes read as a little-endian integer (DuckDB
   * 1.4 on every platform; checked against `md5` in the unit tests, on both engines). Pieces come
   * from its two 64-bit halves with shifts and masks, at a fraction of parsing hex text. Were a
   * later DuckDB to read the bytes otherwise, the fingerprint would never match and the check would
   * read the `md5` text of every row instead: slower, never wrong.
   */
  md5: {
    value: (input) => `md5_number(${input})`,
    hex: (input) => `md5(${input})`,
    words: ['CAST(h & 18446744073709551615 AS UBIGINT)', 'CAST(h >> 64 AS UBIGINT)'],
    pieces: ['w0', '(w0 >> 20)', '(w0 >> 40)', 'w1', '(w1 >> 20)'].map((bits) => `CAST(${bits} & ${pieceMask} AS BIGINT)`),
    piecesOfHex: (hex, out) => {
      const a = littleEndianWord(hex, 0), b = littleEndianWord(hex, 4), c = littleEndianWord(hex, 8), d = littleEndianWord(hex, 12);
      out[0] = a & pieceMask;
      out[1] = ((a >>> 20) | (b << 12)) & pieceMask;
      out[2] = (b >>> 8) & pieceMask;
      out[3] = c & pieceMask;
      out[4] = ((c >>> 20) | (d << 12)) & pieceMask;
    },
  },
  /** Format-1 bundles: DuckDB gives SHA-256 only as hex text, read five hex digits at a time. */
  sha256: {
    value: (input) => `sha256(${input})`,
    hex: (input) => `sha256(${input})`,
    words: ['h'],
    pieces: [0, 5, 10, 15, 20].map((start) => `CAST('0x' || substr(w0, ${start + 1}, 5) AS BIGINT)`),
    piecesOfHex: (hex, out) => {
      for (let p = 0; p < pieceCount; p++) out[p] = hexNumber(hex, p * 5, 5);
    },
  },
};

interface Fingerprint {
  sums: number[];
  ordered: number[];
}

function fingerprintOf(digests: readonly string[], piecesOfHex: DigestInSql['piecesOfHex']): Fingerprint {
  const pieces = new Float64Array(pieceCount);
  const sums = new Float64Array(pieceCount);
  const ordered = new Float64Array(pieceCount);
  for (let i = 0; i < digests.length; i++) {
    const place = (i + 1) % prime;
    piecesOfHex(digests[i]!, pieces);
    for (let p = 0; p < pieceCount; p++) {
      const piece = pieces[p]!;
      sums[p] = (sums[p]! + piece) % prime;
      ordered[p] = (ordered[p]! + ((place * piece) % prime)) % prime;
    }
  }
  return { sums: Array.from(sums), ordered: Array.from(ordered) };
}

const expectedFingerprints = new WeakMap<ExpectedResult, Fingerprint>();

/** The expected digests' fingerprint, made once per exercise. */
function expectedFingerprint(expected: ExpectedResult): Fingerprint {
  let found = expectedFingerprints.get(expected);
  if (!found) {
    found = fingerprintOf(expected.rowDigests, digestsInSql[expected.digest].piecesOfHex);
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
    return { feedback: feedbackWithoutRows(comparison, expected, numberAt(counted, 'n')), preview, rowsComparedBy: 'columns' };
  }
  const types = comparison.mapping.map((index) => columns[index]!.type);
  if (!types.every((type, i) => supported(type, comparison.families[i]!))) return null;

  // Level by level, so that each expression is computed once per row: the trainee's values in the
  // expected order (v) and their canonical text (u); the text as JSON writes it inside quotes (t);
  // the row's text, one concat() (a chain of || copies the growing text once per cell), and its
  // digest (h); the digest's words, then its pieces, summed.
  const mapped = comparison.mapping.map((index, i) => `c${index} AS v${i}, ${canonicalSql(`c${index}`, types[i]!, comparison.families[i]!, policy)} AS u${i}`);
  const canonical = `SELECT row_number() OVER () AS i, ${mapped.join(', ')} FROM ${source}`;
  const names = comparison.mapping.map((_, i) => i);
  const quoted = `SELECT i, ${names.map((i) => `v${i}, ${jsonTextSql(`u${i}`, comparison.families[i]!)} AS t${i}`).join(', ')} FROM (${canonical})`;
  // A value is in doubt when it is not NULL but its text is. Rows without NULL (most) take the
  // short form: the quotes are part of the constant text between the cells.
  const doubt = names.length === 0 ? 'false' : names.map((i) => `(v${i} IS NOT NULL AND t${i} IS NULL)`).join(' OR ');
  const salt = quoteLiteral(`${expected.salt}\n`);
  const withoutNulls = names.length === 0 ? `concat(${salt}, '[]')` : `concat(${salt}, '["', ${names.map((i) => `t${i}`).join(`, '","', `)}, '"]')`;
  const withNulls = `concat(${[salt, `'['`, ...names.flatMap((i) => [...(i === 0 ? [] : [`','`]), `CASE WHEN v${i} IS NULL THEN 'null' ELSE concat('"', t${i}, '"') END`]), `']'`].join(', ')})`;
  const input = names.length === 0 ? withoutNulls : `CASE WHEN ${names.map((i) => `v${i} IS NOT NULL`).join(' AND ')} THEN ${withoutNulls} ELSE ${withNulls} END`;
  const digest = digestsInSql[expected.digest];
  const ordered = policy.orderMatters;
  const hashed = `SELECT i, ${doubt} AS doubt, ${digest.value(input)} AS h FROM (${quoted})`;
  const worded = `SELECT i, doubt, ${digest.words.map((word, w) => `${word} AS w${w}`).join(', ')} FROM (${hashed})`;
  const pieced = `SELECT i, doubt, ${digest.pieces.map((piece, p) => `${piece} AS p${p}`).join(', ')} FROM (${worded})`;
  const sums = digest.pieces.map((_, p) => `CAST(sum(p${p}) % ${prime} AS BIGINT) AS s${p}${ordered ? `, CAST(sum((i % ${prime}) * p${p}) % ${prime} AS BIGINT) AS o${p}` : ''}`);
  const summary = await run(`SELECT count(*) AS n, count(*) FILTER (WHERE doubt) AS doubtful, ${sums.join(', ')} FROM (${pieced})`);
  if (numberAt(summary, 'doubtful') > 0) return null;
  const actualRowCount = numberAt(summary, 'n');
  const wanted = expectedFingerprint(expected);
  const found = { sums: digest.pieces.map((_, p) => numberAt(summary, `s${p}`)), ordered: digest.pieces.map((_, p) => numberAt(summary, `o${p}`)) };
  if (actualRowCount === expected.rowCount && sameNumbers(found.sums, wanted.sums)) {
    // The same digests: every row is right, and in order unless the ordered fingerprint differs.
    const inOrder = !ordered || sameNumbers(found.ordered, wanted.ordered);
    const match = { actualRowCount, matchingRows: expected.rowCount, unexpectedRows: [], wrongOrder: !inOrder, sameRows: true, inOrder };
    return { feedback: feedbackFromMatch(comparison, expected, match), preview, rowsComparedBy: 'fingerprint' };
  }
  const listed = await run(`SELECT ${digest.hex(input)} AS d FROM (${quoted}) ORDER BY i`);
  const column = listed.getChild('d');
  const rowDigests: string[] = [];
  for (let i = 0; i < listed.numRows; i++) rowDigests.push(String(column!.get(i)));
  return { feedback: feedbackFromDigests(comparison, rowDigests, expected, policy), preview, rowsComparedBy: 'digests' };
}
