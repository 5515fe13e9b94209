import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { folderNamePattern, type FsListing } from '../../../../shared/contract/hostApi';
import { hostClient } from '../../host/hostClient';
import { t } from '../../i18n/i18n';
import { FolderPath, FolderPlaces, useHostFolders } from '../files/hostFolders';
import { FileKindIcon } from '../files/FileKindIcon';

/**
 * Browser mode's destination folder: the host's file roots and their folders (there is no native
 * dialog), and a New folder that the host makes inside the folder shown.
 */
export function FolderPicker({ onFolder }: { onFolder(path: string | null): void }) {
  const listed = useCallback((next: FsListing) => onFolder(next.path), [onFolder]);
  const { roots, listing, show, error, setError, browse, start } = useHostFolders(listed);
  const go = (path: string): void => void browse(path);
  const [newName, setNewName] = useState<string | null>(null);

  useEffect(() => {
    void start(false);
  }, [start]);

  const createFolder = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!listing || newName === null) return;
    try {
      const made = await hostClient.createFolder(listing.path, newName.trim());
      show(made);
      setNewName(null);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };

  const folders = listing?.entries.filter((entry) => entry.kind === 'directory') ?? [];
  return (
    <div className="export-folders">
      <FolderPlaces roots={roots} browse={go} label={t('export.places')} className="export-places" />
      <div className="export-folder-main">
      <FolderPath listing={listing} browse={go} upLabel={t('export.up')} className="export-folder-path" />
      {error ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
      <ul aria-label={t('export.folderList', { path: listing?.path ?? '' })} className="export-folder-list">
        {folders.map((entry) => (
          <li key={entry.path}>
            <button type="button" className="export-folder" onClick={() => go(entry.path)}>
              <FileKindIcon kind="directory" /><bdi>{entry.name}</bdi>
            </button>
          </li>
        ))}
      </ul>
      {newName === null ? (
        <button type="button" className="export-new-folder" disabled={!listing} onClick={() => setNewName('')}>
          {t('export.newFolder')}
        </button>
      ) : (
        // Not a nested <form>: the picker sits inside the export dialog's form.
        <div className="export-new-folder" role="group" aria-label={t('export.newFolder')}>
          <label>
            {t('export.newFolderName')}
            <input
              type="text"
              value={newName}
              autoFocus
              maxLength={255}
              onChange={(event) => setNewName(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') void createFolder(event);
                if (event.key === 'Escape') {
                  event.preventDefault();
                  event.stopPropagation();
                  setNewName(null);
                }
              }}
            />
          </label>
          <button type="button" disabled={!folderNamePattern.test(newName.trim())} onClick={(event) => void createFolder(event)}>
            {t('export.createFolder')}
          </button>
          <button type="button" onClick={() => setNewName(null)}>
            {t('export.cancelFolder')}
          </button>
        </div>
      )}
      </div>
    </div>
  );
}
