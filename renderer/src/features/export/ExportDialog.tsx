import { useCallback, useEffect, useRef, useState } from 'react';
import { exportExtensions, exportFormats, type ExportFormat } from '../../../../shared/contract/exportApi';
import type { MessageKey } from '../../../../shared/i18n/translate';
import type { Engine } from '../../engine/engine';
import { ExportCanceledError, type ExportProgress } from '../../engine/exportJob';
import { hostClient } from '../../host/hostClient';
import { t } from '../../i18n/i18n';
import { FolderPicker } from './FolderPicker';
import './export.css';

const formatLabels: Record<ExportFormat, MessageKey> = {
  csv: 'export.formatCsv',
  parquet: 'export.formatParquet',
  json: 'export.formatJson',
  arrow: 'export.formatArrow',
};

const phaseLabels: Record<ExportProgress['phase'], MessageKey> = {
  preparing: 'export.preparing',
  writing: 'export.writing',
  moving: 'export.moving',
};

type Stage =
  | { kind: 'choosing' }
  | { kind: 'confirm'; destination: string }
  | { kind: 'running'; progress: ExportProgress }
  | { kind: 'ended'; message: string; failed: boolean };

/** The folder's own separator: the host's paths are POSIX or Windows ones. */
function joinPath(folder: string, name: string): string {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(separator) ? folder + name : folder + separator + name;
}

