import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import './layout.css';

/** How far one arrow key moves a splitter, and Page Up/Down, in percent of the container. */
const keyStep = 2;
const pageStep = 10;

export interface SplitterProps {
  /** The accessible name: which panes it divides. */
  label: string;
  /** 'vertical': a bar between panes side by side (moves along the inline axis); 'horizontal': between stacked panes. */
  orientation: 'vertical' | 'horizontal';
  /** The first pane's size, in percent of the container. */
  value: number;
  min: number;
  max: number;
  /** The element whose size the percentages are of. */
  container(): HTMLElement | null;
  onChange(value: number): void;
}

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, Math.round(value * 10) / 10));

/**
 * A splitter between two panes, for the mouse and the keyboard: a focusable `role="separator"`
 * with its position in `aria-valuenow` (WAI-ARIA's window splitter). Arrows move it by 2 %, Page
 * Up/Down by 10 %, Home and End to its limits. In a right-to-left page the inline axis runs from
 * the right, and so do the arrows.
 */
export function Splitter({ label, orientation, value, min, max, container, onChange }: SplitterProps) {
  const dragging = useRef(false);
  const vertical = orientation === 'vertical';

  const percentAt = (event: PointerEvent): number | null => {
    const box = container()?.getBoundingClientRect();
    if (!box) return null;
    if (!vertical) return ((event.clientY - box.top) / box.height) * 100;
    const rtl = getComputedStyle(event.currentTarget).direction === 'rtl';
    return ((rtl ? box.right - event.clientX : event.clientX - box.left) / box.width) * 100;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const rtl = getComputedStyle(event.currentTarget).direction === 'rtl';
    const forward = vertical ? (rtl ? 'ArrowLeft' : 'ArrowRight') : 'ArrowDown';
    const backward = vertical ? (rtl ? 'ArrowRight' : 'ArrowLeft') : 'ArrowUp';
    const next =
      event.key === forward ? value + keyStep
      : event.key === backward ? value - keyStep
      : event.key === 'PageDown' ? value + pageStep
      : event.key === 'PageUp' ? value - pageStep
      : event.key === 'Home' ? min
      : event.key === 'End' ? max
      : null;
    if (next === null) return;
    event.preventDefault();
    onChange(clamp(next, min, max));
  };

  return (
    <div
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-orientation={orientation}
      aria-valuenow={Math.round(value)}
      aria-valuemin={min}
      aria-valuemax={max}
      className={`splitter splitter--${orientation}`}
      onKeyDown={onKeyDown}
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        event.preventDefault();
        dragging.current = true;
        event.currentTarget.setPointerCapture(event.pointerId);
        event.currentTarget.focus();
      }}
      onPointerMove={(event) => {
        if (!dragging.current) return;
        const percent = percentAt(event);
        if (percent !== null) onChange(clamp(percent, min, max));
      }}
      onPointerUp={(event) => {
        dragging.current = false;
        event.currentTarget.releasePointerCapture(event.pointerId);
      }}
    />
  );
}
