import { describe, expect, it } from 'vitest';
import { columnOffsets } from '../../../renderer/src/features/results/gridViewport';
import {
  leadingGap,
  pinnedWidth,
  renderedColumns,
  scrollInlineToRevealBesidePinned,
  togglePin,
} from '../../../renderer/src/features/results/pinnedColumns';

// Five columns of 100, 50, 200, 80 and 120 pixels.
const offsets = columnOffsets([100, 50, 200, 80, 120]);

describe('pinned columns', () => {
  it('render first, then the scrolling columns in view', () => {
    expect(renderedColumns(0, { first: 2, last: 3 })).toEqual([2, 3]);
    expect(renderedColumns(2, { first: 0, last: 3 })).toEqual([0, 1, 2, 3]);
    expect(renderedColumns(2, { first: 3, last: 4 })).toEqual([0, 1, 3, 4]);
    expect(pinnedWidth(2, offsets)).toBe(150);
    expect(pinnedWidth(9, offsets)).toBe(550);
  });

  it('leave one gap, before the first scrolling column rendered, as wide as the columns skipped', () => {
    expect(leadingGap(0, { first: 0 }, offsets)).toEqual({ before: 0, width: 0 });
    expect(leadingGap(0, { first: 2 }, offsets)).toEqual({ before: 2, width: 150 });
    // Pinned columns are always rendered: only the scrolling columns between them and the window are skipped.
    expect(leadingGap(1, { first: 3 }, offsets)).toEqual({ before: 3, width: 250 });
    expect(leadingGap(2, { first: 1 }, offsets)).toEqual({ before: 2, width: 0 });
    expect(leadingGap(5, { first: 3 }, offsets)).toEqual({ before: 5, width: 0 });
  });

  it('reveal a scrolling column beside the pinned ones, and never scroll for a pinned one', () => {
    // Pinned: 100 px. A 300 px viewport leaves 200 px for scrolling columns.
    expect(scrollInlineToRevealBesidePinned(0, 1, 40, 300, offsets)).toBe(40);
    // Column 2 (150..350) ends past the viewport's end (300): a scroll of 50 shows it whole beside the pinned one.
    expect(scrollInlineToRevealBesidePinned(2, 1, 0, 300, offsets)).toBe(50);
    // Column 1 (100..150) is hidden under the pinned column after a scroll of 40: back to 0.
    expect(scrollInlineToRevealBesidePinned(1, 1, 40, 300, offsets)).toBe(0);
  });

  it('P pins up to the active column, and unpins when pinned up to it already', () => {
    expect(togglePin(0, 2)).toBe(3);
    expect(togglePin(3, 2)).toBe(0);
    expect(togglePin(3, 0)).toBe(1);
  });
});
