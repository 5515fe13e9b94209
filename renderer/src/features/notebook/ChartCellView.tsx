/**
 * A chart cell: Vega draws its spec over the rows the run loop's plan query returned (grouped in
 * SQL when the spec aggregates), the spec can be edited by hand, and the drawing can be saved as
 * SVG or PNG through the host's export path. Vega is loaded on first use (it is large), and runs
 * in its CSP-safe mode (see shared/notebook/chartRender.ts). A spec that fails to draw says why in
 * the cell; the page carries on.
 */
import { useEffect, useRef, useState } from 'react';
import type { View } from 'vega';
import { chartPlan, defaultChartRows } from '../../../../shared/notebook/chartQuery';
import { readChartSpec } from '../../../../shared/notebook/chartSpec';
import { capped, wasCapped } from '../../../../shared/notebook/chartTable';
import type { ChartCell } from '../../../../shared/notebook/notebookFormat';
import type { CellRunState } from '../../../../shared/notebook/runLoop';
import { t } from '../../i18n/i18n';
import { ChartSaveForm } from './ChartSaveForm';
import './charts.css';
import { CellProblems } from './CellProblems';

export interface ChartCellViewProps {
  cell: ChartCell;
  index: number;
  state: CellRunState;
  /** Problems of the graph on this cell (translated). */
  problems: string[];
  /** The notebook's file, for where a saved image goes by default. */
  notebookPath: string | null;
  onText(text: string): void;
  onNotice(message: string): void;
}

export function ChartCellView({ cell, index, state, problems, notebookPath, onText, onNotice }: ChartCellViewProps) {
  const figure = useRef<HTMLDivElement>(null);
  const view = useRef<View | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [drawn, setDrawn] = useState(false);
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState<'svg' | 'png' | null>(null);
  // The rows were planned from the text as it was when the cell ran: draw with that text.
  const text = useRef(cell.text);
  text.current = cell.text;

  const table = state.status === 'error' ? null : state.table;
  useEffect(() => {
    setFailure(null);
    setDrawn(false);
    if (!table || !figure.current) return;
    const container = figure.current;
    let current: View | null = null;
    let disposed = false;
    const read = readChartSpec(text.current);
    if ('problem' in read) return;
    import('../../../../shared/notebook/chartRender')
      .then(async ({ chartView }) => {
        if (disposed) return;
        const { view: made, errors } = chartView(chartPlan(read.spec, read.dataName).spec, capped(table, defaultChartRows), 'svg');
        current = made;
        await made.initialize(container).runAsync();
        if (disposed) return;
        view.current = made;
        if (errors.length > 0) setFailure(errors[0]!);
        else setDrawn(true);
      })
      .catch((error: unknown) => {
        if (!disposed) setFailure(error instanceof Error ? error.message : String(error));
      });
    return () => {
      disposed = true;
      current?.finalize();
      view.current = null;
      container.replaceChildren();
    };
  }, [table]);

  const read = readChartSpec(cell.text);
  const plan = 'problem' in read ? null : chartPlan(read.spec, read.dataName);
  const notes: string[] = [];
  if (table && drawn && wasCapped(table, defaultChartRows)) notes.push(t('chart.capped', { shown: defaultChartRows }));
  else if (table && drawn && plan?.aggregated) notes.push(t('chart.grouped', { rows: table.rowCount }));
  const errorText = state.error ? t(state.error.key, state.error.params) : null;

  return (
    <div className="notebook-chart">
      <div className="notebook-chart-header">
        <button type="button" onClick={() => setEditing(!editing)} aria-expanded={editing}>
          {editing ? t('chart.ui.hideSpec') : t('chart.ui.editSpec')}
        </button>
        <button type="button" onClick={() => setSaving('svg')} disabled={!drawn}>
          {t('chart.ui.saveSvg')}
        </button>
        <button type="button" onClick={() => setSaving('png')} disabled={!drawn}>
          {t('chart.ui.savePng')}
        </button>
      </div>
      {editing || problems.length > 0 ? (
        <textarea
          className="notebook-chart-spec"
          dir="ltr"
          spellCheck={false}
          aria-label={t('chart.ui.specEditor', { n: index + 1 })}
          value={cell.text}
          rows={Math.min(24, Math.max(6, cell.text.split('\n').length))}
          onChange={(event) => onText(event.target.value)}
        />
      ) : null}
      <CellProblems problems={problems} errorText={errorText} />
      {failure ? (
        <p className="error-text notebook-error" role="alert">
          {t('chart.drawFailed', { message: failure })}
        </p>
      ) : null}
      {!table && !errorText && problems.length === 0 ? <p className="muted">{t('chart.ui.notRun')}</p> : null}
      <figure className="notebook-chart-figure" aria-label={t('chart.ui.figure', { n: index + 1 })} hidden={!table}>
        <div ref={figure} dir="ltr" />
        {notes.map((note) => (
          <figcaption key={note} className="muted">
            {note}
          </figcaption>
        ))}
      </figure>
      {saving && view.current ? (
        <ChartSaveForm format={saving} view={view.current} index={index} notebookPath={notebookPath} onDone={(message) => {
          setSaving(null);
          if (message) onNotice(message);
        }} />
      ) : null}
    </div>
  );
}
