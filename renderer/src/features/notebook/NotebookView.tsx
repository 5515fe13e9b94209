/**
 * One notebook: its cells in order (Markdown shown rendered and edited in place, SQL in Monaco,
 * charts drawn by Vega, see ChartCellView), each SQL cell's result or error below it, stale cells and
 * graph problems marked on the cells. Runs go through the shared run loop on the page's engine.
 */
import { useCallback, useEffect, useId, useReducer, useRef, useState } from 'react';
import type { CellRunState, CellStatus } from '../../../../shared/notebook/runLoop';
import { quoteIdentifier } from '../../../../shared/sql/identifiers';
import { createCell, isValidCellName, withCellChanged, withCells, type ChartCell, type NotebookCell, type SqlCell } from '../../../../shared/notebook/notebookFormat';
import { MarkdownBody } from './MarkdownBody';
import type { MessageKey } from '../../../../shared/i18n/translate';
import type { Engine } from '../../engine/engine';
import type { EditorTable } from '../editor/editorTable';
import { t } from '../../i18n/i18n';
import { ResultGrid } from '../results/ResultGrid';
import { resultGridText } from '../results/resultGridText';
import { AutoRunSwitch } from './AutoRunSwitch';
import { CellRunActions } from './CellRunActions';
import { DiskChangeBanner } from './DiskChangeBanner';
import { namedResultsFor } from './namedResults';
import { rowTabId } from '../layout/TabRow';
import { notebookPanelId, notebookTabKey } from './notebookTabs';
import { notebookLoop, type IsKeptTable } from './notebookLoops';
import { gridRowsOf } from './pageNotebookEngine';
import { SqlCellEditor } from '../editor/lazyEditors';
import { ChartBuilder } from './ChartBuilder';
import { ChartCellView } from './ChartCellView';
import { SaveAsError, SavePathField, useSaveAs } from '../files/saveAs';
import { useFirstPlace } from '../files/firstPlace';
import { isDirty, type NotebooksState, type OpenNotebook } from './useNotebooks';
import { CellProblems } from './CellProblems';
import { NotebookExportForm } from './NotebookExportForm';
import type { NotebookDocumentFormat } from '../../../../shared/notebook/notebookDocument';

export interface NotebookViewProps {
  doc: OpenNotebook;
  engine: Engine;
  notebooks: NotebooksState;
  onCopied(message?: string): void;
  /** Profile a named cell's result (a table on the engine). */
  onProfile?(target: { relation: string; columns: { name: string; typeName: string }[]; title: string }): void;
  /** Whether the workspace keeps a table in a file of its own (Keep): a result kept so stays when the notebook closes. */
  isKeptTable: IsKeptTable;
}

const statusKeys: Record<CellStatus, MessageKey> = {
  idle: 'notebook.ui.status.idle',
  stale: 'notebook.ui.status.stale',
  queued: 'notebook.ui.status.queued',
  running: 'notebook.ui.status.running',
  done: 'notebook.ui.status.done',
  error: 'notebook.ui.status.error',
  canceled: 'notebook.ui.status.canceled',
  blocked: 'notebook.ui.status.blocked',
};

