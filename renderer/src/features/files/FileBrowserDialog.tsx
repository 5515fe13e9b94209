import { useCallback, useEffect, useRef, useState } from 'react';
import type { FileRoot, FsEntry, FsListing } from '../../../../shared/contract/hostApi';
import { hostClient } from '../../host/hostClient';
import { t } from '../../i18n/i18n';
import { formatByteSize } from '../../../../shared/text/byteSize';

export interface FileBrowserDialogProps {
  open: boolean;
  onClose(): void;
  /** Called with the chosen file's path; the caller asks the host to open it. */
  onChoose(path: string): void;
}


/** The host's file browser (browser mode has no native dialog): roots, folders, data files. */
export function FileBrowserDialog({ open, onClose, onChoose }: FileBrowserDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [roots, setRoots] = useState<FileRoot[]>([]);
  const [listing, setListing] = useState<FsListing | null>(null);
  const [selected, setSelected] = useState<FsEntry | null>(null);
  const [error, setError] = useState<string | null>(null);

  const browse = useCallback(async (path: string) => {
    try {
      const next = await hostClient.listFolder(path);
      setListing(next);
      setSelected(null);
      setError(null);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }, []);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      void hostClient.roots().then((found) => {
        setRoots(found);
        if (!listing && found[0]) void browse(found[0].path);
      });
    } else if (!open && element.open) {
      element.close();
    }
  }, [open, browse, listing]);

  const activate = (entry: FsEntry): void => {
    if (entry.kind === 'directory') void browse(entry.path);
    else if (entry.openable) onChoose(entry.path);
    else setError(t('files.unsupported'));
  };

  return (
    <dialog ref={dialog} className="file-dialog" aria-labelledby="file-dialog-title" onClose={onClose}>
      <h2 id="file-dialog-title">{t('files.title')}</h2>
      <div className="file-dialog-body">
        <nav aria-label={t('files.roots')} className="file-roots">
          {roots.map((root) => (
            <button type="button" key={root.path} onClick={() => void browse(root.path)}>
              {root.label}
            </button>
          ))}
        </nav>
        <div className="file-listing">
          <div className="file-path">
            <button
              type="button"
              disabled={!listing?.parent}
              onClick={() => listing?.parent && void browse(listing.parent)}
              aria-label={t('files.up')}
            >
              ↑
            </button>
            <bdi>{listing?.path ?? ''}</bdi>
          </div>
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
                {entry.sizeBytes !== undefined ? <span className="muted file-size">{formatByteSize(entry.sizeBytes)}</span> : null}
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
