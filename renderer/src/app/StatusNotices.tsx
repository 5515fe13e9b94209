import { useEffect, useId, useRef, useState, type FocusEvent } from 'react';
import { t } from '../i18n/i18n';
import type { Notification } from '../state/notificationsSlice';
import { NotificationAction } from './NotificationAction';

/**
 * Success notices in the status bar, as an IDE shows them: one line with the latest notice and a
 * count of the others, a button that lists them all. They take the status bar's own room, so they
 * never cover the grid. Each goes after a few seconds (notificationsSlice); while the pointer is
 * on them or the focus in them they stay, so an Undo is not taken from under the keyboard on its
 * way there. The line is a polite live region (role=status), rendered even when empty so that
 * screen readers hear what is put in it.
 */
export function StatusNotices({
  notices,
  onDismiss,
  onHold,
}: {
  notices: Notification[];
  onDismiss(id: number): void;
  onHold(held: boolean): void;
}) {
  const area = useRef<HTMLDivElement>(null);
  const pointerInside = useRef(false);
  const listId = useId();
  const [listAsked, setListAsked] = useState(false);
  const latest = notices.at(-1);
  const others = notices.length - 1;
  const listOpen = listAsked && others > 0;

  const focusInside = (): boolean => area.current?.contains(document.activeElement) ?? false;
  // A notice's button goes with its notice and takes the focus with it, which no blur event
  // reports: each change of the notices asks again whether they are held.
  useEffect(() => onHold(pointerInside.current || focusInside()), [notices, onHold]);
  // The list closes with its last notice rather than reopening by itself with the next ones.
  useEffect(() => {
    if (others <= 0) setListAsked(false);
  }, [others]);

  return (
    <div
      ref={area}
      className="status-notices"
      onPointerEnter={() => {
        pointerInside.current = true;
        onHold(true);
      }}
      onPointerLeave={() => {
        pointerInside.current = false;
        onHold(focusInside());
      }}
      onFocus={() => onHold(true)}
      onBlur={(event: FocusEvent) => onHold(pointerInside.current || (area.current?.contains(event.relatedTarget as Node | null) ?? false))}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && listOpen) {
          event.stopPropagation();
          setListAsked(false);
        }
      }}
    >
      <div className="status-notice" role="status" aria-live="polite" aria-atomic="true">
        {latest ? <Notice notice={latest} onDismiss={onDismiss} /> : null}
      </div>
      {others > 0 ? (
        <button
          type="button"
          className="status-notice-count"
          title={t('notice.showAll')}
          aria-expanded={listOpen}
          {...(listOpen ? { 'aria-controls': listId } : {})}
          onClick={() => setListAsked(!listOpen)}
        >
          {t('notice.others', { count: others })}
        </button>
      ) : null}
      {listOpen ? (
        <ul id={listId} className="status-notice-list" aria-label={t('notice.list')}>
          {notices.map((n) => (
            <li key={n.id}>
              <Notice notice={n} onDismiss={onDismiss} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** One notice: its text (whole in the tooltip when the line cuts it), its count, its action. */
function Notice({ notice: n, onDismiss }: { notice: Notification; onDismiss(id: number): void }) {
  return (
    <>
      <span className="status-notice-text" title={n.text}>
        {n.text}
        {n.count > 1 ? ` ${t('notification.count', { count: n.count })}` : null}
      </span>
      <NotificationAction notification={n} className="status-notice-action" onDismiss={onDismiss} />
    </>
  );
}