export function NotebookView({ doc, engine, notebooks, onCopied, onProfile, isKeptTable }: NotebookViewProps) {
  // One run loop per open notebook and engine, kept while the notebook is open (see notebookLoops).
  const loop = notebookLoop(doc.key, engine, doc.path, isKeptTable);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => loop.onChange(() => rerender()), [loop]);

  // The graph follows the text (a short pause after typing, as each cell's SQL is parsed by DuckDB).
  const notebook = doc.notebook;
  const updated = useRef<Promise<void>>(Promise.resolve());
  useEffect(() => {
    const timer = setTimeout(() => {
      updated.current = loop.update(notebook).then(rerender, () => undefined);
    }, 250);
    return () => clearTimeout(timer);
  }, [loop, notebook]);
  const current = useRef(notebook);
  current.current = notebook;
  const latestGraph = useCallback(async () => {
    await loop.update(current.current);
    rerender();
  }, [loop]);

  // A cell's own failure shows on the cell; one before any cell starts (the graph could not be
  // read: the host did not answer) is said here, or the click would seem to do nothing.
  const { notify } = notebooks;
  const reportRunFailure = useCallback(
    (error: unknown) => notify('error', t('notebook.ui.runFailed', { message: error instanceof Error ? error.message : String(error) })),
    [notify],
  );
  const runCell = useCallback(
    (id: string) => latestGraph().then(() => loop.runCells([id])).catch(reportRunFailure),
    [latestGraph, loop, reportRunFailure],
  );
  const runAll = useCallback(() => latestGraph().then(() => loop.runAll()).catch(reportRunFailure), [latestGraph, loop, reportRunFailure]);
  const runAbove = (id: string): Promise<void> => latestGraph().then(() => loop.runAbove(id)).catch(reportRunFailure);
  const runBelow = (id: string): Promise<void> => latestGraph().then(() => loop.runBelow(id)).catch(reportRunFailure);
  const setAutoRun = (on: boolean): void => {
    loop.autoRun = on;
    rerender();
    // Switched on: what is stale now runs at once, as after an edit.
    if (on) void latestGraph().then(() => loop.runStale()).catch(reportRunFailure);
  };

  const change = (next: typeof notebook): void => {
    // Known at once, before React renders it: Shift+Enter right after typing runs what was typed.
    current.current = next;
    notebooks.change(doc.key, next);
  };
  const setCells = (cells: readonly NotebookCell[]): void => change(withCells(notebook, cells));
  const move = (index: number, step: -1 | 1): void => {
    const cells = [...notebook.cells];
    const target = index + step;
    if (target < 0 || target >= cells.length) return;
    [cells[index], cells[target]] = [cells[target]!, cells[index]!];
    setCells(cells);
  };
  const remove = (index: number): void => setCells(notebook.cells.filter((_, i) => i !== index));
  const add = (kind: 'sql' | 'markdown'): void =>
    setCells([...notebook.cells, kind === 'sql' ? createCell('sql', '') : createCell('markdown', t('notebook.ui.newMarkdown') + '\n')]);

  const focusCell = (index: number): void => {
    const next = notebook.cells[index];
    if (!next) return;
    const element = document.querySelector<HTMLElement>(`[data-cell-id="${next.id}"]`);
    const editor = element?.querySelector<HTMLElement>('.monaco-editor textarea, textarea');
    (editor ?? element)?.focus();
  };
  const runAndAdvance = (index: number): void => {
    const cell = notebook.cells[index];
    if (cell && cell.kind !== 'markdown') void runCell(cell.id);
    focusCell(index + 1);
  };

  /** The Save as form, open with the path it offers. */
  const [savingAs, setSavingAs] = useState<string | null>(null);
  const [exporting, setExporting] = useState<NotebookDocumentFormat | null>(null);
  const dirty = isDirty(doc);
  const problems = loop.graph.problems;
  // A notebook in Data Lab's own folders (a course's) is never written there: Save asks where to keep
  // a copy, offering the file browser's first place (the home folder), and the page says why.
  const firstPlace = useFirstPlace();
  const readOnlyNote = useId();
  const copyPath = `${firstPlace}${doc.fileName}`;
  const saveAsPath = doc.readOnly ? copyPath : (doc.path ?? '');

  return (
    <section id={notebookPanelId} role="tabpanel" aria-labelledby={rowTabId(notebookTabKey(doc))} className="notebook">
      <div className="notebook-toolbar" role="toolbar" aria-label={t('notebook.ui.toolbar')}>
        <button type="button" className="primary" onClick={() => void runAll()}>
          {t('notebook.ui.runAll')}
        </button>
        <button type="button" onClick={() => loop.cancelAll()}>
          {t('notebook.ui.cancelAll')}
        </button>
        <AutoRunSwitch on={loop.autoRun} onToggle={setAutoRun} />
        <button
          type="button"
          onClick={() => (doc.readOnly ? setSavingAs(copyPath) : doc.path ? void notebooks.save(doc) : setSavingAs(''))}
          disabled={!dirty && doc.path !== null}
          aria-describedby={doc.readOnly ? readOnlyNote : undefined}
        >
          {t('notebook.ui.save')}
        </button>
        <button type="button" onClick={() => setSavingAs(saveAsPath)}>
          {t('notebook.ui.saveAs')}
        </button>
        <button type="button" onClick={() => setExporting('html')}>
          {t('notebook.export.html')}
        </button>
        <button type="button" onClick={() => setExporting('ipynb')}>
          {t('notebook.export.ipynb')}
        </button>
        <span className="muted notebook-file" aria-live="polite">
          <bdi>{doc.path ?? doc.fileName}</bdi> {dirty ? t('notebook.ui.unsaved') : t('notebook.ui.allSaved')}
        </span>
      </div>
      {doc.readOnly ? (
        <p id={readOnlyNote} className="notebook-read-only muted" role="note">
          {t('notebook.ui.readOnly')}
        </p>
      ) : null}
      {doc.changedOnDisk ? (
        <DiskChangeBanner fileName={doc.fileName} dirty={dirty} onReload={() => void notebooks.reload(doc)} onKeepMine={() => notebooks.keepMine(doc)} />
      ) : null}
      {exporting ? (
        <NotebookExportForm
          key={exporting}
          format={exporting}
          notebook={notebook}
          loop={loop}
          notebookPath={doc.path}
          fileName={doc.fileName}
          latestGraph={latestGraph}
          onDone={(message) => {
            setExporting(null);
            if (message) onCopied(message);
          }}
        />
      ) : null}
      {savingAs !== null ? (
        <NotebookSaveAsForm
          suggested={savingAs}
          onSave={(path, overwrite) => notebooks.saveAs(doc, path, overwrite)}
          onClose={() => setSavingAs(null)}
        />
      ) : null}
      <ol className="notebook-cells">
        {notebook.cells.map((cell, index) => (
          <li key={cell.id} className={`notebook-cell notebook-cell--${cell.kind} notebook-cell--${loop.state(cell.id).status}`} data-cell-id={cell.id} tabIndex={-1}>
            <div className="notebook-cell-actions">
              {cell.kind !== 'markdown' ? (
                <CellRunActions
                  n={index + 1}
                  running={['running', 'queued'].includes(loop.state(cell.id).status)}
                  onRun={() => void runCell(cell.id)}
                  onRunAbove={() => void runAbove(cell.id)}
                  onRunBelow={() => void runBelow(cell.id)}
                  onCancel={() => loop.cancel(cell.id)}
                />
              ) : null}
              <button type="button" onClick={() => move(index, -1)} disabled={index === 0} aria-label={t('notebook.ui.moveUp', { n: index + 1 })}>
                {t('notebook.ui.upGlyph')}
              </button>
              <button type="button" onClick={() => move(index, 1)} disabled={index === notebook.cells.length - 1} aria-label={t('notebook.ui.moveDown', { n: index + 1 })}>
                {t('notebook.ui.downGlyph')}
              </button>
              <button type="button" onClick={() => remove(index)} aria-label={t('notebook.ui.deleteCell', { n: index + 1 })}>
                {t('notebook.ui.deleteGlyph')}
              </button>
            </div>
            {cell.kind === 'markdown' ? (
              <MarkdownCellView text={cell.text} language={doc.language} index={index} onChange={(text) => change(withCellChanged(notebook, cell.id, { text }))} onAdvance={() => focusCell(index + 1)} />
            ) : cell.kind === 'sql' ? (
              <SqlCellView
                cell={cell}
                index={index}
                state={loop.state(cell.id)}
                problems={(problems.get(cell.id) ?? []).map((problem) => t(problem.key, problem.params))}
                onText={(text) => change(withCellChanged<SqlCell>(current.current, cell.id, { text }))}
                onName={(name) => change(withCellChanged<SqlCell>(current.current, cell.id, { name }))}
                onRunAndAdvance={() => runAndAdvance(index)}
                onCopied={onCopied}
                onInsertChart={(spec) => setCells(current.current.cells.flatMap((c) => (c.id === cell.id ? [c, createCell('chart', spec)] : [c])))}
                onProfile={onProfile}
                namedResults={() => namedResultsFor(current.current.cells, cell.id, (id) => loop.state(id).table, t('notebook.app.namedResult'))}
              />
            ) : (
              <ChartCellView
                cell={cell}
                index={index}
                state={loop.state(cell.id)}
                problems={(problems.get(cell.id) ?? []).map((problem) => t(problem.key, problem.params))}
                notebookPath={doc.path}
                onText={(text) => change(withCellChanged<ChartCell>(current.current, cell.id, { text }))}
                onNotice={onCopied}
              />
            )}
          </li>
        ))}
      </ol>
      <div className="notebook-add">
        <button type="button" onClick={() => add('sql')}>
          {t('notebook.ui.addSql')}
        </button>
        <button type="button" onClick={() => add('markdown')}>
          {t('notebook.ui.addMarkdown')}
        </button>
      </div>
    </section>
  );
}

