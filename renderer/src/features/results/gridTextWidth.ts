/**
 * Text widths in the grid's own fonts, measured by a canvas (`measureText`) rather than guessed per
 * character: a wide glyph, a proportional font or Arabic script all measure true.
 */
import type { GridFonts } from './columnWidths';

/** Characters measured at most per value: past the widest column's worth, the width is capped anyway. */
const MEASURED_CHARS = 120;

/** The grid's fonts as resultGrid.css sets them, from the page's font variables. */
export function gridFonts(): GridFonts {
  const root = getComputedStyle(document.documentElement);
  const mono = root.getPropertyValue('--dl-font-mono').trim() || "ui-monospace, 'SF Mono', Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace";
  const ui = root.getPropertyValue('--dl-font-ui').trim() || 'system-ui, sans-serif';
  return { cell: `12.5px ${mono}`, name: `600 13px ${ui}`, type: `11px ${mono}` };
}

let context: CanvasRenderingContext2D | null | undefined;

/** A text's width in pixels in a CSS font, in this page. */
export function measureText(text: string, font: string): number {
  if (context === undefined) context = document.createElement('canvas').getContext('2d');
  const shown = text.length > MEASURED_CHARS ? text.slice(0, MEASURED_CHARS) : text;
  if (!context) return shown.length * 8;
  context.font = font;
  return context.measureText(shown).width;
}
