import { useLayoutEffect, useRef, useState } from 'react';

/** The room the tab strip keeps, in ems of its text: about one tab's worth. */
const minStripEm = 12;
/** How much more than that room the words need before they come back: no flicker at the threshold. */
const hysteresisPx = 4;

let canvas: CanvasRenderingContext2D | null | undefined;

/** A text's width in the element's font, whether or not the element is shown (a compact label is not). */
function textWidth(element: Element): number {
  if (canvas === undefined) canvas = document.createElement('canvas').getContext('2d');
  const text = element.textContent ?? '';
  if (!canvas) return text.length * 8;
  canvas.font = getComputedStyle(element).font;
  return canvas.measureText(text).width;
}

/**
 * Keeps a toolbar that holds a tab strip on one row, with its buttons whole: when, with their
 * words, the strip would have less than about one tab's room, the toolbar becomes compact and the
 * buttons whose face is a ToolbarLabel show their drawings instead (their names and titles stay).
 * The decision is always taken on the room the strip would have with the words, measured in
 * either state, so it does not flip back and forth.
 *
 * `row` is the part of the toolbar whose children pack at its start and that grows into the free
 * room; `strip` is the tab strip inside it.
 */
export function useCompactToolbar() {
  const toolbar = useRef<HTMLDivElement>(null);
  const row = useRef<HTMLDivElement>(null);
  const strip = useRef<HTMLDivElement | null>(null);
  const [compact, setCompact] = useState(false);
  const compactNow = useRef(compact);
  compactNow.current = compact;

  useLayoutEffect(() => {
    const bar = toolbar.current;
    const rowElement = row.current;
    if (!bar || !rowElement) return;
    const measure = (): void => {
      const stripElement = strip.current;
      const last = rowElement.lastElementChild;
      if (!stripElement || !last) return;
      const rtl = getComputedStyle(rowElement).direction === 'rtl';
      const rowBox = rowElement.getBoundingClientRect();
      const lastBox = last.getBoundingClientRect();
      const free = Math.max(0, rtl ? lastBox.left - rowBox.left : rowBox.right - lastBox.right);
      let room = stripElement.getBoundingClientRect().width + free;
      if (compactNow.current) {
        // The words take the place of the drawings (1em each), on the buttons shown (a notebook
        // hides the editor's).
        for (const label of bar.querySelectorAll('.toolbar-label')) {
          if (label.parentElement?.getClientRects().length) room -= textWidth(label) - Number.parseFloat(getComputedStyle(label).fontSize);
        }
      }
      const needed = minStripEm * Number.parseFloat(getComputedStyle(stripElement).fontSize);
      const next = compactNow.current ? room < needed + hysteresisPx : room < needed;
      if (next !== compactNow.current) {
        compactNow.current = next;
        setCompact(next);
      }
    };
    // Any size in the toolbar may change the room: the window, a tab opened or renamed, a language.
    const sizes = new ResizeObserver(measure);
    const observeAll = (): void => {
      sizes.disconnect();
      sizes.observe(bar);
      for (const element of bar.querySelectorAll('[role="tablist"], [role="tablist"] > *, [role="tab"], button, .toolbar-label')) sizes.observe(element);
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
