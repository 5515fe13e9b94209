/**
 * Exports the open notebook as an HTML report or a Jupyter notebook, from the toolbar: the same
 * text the headless runner writes (shared/notebook/notebookDocument), placed through the host's
 * export path by PageFileSaveForm, as chart images are.
 */
import { notebookDocument, type NotebookDocumentFormat } from '../../../../shared/notebook/notebookDocument';
import type { Notebook } from '../../../../shared/notebook/notebookFormat';
import type { NotebookRunLoop } from '../../../../shared/notebook/runLoop';
import { t } from '../../i18n/i18n';
import { besideNotebook, PageFileSaveForm } from './PageFileSaveForm';

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
  const content = async (): Promise<Blob> => {
    // Cells that have not run since they changed run first: the export holds every result, as the runner's does.
    await latestGraph();
    await loop.runCells(loop.graph.order.filter((id) => ['idle', 'stale', 'canceled'].includes(loop.state(id).status)));
    return new Blob([await notebookDocument(format, notebook, { fileName, t, stateOf: (id) => loop.state(id), maxRows: exportRows })]);
  };
  return (
    <PageFileSaveForm
      format={format}
      // Beside the notebook, named after it (`analysis.md` → `analysis.html`).
      suggested={besideNotebook(notebookPath, `${fileName.replace(/\.md$/i, '')}.${format}`)}
      className="notebook-save-as"
      ariaLabel={t(format === 'html' ? 'notebook.export.html' : 'notebook.export.ipynb')}
      labels={{ path: t('notebook.export.path', { extension: `.${format}` }), save: t('notebook.export.save'), cancel: t('notebook.ui.cancel'), saving: t('notebook.export.saving') }}
      existsMessage={(file) => t('notebook.export.exists', { file })}
      savedMessage={(file) => t('notebook.export.saved', { file })}
      content={content}
      onDone={onDone}
    />
  );
}
