/**
 * A result as the checker sees it, from Arrow: the same cell text and type names the results grid
 * shows (shared/values/cellFormat.ts), whichever engine produced the Arrow data.
 */
import type { Table } from 'apache-arrow';
import { createCellFormatter, duckdbTypeName } from '../values/cellFormat';
import type { CellText, CheckableResult } from './canonicalRow';

export function checkableFromArrow(table: Table): CheckableResult {
  const fields = table.schema.fields;
  const columns = fields.map((field) => ({ name: field.name, type: duckdbTypeName(field.type, field.metadata) }));
  const formatters = fields.map((field) => createCellFormatter(field.type, field.metadata));
  const vectors = fields.map((_, i) => table.getChildAt(i)!);
  const rows: CellText[][] = [];
  for (let r = 0; r < table.numRows; r++) {
    rows.push(
      formatters.map((format, c) => {
        const cell = format.at(vectors[c]!, r);
        return cell.kind === 'null' ? null : cell.text;
      }),
    );
  }
  return { columns, rows };
}
