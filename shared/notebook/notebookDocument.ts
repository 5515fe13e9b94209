/**
 * A notebook's exports as files: the self-contained HTML report and the Jupyter notebook, from its
 * cells' run states. One function for both callers: `npm run datalab -- run --html/--ipynb` and the
 * notebook toolbar's export buttons write the same text.
 */
import type { Translate } from '../i18n/translate';
import { notebookHtmlReport } from './htmlReport';
import { notebookToJupyter } from './jupyter';
import type { Notebook } from './notebookFormat';
import type { CellRunState } from './runLoop';

export type NotebookDocumentFormat = 'html' | 'ipynb';

export interface NotebookDocumentOptions {
  /** The notebook's file name: the report's title. */
  readonly fileName: string;
  readonly t: Translate;
  readonly stateOf: (id: string) => CellRunState;
  /** Rows shown per result. */
  readonly maxRows: number;
}

export async function notebookDocument(format: NotebookDocumentFormat, notebook: Notebook, options: NotebookDocumentOptions): Promise<string> {
  const { fileName, t, stateOf, maxRows } = options;
  if (format === 'ipynb') return `${JSON.stringify(notebookToJupyter(notebook, { t, stateOf, maxRows }), null, 1)}\n`;
  // Vega draws the charts as SVG (without a window too); loaded only when a report is asked for.
  const { drawNotebookCharts } = await import('./chartRender');
  const charts = await drawNotebookCharts(notebook, stateOf);
  return notebookHtmlReport(notebook, { fileName, t, stateOf, maxRows, charts });
}
