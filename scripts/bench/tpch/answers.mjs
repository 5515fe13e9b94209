/** TPC-H answer checking: the reference files are `|`-separated with a header line. */
import { readFile } from 'node:fs/promises';

export async function readAnswer(file) {
  const text = await readFile(file, 'utf8');
  const lines = text.split(/\r?\n/).filter((line) => line.length > 0);
  const header = lines[0].split('|');
  return { header, rows: lines.slice(1).map((line) => line.split('|')) };
}

/** RFC 4180 CSV (what the app's "Copy as CSV" writes) → header and rows of strings (empty field → null). */
export function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') {
      quoted = true;
      wasQuoted = true;
    } else if (ch === ',') {
      record.push(field === '' && !wasQuoted ? null : field);
      field = '';
      wasQuoted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field === '' && !wasQuoted ? null : field);
      records.push(record);
      record = [];
      field = '';
      wasQuoted = false;
    } else field += ch;
  }
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  return { header: records[0] ?? [], rows: records.slice(1) };
}

const numeric = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function cellsMatch(expected, actual) {
  const e = (expected ?? '').trim();
  const a = (actual ?? '').trim();
  if (e === a) return true;
  if (numeric.test(e) && numeric.test(a)) {
    const x = Number(e);
    const y = Number(a);
    const diff = Math.abs(x - y);
    return diff <= 0.01 || diff <= 1e-6 * Math.max(Math.abs(x), Math.abs(y));
  }
  return false;
}

/** Compares a result with the reference answer: same row count, same column count, every cell within tolerance. */
function compareOrdered(expected, actual) {
  if (!actual) return { ok: false, problem: 'no result' };
  if (actual.rows.length !== expected.rows.length) return { ok: false, problem: `${actual.rows.length} rows, expected ${expected.rows.length}` };
  if (actual.header.length !== expected.header.length) return { ok: false, problem: `${actual.header.length} columns, expected ${expected.header.length}` };
  for (let r = 0; r < expected.rows.length; r++) {
    for (let c = 0; c < expected.header.length; c++) {
      if (!cellsMatch(expected.rows[r][c], actual.rows[r][c])) {
        return { ok: false, problem: `row ${r + 1}, column ${expected.header[c]}: got ${JSON.stringify(actual.rows[r][c])}, expected ${JSON.stringify(expected.rows[r][c])}` };
      }
    }
  }
  return { ok: true };
}

/** A row's sort key that is the same for cells that match within tolerance (numbers to the cent). */
function rowKey(row) {
  return row.map((cell) => {
    const text = (cell ?? '').trim();
    return numeric.test(text) ? Number(text).toFixed(2) : text;
  }).join('\u0000');
}

/**
 * Compares a result with the expected one. With `tiesMayReorder`, a result whose rows match only in
 * another order is accepted too, reported with `reordered: true`: for data where ORDER BY has ties
 * (the x10 enlargement's copies tie on every non-key column), engines may order tied rows differently.
 */
export function compareAnswer(expected, actual, { tiesMayReorder = false } = {}) {
  const ordered = compareOrdered(expected, actual);
  if (ordered.ok || !tiesMayReorder || !actual || actual.rows.length !== expected.rows.length) return ordered;
  const sort = (answer) => ({ header: answer.header, rows: [...answer.rows].sort((a, b) => (rowKey(a) < rowKey(b) ? -1 : rowKey(a) > rowKey(b) ? 1 : 0)) });
  const unordered = compareOrdered(sort(expected), sort(actual));
  return unordered.ok ? { ok: true, reordered: true } : ordered;
}
