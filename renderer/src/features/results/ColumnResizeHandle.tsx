import { useRef } from 'react';

/**
 * The edge of a column header: drag it to resize the column, double-click it to fit the column to
 * its values. A mouse convenience beside the grid's own layout (widths already fit the values), so
 * it stays out of the accessibility tree and the Tab order.
 */
export function ColumnResizeHandle({ width, onResize, onAutoFit }: { width: number; onResize(width: number): void; onAutoFit(): void }) {
  const drag = useRef<{ startX: number; startWidth: number; rtl: boolean } | null>(null);
  return (
    <span
      aria-hidden="true"
      className="result-grid__resize"
      onClick={(event) => event.stopPropagation()}
      onDoubleClick={(event) => {
        event.stopPropagation();
        onAutoFit();
      }}
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        event.preventDefault();
        event.stopPropagation();
        event.currentTarget.setPointerCapture(event.pointerId);
        drag.current = { startX: event.clientX, startWidth: width, rtl: getComputedStyle(event.currentTarget).direction === 'rtl' };
      }}
      onPointerMove={(event) => {
        const start = drag.current;
        if (!start) return;
        const moved = event.clientX - start.startX;
        onResize(start.startWidth + (start.rtl ? -moved : moved));
      }}
      onPointerUp={(event) => {
        drag.current = null;
        event.currentTarget.releasePointerCapture(event.pointerId);
      }}
    />
  );
}
