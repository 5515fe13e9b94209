import type { RunState } from '../../app/useQueryRunner';
import { t } from '../../i18n/i18n';
import { ResultGrid } from './ResultGrid';

/** The result of the last run: a summary line, the error if any, and the rows. */
export function ResultsPanel({ state, onCopied }: { state: RunState; onCopied(): void }) {
  const { status, result, version, elapsedMs, error, statementIndex, statementCount } = state;
  const hasColumns = (result?.columns.length ?? 0) > 0;
  return (
    <section className="panel results" aria-labelledby="results-title">
      <header className="panel-header results-summary">
        <h2 id="results-title">{t('results.title')}</h2>
        <span role="status" className="results-status">
          {status === 'running' ? t('results.running') : null}
          {status === 'canceled' ? t('results.canceled') : null}
          {status === 'done' || (status === 'running' && result)
            ? t(result?.rowCount === 1 ? 'results.summaryOne' : 'results.summary', { rows: result?.rowCount ?? 0, ms: Math.round(elapsedMs) })
            : null}
          {statementCount > 1 ? ` · ${t('results.summaryStatement', { index: statementIndex, count: statementCount })}` : null}
        </span>
      </header>
      {status === 'error' && error ? (
        <div className="query-error" role="alert">
          <p>{error.headline}</p>
          {error.detail !== error.headline ? (
            <details>
              <summary>{t('results.error')}</summary>
              <pre>{error.detail}</pre>
            </details>
          ) : null}
        </div>
      ) : null}
      {status === 'idle' ? <p className="muted results-placeholder">{t('results.none')}</p> : null}
      {status === 'done' && !hasColumns ? <p className="muted">{t('results.statementOk')}</p> : null}
      {result && hasColumns ? (
        <ResultGrid
          result={result}
          version={version}
          label={t('results.grid')}
          text={{ rowNumber: t('results.rowNumber'), copyCell: t('results.copyCell'), copyRow: t('results.copyRow'), copied: t('results.copied') }}
          onCopy={onCopied}
        />
      ) : null}
    </section>
  );
}
