/**
 * Jupyter notebooks (nbformat 4.5) to and from Data Lab notebooks.
 *
 * Export: Markdown cells as Markdown; SQL cells as `%%sql` code cells (JupySQL's convention: a
 * named cell is `%%sql --save name`, which later cells read by name), their results as
 * `text/html` tables; charts as code cells whose output is `application/vnd.vegalite.v5+json`
 * with the data inlined. (No PNG fallback: Vega does not run on the main side yet.)
 *
 * Import: Markdown cells and `%%sql` cells become a notebook; other code cells are kept as fenced
 * blocks in the Markdown, which never run, and each is reported so the user is told.
 */
import type { Translate } from '../i18n/translate';
import { chartSpecOf } from './dependencyGraph';
import { chartPlan, defaultChartRows } from './chartQuery';
import { capped } from './chartTable';
import { tableAsRecords, type NotebookTable } from './notebookEngine';
import { isValidCellName, parseNotebook, type ChartCell, type Notebook } from './notebookFormat';
import type { CellRunState } from './runLoop';
import { tableHtml } from './htmlReport';

type MultilineString = string[];

export interface JupyterOutput {
  output_type: 'execute_result' | 'display_data' | 'error';
  [key: string]: unknown;
}

export interface JupyterCell {
  id: string;
  cell_type: 'markdown' | 'code' | 'raw';
  metadata: Record<string, unknown>;
  source: MultilineString | string;
  outputs?: JupyterOutput[];
  execution_count?: number | null;
}

export interface JupyterNotebook {
  nbformat: 4;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: JupyterCell[];
}

/** Jupyter's multiline strings: lines, each keeping its line ending. */
function lines(text: string): MultilineString {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') {
      out.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

function joined(source: MultilineString | string | undefined): string {
  return Array.isArray(source) ? source.join('') : (source ?? '');
}

export interface JupyterExportOptions {
  readonly t: Translate;
  readonly stateOf: (id: string) => CellRunState;
  readonly maxRows?: number;
}

export function notebookToJupyter(notebook: Notebook, options: JupyterExportOptions): JupyterNotebook {
  const maxRows = options.maxRows ?? 1_000;
  const cells: JupyterCell[] = [];
  let count = 0;
  notebook.cells.forEach((cell, index) => {
    const id = `cell-${index + 1}`;
    if (cell.kind === 'markdown') {
      // The blank lines between cells are the file's layout, not the cell's content.
      const text = cell.text.replace(/^(\r?\n)+/, '').replace(/(\r?\n)+$/, '');
      if (text.trim().length > 0) cells.push({ id, cell_type: 'markdown', metadata: {}, source: lines(text.replace(/\r\n/g, '\n')) });
      return;
    }
    const state = options.stateOf(cell.id);
    const ran = state.status === 'done' || state.status === 'error';
    const executionCount = ran ? ++count : null;
    const datalab = { kind: cell.kind, ...(cell.kind === 'sql' && cell.name ? { name: cell.name } : {}), options: Object.fromEntries(cell.options) };
    if (cell.kind === 'sql') {
      const magic = cell.name ? `%%sql --save ${cell.name}\n` : '%%sql\n';
      cells.push({
        id,
        cell_type: 'code',
        metadata: { datalab },
        source: lines(magic + cell.text.replace(/\r\n/g, '\n')),
        execution_count: executionCount,
        outputs: sqlOutputs(state, executionCount, maxRows, options.t),
      });
    } else {
      cells.push({
        id,
        cell_type: 'code',
        metadata: { datalab },
        source: lines(cell.text.replace(/\r\n/g, '\n')),
        execution_count: executionCount,
        outputs: chartOutputs(cell, state),
      });
    }
  });
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
      language_info: { name: 'python' },
    },
    cells,
  };
}

function sqlOutputs(state: CellRunState, executionCount: number | null, maxRows: number, t: Translate): JupyterOutput[] {
  if (state.error) {
    const message = t(state.error.key, state.error.params);
    return [{ output_type: 'error', ename: 'DuckDBError', evalue: message, traceback: [message] }];
  }
  if (!state.table) return [];
  return [
    {
      output_type: 'execute_result',
      execution_count: executionCount,
      metadata: {},
      data: { 'text/html': lines(tableHtml(state.table, maxRows, t)), 'text/plain': lines(plainTable(state.table, Math.min(maxRows, 20))) },
    },
  ];
}

