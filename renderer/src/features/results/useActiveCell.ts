/**
 * The grid's active cell: the one the keyboard acts on (aria-activedescendant points at it), kept
 * inside the result as it changes, moved by the movement keys (gridKeys.ts) and scrolled into view.
 */
import { useState } from 'react';
import type { ResultRows } from '../../engine/results/resultRows';
import { cellAfterMove, type KeyPress } from './gridKeys';

export interface ActiveCell {
  row: number;
  col: number;
  /** Whether the result has a cell at all (no rows or no columns: nothing to act on). */
  hasCell: boolean;
  /** Makes the cell active, kept inside the result, and scrolls it into view. */
  activate(row: number, col: number): void;
  /** Moves by a movement key (arrows, Home/End, PageUp/PageDown); false when the key moves nothing. */
  move(press: KeyPress, page: { pageRows: number; rtl: boolean }): boolean;
}

export function useActiveCell(result: ResultRows, reveal: (row: number, col: number) => void): ActiveCell {
  const rowCount = result.rowCount;
  const colCount = result.columns.length;
  // Held with its result: a new result starts at its first cell.
  const [state, setState] = useState({ result, row: 0, col: 0 });
  const hasCell = rowCount > 0 && colCount > 0;
  const row = state.result === result ? Math.min(state.row, Math.max(0, rowCount - 1)) : 0;
  const col = state.result === result ? Math.min(state.col, Math.max(0, colCount - 1)) : 0;

  const activate = (nextRow: number, nextCol: number): void => {
    if (!hasCell) return;
    const clampedRow = Math.min(Math.max(0, nextRow), rowCount - 1);
    const clampedCol = Math.min(Math.max(0, nextCol), colCount - 1);
    setState({ result, row: clampedRow, col: clampedCol });
    reveal(clampedRow, clampedCol);
  };

  const move = (press: KeyPress, page: { pageRows: number; rtl: boolean }): boolean => {
    const next = cellAfterMove(press, { row, col }, { rowCount, colCount, ...page });
    if (!next) return false;
    activate(next.row, next.col);
    return true;
  };

  return { row, col, hasCell, activate, move };
}
