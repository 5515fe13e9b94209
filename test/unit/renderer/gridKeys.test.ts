import { describe, expect, it } from 'vitest';
import { cellAfterMove, gridCommand, isShortcutLetter, type KeyPress } from '../../../renderer/src/features/results/gridKeys';

describe('isShortcutLetter', () => {
  it('takes a Latin layout at its word: the letter typed, wherever the key sits', () => {
    expect(isShortcutLetter({ key: 'f', code: 'KeyF' }, 'f')).toBe(true);
    expect(isShortcutLetter({ key: 'F', code: 'KeyF' }, 'f')).toBe(true);
    // Dvorak: the key QWERTY calls F types U, and the key QWERTY calls Y types F.
    expect(isShortcutLetter({ key: 'u', code: 'KeyF' }, 'f')).toBe(false);
    expect(isShortcutLetter({ key: 'f', code: 'KeyY' }, 'f')).toBe(true);
    // Dvorak's C sits where QWERTY has I; QWERTY's C types J.
    expect(isShortcutLetter({ key: 'c', code: 'KeyI' }, 'c')).toBe(true);
    expect(isShortcutLetter({ key: 'j', code: 'KeyC' }, 'c')).toBe(false);
  });

  it('falls back on the key’s place when the layout types no Latin letter', () => {
    expect(isShortcutLetter({ key: 'ب', code: 'KeyF' }, 'f')).toBe(true);
    expect(isShortcutLetter({ key: 'ؤ', code: 'KeyC' }, 'c')).toBe(true);
    expect(isShortcutLetter({ key: 'с', code: 'KeyC' }, 'c')).toBe(true);
    expect(isShortcutLetter({ key: 'ب', code: 'KeyG' }, 'f')).toBe(false);
  });
});

const press = (key: string, modifiers: Partial<KeyPress> = {}): KeyPress => ({
  key,
  code: /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...modifiers,
});

