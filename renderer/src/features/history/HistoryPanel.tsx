import { memo, useDeferredValue, useMemo, useState } from 'react';
import type { HistoryEntry } from '../../../../shared/contract/hostApi';
import { t } from '../../i18n/i18n';

/** Made once: a formatter is costly to build, and the panel re-renders after every run. */
const entryTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

/**
 * The queries run so far, newest first, searchable; choosing one opens it in a new tab.
 * Memoized: it re-renders when the history changes, not with every state change of the app.
 */
export const HistoryPanel = memo(function HistoryPanel({ history, onRestore }: { history: readonly HistoryEntry[]; onRestore(sql: string): void }) {
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
              <code>{entry.sql.length > 300 ? `${entry.sql.slice(0, 300)}…` : entry.sql}</code>
              <span className="muted">
                {entryTime.format(new Date(entry.at))}
                {entry.ok ? '' : ` · ${t(entry.canceled ? 'history.canceled' : 'history.failed')}`}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
});
