/**
 * The Recent button beside New notebook: the notebooks opened or saved lately (kept by the host in
 * the data folder), newest first. A file that is no longer there is shown as such, with a button
 * to take it off the list; one found gone on opening is taken off with a message.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { RecentFileEntry } from '../../../../shared/contract/notebookApi';
import { hostClient } from '../../host/hostClient';
import { t } from '../../i18n/i18n';
import { ToolbarLabel } from '../layout/ToolbarLabel';

export interface RecentNotebooksProps {
  open(path: string): Promise<boolean>;
  notify(kind: 'error' | 'info', message: string): void;
}

export function RecentNotebooks({ open, notify }: RecentNotebooksProps) {
  const [files, setFiles] = useState<RecentFileEntry[] | null>(null);
  const listId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const shown = files !== null;

  const refresh = async (): Promise<void> => {
    try {
      setFiles(await hostClient.notebooks.recent());
    } catch (error) {
      notify('error', error instanceof Error ? error.message : String(error));
    }
  };
  const close = (): void => {
    setFiles(null);
    button.current?.focus();
  };
  // Opened: the keyboard lands on the first entry, and Escape closes the list wherever the focus is.
  useEffect(() => {
    if (!shown) return;
    list.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      setFiles(null);
      button.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shown]);

  const choose = async (entry: RecentFileEntry): Promise<void> => {
    setFiles(null);
    if (await open(entry.path)) return;
    // Gone since the list was read (or unreadable): the entry is dropped, and the user told.
    const now = await hostClient.notebooks.recent().catch(() => []);
    if (!now.some((f) => f.path === entry.path && f.exists)) await forget(entry, true);
  };
  const forget = async (entry: RecentFileEntry, told: boolean): Promise<void> => {
    await hostClient.notebooks.forgetRecent(entry.path).catch(() => undefined);
    if (told) notify('info', t('notebook.recent.dropped', { file: entry.fileName }));
    setFiles((current) => current?.filter((f) => f.path !== entry.path) ?? null);
    // The removed entry had the focus: it goes to the list's first entry (or back to Recent), not to the page.
    if (!told) requestAnimationFrame(() => (list.current?.querySelector<HTMLButtonElement>('button') ?? button.current)?.focus());
  };

  return (
    <span className="notebook-recent">
      <button
        ref={button}
        type="button"
        aria-expanded={shown}
        aria-controls={shown ? listId : undefined}
        // Its name stays when a compact toolbar shows its drawing instead of its word.
        aria-label={t('notebook.recent.button')}
        title={t('notebook.recent.button')}
        onClick={() => (shown ? close() : void refresh())}
      >
        <ToolbarLabel icon="recent" text={t('notebook.recent.button')} />
      </button>
      {shown ? (
        <div
          ref={list}
          id={listId}
          className="notebook-recent-list"
          role="group"
          aria-label={t('notebook.recent.label')}
        >
          {files.length === 0 ? <p className="muted">{t('notebook.recent.empty')}</p> : null}
          <ul>
            {files.map((entry) => (
              <li key={entry.path}>
                {entry.exists ? (
                  <button type="button" title={entry.path} aria-label={t('notebook.recent.open', { file: entry.fileName, path: entry.path })} onClick={() => void choose(entry)}>
                    <bdi>{entry.fileName}</bdi> <bdi className="muted" dir="ltr">{entry.path}</bdi>
                  </button>
                ) : (
                  <>
                    <span className="notebook-recent-missing">{t('notebook.recent.missing', { file: entry.fileName, path: entry.path })}</span>
                    <button type="button" aria-label={t('notebook.recent.forgetNamed', { file: entry.fileName })} onClick={() => void forget(entry, false)}>
                      {t('notebook.recent.forget')}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </span>
  );
}
