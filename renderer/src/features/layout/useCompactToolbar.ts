import { useLayoutEffect, useRef, useState } from 'react';

/** A compact toolbar's class: set by React from `compact`, and taken off for an instant by the measure. */
const compactClass = 'toolbar--compact';

/**
 * What the row shows only while the strip hides tabs (TabRow's All tabs button): were every tab to
 * fit, it would go and its room would be the strip's, so the measure counts that room as the strip's.
 */
export const stripOverflowOnlyClass = 'toolbar__strip-overflow-only';

/** Rounding between the sizes compared: boxes in fractions of a pixel, scroll sizes in whole pixels. */
const tolerancePx = 1;

/**
 * Whether every tab of the strip fits whole in the row with the buttons' words shown. Measured in
 * the words' layout whatever the toolbar shows (its compact class is taken off for the measure and
 * put back before anything is painted), and with what only shows while tabs are hidden counted as
 * the strip's room: so the answer depends on the window, the tabs and the words, never on which
 * layout is shown, and the toolbar cannot flip between the two.
 */
function tabsFitWithWords(bar: HTMLElement, row: HTMLElement, strip: HTMLElement): boolean {
  const wasCompact = bar.classList.contains(compactClass);
  if (wasCompact) bar.classList.remove(compactClass);
  try {
    const rtl = getComputedStyle(row).direction === 'rtl';
    const rowBox = row.getBoundingClientRect();
    let room = strip.clientWidth;
    // The row grows into the toolbar's free room and packs its children at its start: what is
    // left after its last child is room the strip could take.
    const last = row.lastElementChild;
    if (last) {
      const lastBox = last.getBoundingClientRect();
      room += Math.max(0, rtl ? lastBox.left - rowBox.left : rowBox.right - lastBox.right);
    }
    const gap = Number.parseFloat(getComputedStyle(row).columnGap) || 0;
    for (const element of row.querySelectorAll(`.${stripOverflowOnlyClass}`)) room += element.getBoundingClientRect().width + gap;
    return strip.scrollWidth <= room + tolerancePx;
  } finally {
    if (wasCompact) bar.classList.add(compactClass);
  }
}

/**
 * Keeps a toolbar that holds a tab strip on one row, with its buttons whole and its tabs whole:
 * when, with their words, the buttons would leave the strip too little room to show every tab, the
 * toolbar becomes compact and the buttons whose face is a ToolbarLabel show their drawings instead
 * (their names and titles stay). Drawings come before cutting tabs; only when the tabs do not fit
 * even then does the strip scroll. The decision is a function of the window, the tabs and the
 * words (tabsFitWithWords), so the same window and tabs always give the same layout.
 *
 * `row` is the part of the toolbar whose children pack at its start and that grows into the free
 * room; `strip` is the tab strip inside it.
 */
export function useCompactToolbar() {
  const toolbar = useRef<HTMLDivElement>(null);
  const row = useRef<HTMLDivElement>(null);
  const strip = useRef<HTMLDivElement | null>(null);
  const [compact, setCompact] = useState(false);

  useLayoutEffect(() => {
    const bar = toolbar.current;
    const rowElement = row.current;
    if (!bar || !rowElement) return;
    const measure = (): void => {
      const stripElement = strip.current;
      if (!stripElement) return;
      setCompact(!tabsFitWithWords(bar, rowElement, stripElement));
    };
    // Any size in the toolbar may change the room: the window, a tab opened or renamed, a language.
    const sizes = new ResizeObserver(measure);
    const observeAll = (): void => {
      sizes.disconnect();
      sizes.observe(bar);
      for (const element of bar.querySelectorAll('[role="tablist"], [role="tablist"] > *, [role="tablist"] > * > *, [role="tab"], button, .toolbar-label')) sizes.observe(element);
    };
    observeAll();
    measure();
    const changes = new MutationObserver(observeAll);
    changes.observe(bar, { childList: true, subtree: true, characterData: true });
    return () => {
      sizes.disconnect();
      changes.disconnect();
    };
  }, []);

  return { toolbar, row, strip, compact };
}
