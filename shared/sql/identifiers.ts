import { duckdbKeywords } from './duckdbKeywords';

/** Quotes an identifier for DuckDB so any name (spaces, accents, Arabic, keywords) is safe in SQL. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * A name as SQL may write it: bare when DuckDB would read it back unchanged (ASCII letters, digits
 * and underscores, not starting with a digit, and no keyword of any kind: `group`, `order`,
 * `select`), quoted otherwise. It is DuckDB's own rule (KeywordHelper::WriteOptionallyQuoted), so
 * type names built with it read as DuckDB prints them, and completion never inserts invalid SQL.
 */
export function quoteIdentifierIfNeeded(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !duckdbKeywords.has(name.toLowerCase()) ? name : quoteIdentifier(name);
}

/** A table name as DuckDB compares names, case-insensitively: `Penguins` and `penguins` are one table. */
export function tableNameKey(name: string): string {
  return name.toLowerCase();
}

/** Quotes a string literal for DuckDB. */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

const maxTableNameLength = 63;

/**
 * The table name a file is opened as: its name without the extension, with everything but
 * letters, digits and underscores (in any script) turned into underscores, lower-cased, and
 * made unique against the names already taken (case-insensitively, as DuckDB compares them).
 */
export function tableNameForFile(fileName: string, taken: Iterable<string>): string {
  const base = fileName.replace(/(\.(gz|zst))?$/i, '').replace(/\.[^.]*$/, '') || fileName;
  let name = base
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_]+/gu, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
  if (name === '') name = 'table';
  if (/^\p{N}/u.test(name)) name = `t_${name}`;
  name = [...name].slice(0, maxTableNameLength).join('');
  const takenLower = new Set([...taken].map(tableNameKey));
  if (!takenLower.has(name)) return name;
  for (let n = 2; ; n++) {
    const candidate = `${name}_${n}`;
    if (!takenLower.has(candidate)) return candidate;
  }
}
