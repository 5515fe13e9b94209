import { useRef, type KeyboardEvent } from 'react';
import type { RunState, TabResults } from '../../state/resultsSlice';
import { t } from '../../i18n/i18n';

/** What a statement's result tab says after its number: its rows, an error, or that it runs. */
function outcome(statement: RunState): string {
  switch (statement.status) {
    case 'running':
      return t('results.statementTabRunning');
    case 'error':
      return t('results.error');
    case 'canceled':
      return t('results.canceled');
    default: {
      const rows = statement.result?.rows;
      return rows && rows.columns.length > 0 ? t('results.statementTabRows', { rows: rows.rowCount }) : t('results.statementTabOk');
    }
  }
}

/**
 * Run all's results, one tab per statement (DBeaver's habit): each keeps its own summary and
 * error. One Tab stop; arrow keys, Home and End move between them.
 */
export function StatementTabs({ results, onShow }: { results: TabResults; onShow(index: number): void }) {
  const list = useRef<HTMLDivElement>(null);
  const move = (event: KeyboardEvent, index: number): void => {
    const count = results.statements.length;
    const rtl = getComputedStyle(event.currentTarget).direction === 'rtl';
    const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 }[event.key];
    const next = step !== undefined ? (index + step + count) % count : event.key === 'Home' ? 0 : event.key === 'End' ? count - 1 : null;
    if (next === null) return;
    event.preventDefault();
    onShow(next);
    list.current?.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus();
  };
  return (
    <div role="tablist" aria-label={t('results.statementTabs')} className="statement-tabs" ref={list}>
      {results.statements.map((statement, index) => (
        <button
          key={statement.runId}
          type="button"
          role="tab"
          aria-selected={index === results.shown}
          tabIndex={index === results.shown ? 0 : -1}
          className={`statement-tab statement-tab--${statement.status}`}
          onClick={() => onShow(index)}
          onKeyDown={(event) => move(event, index)}
        >
          {t('results.statementTab', { index: index + 1 })}
          <span className="statement-tab-outcome">{outcome(statement)}</span>
        </button>
      ))}
    </div>
  );
}
