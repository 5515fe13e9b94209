import { memo, useDeferredValue, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { HistoryEntry } from '../../../../shared/contract/hostApi';
import { intlLocale, t, useLocale } from '../../i18n/i18n';

/** Where a history entry opens. */
export type HistoryTarget = 'newTab' | 'currentTab';

/**
 * The queries run so far, newest first, searchable. The list is one Tab stop (a listbox with a
 * roving tabindex): arrows, Home and End move inside it, Enter or a click opens the entry where the
 * "Open in" choice says, and Shift with either opens it in the other place.
 * Memoized: it re-renders when the history changes, not with every state change of the app.
 */
export const HistoryPanel = memo(function HistoryPanel({
  history,
  onOpen,
}: {
  history: readonly HistoryEntry[];
  onOpen(sql: string, target: HistoryTarget): void;
}) {
  const locale = useLocale(); // memoized: re-render on a language switch too
  // Made once per language: a formatter is costly to build, and the panel re-renders after every run.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- intlLocale() follows `locale`
  const entryTime = useMemo(() => new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'short', timeStyle: 'short' }), [locale]);
  const [search, setSearch] = useState('');
  const [target, setTarget] = useState<HistoryTarget>('newTab');
  const [focused, setFocused] = useState(0);
  const deferred = useDeferredValue(search.trim().toLowerCase());
  const shown = useMemo(
    () => (deferred ? history.filter((entry) => entry.sql.toLowerCase().includes(deferred)) : history).slice(0, 200),
    [history, deferred],
  );
  const listId = useId();
  const hintId = useId();
  const items = useRef<(HTMLLIElement | null)[]>([]);
  // The list's one Tab stop stays on the entry last focused, within the entries shown.
  const current = Math.min(focused, Math.max(0, shown.length - 1));
  const other: HistoryTarget = target === 'newTab' ? 'currentTab' : 'newTab';
  const open = (entry: HistoryEntry, shift: boolean): void => onOpen(entry.sql, shift ? other : target);

  const moveTo = (index: number): void => {
    const next = Math.min(Math.max(0, index), shown.length - 1);
    setFocused(next);
    items.current[next]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>, index: number, entry: HistoryEntry): void => {
    switch (event.key) {
      case 'ArrowDown':
        moveTo(index + 1);
        break;
      case 'ArrowUp':
        moveTo(index - 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(shown.length - 1);
        break;
      case 'PageDown':
        moveTo(index + 10);
        break;
      case 'PageUp':
        moveTo(index - 10);
        break;
      case 'Enter':
      case ' ':
        open(entry, event.shiftKey);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <section className="panel history" aria-labelledby="history-title">
      <header className="panel-header">
        <h2 id="history-title">{t('history.title')}</h2>
        <label className="history-target">
          <span>{t('history.openIn')}</span>
          <select value={target} onChange={(event) => setTarget(event.target.value as HistoryTarget)}>
            <option value="newTab">{t('history.openInNewTab')}</option>
            <option value="currentTab">{t('history.openInCurrentTab')}</option>
          </select>
        </label>
      </header>
      <input
        type="search"
        aria-label={t('history.search')}
        aria-controls={listId}
        placeholder={t('history.search')}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      {shown.length === 0 ? <p className="muted">{t('history.empty')}</p> : null}
      <p id={hintId} className="visually-hidden">
        {t(target === 'newTab' ? 'history.hintNewTab' : 'history.hintCurrentTab')}
      </p>
      <ul id={listId} role="listbox" className="history-list" aria-labelledby="history-title" aria-describedby={hintId} hidden={shown.length === 0}>
        {shown.map((entry, index) => (
          <li
            key={`${entry.at}-${index}`}
            ref={(element) => {
              items.current[index] = element;
            }}
            role="option"
            aria-selected={index === current}
            tabIndex={index === current ? 0 : -1}
            title={t('history.restore')}
            className="history-entry"
            onClick={(event) => {
              setFocused(index);
              open(entry, event.shiftKey);
            }}
            onFocus={() => setFocused(index)}
            onKeyDown={(event) => onKeyDown(event, index, entry)}
          >
            <code dir="ltr">{entry.sql.length > 300 ? `${entry.sql.slice(0, 300)}…` : entry.sql}</code>
            <span className="muted">
              {entry.ok ? entryTime.format(new Date(entry.at)) : t(entry.canceled ? 'history.canceledAt' : 'history.failedAt', { time: entryTime.format(new Date(entry.at)) })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
});
