/**
 * The rows a chart draws: its plan query reads one row more than the chart draws, so the chart can
 * tell that rows were left out (and say so) without counting the whole result.
 */
import type { NotebookTable } from './notebookEngine';

/** The rows drawn: at most `maxRows`. */
export function capped(table: NotebookTable, maxRows: number): NotebookTable {
  return table.rows.length > maxRows ? { ...table, rows: table.rows.slice(0, maxRows), rowCount: maxRows } : table;
}

/** Whether rows were left out of the chart (the plan query returned more than `maxRows`). */
export function wasCapped(table: NotebookTable, maxRows: number): boolean {
  return table.rowCount > maxRows;
}