describe('gridCommand', () => {
  it('reads plain letters as the grid’s own commands, since the grid is read-only', () => {
    expect(gridCommand(press('s'))).toBe('sort');
    expect(gridCommand(press('S', { shiftKey: true }))).toBe('sort');
    expect(gridCommand(press('p'))).toBe('pin');
    expect(gridCommand(press('x'))).toBeNull();
  });

  it('takes Ctrl or Cmd with F to the filter, with C to copy the cell, with Shift+C to copy the row', () => {
    expect(gridCommand(press('f', { ctrlKey: true }))).toBe('find');
    expect(gridCommand(press('f', { metaKey: true }))).toBe('find');
    expect(gridCommand(press('F', { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(gridCommand(press('c', { ctrlKey: true }))).toBe('copyCell');
    expect(gridCommand(press('C', { metaKey: true, shiftKey: true }))).toBe('copyRow');
    // Ctrl+S and Ctrl+P belong to the app and the browser.
    expect(gridCommand(press('s', { ctrlKey: true }))).toBeNull();
    expect(gridCommand(press('p', { ctrlKey: true }))).toBeNull();
  });

  it('goes by the letter typed on Dvorak, and by the key’s place on an Arabic layout', () => {
    expect(gridCommand({ ...press('u', { ctrlKey: true }), code: 'KeyF' })).toBeNull();
    expect(gridCommand({ ...press('f', { ctrlKey: true }), code: 'KeyY' })).toBe('find');
    expect(gridCommand({ ...press('ب', { ctrlKey: true }), code: 'KeyF' })).toBe('find');
    expect(gridCommand({ ...press('ؤ', { ctrlKey: true }), code: 'KeyC' })).toBe('copyCell');
  });

  it('opens a cell with a bare Enter, moves with the movement keys, and leaves anything with Alt alone', () => {
    expect(gridCommand(press('Enter'))).toBe('openCell');
    expect(gridCommand(press('Enter', { shiftKey: true }))).toBeNull();
    expect(gridCommand(press('Enter', { ctrlKey: true }))).toBeNull();
    for (const key of ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'PageUp', 'PageDown', 'Home', 'End']) {
      expect(gridCommand(press(key))).toBe('move');
      expect(gridCommand(press(key, { ctrlKey: true }))).toBe('move');
      expect(gridCommand(press(key, { altKey: true }))).toBeNull();
    }
    expect(gridCommand(press('c', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(gridCommand(press('s', { altKey: true }))).toBeNull();
    expect(gridCommand(press('Tab'))).toBeNull();
  });
});

describe('cellAfterMove', () => {
  const bounds = { rowCount: 1_000, colCount: 6, pageRows: 20, rtl: false };
  const from = { row: 50, col: 3 };

  it('moves one cell with an arrow, a page with PageUp/PageDown, to the row’s ends with Home/End', () => {
    expect(cellAfterMove(press('ArrowUp'), from, bounds)).toEqual({ row: 49, col: 3 });
    expect(cellAfterMove(press('ArrowDown'), from, bounds)).toEqual({ row: 51, col: 3 });
    expect(cellAfterMove(press('ArrowLeft'), from, bounds)).toEqual({ row: 50, col: 2 });
    expect(cellAfterMove(press('ArrowRight'), from, bounds)).toEqual({ row: 50, col: 4 });
    expect(cellAfterMove(press('PageUp'), from, bounds)).toEqual({ row: 30, col: 3 });
    expect(cellAfterMove(press('PageDown'), from, bounds)).toEqual({ row: 70, col: 3 });
    expect(cellAfterMove(press('Home'), from, bounds)).toEqual({ row: 50, col: 0 });
    expect(cellAfterMove(press('End'), from, bounds)).toEqual({ row: 50, col: 5 });
    expect(cellAfterMove(press('Enter'), from, bounds)).toBeNull();
  });

  it('goes to the far edge with Ctrl: Ctrl+End reaches the last cell, Ctrl+Home the first', () => {
    expect(cellAfterMove(press('End', { ctrlKey: true }), from, bounds)).toEqual({ row: 999, col: 5 });
    expect(cellAfterMove(press('Home', { metaKey: true }), from, bounds)).toEqual({ row: 0, col: 0 });
    expect(cellAfterMove(press('ArrowDown', { ctrlKey: true }), from, bounds)).toEqual({ row: 999, col: 3 });
    expect(cellAfterMove(press('ArrowUp', { ctrlKey: true }), from, bounds)).toEqual({ row: 0, col: 3 });
    expect(cellAfterMove(press('ArrowRight', { ctrlKey: true }), from, bounds)).toEqual({ row: 50, col: 5 });
    expect(cellAfterMove(press('ArrowLeft', { ctrlKey: true }), from, bounds)).toEqual({ row: 50, col: 0 });
  });

  it('follows the eye in a right-to-left grid: ArrowLeft moves towards the inline end', () => {
    const rtl = { ...bounds, rtl: true };
    expect(cellAfterMove(press('ArrowLeft'), from, rtl)).toEqual({ row: 50, col: 4 });
    expect(cellAfterMove(press('ArrowRight'), from, rtl)).toEqual({ row: 50, col: 2 });
    expect(cellAfterMove(press('ArrowLeft', { ctrlKey: true }), from, rtl)).toEqual({ row: 50, col: 5 });
    // Home and End are logical: the row's start and end, whatever its direction.
    expect(cellAfterMove(press('Home'), from, rtl)).toEqual({ row: 50, col: 0 });
  });

  it('leaves keeping the cell inside the grid to the caller', () => {
    expect(cellAfterMove(press('ArrowUp'), { row: 0, col: 0 }, bounds)).toEqual({ row: -1, col: 0 });
    expect(cellAfterMove(press('PageDown'), { row: 990, col: 0 }, bounds)).toEqual({ row: 1_010, col: 0 });
  });
});
