import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { prettyValue } from '../../../../shared/values/prettyValue';
import { t } from '../../i18n/i18n';
import './valueViewer.css';

/** The cell the viewer shows, as the grid hands it over. */
export interface ViewedValue {
  column: string;
  typeName: string;
  /** 0-based, as the grid counts. */
  row: number;
  text: string;
  isNull: boolean;
}

/**
 * A side panel that shows one value in full: long text wrapped, JSON indented, and LIST, STRUCT and
 * MAP values laid out by their brackets (shared/values/prettyValue.ts), with a copy button. Esc
 * closes it and focus goes back where it came from (the grid, whose active cell is still the one).
 */
export function ValueViewer({ value, onClose, onCopied }: { value: ViewedValue; onClose(): void; onCopied(message?: string): void }) {
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const [asWritten, setAsWritten] = useState(false);
  const pretty = useMemo(() => prettyValue(value.text, value.typeName), [value.text, value.typeName]);
  const shown = asWritten || value.isNull ? value.text : pretty.text;

  // Focus comes in when the panel opens (or shows another value), and goes back when it closes.
  useEffect(() => {
    if (!returnTo.current) returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    panel.current?.querySelector<HTMLElement>('.value-viewer__value')?.focus();
  }, [value.row, value.column]);
  const close = (): void => {
    const target = returnTo.current;
    onClose();
    target?.focus();
  };

  const copy = (): void => {
    navigator.clipboard.writeText(shown).then(
      () => onCopied(t('valueViewer.copied')),
      () => undefined,
    );
  };

  return (
    <div
      ref={panel}
      className="value-viewer"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        close();
      }}
    >
      <header className="value-viewer__header">
        <h3 id={titleId}>
          {t('valueViewer.title', { column: value.column, row: value.row + 1 })}
        </h3>
        <span className="value-viewer__type" dir="ltr">{value.typeName}</span>
      </header>
      <div className="value-viewer__actions">
        <button type="button" onClick={copy}>
          {t('valueViewer.copy')}
        </button>
        {pretty.layout !== 'plain' && !value.isNull ? (
          <label>
            <input type="checkbox" checked={asWritten} onChange={(event) => setAsWritten(event.target.checked)} />
            {t('valueViewer.asWritten')}
          </label>
        ) : null}
        <button type="button" onClick={close} title={t('valueViewer.closeHint')}>
          {t('valueViewer.close')}
        </button>
      </div>
      {/* The panel's one region, named by its heading; focusable, so the keyboard scrolls a long value. */}
      <pre className={`value-viewer__value${value.isNull ? ' is-null' : ''}`} tabIndex={0} role="region" aria-labelledby={titleId} dir="auto">
        {shown}
      </pre>
    </div>
  );
}