function MarkdownCellView({ text, language, index, onChange, onAdvance }: { text: string; language: string | null | undefined; index: number; onChange(text: string): void; onAdvance(): void }) {
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <textarea
        className="notebook-markdown-editor"
        lang={language ?? undefined}
        dir="auto"
        aria-label={t('notebook.ui.markdownEditor', { n: index + 1 })}
        value={text}
        autoFocus
        rows={Math.min(20, Math.max(3, text.split('\n').length))}
        onChange={(event) => onChange(event.target.value)}
        onBlur={() => setEditing(false)}
        onKeyDown={(event) => {
          if ((event.key === 'Enter' && event.shiftKey) || event.key === 'Escape') {
            event.preventDefault();
            setEditing(false);
            if (event.key === 'Enter') onAdvance();
          }
        }}
      />
    );
  }
  return (
    <div className="notebook-markdown">
      <MarkdownBody markdown={text} language={language} />
      <button type="button" className="notebook-edit" onClick={() => setEditing(true)} aria-label={t('notebook.ui.editMarkdown', { n: index + 1 })}>
        {t('notebook.ui.edit')}
      </button>
    </div>
  );
}

interface SqlCellViewProps {
  cell: SqlCell;
  index: number;
  state: CellRunState;
  problems: string[];
  onText(text: string): void;
  onName(name: string | null): void;
  onRunAndAdvance(): void;
  onCopied(message?: string): void;
  onInsertChart(spec: string): void;
  onProfile: NotebookViewProps['onProfile'];
  namedResults(): EditorTable[];
}

