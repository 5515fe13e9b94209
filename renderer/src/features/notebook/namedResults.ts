/**
 * The named results a notebook cell may read, as tables for SQL completion: every other named SQL
 * cell of the notebook (a cell may read a result written below it: the run order follows the
 * graph, not the page), with the columns of its last result once it has run.
 */
import type { NotebookCell } from '../../../../shared/notebook/notebookFormat';
import type { NotebookTable } from '../../../../shared/notebook/notebookEngine';
import type { EditorTable } from '../editor/editorTable';

export function namedResultsFor(
  cells: readonly NotebookCell[],
  cellId: string,
  lastResult: (id: string) => NotebookTable | null,
  description: string,
): EditorTable[] {
  const tables: EditorTable[] = [];
  const seen = new Set<string>();
  for (const cell of cells) {
    if (cell.kind !== 'sql' || !cell.name || cell.id === cellId) continue;
    // Names are case-insensitive, as in DuckDB; a duplicate is reported on the cells, offered once here.
    if (seen.has(cell.name.toLowerCase())) continue;
    seen.add(cell.name.toLowerCase());
    const table = lastResult(cell.id);
    tables.push({
      name: cell.name,
      kind: 'table',
      description,
      columns: table ? table.columns.map((name, i) => ({ name, type: table.types[i] ?? '' })) : [],
    });
  }
  return tables;
}
