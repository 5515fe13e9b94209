/**
 * Saves a file the page makes (a chart image, an HTML report, a Jupyter notebook) through the
 * host's export path: the host checks the destination (inside the file roots, never in the app's
 * folders, the format's extension), an existing file is replaced only when the user saves again,
 * and the host writes it under a temporary name, then renames it.
 */
import type { FileFormat } from '../../../../shared/contract/exportApi';
import { runExportJob } from '../../engine/exportJob';
import { hostClient } from '../../host/hostClient';
import { fileNameOf } from '../../../../shared/engine/filePaths';
import { DestinationExistsError, SaveAsError, SavePathField, useSaveAs } from '../files/saveAs';

export interface PageFileSaveFormProps {
  format: FileFormat;
  /** The path offered at first. */
  suggested: string;
  className: string;
  ariaLabel?: string;
  labels: { path: string; save: string; cancel: string; saving: string };
  /** The messages for a file that exists (save again to replace it) and for a file written. */
  existsMessage(file: string): string;
  savedMessage(file: string): string;
  /** The file's bytes, made once the destination is accepted. */
  content(): Promise<Blob>;
  /** Closed: with the message to show when the file was written. */
  onDone(message?: string): void;
}

export function PageFileSaveForm({ format, suggested, className, ariaLabel, labels, existsMessage, savedMessage, content, onDone }: PageFileSaveFormProps) {
  const form = useSaveAs(suggested, async (destination, overwrite) => {
    const check = await hostClient.exports.checkDestination(destination, format);
    const file = fileNameOf(check.path);
    if (check.exists && !overwrite) throw new DestinationExistsError(existsMessage(file));
    const controller = new AbortController();
    const stagedId = await hostClient.exports.upload(await content(), controller.signal);
    await runExportJob({ kind: 'staged', stagedId, contains: 'file' }, { relation: '', format, destination: check.path, overwrite }, () => undefined, controller.signal);
    onDone(savedMessage(file));
  });

  return (
    <form
      className={className}
      aria-label={ariaLabel}
      onSubmit={(event) => {
        event.preventDefault();
        void form.save();
      }}
    >
      <SavePathField label={labels.path} form={form} />
      <button type="submit" className="primary" disabled={form.busy}>
        {labels.save}
      </button>
      <button type="button" onClick={() => onDone()}>
        {labels.cancel}
      </button>
      {form.busy ? <span role="status">{labels.saving}</span> : null}
      <SaveAsError form={form} />
    </form>
  );
}

/** `name` in the notebook's folder; just the name for a notebook never saved. */
export function besideNotebook(notebookPath: string | null, name: string): string {
  if (!notebookPath) return name;
  const slash = Math.max(notebookPath.lastIndexOf('/'), notebookPath.lastIndexOf('\\'));
  return `${notebookPath.slice(0, slash + 1)}${name}`;
}

