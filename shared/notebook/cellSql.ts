/**
 * A SQL cell's text as the engine runs it. Evidence writes a reference to another cell's result as
 * `${name}`; DuckDB reads a named result as a table, so `${name}` becomes the quoted name.
 * The scan skips string literals, quoted identifiers and comments, where `${` is just text.
 */
import { quoteIdentifier } from '../sql/identifiers';
import { isValidCellName } from './notebookFormat';

export function cellSqlForEngine(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (ch === "'" || ch === '"') {
      const end = quotedEnd(text, i, ch);
      out += text.slice(i, end);
      i = end;
    } else if (ch === '-' && next === '-') {
      const nl = text.indexOf('\n', i);
      const end = nl < 0 ? text.length : nl;
      out += text.slice(i, end);
      i = end;
    } else if (ch === '/' && next === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? text.length : close + 2;
      out += text.slice(i, end);
      i = end;
    } else if (ch === '$' && next === '{') {
      const close = text.indexOf('}', i + 2);
      const name = close < 0 ? '' : text.slice(i + 2, close).trim();
      if (isValidCellName(name)) {
        out += quoteIdentifier(name);
        i = close + 1;
      } else {
        out += ch;
        i += 1;
      }
    } else {
      out += ch;
      i += 1;
    }
  }
  return withoutTrailingSemicolons(out);
}

/** `SELECT …;` and `SELECT …` are the same cell; the result is materialized as `CREATE … AS <statement>`. */
function withoutTrailingSemicolons(sql: string): string {
  let end = sql.length;
  while (end > 0 && (/\s/.test(sql[end - 1]!) || sql[end - 1] === ';')) end -= 1;
  return sql.slice(0, end);
}

function quotedEnd(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i += 1;
  }
  return text.length;
}
