/**
 * The canonical text of a result row, the one thing hashed to hide an expected row and compared to
 * check a trainee's row. Cells arrive as the results grid shows them (shared/values/cellFormat.ts,
 * DuckDB's own text), so both engines agree; the check policy then loosens what may differ:
 * numbers are written one way (2.50 and 2.5 are equal) and rounded to the tolerance, text may be
 * trimmed and folded to lower case.
 */
import type { CheckPolicy, ResultColumn, RowDigestAlgorithm } from '../contract/bundle';
import { md5Hex } from './md5';
import { sha256Hex } from './sha256';

/** A cell's text as the grid shows it; null for SQL NULL (so that the text 'NULL' stays text). */
export type CellText = string | null;

/** A result as the checker sees it, from either engine. */
export interface CheckableResult {
  columns: ResultColumn[];
  rows: CellText[][];
}

/** What a DuckDB type is for the check: numbers of any width compare by value, so they are one family. */
export type TypeFamily = 'number' | 'text' | 'boolean' | 'date' | 'timestamp' | 'time' | 'interval' | 'other';

const numberTypes = new Set([
  'TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT',
  'FLOAT', 'DOUBLE', 'REAL', 'BIGNUM', 'VARINT',
]);

export function typeFamily(duckdbType: string): TypeFamily {
  const name = duckdbType.trim().toUpperCase();
  if (numberTypes.has(name) || name.startsWith('DECIMAL')) return 'number';
  if (name === 'VARCHAR' || name === 'UUID' || name.startsWith('ENUM')) return 'text';
  if (name === 'BOOLEAN') return 'boolean';
  if (name === 'DATE') return 'date';
  if (name.startsWith('TIMESTAMP')) return 'timestamp';
  if (name.startsWith('TIME')) return 'time';
  if (name === 'INTERVAL') return 'interval';
  return 'other';
}

/** True for the floating-point types, whose results need a tolerance to be checked reliably. */
export function isFloatingType(duckdbType: string): boolean {
  const name = duckdbType.trim().toUpperCase();
  return name === 'FLOAT' || name === 'DOUBLE' || name === 'REAL';
}

/** Plain decimal text: an optional sign, digits, an optional fraction. */
function isPlainDecimal(text: string): boolean {
  let i = text.startsWith('-') || text.startsWith('+') ? 1 : 0;
  let digits = 0;
  let dot = false;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (c >= '0' && c <= '9') digits++;
    else if (c === '.' && !dot) dot = true;
    else return false;
  }
  return digits > 0;
}

/** One spelling per number: no '+', no trailing fractional zeros, no '-0'; exponents as JavaScript prints them. */
function canonicalNumber(text: string, tolerance: number | undefined): string {
  const value = Number(text);
  if (tolerance !== undefined && Number.isFinite(value)) {
    // The count of tolerance steps: 3.14159 at 0.01 is step 314, whichever engine printed it.
    const steps = Math.round(value / tolerance);
    return `~${Object.is(steps, -0) ? 0 : steps}`;
  }
  if (isPlainDecimal(text)) {
    let plain = text.startsWith('+') ? text.slice(1) : text;
    if (plain.includes('.')) plain = plain.replace(/0+$/, '').replace(/\.$/, '');
    const negative = plain.startsWith('-');
    let digits = (negative ? plain.slice(1) : plain).replace(/^0+(?=\d)/, '');
    if (digits.startsWith('.')) digits = `0${digits}`;
    return negative && /[1-9]/.test(digits) ? `-${digits}` : digits;
  }
  // 1.5e+20, inf, -inf, nan: JavaScript's shortest text of the same double.
  return Number.isNaN(value) ? 'nan' : String(value);
}

/** A cell's text as compared: per its column's type family and the policy. */
export function canonicalCell(cell: CellText, family: TypeFamily, policy: CheckPolicy): CellText {
  if (cell === null) return null;
  if (family === 'number') return canonicalNumber(cell, policy.numericTolerance);
  if (family === 'text' && policy.textLoose) return cell.trim().toLowerCase();
  return cell;
}

/** A row's canonical text: its cells, canonical, as a JSON array (unambiguous whatever the cells hold). */
export function canonicalRowText(row: readonly CellText[], families: readonly TypeFamily[], policy: CheckPolicy): string {
  return JSON.stringify(families.map((family, i) => canonicalCell(row[i] ?? null, family, policy)));
}

/** The digest bundles are written with today (format 2); format-1 bundles carry SHA-256. */
export const currentRowDigest: RowDigestAlgorithm = 'md5';

/** The salted digest of one row, as stored in a bundle and computed again to check. */
export function rowDigest(algorithm: RowDigestAlgorithm, salt: string, rowText: string): string {
  const input = `${salt}\n${rowText}`;
  return algorithm === 'md5' ? md5Hex(input) : sha256Hex(input);
}
