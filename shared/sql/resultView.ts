/**
 * Sorting and filtering a result, done by the engine: the grid never sorts or searches rows in
 * JavaScript (a result may have ten million rows, of which the renderer holds a few windows).
 * Both engines use the same SQL, so a sorted or filtered view is the same on either.
 */
import { quoteIdentifier, quoteLiteral } from './identifiers';

export interface ResultView {
  /** Column index to sort by, and the direction; null keeps the engine's order. */
  sort: { column: number; descending: boolean } | null;
  /** Rows kept are those where some column's text contains this, ignoring case; '' keeps all. */
  filter: string;
}

export const unsortedView: ResultView = Object.freeze({ sort: null, filter: '' });

export function isPlainView(view: ResultView): boolean {
  return view.sort === null && view.filter.trim() === '';
}

/** The positional names a view gives the columns, so duplicate or awkward names never matter. */
export function positionalName(index: number): string {
  return `c${index}`;
}

/**
 * `SELECT … FROM relation` with the view applied. `relation` is anything FROM accepts (a table
 * name, or a parenthesised statement); its columns are renamed by position to c0, c1, … first.
 */
export function viewSql(relation: string, columnCount: number, view: ResultView): string {
  const names = Array.from({ length: columnCount }, (_, i) => quoteIdentifier(positionalName(i)));
  const parts = [`SELECT * FROM ${relation} AS result_view(${names.join(', ')})`];
  const needle = view.filter.trim().toLowerCase();
  if (needle !== '' && names.length > 0) {
    // One text per row, columns joined by a control character no search would contain.
    const rowText = `concat_ws(chr(31), ${names.map((name) => `CAST(${name} AS VARCHAR)`).join(', ')})`;
    parts.push(`WHERE contains(lower(${rowText}), ${quoteLiteral(needle)})`);
  }
  const sortName = view.sort ? names[view.sort.column] : undefined;
  if (view.sort && sortName) parts.push(`ORDER BY ${sortName} ${view.sort.descending ? 'DESC' : 'ASC'} NULLS LAST`);
  return parts.join(' ');
}

/**
 * Rows whose columns are named by position (a kept table, a view: c0, c1…) as a relation FROM can
 * take, under the statement's own column names (for exports and profiles).
 */
export function withColumnNames(relation: string, names: readonly string[]): string {
  const named = names.map((name, i) => `${quoteIdentifier(positionalName(i))} AS ${quoteIdentifier(name)}`);
  return `(SELECT ${named.join(', ') || '*'} FROM ${relation})`;
}

/** A statement as a relation FROM can take: the statement in parentheses, without a final semicolon. */
export function statementAsRelation(sql: string): string {
  return `(${sql.trim().replace(/;\s*$/, '')}\n)`;
}
