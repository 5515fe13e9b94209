import { useLayoutEffect, useRef, useState } from 'react';
import { t } from '../../i18n/i18n';
import { MenuButton, type MenuAction } from './MenuButton';
import './toolbar.css';

/** The gap between a toolbar's controls, as toolbar.css sets it. */
const gapPx = 4;

/** An action drawn inline: a button, or a checkbox for a switch. */
function InlineAction({ action, tabbable }: { action: MenuAction; tabbable: boolean }) {
  const tabIndex = tabbable ? undefined : -1;
  if (action.checked !== undefined) {
    return (
      <label className="overflow-toolbar__switch">
        <input type="checkbox" tabIndex={tabIndex} checked={action.checked} disabled={action.disabled} onChange={action.onSelect} />
        {action.label}
      </label>
    );
  }
  return (
    <button
      type="button"
      tabIndex={tabIndex}
      disabled={action.disabled}
      aria-label={action.accessibleName}
      aria-haspopup={action.opensDialog ? 'dialog' : undefined}
      onClick={action.onSelect}
    >
      {action.label}
    </button>
  );
}

/**
 * A row of actions that never wraps: the actions that fit are drawn in order, and the rest go to
 * a "More actions" menu button at its end. The widths come from a hidden copy of the row, measured
 * again when the toolbar's width or its labels (a language switch) change.
 */
export function OverflowToolbar({ label, actions, className }: { label: string; actions: readonly MenuAction[]; className?: string }) {
  const rowRef = useRef<HTMLDivElement>(null);
  const measureRef = useRef<HTMLDivElement>(null);
  const [available, setAvailable] = useState(0);
  const [shown, setShown] = useState(actions.length);

  useLayoutEffect(() => {
    const row = rowRef.current;
    if (!row) return;
    const measure = (): void => setAvailable(row.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(row);
    return () => observer.disconnect();
  }, []);

  // Whenever the actions are given again: a label may have changed width (a language switch, a table's name).
  useLayoutEffect(() => {
    const measured = measureRef.current;
    if (!measured) return;
    const children = [...measured.children] as HTMLElement[];
    const more = children.pop();
    const widths = children.map((child) => child.getBoundingClientRect().width);
    const total = widths.reduce((sum, width) => sum + width, 0) + gapPx * Math.max(0, widths.length - 1);
    let fitting = widths.length;
    if (total > available) {
      let used = more?.getBoundingClientRect().width ?? 0;
      fitting = 0;
      for (const width of widths) {
        if (used + width + gapPx > available) break;
        used += width + gapPx;
        fitting++;
      }
    }
    setShown((previous) => (previous === fitting ? previous : fitting));
  }, [available, actions]);

  const inline = actions.slice(0, shown);
  const overflow = actions.slice(shown);
  return (
    <div role="group" aria-label={label} className={`overflow-toolbar${className ? ` ${className}` : ''}`} ref={rowRef}>
      {inline.map((action) => (
        <InlineAction key={action.id} action={action} tabbable />
      ))}
      {overflow.length > 0 ? <MenuButton label={t('toolbar.more')} content="⋯" actions={overflow} /> : null}
      <div ref={measureRef} className="overflow-toolbar__measure" aria-hidden="true" inert>
        {actions.map((action) => (
          <InlineAction key={action.id} action={action} tabbable={false} />
        ))}
        <button type="button" tabIndex={-1}>
          ⋯
        </button>
      </div>
    </div>
  );
}
