import { memo, useDeferredValue, useMemo, useState } from 'react';
import type { HistoryEntry } from '../../../../shared/contract/hostApi';
import { intlLocale, t, useLocale } from '../../i18n/i18n';

/**
 * The queries run so far, newest first, searchable; choosing one opens it in a new tab.
 * Memoized: it re-renders when the history changes, not with every state change of the app.
 */
export const HistoryPanel = memo(function HistoryPanel({ history, onRestore }: { history: readonly HistoryEntry[]; onRestore(sql: string): void }) {
  const locale = useLocale(); // memoized: re-render on a language switch too
  // Made once per language: a formatter is costly to build, and the panel re-renders after every run.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- intlLocale() follows `locale`
  const entryTime = useMemo(() => new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'short', timeStyle: 'short' }), [locale]);
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search.trim().toLowerCase());
  const shown = useMemo(
    () => (deferred ? history.filter((entry) => entry.sql.toLowerCase().includes(deferred)) : history).slice(0, 200),
    [history, deferred],
  );
  return (
    <section className="panel history" aria-labelledby="history-title">
      <header className="panel-header">
        <h2 id="history-title">{t('history.title')}</h2>
      </header>
      <input
        type="search"
        aria-label={t('history.search')}
        placeholder={t('history.search')}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      {shown.length === 0 ? <p className="muted">{t('history.empty')}</p> : null}
      <ul className="history-list">
        {shown.map((entry, index) => (
          <li key={`${entry.at}-${index}`}>
            <button type="button" title={t('history.restore')} onClick={() => onRestore(entry.sql)} className="history-entry">
              <code dir="ltr">{entry.sql.length > 300 ? `${entry.sql.slice(0, 300)}…` : entry.sql}</code>
              <span className="muted">
                {entry.ok ? entryTime.format(new Date(entry.at)) : t(entry.canceled ? 'history.canceledAt' : 'history.failedAt', { time: entryTime.format(new Date(entry.at)) })}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
});
