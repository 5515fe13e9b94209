import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { RunState } from '../../state/resultsSlice';
import { resultAsText, type ResultTextFormat } from '../../../../shared/formats/resultText';
import type { ResultView } from '../../../../shared/sql/resultView';
import type { ResultRows } from '../../engine/results/resultRows';
import { SpillNotice } from './SpillNotice';
import { t } from '../../i18n/i18n';
import { detailText, headline } from '../../engine/engineMessages';
import { ResultGrid } from './ResultGrid';
import { resultGridText } from './resultGridText';
import { RunningProgress } from './RunningProgress';
import { loadResultCells, spreadsheetText } from './copyForSpreadsheet';
import { ResultsToolbar } from './ResultsToolbar';
import { localeDisplay, useLocaleNumbers } from './gridDisplay';
import { ValueViewer } from './ValueViewer';

/** More rows than this make a clipboard paste that no spreadsheet or chat takes well. */
const maxCopiedRows = 100_000;
/** Rows fetched at a time while copying a result kept on the main side. */
const copyStepRows = 8_192;
/** Typing pauses this long before the engine filters. */
const filterDelayMs = 350;
const formatNames: Record<ResultTextFormat, string> = { csv: 'CSV', tsv: 'TSV', markdown: 'Markdown' };

async function copyResult(rows: ResultRows, format: ResultTextFormat | 'spreadsheet'): Promise<string> {
  const cells = await loadResultCells(rows, maxCopiedRows, copyStepRows);
  const count = cells.length;
  let formatName: string;
  if (format === 'spreadsheet') {
    const copied = spreadsheetText(rows, cells);
    await navigator.clipboard.writeText(copied.text);
    formatName = copied.formatName;
  } else {
    const texts = cells.map((row) => row.map((cell) => (cell === null || cell.kind === 'null' ? null : cell.text)));
    await navigator.clipboard.writeText(resultAsText(format, rows.columns.map((c) => c.name), texts));
    formatName = formatNames[format];
  }
  return count < rows.rowCount
    ? t('results.copiedFirstRows', { rows: count, total: rows.rowCount, format: formatName })
    : t('results.copiedRows', { rows: count, format: formatName });
}

/** Subscribes to a result's rows, so the panel re-renders as rows arrive. */
function useRowsVersion(rows: ResultRows | null): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!rows) return;
    const unsubscribe = rows.onChange(() => setVersion((v) => v + 1));
    // Rows may have arrived between the render that showed `rows` and this subscription (a quick
    // filter streams the rest of its rows within the frame): read them again, or the count shown
    // stays the first batch's.
    setVersion((v) => v + 1);
    return unsubscribe;
  }, [rows]);
  return version;
}

