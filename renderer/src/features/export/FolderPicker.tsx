import { useCallback, useEffect, useState } from 'react';
import type { FileRoot, FsListing } from '../../../../shared/contract/hostApi';
import { hostClient } from '../../host/hostClient';
import { t } from '../../i18n/i18n';

/** Browser mode's destination folder: the host's file roots and their folders (there is no native dialog). */
export function FolderPicker({ onFolder }: { onFolder(path: string | null): void }) {
  const [roots, setRoots] = useState<FileRoot[]>([]);
  const [listing, setListing] = useState<FsListing | null>(null);
  const [error, setError] = useState<string | null>(null);

  const browse = useCallback(
    async (path: string) => {
      try {
        const next = await hostClient.listFolder(path);
        setListing(next);
        setError(null);
        onFolder(next.path);
      } catch (failure) {
        setError(failure instanceof Error ? failure.message : String(failure));
      }
    },
    [onFolder],
  );

  useEffect(() => {
    void hostClient.roots().then((found) => {
      setRoots(found);
      if (found[0]) void browse(found[0].path);
    }, (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)));
  }, [browse]);

  const folders = listing?.entries.filter((entry) => entry.kind === 'directory') ?? [];
  return (
    <div className="export-folders">
      <nav aria-label={t('export.places')} className="export-places">
        {roots.map((root) => (
          <button type="button" key={root.path} onClick={() => void browse(root.path)}>
            {root.label}
          </button>
        ))}
      </nav>
      <div className="export-folder-path">
        <button type="button" disabled={!listing?.parent} onClick={() => listing?.parent && void browse(listing.parent)} aria-label={t('export.up')}>
          ↑
        </button>
        <bdi>{listing?.path ?? ''}</bdi>
      </div>
      {error ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
      <ul aria-label={t('export.folderList', { path: listing?.path ?? '' })} className="export-folder-list">
        {folders.map((entry) => (
          <li key={entry.path}>
            <button type="button" className="export-folder" onClick={() => void browse(entry.path)}>
              <span aria-hidden="true">📁</span> <bdi>{entry.name}</bdi>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