function chartOutputs(cell: ChartCell, state: CellRunState): JupyterOutput[] {
  const parsed = chartSpecOf(cell);
  if ('error' in parsed || !state.table) return [];
  // The rows are the chart's plan query (grouped in SQL): the spec drawn over them is the planned one.
  const { data: _data, ...rest } = chartPlan(parsed.spec, parsed.dataName).spec;
  // No $schema address: the mimetype names the version, and the file refers to nothing outside it.
  const spec = { ...rest, data: { values: tableAsRecords(capped(state.table, defaultChartRows)) } };
  return [{ output_type: 'display_data', metadata: {}, data: { 'application/vnd.vegalite.v5+json': spec, 'text/plain': ['<VegaLite 5 chart>'] } }];
}

function plainTable(table: NotebookTable, rows: number): string {
  const body = table.rows.slice(0, rows).map((row) => row.map((value) => value ?? 'NULL').join('\t'));
  return [table.columns.join('\t'), ...body].join('\n');
}

/** What an import made, and what the user must be told. */
export interface JupyterImport {
  /** The notebook's Markdown text, to save as a `.md` file. */
  readonly text: string;
  readonly notebook: Notebook;
  /** Code cells kept as fenced blocks that do not run: their place (1-based) and language. */
  readonly keptCode: readonly { index: number; language: string }[];
}

/** Why a file is not a Jupyter notebook this import reads. */
export class JupyterReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JupyterReadError';
  }
}

export function jupyterToNotebook(json: string): JupyterImport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new JupyterReadError(error instanceof Error ? error.message : String(error));
  }
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as JupyterNotebook).cells)) throw new JupyterReadError('no "cells" list');
  const ipynb = parsed as JupyterNotebook;
  const languageInfo = ipynb.metadata?.language_info as { name?: unknown } | undefined;
  const language = typeof languageInfo?.name === 'string' && /^[\w+#.-]+$/.test(languageInfo.name) ? languageInfo.name : 'python';
  const blocks: string[] = [];
  const keptCode: { index: number; language: string }[] = [];
  ipynb.cells.forEach((cell, i) => {
    const source = joined(cell.source).replace(/\r\n/g, '\n').replace(/\n+$/, '');
    if (cell.cell_type === 'markdown' || cell.cell_type === 'raw') {
      if (source.trim().length > 0) blocks.push(source);
      return;
    }
    if (cell.cell_type !== 'code') return;
    const datalab = (cell.metadata?.datalab ?? {}) as { kind?: unknown; options?: unknown };
    const options = typeof datalab.options === 'object' && datalab.options !== null ? Object.entries(datalab.options as Record<string, unknown>).map(([k, v]) => `${k}=${String(v)}`) : [];
    const [first = '', ...rest] = source.split('\n');
    if (first.startsWith('%%sql')) {
      const name = sqlMagicName(first);
      blocks.push(fenced(['sql', ...(name ? [name] : []), ...options].join(' '), rest.join('\n')));
    } else if (datalab.kind === 'chart') {
      blocks.push(fenced(['vega-lite', ...options].join(' '), source));
    } else if (source.trim().length > 0) {
      keptCode.push({ index: i + 1, language });
      blocks.push(fenced(language, source));
    }
  });
  const text = blocks.length > 0 ? `${blocks.join('\n\n')}\n` : '';
  return { text, notebook: parseNotebook(text), keptCode };
}

/** The result's name in a JupySQL cell magic: `%%sql --save name`, `%%sql name <<` (the variable). */
function sqlMagicName(magic: string): string | null {
  const words = magic.split(/\s+/).slice(1);
  const save = words.indexOf('--save');
  const candidate = save >= 0 ? words[save + 1] : words[1] === '<<' ? words[0] : undefined;
  return candidate && isValidCellName(candidate) ? candidate : null;
}

function fenced(info: string, body: string): string {
  let fence = '```';
  while (body.includes(fence)) fence += '`';
  return `${fence}${info}\n${body}${body.length > 0 ? '\n' : ''}${fence}`;
}

/** Text for telling the user what an import kept but will not run. */
export function keptCodeMessages(result: JupyterImport, t: Translate): string[] {
  return result.keptCode.map(({ index, language }) => t('notebook.import.keptCode', { index, language }));
}
