import type { RunState } from '../../app/useQueryRunner';
import { resultAsText, type ResultTextFormat } from '../../../../shared/formats/resultText';
import { t } from '../../i18n/i18n';
import { ResultGrid } from './ResultGrid';
import type { ResultSet } from './resultSet';

/** More rows than this make a clipboard paste that no spreadsheet or chat takes well. */
const maxCopiedRows = 100_000;
const formatNames: Record<ResultTextFormat, string> = { csv: 'CSV', tsv: 'TSV', markdown: 'Markdown' };

async function copyResult(result: ResultSet, format: ResultTextFormat): Promise<string> {
  const count = Math.min(result.rowCount, maxCopiedRows);
  const rows = (function* () {
    for (let row = 0; row < count; row++) yield result.rowCells(row);
  })();
  await navigator.clipboard.writeText(resultAsText(format, result.columns.map((c) => c.name), rows));
  return count < result.rowCount
    ? t('results.copiedFirstRows', { rows: count, total: result.rowCount, format: formatNames[format] })
    : t('results.copiedRows', { rows: count, format: formatNames[format] });
}

/** The result of the last run: a summary line, the error if any, and the rows. */
export function ResultsPanel({ state, onCopied }: { state: RunState; onCopied(message?: string): void }) {
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
        {result && hasColumns && status === 'done' ? (
          <span role="group" aria-label={t('results.copyAs')} className="results-copy">
            {(['csv', 'tsv', 'markdown'] as const).map((format) => (
              <button key={format} type="button" onClick={() => void copyResult(result, format).then(onCopied, () => undefined)}>
                {t(format === 'csv' ? 'results.copyAsCsv' : format === 'tsv' ? 'results.copyAsTsv' : 'results.copyAsMarkdown')}
              </button>
            ))}
          </span>
        ) : null}
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
      {status === 'done' && hasColumns && result?.rowCount === 0 ? <p className="muted">{t('results.noRows')}</p> : null}
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
