import { useCallback, useEffect, useRef, useState } from 'react';
import type { FsEntry } from '../../../../shared/contract/hostApi';
import { intlLocale, t } from '../../i18n/i18n';
import { formatByteSize } from '../../../../shared/text/byteSize';
import { FolderPath, FolderPlaces, useHostFolders } from './hostFolders';

export interface FileBrowserDialogProps {
  open: boolean;
  onClose(): void;
  /** Called with the chosen file's path; the caller asks the host to open it. */
  onChoose(path: string): void;
}


/** The host's file browser (browser mode has no native dialog): roots, folders, data files. */
export function FileBrowserDialog({ open, onClose, onChoose }: FileBrowserDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [selected, setSelected] = useState<FsEntry | null>(null);
  const clearSelection = useCallback(() => setSelected(null), []);
  const { roots, listing, error, setError, browse, start } = useHostFolders(clearSelection);
  const go = (path: string): void => void browse(path);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      void start(listing !== null);
    } else if (!open && element.open) {
      element.close();
    }
  }, [open, start, listing]);

  const activate = (entry: FsEntry): void => {
    if (entry.kind === 'directory') void browse(entry.path);
    else if (entry.openable) onChoose(entry.path);
    else setError(t('files.unsupported'));
  };

  return (
    <dialog ref={dialog} className="file-dialog" aria-labelledby="file-dialog-title" onClose={onClose}>
      <h2 id="file-dialog-title">{t('files.title')}</h2>
      <div className="file-dialog-body">
        <FolderPlaces roots={roots} browse={go} label={t('files.roots')} className="file-roots" />
        <div className="file-listing">
          <FolderPath listing={listing} browse={go} upLabel={t('files.up')} className="file-path" />
          {error ? (
            <p role="alert" className="error-text">
              {error}
            </p>
          ) : null}
          <ul role="listbox" aria-label={t('files.list', { path: listing?.path ?? '' })} className="file-entries">
            {listing?.entries.length === 0 ? <li className="muted">{t('files.empty')}</li> : null}
            {listing?.entries.map((entry) => (
              <li
                key={entry.path}
                role="option"
                aria-selected={selected?.path === entry.path}
                aria-disabled={entry.kind === 'file' && !entry.openable}
                tabIndex={0}
                className={`file-entry file-${entry.kind}${entry.openable ? '' : ' file-unsupported'}`}
                onClick={() => setSelected(entry)}
                onDoubleClick={() => activate(entry)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') {
                    event.preventDefault();
                    activate(entry);
                  } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
                    event.preventDefault();
                    const sibling = (event.key === 'ArrowDown'
                      ? event.currentTarget.nextElementSibling
                      : event.currentTarget.previousElementSibling) as HTMLElement | null;
                    sibling?.focus();
                  }
                }}
                onFocus={() => setSelected(entry)}
              >
                <span aria-hidden="true">{entry.kind === 'directory' ? '📁' : '📄'}</span> <bdi>{entry.name}</bdi>
                {entry.sizeBytes !== undefined ? <span className="muted file-size">{formatByteSize(entry.sizeBytes, intlLocale())}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      </div>
      <footer className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('files.cancel')}
        </button>
        <button type="button" className="primary" disabled={!selected} onClick={() => selected && activate(selected)}>
          {t('files.open')}
        </button>
      </footer>
    </dialog>
  );
}
