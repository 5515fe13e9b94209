import { useCallback, useRef, useState } from 'react';
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

  // Listings arrive out of order on a busy machine: only the latest request is shown, so a folder
  // the user asked for is never replaced by the first place, listed when the dialog opened.
  const latest = useRef(0);

  const browse = useCallback(
    async (path: string) => {
      const ticket = ++latest.current;
      try {
        const next = await hostClient.listFolder(path);
        if (ticket !== latest.current) return;
        setListing(next);
        setError(null);
        onListed?.(next);
      } catch (failure) {
        if (ticket === latest.current) setError(failure instanceof Error ? failure.message : String(failure));
      }
    },
    [onListed],
  );

  /** Loads the roots and, unless a folder is shown already, shows the first. */
  const start = useCallback(
    async (keepListing: boolean) => {
      const before = latest.current;
      try {
        const found = await hostClient.roots();
        setRoots(found);
        // Not when the user went somewhere meanwhile (a typed path, a recent folder).
        if (!keepListing && found[0] && latest.current === before) await browse(found[0].path);
      } catch (failure) {
        setError(failure instanceof Error ? failure.message : String(failure));
      }
    },
    [browse],
  );

  /** Shows a listing the caller already has (a folder just made), as the latest request. */
  const show = useCallback(
    (next: FsListing) => {
      latest.current++;
      setListing(next);
      setError(null);
      onListed?.(next);
    },
    [onListed],
  );

  return { roots, listing, show, error, setError, browse, start };
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
