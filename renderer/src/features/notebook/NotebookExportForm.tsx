/**
 * Exports the open notebook as an HTML report or a Jupyter notebook, from the toolbar: the same
 * text the headless runner writes (shared/notebook/notebookDocument), placed through the host's
 * export path as chart images are (inside the file roots, never in the app's folders, the format's
 * extension, an existing file replaced only once the user saves again, temp + rename).
 */
import { useState } from 'react';
import { notebookDocument, type NotebookDocumentFormat } from '../../../../shared/notebook/notebookDocument';
import type { Notebook } from '../../../../shared/notebook/notebookFormat';
import type { NotebookRunLoop } from '../../../../shared/notebook/runLoop';
import { runExportJob } from '../../engine/exportJob';
import { hostClient } from '../../host/hostClient';
import { t } from '../../i18n/i18n';

export interface NotebookExportFormProps {
  format: NotebookDocumentFormat;
  notebook: Notebook;
  loop: NotebookRunLoop;
  /** The notebook's file (null until saved) and name: where and as what the export is suggested. */
  notebookPath: string | null;
  fileName: string;
  /** Brings the run loop's graph up to the text typed last. */
  latestGraph(): Promise<void>;
  /** Closed: with the message to show when the file was written. */
  onDone(message?: string): void;
}

/** Rows per result in an export, as the headless runner writes them. */
const exportRows = 1_000;

export function NotebookExportForm({ format, notebook, loop, notebookPath, fileName, latestGraph, onDone }: NotebookExportFormProps) {
  const [destination, setDestination] = useState(() => suggestedPath(notebookPath, fileName, format));
  const [overwrite, setOverwrite] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const check = await hostClient.exports.checkDestination(destination, format);
      const target = check.path.split(/[\\/]/).pop() ?? check.path;
      if (check.exists && !overwrite) {
        setOverwrite(true);
        setError(t('notebook.export.exists', { file: target }));
        return;
      }
      // Cells that have not run since they changed run first: the export holds every result, as the runner's does.
      await latestGraph();
      await loop.runCells(loop.graph.order.filter((id) => ['idle', 'stale', 'canceled'].includes(loop.state(id).status)));
      const text = await notebookDocument(format, notebook, { fileName, t, stateOf: (id) => loop.state(id), maxRows: exportRows });
      const controller = new AbortController();
      const stagedId = await hostClient.exports.upload(new Blob([text]), controller.signal);
      await runExportJob({ kind: 'staged', stagedId, contains: 'file' }, { relation: '', format, destination: check.path, overwrite }, () => undefined, controller.signal);
      onDone(t('notebook.export.saved', { file: target }));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="notebook-save-as"
      aria-label={t(format === 'html' ? 'notebook.export.html' : 'notebook.export.ipynb')}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <label>
        {t('notebook.export.path', { extension: `.${format}` })}
        <input
          type="text"
          dir="ltr"
          value={destination}
          required
          autoFocus
          onChange={(event) => {
            setDestination(event.target.value);
            setOverwrite(false);
          }}
        />
      </label>
      <button type="submit" className="primary" disabled={busy}>
        {t('notebook.export.save')}
      </button>
      <button type="button" onClick={() => onDone()}>
        {t('notebook.ui.cancel')}
      </button>
      {busy ? <span role="status">{t('notebook.export.saving')}</span> : null}
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/** Beside the notebook, named after it (`analysis.md` → `analysis.html`); just the name for a notebook never saved. */
function suggestedPath(notebookPath: string | null, fileName: string, format: NotebookDocumentFormat): string {
  const name = `${fileName.replace(/\.md$/i, '')}.${format}`;
  if (!notebookPath) return name;
  const slash = Math.max(notebookPath.lastIndexOf('/'), notebookPath.lastIndexOf('\\'));
  return `${notebookPath.slice(0, slash + 1)}${name}`;
}
