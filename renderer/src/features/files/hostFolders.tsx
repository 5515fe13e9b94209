import { useCallback, useState } from 'react';
import type { FileRoot, FsListing } from '../../../../shared/contract/hostApi';
import { hostClient } from '../../host/hostClient';
import { isMessageKey } from '../../../../shared/i18n/translate';
import { t } from '../../i18n/i18n';

/**
 * Browsing the host's folders (browser mode has no native dialog): its roots, the folder shown,
 * and the last error. Shared by the open-file browser and the export destination picker.
 */
export function useHostFolders(onListed?: (listing: FsListing) => void) {
  const [roots, setRoots] = useState<FileRoot[]>([]);
  const [listing, setListing] = useState<FsListing | null>(null);
  const [error, setError] = useState<string | null>(null);

  const browse = useCallback(
    async (path: string) => {
      try {
        const next = await hostClient.listFolder(path);
        setListing(next);
        setError(null);
        onListed?.(next);
      } catch (failure) {
        setError(failure instanceof Error ? failure.message : String(failure));
      }
    },
    [onListed],
  );

  /** Loads the roots and, unless a folder is shown already, shows the first. */
  const start = useCallback(
    async (keepListing: boolean) => {
      try {
        const found = await hostClient.roots();
        setRoots(found);
        if (!keepListing && found[0]) await browse(found[0].path);
      } catch (failure) {
        setError(failure instanceof Error ? failure.message : String(failure));
      }
    },
    [browse],
  );

  /** Shows `path` if it is a folder the host lists; false (and no error shown) otherwise. */
  const tryBrowse = useCallback(
    async (path: string) => {
      try {
        const next = await hostClient.listFolder(path);
        setListing(next);
        setError(null);
        onListed?.(next);
        return true;
      } catch {
        return false;
      }
    },
    [onListed],
  );

  return { roots, listing, setListing, error, setError, browse, tryBrowse, start };
}

/** The places (roots) to start from. */
export function FolderPlaces({ roots, browse, label, className }: { roots: readonly FileRoot[]; browse(path: string): void; label: string; className: string }) {
  return (
    <nav aria-label={label} className={className}>
      {roots.map((root) => (
        <button type="button" key={root.path} onClick={() => browse(root.path)}>
          {isMessageKey(root.label) ? t(root.label) : root.label}
        </button>
      ))}
    </nav>
  );
}

/** The folder shown, with a button to go up. */
export function FolderPath({ listing, browse, upLabel, className }: { listing: FsListing | null; browse(path: string): void; upLabel: string; className: string }) {
  return (
    <div className={className}>
      <button type="button" disabled={!listing?.parent} onClick={() => listing?.parent && browse(listing.parent)} aria-label={upLabel}>
        ↑
      </button>
      <bdi>{listing?.path ?? ''}</bdi>
    </div>
  );
}
