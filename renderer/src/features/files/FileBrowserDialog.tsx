import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type MouseEvent } from 'react';
import type { FsEntry, FsListing, FsPathKind } from '../../../../shared/contract/hostApi';
import { hostClient } from '../../host/hostClient';
import { intlLocale, t } from '../../i18n/i18n';
import { formatByteSize } from '../../../../shared/text/byteSize';
import { FolderPath, FolderPlaces, useHostFolders } from './hostFolders';
import { recentFolders, rememberFolder } from './recentFolders';
import { fileNameOf } from '../../../../shared/engine/filePaths';
import { FileKindIcon } from './FileKindIcon';

export interface FileBrowserDialogProps {
  open: boolean;
  onClose(): void;
  /** Called once with the chosen files' paths, in list order (opened together: one notice for all); the caller asks the host to open them. */
  onChoose(paths: readonly string[]): void;
}

/** The selection after a click or a key on entry `index`: one entry, a toggle (Ctrl), or a range (Shift). */
function nextSelection(entries: readonly FsEntry[], selected: readonly string[], anchor: number | null, index: number, how: { toggle: boolean; range: boolean }): string[] {
  const entry = entries[index];
  if (!entry) return [...selected];
  if (how.range && anchor !== null) {
    const [from, to] = anchor < index ? [anchor, index] : [index, anchor];
    return entries.slice(from, to + 1).map((e) => e.path);
  }
  if (how.toggle) return selected.includes(entry.path) ? selected.filter((path) => path !== entry.path) : [...selected, entry.path];
  return [entry.path];
}

/**
 * The host's file browser (browser mode has no native dialog): places, recent folders, a typed
 * path, and the folder's entries. Several files can be chosen at once (Ctrl or Shift with a click
 * or the arrow keys, as in a desktop file dialog).
 */