function SqlCellView({ cell, index, state, problems, onText, onName, onRunAndAdvance, onCopied, onInsertChart, onProfile, namedResults }: SqlCellViewProps) {
  const [name, setName] = useState(cell.name ?? '');
  const nameValid = name === '' || isValidCellName(name);
  const rows = gridRowsOf(state.table);
  const errorText = state.error ? t(state.error.key, state.error.params) : null;
  return (
    <div className="notebook-sql">
      <div className="notebook-sql-header">
        <label>
          {t('notebook.ui.resultName')}
          <input
            type="text"
            dir="ltr"
            value={name}
            aria-invalid={!nameValid}
            onChange={(event) => {
              setName(event.target.value);
              const next = event.target.value.trim();
              if (next === '' || isValidCellName(next)) onName(next === '' ? null : next);
            }}
          />
        </label>
        <span className={`notebook-status notebook-status--${state.status}`} role="status">
          {t(statusKeys[state.status])}
          {state.status === 'done' && state.table ? ` · ${t('notebook.ui.rows', { count: state.table.rowCount })}` : ''}
        </span>
      </div>
      <SqlCellEditor cellId={cell.id} text={cell.text} ariaLabel={t('notebook.ui.sqlEditor', { n: index + 1 })} onChange={onText} onRunAndAdvance={onRunAndAdvance} namedResults={namedResults} />
      {!nameValid ? <p className="error-text">{t('notebook.ui.badName', { name })}</p> : null}
      <CellProblems problems={problems} errorText={errorText} />
      {state.status === 'done' ? (
        <ChartBuilder
          name={cell.name}
          table={state.table}
          index={index}
          onInsert={onInsertChart}
          beside={
            onProfile && cell.name && state.table ? (
              <button
                type="button"
                aria-label={t('notebook.profileCell', { n: index + 1 })}
                onClick={() =>
                  onProfile({
                    // A named result is a table on the engine: the profile reads all of it, not the rows shown.
                    relation: quoteIdentifier(cell.name!),
                    columns: state.table!.columns.map((name, i) => ({ name, typeName: state.table!.types[i] ?? '' })),
                    title: cell.name!,
                  })
                }
              >
                {t('notebook.profile')}
              </button>
            ) : null
          }
        />
      ) : null}
      {rows && state.status !== 'error' ? (
        <div className="notebook-result">
          <ResultGrid
            result={rows}
            version={rows.rowCount}
            label={t('notebook.ui.resultGrid', { n: index + 1 })}
            text={resultGridText()}
            onCopy={onCopied}
          />
        </div>
      ) : null}
    </div>
  );
}

/** Save as: the path typed in full; a file already there is replaced only when the user saves again. */
function NotebookSaveAsForm({ suggested, onSave, onClose }: { suggested: string; onSave(path: string, overwrite: boolean): Promise<void>; onClose(): void }) {
  const form = useSaveAs(suggested, async (path, overwrite) => {
    await onSave(path, overwrite);
    onClose();
  });
  return (
    <form
      className="notebook-save-as"
      onSubmit={(event) => {
        event.preventDefault();
        void form.save();
      }}
    >
      <SavePathField label={t('notebook.ui.saveAsPath')} form={form} />
      <button type="submit" className="primary" disabled={form.busy}>
        {t('notebook.ui.save')}
      </button>
      <button type="button" onClick={onClose}>
        {t('notebook.ui.cancel')}
      </button>
      <SaveAsError form={form} />
    </form>
  );
}