/** The result of the last run: a summary line, the error if any, a filter, and the rows. */
export function ResultsPanel({
  state,
  onCopied,
  onView,
  onProfile,
  onSwitchToNative,
  statementTabs,
  placeholder,
  engineSpills = false,
}: {
  state: RunState;
  /** Run all's result tabs, one per statement, shown above the result (see StatementTabs). */
  statementTabs?: ReactNode;
  /** Shown before the first run instead of the usual hint (the welcome screen, while there are no tables). */
  placeholder?: ReactNode;
  /** The engine spills to disk (the native engine): while a statement runs, say how much. */
  engineSpills?: boolean;
  onCopied(message?: string): void;
  onView(view: ResultView): void;
  onProfile(): void;
  /** Offered beside an error the native engine would not have (a missing extension). */
  onSwitchToNative(): void;
}) {
  const { runId, status, result, view, viewing, computing, elapsedMs, error, statementIndex, statementCount, startedAt } = state;
  const rows = result?.rows ?? null;
  const version = useRowsVersion(rows);
  const localeNumbers = useLocaleNumbers();
  const hasColumns = (rows?.columns.length ?? 0) > 0;
  const rowCount = rows?.rowCount ?? 0;
  const [filter, setFilter] = useState('');
  /** The cell shown in the value viewer, in the result it belongs to (another result closes it). */
  const [viewed, setViewed] = useState<{ rows: ResultRows; row: number; col: number } | null>(null);
  const viewedCell = viewed && viewed.rows === rows ? viewed : null;
  const openCell = useCallback((row: number, col: number) => rows && setViewed({ rows, row, col }), [rows]);

  /** The filter the box last asked for: a sort in flight must not make the box ask again. */
  const requestedFilter = useRef('');
  const filterBox = useRef<HTMLInputElement>(null);
  // A new statement clears the box; the engine filters once typing pauses.
  useEffect(() => {
    requestedFilter.current = '';
    setFilter('');
  }, [runId]);
  const requestFilter = useCallback(() => {
    requestedFilter.current = filter;
    onView({ ...view, filter });
  }, [filter, view, onView]);
  useEffect(() => {
    // Asked for even while another view is computed (the runner shows only the latest answer),
    // and also when the box is back to the shown filter while another is being computed; never
    // again for the text it already asked for (a sort in flight would be replaced by it).
    if (filter === requestedFilter.current) return;
    const timer = setTimeout(requestFilter, filterDelayMs);
    return () => clearTimeout(timer);
  }, [filter, requestFilter]);

  const sortBy = (column: number): void => {
    // Ascending, then descending, then the statement's own order.
    const current = view.sort?.column === column ? view.sort : null;
    const sort = !current ? { column, descending: false } : !current.descending ? { column, descending: true } : null;
    onView({ ...view, sort });
  };

  const done = status === 'done' || status === 'canceled';
  return (
    // data-run-id: which run the panel shows (a fast run replaces the last result without an empty panel between).
    <section className="panel results" aria-labelledby="results-title" data-run-id={runId}>
      <header className="panel-header results-summary">
        <h2 id="results-title">{t('results.title')}</h2>
        <span role="status" className="results-status">
          {status === 'running' && !rows ? startedAt !== null ? <RunningProgress startedAt={startedAt} /> : t('results.running') : null}
          {status === 'canceled' ? `${t('results.canceled')} ` : null}
          {/* A canceled statement's rows are only those stored before it stopped: never shown as a plain count. */}
          {rows && hasColumns && status === 'canceled' ? t('results.canceledIncomplete', { rows: rowCount }) : null}
          {rows && hasColumns && status !== 'error' && status !== 'canceled'
            ? view.filter !== ''
              ? t('results.filteredOf', { rows: rowCount })
              : t('results.summary', { rows: rowCount, ms: Math.round(elapsedMs) })
            : null}
          {computing ? ` · ${t('results.computing')}` : null}
          {viewing ? ` · ${t('results.filtering')}` : null}
          {statementCount > 1 ? ` · ${t('results.summaryStatement', { index: statementIndex, count: statementCount })}` : null}
        </span>
        {rows && hasColumns ? (
          <ResultsToolbar
            rows={rows}
            relation={result?.relation ?? null}
            settled={done && !computing}
            onCopy={(copied, format) => void copyResult(copied, format).then(onCopied, () => undefined)}
            onProfile={onProfile}
          />
        ) : null}
        {rows && hasColumns && result?.relation ? (
          <input
            type="search"
            ref={filterBox}
            className="results-filter"
            aria-label={t('results.filter')}
            placeholder={t('results.filterPlaceholder')}
            value={filter}
            disabled={status === 'running' || !result.withView}
            title={result.withView ? undefined : t('results.viewRunsAgain')}
            onChange={(event) => setFilter(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && filter !== requestedFilter.current) requestFilter();
            }}
          />
        ) : null}
      </header>
      {statementTabs}
      {engineSpills ? <SpillNotice active={status === 'running' || computing} /> : null}
      {status === 'error' && error ? (
        <div className="query-error" role="alert">
          {/* DuckDB's own words keep their direction (an English message stays whole in Arabic). */}
          <p dir="auto">{error.headline}</p>
          {error.remedy === 'nativeEngine' ? (
            <button type="button" onClick={onSwitchToNative}>
              {t('engine.switchToNative')}
            </button>
          ) : null}
          {error.detail !== error.headline ? (
            <details>
              <summary>{t('results.error')}</summary>
              <pre dir="auto">{detailText(error.detail)}</pre>
            </details>
          ) : null}
        </div>
      ) : null}
      {rows?.error ? (
        <p className="query-error" role="alert">
          {t('results.rowsUnavailable', { message: headline(rows.error.message) })}
        </p>
      ) : null}
      {status === 'idle' ? (placeholder ?? <p className="muted results-placeholder">{t('results.none')}</p>) : null}
      {status === 'done' && !hasColumns ? <p className="muted">{t('results.statementOk')}</p> : null}
      {status === 'done' && hasColumns && rowCount === 0 && !computing ? <p className="muted">{t('results.noRows')}</p> : null}
      {rows && hasColumns ? (
        <div className="results-grid-area">
        <ResultGrid
          result={rows}
          version={version}
          sort={view.sort}
          onSort={status === 'running' || viewing || !result?.withView ? undefined : sortBy}
          label={t('results.grid')}
          text={resultGridText()}
          onCopy={onCopied}
          display={localeNumbers ? localeDisplay : undefined}
          onOpenCell={openCell}
          onFindRequest={result?.relation ? () => filterBox.current?.focus() : undefined}
        />
        {viewedCell ? (
          <ValueViewer
            value={{
              column: rows.columns[viewedCell.col]?.name ?? '',
              typeName: rows.columns[viewedCell.col]?.typeName ?? '',
              row: viewedCell.row,
              text: rows.cell(viewedCell.row, viewedCell.col)?.text ?? '',
              isNull: rows.cell(viewedCell.row, viewedCell.col)?.kind === 'null',
            }}
            onClose={() => setViewed(null)}
            onCopied={onCopied}
          />
        ) : null}
        </div>
      ) : null}
    </section>
  );
}
