import { describe, expect, it } from 'vitest';
import type { FormattedCell } from '../../../shared/values/cellFormat';
import {
  MAX_COLUMN_WIDTH,
  MAX_DRAGGED_WIDTH,
  MIN_COLUMN_WIDTH,
  clampWidth,
  columnWidth,
  rowNumberWidth,
  type GridFonts,
} from '../../../renderer/src/features/results/columnWidths';

// The rules take the page's measure as a parameter; these fonts have fixed advances, so widths are
// easy to reason about: names 10 px a character, type names 6, values 8.
const fonts: GridFonts = { cell: 'cell', name: 'name', type: 'type' };
const advance: Record<string, number> = { cell: 8, name: 10, type: 6 };
const measure = (text: string, font: string): number => text.length * (advance[font] ?? 0);
const CHROME = 20;

const cells = (...values: FormattedCell[]) => (row: number): FormattedCell | null => values[row] ?? null;
const text = (value: string): FormattedCell => ({ text: value, kind: 'text' });
const number = (value: string): FormattedCell => ({ text: value, kind: 'number' });
const nullCell: FormattedCell = { text: 'NULL', kind: 'null' };

describe('column widths', () => {
  it('fit the header and the widest value, never narrower than the narrowest column', () => {
    expect(columnWidth({ name: 'id', typeName: 'INTEGER' }, cells(number('1')), 1, measure, fonts, MAX_COLUMN_WIDTH)).toEqual({
      width: MIN_COLUMN_WIDTH,
      kind: 'number',
    });
    // The header (20 characters × 10 px) is wider than the values (12 × 8).
    expect(columnWidth({ name: 'a_long_column_header', typeName: 'VARCHAR' }, cells(text('twelve chars')), 1, measure, fonts, MAX_COLUMN_WIDTH).width).toBe(200 + CHROME);
    // A value wider than the header.
    expect(columnWidth({ name: 'x', typeName: 'VARCHAR' }, cells(text('a'.repeat(30))), 1, measure, fonts, MAX_COLUMN_WIDTH).width).toBe(240 + CHROME);
  });

  it('cap long text at the default width, but never cut a number', () => {
    const long = text('w'.repeat(100));
    expect(columnWidth({ name: 'notes', typeName: 'VARCHAR' }, cells(long), 1, measure, fonts, MAX_COLUMN_WIDTH).width).toBe(MAX_COLUMN_WIDTH);
    // BIGINT's minimum must not show as -92233720368547758…: wider than the cap, it is whole.
    const huge = number('-'.padEnd(60, '9'));
    expect(columnWidth({ name: 'big', typeName: 'BIGINT' }, cells(huge), 1, measure, fonts, MAX_COLUMN_WIDTH).width).toBe(480 + CHROME);
  });

  it('measure only the rows asked for, stopping at the first row not loaded', () => {
    const values = cells(text('ab'), text('a'.repeat(40)));
    expect(columnWidth({ name: 'x', typeName: 'T' }, values, 1, measure, fonts, MAX_COLUMN_WIDTH).width).toBe(MIN_COLUMN_WIDTH);
    expect(columnWidth({ name: 'x', typeName: 'T' }, values, 2, measure, fonts, MAX_COLUMN_WIDTH).width).toBe(320 + CHROME);
    const gap = (row: number): FormattedCell | null => (row === 0 ? text('ab') : row === 1 ? null : text('a'.repeat(40)));
    expect(columnWidth({ name: 'x', typeName: 'T' }, gap, 3, measure, fonts, MAX_COLUMN_WIDTH).width).toBe(MIN_COLUMN_WIDTH);
  });

  it('take a column’s kind from its first value that is not NULL', () => {
    expect(columnWidth({ name: 'n', typeName: 'DOUBLE' }, cells(nullCell, number('2.5')), 2, measure, fonts, MAX_COLUMN_WIDTH).kind).toBe('number');
    expect(columnWidth({ name: 'n', typeName: 'DOUBLE' }, cells(nullCell), 1, measure, fonts, MAX_COLUMN_WIDTH).kind).toBeUndefined();
  });

  it('fit past the default cap when asked (an auto-fit), up to the dragging limit', () => {
    const long = cells(text('w'.repeat(100)));
    expect(columnWidth({ name: 'notes', typeName: 'VARCHAR' }, long, 1, measure, fonts, MAX_DRAGGED_WIDTH).width).toBe(800 + CHROME);
    expect(clampWidth(5_000, MAX_DRAGGED_WIDTH)).toBe(MAX_DRAGGED_WIDTH);
    expect(clampWidth(10)).toBe(MIN_COLUMN_WIDTH);
    expect(clampWidth(100.2)).toBe(101);
  });

  it('give the row numbers room for their header and the largest row number', () => {
    expect(rowNumberWidth('Row', 9, measure, fonts)).toBe(MIN_COLUMN_WIDTH);
    // 10,000,000 is 8 digits × 8 px, under the header's "Row number" (10 × 10 px).
    expect(rowNumberWidth('Row number', 10_000_000, measure, fonts)).toBe(100 + CHROME);
    expect(rowNumberWidth('#', 1_000_000_000_000, measure, fonts)).toBe(104 + CHROME);
  });
});