function fileNameOf(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** A file name with the format's extension in place of another export format's. */
function withExtension(name: string, format: ExportFormat): string {
  const known = Object.values(exportExtensions).join('|');
  return name.replace(new RegExp(`\\.(${known})$`, 'i'), '') + `.${exportExtensions[format]}`;
}

/**
 * Exports a relation: a format, a destination (Electron's save dialog, or a folder of the host's
 * file browser and a name), then a progress bar until the file is in place. Cancel stops the
 * export; the main side leaves no partial file either way.
 */
export function ExportDialog({
  engine,
  relation,
  baseName,
  title,
  onClose,
}: {
  engine: Engine;
  relation: string;
  baseName: string;
  /** The dialog's heading; the result's by default. */
  title?: string;
  onClose(): void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const nativeDialogs = window.dataLabNative;
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [chosenPath, setChosenPath] = useState<string | null>(null);
  const [folder, setFolder] = useState<string | null>(null);
  const [fileName, setFileName] = useState(withExtension(baseName, 'csv'));
  const [stage, setStage] = useState<Stage>({ kind: 'choosing' });
  const running = useRef<AbortController | null>(null);
  // The footer's first button: Cancel while the export runs, then Close. The controls that had the
  // focus (Export, the fields) are disabled meanwhile, which would leave it on the page's body.
  const footerButton = useRef<HTMLButtonElement>(null);
  const replaceButton = useRef<HTMLButtonElement>(null);
  const fileNameInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => running.current?.abort();
  }, []);

  const chooseFormat = (next: ExportFormat): void => {
    setFormat(next);
    setFileName((name) => withExtension(name, next));
  };

  const chooseFile = async (): Promise<void> => {
    const path = await nativeDialogs?.saveFileDialog(withExtension(baseName, format));
    if (path) setChosenPath(path);
  };

  const start = useCallback(
    async (overwrite: boolean, confirmed?: string) => {
      let destination: string;
      try {
        if (nativeDialogs) {
          if (!chosenPath) return;
          destination = chosenPath;
        } else {
          const name = fileName.trim();
          if (name === '' || folder === null) {
            setStage({ kind: 'ended', message: t('export.errorEmptyName'), failed: true });
            return;
          }
          destination = confirmed ?? joinPath(folder, name);
          if (!overwrite && (await hostClient.exports.checkDestination(destination, format)).exists) {
            setStage({ kind: 'confirm', destination });
            return;
          }
        }
      } catch (error) {
        setStage({ kind: 'ended', message: t('export.failed', { message: error instanceof Error ? error.message : String(error) }), failed: true });
        return;
      }
      const controller = new AbortController();
      running.current = controller;
      setStage({ kind: 'running', progress: { phase: 'preparing', fraction: null } });
      footerButton.current?.focus();
      try {
        // The save dialog has already asked before replacing a file.
        const { rowCount, retyped } = await engine.exportRelation(
          { relation, format, destination, overwrite: overwrite || nativeDialogs !== undefined },
          (progress) => setStage({ kind: 'running', progress }),
          controller.signal,
        );
        const file = fileNameOf(destination);
        const message = retyped
          ? t('export.doneRetyped', { rows: rowCount ?? 0, file, ...retyped })
          : rowCount === null
            ? t('export.doneNoCount', { file })
            : t('export.done', { rows: rowCount, file });
        setStage({ kind: 'ended', message, failed: false });
      } catch (error) {
        setStage(
          error instanceof ExportCanceledError
            ? { kind: 'ended', message: t('export.canceled'), failed: false }
            : { kind: 'ended', message: t('export.failed', { message: error instanceof Error ? error.message : String(error) }), failed: true },
        );
      } finally {
        running.current = null;
      }
    },
    [chosenPath, engine, fileName, folder, format, nativeDialogs, relation],
  );

  // The question "Replace it?" takes the focus (Export is disabled while it is asked).
  useEffect(() => {
    if (stage.kind === 'confirm') replaceButton.current?.focus();
  }, [stage.kind]);

  const isRunning = stage.kind === 'running';
  const ready = nativeDialogs ? chosenPath !== null : folder !== null && fileName.trim() !== '';
  return (
    <dialog
      ref={dialog}
      className="export-dialog"
      aria-labelledby="export-dialog-title"
      onCancel={(event) => {
        // Escape during an export cancels the export, not the dialog.
        if (running.current) {
          event.preventDefault();
          running.current.abort();
        }
      }}
      onClose={onClose}
    >
      {/* A form, so Enter in a field exports, as in the app's other dialogs; laid out as if absent. */}
      <form
        className="export-dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!isRunning && ready && stage.kind !== 'confirm') void start(false);
        }}
      >
        <h2 id="export-dialog-title">{title ?? t('export.title')}</h2>
        <div className="export-dialog-body">
          <fieldset className="export-formats" disabled={isRunning}>
            <legend>{t('export.format')}</legend>
            {exportFormats.map((option) => (
              <label key={option}>
                <input type="radio" name="export-format" value={option} checked={format === option} onChange={() => chooseFormat(option)} />
                {t(formatLabels[option])}
              </label>
            ))}
          </fieldset>
          <fieldset className="export-destination" disabled={isRunning}>
            <legend>{t('export.destination')}</legend>
            {nativeDialogs ? (
              <div className="export-chosen">
                <button type="button" onClick={() => void chooseFile()}>
                  {t('export.choose')}
                </button>
                <bdi>{chosenPath ?? t('export.noDestination')}</bdi>
              </div>
            ) : (
              <>
                <FolderPicker onFolder={setFolder} />
                <label className="export-file-name">
                  {t('export.fileName')}
                  <input ref={fileNameInput} type="text" value={fileName} spellCheck={false} onChange={(event) => setFileName(event.target.value)} />
                </label>
              </>
            )}
          </fieldset>
          {stage.kind === 'running' ? (
            <div className="export-progress">
              <progress aria-label={t('export.progress')} max={1} {...(stage.progress.fraction === null ? {} : { value: stage.progress.fraction })} />
              <span role="status">{t(phaseLabels[stage.progress.phase])}</span>
            </div>
          ) : null}
          {stage.kind === 'confirm' ? (
            <div role="alertdialog" aria-labelledby="export-confirm-text" className="export-confirm">
              <p id="export-confirm-text">{t('export.confirmOverwrite', { file: fileNameOf(stage.destination) })}</p>
              <button ref={replaceButton} type="button" className="primary" onClick={() => void start(true, stage.destination)}>
                {t('export.replace')}
              </button>
              <button
                type="button"
                onClick={() => {
                  setStage({ kind: 'choosing' });
                  fileNameInput.current?.focus();
                }}
              >
                {t('export.cancel')}
              </button>
            </div>
          ) : null}
          {stage.kind === 'ended' ? (
            stage.failed ? (
              <p role="alert" className="error-text">
                {stage.message}
              </p>
            ) : (
              <p role="status" className="export-result">
                {stage.message}
              </p>
            )
          ) : null}
        </div>
        <footer className="dialog-actions">
          {/* One element for both, so the focus stays on it when the export ends and the result is announced. */}
          <button ref={footerButton} type="button" onClick={() => (isRunning ? running.current?.abort() : dialog.current?.close())}>
            {isRunning ? t('export.cancel') : t('export.close')}
          </button>
          <button type="submit" className="primary" disabled={isRunning || !ready || stage.kind === 'confirm'}>
            {t('export.start')}
          </button>
        </footer>
      </form>
    </dialog>
  );
}
