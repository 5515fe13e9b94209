import { useCallback, useEffect } from 'react';
import type { FsListing } from '../../../../shared/contract/hostApi';
import { t } from '../../i18n/i18n';
import { FolderPath, FolderPlaces, useHostFolders } from '../files/hostFolders';

/** Browser mode's destination folder: the host's file roots and their folders (there is no native dialog). */
export function FolderPicker({ onFolder }: { onFolder(path: string | null): void }) {
  const listed = useCallback((next: FsListing) => onFolder(next.path), [onFolder]);
  const { roots, listing, error, browse, start } = useHostFolders(listed);
  const go = (path: string): void => void browse(path);

  useEffect(() => {
    void start(false);
  }, [start]);

  const folders = listing?.entries.filter((entry) => entry.kind === 'directory') ?? [];
  return (
    <div className="export-folders">
      <FolderPlaces roots={roots} browse={go} label={t('export.places')} className="export-places" />
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
              <span aria-hidden="true">📁</span> <bdi>{entry.name}</bdi>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
