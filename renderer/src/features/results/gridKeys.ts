/**
 * What a key pressed in the results grid means, kept free of the DOM and React so the rules can be
 * unit-tested: which command a key asks for, and where an arrow, Home/End or PageUp/PageDown moves
 * the active cell. The grid decides whether it can carry the command out (a cell to act on, a
 * caller that takes sorting or filtering).
 */

/** The parts of a keydown the rules read (a DOM KeyboardEvent and React's both have them). */
export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export type GridCommand = 'find' | 'sort' | 'pin' | 'copyCell' | 'copyRow' | 'openCell' | 'move';

export interface CellPosition {
  row: number;
  col: number;
}

export interface GridBounds {
  rowCount: number;
  colCount: number;
  /** Rows a PageUp/PageDown moves by. */
  pageRows: number;
  /** Whether the grid is laid out right to left: arrows are visual, ArrowLeft then moves towards the inline end. */
  rtl: boolean;
}

/**
 * Whether a key press is the shortcut letter `letter` (lower case a-z). `key` follows the layout
 * (Dvorak, AZERTY), so a Latin layout is taken at its word; `code` (the key's place on a QWERTY
 * keyboard) only stands in when the layout types no Latin letter (Arabic, Russian…), as the
 * browser's own Ctrl+C does. Without that guard, Ctrl+U on Dvorak (code KeyF) would be Ctrl+F.
 */
export function isShortcutLetter(press: Pick<KeyPress, 'key' | 'code'>, letter: string): boolean {
  return press.key.toLowerCase() === letter || (!/^[a-z]$/i.test(press.key) && press.code === `Key${letter.toUpperCase()}`);
}

const movementKeys: ReadonlySet<string> = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'PageUp', 'PageDown', 'Home', 'End']);

/** The command a key press asks of the grid, or null for keys the grid leaves to the browser. */
export function gridCommand(press: KeyPress): GridCommand | null {
  if (press.altKey) return null;
  const command = press.ctrlKey || press.metaKey;
  // Sort, pin and filter from the keyboard: the grid is read-only, so plain letters are free.
  if (command && !press.shiftKey && isShortcutLetter(press, 'f')) return 'find';
  if (!command && press.key.toLowerCase() === 's') return 'sort';
  if (!command && press.key.toLowerCase() === 'p') return 'pin';
  if (command && isShortcutLetter(press, 'c')) return press.shiftKey ? 'copyRow' : 'copyCell';
  if (press.key === 'Enter' && !command && !press.shiftKey) return 'openCell';
  return movementKeys.has(press.key) ? 'move' : null;
}

/**
 * Where a movement key takes the active cell (unclamped: the caller keeps it inside the grid), or
 * null for a key that moves nothing. Ctrl (Cmd) goes to the far edge: Ctrl+End to the last cell.
 */
export function cellAfterMove(press: KeyPress, from: CellPosition, bounds: GridBounds): CellPosition | null {
  const command = press.ctrlKey || press.metaKey;
  let { row, col } = from;
  switch (press.key) {
    case 'ArrowUp':
      row = command ? 0 : row - 1;
      break;
    case 'ArrowDown':
      row = command ? bounds.rowCount - 1 : row + 1;
      break;
    case 'ArrowLeft':
    case 'ArrowRight': {
      const forward = (press.key === 'ArrowRight') !== bounds.rtl;
      if (command) col = forward ? bounds.colCount - 1 : 0;
      else col += forward ? 1 : -1;
      break;
    }
    case 'PageUp':
      row -= bounds.pageRows;
      break;
    case 'PageDown':
      row += bounds.pageRows;
      break;
    case 'Home':
      col = 0;
      if (command) row = 0;
      break;
    case 'End':
      col = bounds.colCount - 1;
      if (command) row = bounds.rowCount - 1;
      break;
    default:
      return null;
  }
  return { row, col };
}
