/**
 * A result's rows as a notebook keeps them: each value as the text DuckDB prints (the grid's own
 * formatter), null for SQL NULL. Both engines' notebook runners read their Arrow results with it.
 */
import type { Table } from 'apache-arrow';
import { createCellFormatter } from '../values/cellFormat';

/** The first `limit` rows of `table`. */
export function notebookRowsOf(table: Table, limit: number): (string | null)[][] {
  const formatters = table.schema.fields.map((field) => createCellFormatter(field.type, field.metadata));
  const vectors = table.schema.fields.map((_, i) => table.getChildAt(i)!);
  const count = Math.min(limit, table.numRows);
  const rows: (string | null)[][] = [];
  for (let r = 0; r < count; r++) {
    rows.push(
      formatters.map((format, c) => {
        const cell = format.at(vectors[c]!, r);
        return cell.kind === 'null' ? null : cell.text;
      }),
    );
  }
  return rows;
}