export function FileBrowserDialog({ open, onClose, onChoose }: FileBrowserDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const anchor = useRef<number | null>(null);
  // A new folder clears the selection; the same folder listed again (a recent folder clicked while
  // it is shown) keeps it.
  const shownPath = useRef<string | null>(null);
  const clearSelection = useCallback((next: FsListing) => {
    if (next.path === shownPath.current) return;
    shownPath.current = next.path;
    setSelected([]);
    anchor.current = null;
  }, []);
  const { roots, listing, error, setError, browse, start } = useHostFolders(clearSelection);
  const [typedPath, setTypedPath] = useState('');
  // Why the typed path was not opened: its own state, so a listing arriving late (the first place,
  // listed as the dialog opened) does not clear it while the path is still there to correct.
  const [typedError, setTypedError] = useState<string | null>(null);
  const [recent, setRecent] = useState<string[]>(() => recentFolders());
  const go = (path: string): void => void browse(path);
  const entries = listing?.entries ?? [];

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      setRecent(recentFolders());
      element.showModal();
      void start(listing !== null);
    } else if (!open && element.open) {
      element.close();
    }
  }, [open, start, listing]);

  const choose = (paths: readonly string[]): void => {
    if (listing) setRecent(rememberFolder(listing.path));
    onChoose(paths);
  };

  /** Opens what is selected: a folder is entered, files are opened together. */
  const openSelection = (chosen: readonly FsEntry[]): void => {
    const [only] = chosen;
    if (chosen.length === 1 && only?.kind === 'directory') return void browse(only.path);
    const files = chosen.filter((entry) => entry.kind === 'file' && entry.openable);
    if (files.length === 0 || files.length < chosen.length) return setError(t('files.unsupported'));
    choose(files.map((entry) => entry.path));
  };
  const selectedEntries = entries.filter((entry) => selected.includes(entry.path));

  const pick = (index: number, event: MouseEvent | KeyboardEvent): void => {
    const how = { toggle: event.ctrlKey || event.metaKey, range: event.shiftKey };
    setSelected(nextSelection(entries, selected, anchor.current, index, how));
    if (!how.range) anchor.current = index;
  };

  const onEntryKey = (event: KeyboardEvent<HTMLLIElement>, index: number, entry: FsEntry): void => {
    if (event.key === 'Enter') {
      event.preventDefault();
      openSelection(selected.includes(entry.path) && selected.length > 1 ? selectedEntries : [entry]);
    } else if (event.key === ' ') {
      event.preventDefault();
      pick(index, event);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp' || event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      const target = event.key === 'Home' ? 0 : event.key === 'End' ? entries.length - 1 : index + (event.key === 'ArrowDown' ? 1 : -1);
      if (target < 0 || target >= entries.length) return;
      (event.currentTarget.parentElement?.children[target] as HTMLElement | undefined)?.focus();
      // Ctrl moves the focus only; Shift extends the selection; a plain arrow selects where it lands.
      if (!(event.ctrlKey || event.metaKey)) pick(target, event);
    }
  };

  const submitPath = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const path = typedPath.trim();
    if (!path) return;
    // Asked first, so a file's path is opened rather than listed (a failed request), and a path
    // that names nothing is said here, with the typed path kept to correct.
    setTypedError(null);
    let kind: FsPathKind['kind'];
    try {
      kind = (await hostClient.pathKind(path)).kind;
    } catch (failure) {
      return setTypedError(failure instanceof Error ? failure.message : String(failure));
    }
    if (kind === 'missing') return setTypedError(t('error.fileNotFound', { file: fileNameOf(path) }));
    setTypedPath('');
    if (kind === 'directory') return void browse(path);
    onChoose([path]);
  };

  return (
    <dialog ref={dialog} className="file-dialog" aria-labelledby="file-dialog-title" onClose={onClose}>
      <h2 id="file-dialog-title">{t('files.title')}</h2>
      <form className="file-typed-path" onSubmit={(event) => void submitPath(event)}>
        <label>
          {t('files.typedPath')}
          <input
            type="text"
            dir="ltr"
            spellCheck={false}
            autoComplete="off"
            value={typedPath}
            onChange={(event) => {
              setTypedPath(event.target.value);
              setTypedError(null);
            }}
          />
        </label>
        <button type="submit" disabled={typedPath.trim() === ''}>
          {t('files.go')}
        </button>
      </form>
      <div className="file-dialog-body">
        <div className="file-places">
          <FolderPlaces roots={roots} browse={go} label={t('files.roots')} className="file-roots" />
          {recent.length > 0 ? (
            <nav aria-label={t('files.recent')} className="file-roots file-recent">
              <h3>{t('files.recent')}</h3>
              {recent.map((folder) => (
                <button type="button" key={folder} title={folder} aria-description={folder} onClick={() => go(folder)}>
                  <bdi>{fileNameOf(folder)}</bdi>
                </button>
              ))}
            </nav>
          ) : null}
        </div>
        <div className="file-listing">
          <FolderPath listing={listing} browse={go} upLabel={t('files.up')} className="file-path" />
          {typedError ?? error ? (
            <p role="alert" className="error-text">
              {typedError ?? error}
            </p>
          ) : null}
          <ul role="listbox" aria-multiselectable="true" aria-label={t('files.list', { path: listing?.path ?? '' })} className="file-entries">
            {listing?.entries.length === 0 ? <li className="muted">{t('files.empty')}</li> : null}
            {entries.map((entry, index) => (
              <li
                key={entry.path}
                role="option"
                aria-selected={selected.includes(entry.path)}
                aria-disabled={entry.kind === 'file' && !entry.openable}
                tabIndex={0}
                className={`file-entry file-${entry.kind}${entry.openable ? '' : ' file-unsupported'}`}
                onClick={(event) => pick(index, event)}
                onDoubleClick={() => openSelection([entry])}
                onKeyDown={(event) => onEntryKey(event, index, entry)}
              >
                <FileKindIcon kind={entry.kind} /><bdi>{entry.name}</bdi>
                {entry.sizeBytes !== undefined ? <span className="muted file-size">{formatByteSize(entry.sizeBytes, intlLocale())}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      </div>
      <footer className="dialog-actions">
        {selected.length > 1 ? (
          <span className="muted" aria-live="polite">
            {t('files.selectedCount', { count: selected.length })}
          </span>
        ) : null}
        <button type="button" onClick={onClose}>
          {t('files.cancel')}
        </button>
        <button type="button" className="primary" disabled={selectedEntries.length === 0} onClick={() => openSelection(selectedEntries)}>
          {t('files.open')}
        </button>
      </footer>
    </dialog>
  );
}
