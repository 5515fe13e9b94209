/**
 * Paths in a notebook's SQL (`read_csv('data/ventes.csv')`, `FROM 'x.parquet'`) are relative to
 * the notebook's folder, on both engines. DuckDB resolves relative paths against its process's
 * working folder (and the native engine's lockdown checks the path as written), so the engine
 * rewrites each file literal DuckDB's parser found to the path it means, and nothing else in the
 * SQL: error positions and the user's text stay as they were.
 */
import { quoteLiteral } from '../sql/identifiers';
import type { FileLiteral } from '../sql/serializedSql';

/** True for `/x`, `C:\x`, `\\server\x` and URLs (`s3://`, `https://`): paths that need no folder. */
export function isAbsoluteOrUrl(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(path) || /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(path);
}

/**
 * The SQL with each relative file literal replaced by `resolve(literal)`. Literals are found by
 * DuckDB's parser (`fileLiteralsRead`); a literal whose position does not hold a quoted string
 * (a parser change) is left alone rather than guessed at.
 */
export function withFileLiteralsResolved(sql: string, literals: readonly FileLiteral[], resolve: (relative: string) => string): string {
  const bytes = new TextEncoder().encode(sql);
  const decoder = new TextDecoder();
  const edits: { start: number; end: number; text: string }[] = [];
  for (const literal of literals) {
    if (isAbsoluteOrUrl(literal.value)) continue;
    const end = quotedStringEnd(bytes, literal.byteOffset);
    if (end < 0 || decoder.decode(bytes.subarray(literal.byteOffset + 1, end - 1)).replaceAll("''", "'") !== literal.value) continue;
    edits.push({ start: literal.byteOffset, end, text: quoteLiteral(resolve(literal.value)) });
  }
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = 0;
  for (const edit of edits) {
    if (edit.start < cursor) continue;
    out += decoder.decode(bytes.subarray(cursor, edit.start)) + edit.text;
    cursor = edit.end;
  }
  return out + decoder.decode(bytes.subarray(cursor));
}

/** The byte just past the single-quoted string starting at `start` (`''` is a quote inside it), or -1. */
function quotedStringEnd(bytes: Uint8Array, start: number): number {
  const quote = 0x27;
  if (bytes[start] !== quote) return -1;
  let i = start + 1;
  while (i < bytes.length) {
    if (bytes[i] === quote) {
      if (bytes[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i += 1;
  }
  return -1;
}
