/**
 * A notebook as one self-contained HTML file that opens offline in any browser: the Markdown
 * (sanitized), the SQL unless hidden, each result's first rows saying how many there are, and
 * charts. It references nothing outside itself (no script, stylesheet, font, image or link to
 * load), and its Content-Security-Policy forbids loading anything even if it did.
 *
 * Charts are inline SVG, drawn beforehand by Vega (`drawNotebookCharts` in chartRender.ts: the
 * report itself stays synchronous and free of Vega); a chart not drawn shows its spec and why.
 */
import type { Translate } from '../i18n/translate';
import type { ChartDrawing } from './chartRender';
import { escapeHtml, markdownToHtml } from './markdownHtml';
import { isNumericType, type NotebookTable } from './notebookEngine';
import { cellOption, type Notebook } from './notebookFormat';
import type { CellRunState } from './runLoop';

export interface ReportOptions {
  /** Shown as the report's title and in its footer: the notebook's file name. */
  readonly fileName: string;
  readonly t: Translate;
  /** A cell's run state (results, errors). */
  readonly stateOf: (id: string) => CellRunState;
  /** Rows shown per result. */
  readonly maxRows?: number;
  /** Each chart cell's drawing (SVG, or why it has none), by cell id. */
  readonly charts?: ReadonlyMap<string, ChartDrawing>;
}

/** Nothing may load: no network, no file, no script; styles only from this file. */
export const reportContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const styles = `
body { font-family: system-ui, sans-serif; margin: 0; color: #1d1d1f; background: #fff; }
main { max-inline-size: 60rem; margin-inline: auto; padding: 1.5rem; }
pre { background: #f5f5f7; padding: 0.75rem; overflow-x: auto; border-radius: 4px; }
pre.sql { border-inline-start: 3px solid #3b82f6; }
.cell-name { font-family: ui-monospace, monospace; font-size: 0.85rem; color: #555; margin-block-end: 0.25rem; }
table { border-collapse: collapse; font-size: 0.9rem; margin-block: 0.5rem; }
th, td { border: 1px solid #ddd; padding: 0.2rem 0.5rem; text-align: start; vertical-align: top; }
td.number { text-align: end; font-variant-numeric: tabular-nums; }
td.null { color: #888; font-style: italic; }
.result { overflow-x: auto; }
.rows-note, .chart-note { color: #555; font-size: 0.85rem; }
.error { color: #b00020; white-space: pre-wrap; }
figure.chart { margin: 0.5rem 0; overflow-x: auto; }
.url { color: #555; }
footer { color: #777; font-size: 0.8rem; margin-block-start: 2rem; }
`;

export function notebookHtmlReport(notebook: Notebook, options: ReportOptions): string {
  const { t } = options;
  const maxRows = options.maxRows ?? 1_000;
  const parts: string[] = [];
  for (const cell of notebook.cells) {
    if (cell.kind === 'markdown') {
      parts.push(`<section class="markdown">\n${markdownToHtml(cell.text)}</section>`);
      continue;
    }
    const hide = cellOption(cell, 'hide');
    const state = options.stateOf(cell.id);
    const out: string[] = [];
    if (cell.kind === 'sql') {
      if (cell.name) out.push(`<div class="cell-name">${escapeHtml(cell.name)}</div>`);
      if (hide !== 'code' && hide !== 'all') out.push(`<pre class="sql"><code>${escapeHtml(cell.text)}</code></pre>`);
      if (hide !== 'result' && hide !== 'all') out.push(resultHtml(state, maxRows, t));
    } else {
      const drawing = state.error ? undefined : options.charts?.get(cell.id);
      if (drawing && 'svg' in drawing) {
        // Vega's SVG: its text is escaped by Vega, and the spec could make it load nothing (chartSpec.ts).
        out.push(`<figure class="chart">${drawing.svg}</figure>`);
      } else {
        out.push(`<p class="chart-note">${escapeHtml(t('chart.notDrawn'))}</p>`);
        if (drawing && 'problem' in drawing) out.push(`<p class="error" role="alert">${escapeHtml(t(drawing.problem.key, drawing.problem.params))}</p>`);
        if (drawing && 'failure' in drawing) out.push(`<p class="error" role="alert">${escapeHtml(t('chart.drawFailed', { message: drawing.failure }))}</p>`);
        out.push(`<pre class="chart-spec"><code>${escapeHtml(cell.text)}</code></pre>`);
        if (state.error) out.push(errorHtml(state, t));
      }
    }
    parts.push(`<section class="${cell.kind}">\n${out.join('\n')}\n</section>`);
  }
  const title = escapeHtml(options.fileName);
  return `<!DOCTYPE html>
<html lang="und" dir="auto">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${reportContentSecurityPolicy}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${styles}</style>
</head>
<body>
<main dir="auto">
${parts.join('\n')}
<footer>${escapeHtml(t('notebook.export.generator', { file: options.fileName }))}</footer>
</main>
</body>
</html>
`;
}

function resultHtml(state: CellRunState, maxRows: number, t: Translate): string {
  if (state.error) return errorHtml(state, t);
  if (!state.table) return `<p class="rows-note">${escapeHtml(t('notebook.export.notRun'))}</p>`;
  return tableHtml(state.table, maxRows, t);
}

function errorHtml(state: CellRunState, t: Translate): string {
  const error = state.error!;
  return `<p class="error" role="alert">${escapeHtml(t(error.key, error.params))}</p>`;
}

/** A result as an HTML table, with a note saying how many of its rows are shown. */
export function tableHtml(table: NotebookTable, maxRows: number, t: Translate): string {
  const numeric = table.types.map(isNumericType);
  const head = table.columns.map((column, i) => `<th scope="col" title="${escapeHtml(table.types[i] ?? '')}">${escapeHtml(column)}</th>`).join('');
  const shown = table.rows.slice(0, maxRows);
  const body = shown
    .map((row) => `<tr>${row.map((value, i) => (value === null ? '<td class="null">NULL</td>' : `<td${numeric[i] ? ' class="number"' : ''}>${escapeHtml(value)}</td>`)).join('')}</tr>`)
    .join('\n');
  const note = shown.length < table.rowCount ? t('notebook.export.rowsShown', { shown: shown.length, total: table.rowCount }) : t('notebook.export.rowsAll', { total: table.rowCount });
  return `<div class="result"><table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>\n<p class="rows-note">${escapeHtml(note)}</p>`;
}
