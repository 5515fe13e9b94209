/**
 * Editor tabs that hold a `.sql` file: opened from Open file…, the command line or a drop, saved
 * back (Ctrl+S) or to a new path (Save as…). The tab keeps its file's path and version with the
 * workspace; the text last read or saved stays in memory, and the tab is unsaved while its text
 * differs from it. Unsaved work is never dropped silently: closing asks, a file changed on disk
 * is never overwritten without a second Save, and after a restart such a change is told.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EditorTab } from '../../../../shared/contract/hostApi';
import { maxSqlFileBytes, type SqlFile } from '../../../../shared/contract/sqlFileApi';
import { decodeUtf8Text } from '../../../../shared/text/utf8Text';
import { HostRequestError } from '../../host/hostClient';
import { sqlFileClient } from '../../host/sqlFileClient';
import { t } from '../../i18n/i18n';
import { useAppStore } from '../../state/appStore';
import type { Notify } from '../../state/notificationsSlice';

/**
 * The text each file tab last read from or wrote to its file, by tab id. Null: no text on disk is
 * known to be the tab's (the file could not be read again). Absent: not read yet (not unsaved).
 */
type SavedTexts = ReadonlyMap<string, string | null>;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Where a Save as writes: the path the user typed, and whether they confirmed replacing a file there. */
export interface SaveTarget {
  path: string;
  overwrite: boolean;
}

export function useSqlFiles(notify: Notify, { enabled }: { enabled: boolean }) {
  const store = useAppStore();
  const [saved, setSaved] = useState<SavedTexts>(new Map());
  /** The tab Save as… asks a path for, or null. */
  const [savingAs, setSavingAs] = useState<string | null>(null);

  const remember = useCallback((tabId: string, text: string | null) => setSaved((current) => new Map(current).set(tabId, text)), []);
  const tabOf = useCallback((tabId: string): EditorTab | undefined => store.getState().workspace?.tabs.find((tab) => tab.id === tabId), [store]);
  const setTabFile = useCallback(
    (tabId: string, file: SqlFile) =>
      store.getState().updateWorkspace((w) => ({
        ...w,
        tabs: w.tabs.map((tab) => (tab.id === tabId ? { ...tab, title: file.fileName, preview: false, file: { path: file.path, version: file.version, bom: file.bom } } : tab)),
      })),
    [store],
  );

  const isUnsaved = useCallback((tab: EditorTab): boolean => tab.file !== undefined && saved.has(tab.id) && saved.get(tab.id) !== tab.sql, [saved]);

  /** A new tab after the active one, holding `text`, shown. */
  const addTextTab = useCallback(
    (title: string, text: string, file?: SqlFile): string =>
      store.getState().openTab({ title, sql: text, ...(file ? { file: { path: file.path, version: file.version, bom: file.bom } } : {}) }),
    [store],
  );

  /** Opens a `.sql` file by path in a new tab; a tab that holds it already is shown instead. */
  const open = useCallback(
    async (path: string): Promise<boolean> => {
      try {
        const file = await sqlFileClient.open(path);
        const existing = store.getState().workspace?.tabs.find((tab) => tab.file?.path === file.path);
        if (existing) {
          store.getState().activateTab(existing.id);
          return true;
        }
        remember(addTextTab(file.fileName, file.text, file), file.text);
        return true;
      } catch (error) {
        notify('error', messageOf(error));
        return false;
      }
    },
    [addTextTab, notify, remember, store],
  );

  /** A `.sql` file dropped on the window: its text in a new tab, with no file yet (Save as gives it one). */
  const openDropped = useCallback(
    (fileName: string, bytes: Uint8Array) => {
      if (bytes.length > maxSqlFileBytes) return notify('error', t('sqlFile.tooLarge', { file: fileName, limit: { bytes: maxSqlFileBytes } }));
      const decoded = decodeUtf8Text(bytes);
      if (!decoded) return notify('error', t('sqlFile.notText', { file: fileName }));
      addTextTab(fileName, decoded.text);
      notify('info', t('sqlFile.dropped', { file: fileName }));
    },
    [addTextTab, notify],
  );

  /**
   * Writes the tab's text to its own file, or to `target` (Save as). Throws the host's refusal for
   * the caller to show (the Save as form shows it beside the path).
   */
  const write = useCallback(
    async (tabId: string, target?: SaveTarget): Promise<void> => {
      const tab = tabOf(tabId);
      const path = target?.path ?? tab?.file?.path;
      if (!tab || path === undefined) return;
      const own = tab.file?.path === path;
      const text = tab.sql;
      try {
        const file = await sqlFileClient.save({ path, text, bom: tab.file?.bom ?? false, expectedVersion: own ? (tab.file?.version ?? null) : null, overwrite: target?.overwrite ?? false });
        setTabFile(tabId, file);
        remember(tabId, text);
        notify('info', t('sqlFile.saved', { file: file.fileName }));
      } catch (error) {
        // Another program wrote the file since: the tab keeps its text, now unsaved against what is
        // on disk, and the next Save replaces the file (the user has been told).
        if (own && error instanceof HostRequestError && error.code === 'sqlFile.changedSinceOpened') {
          const disk = await sqlFileClient.open(path).catch(() => null);
          if (disk) {
            setTabFile(tabId, disk);
            remember(tabId, disk.text);
          }
        }
        throw error;
      }
    },
    [notify, remember, setTabFile, tabOf],
  );

  /** Save (Ctrl+S): the tab's own file, or Save as… for a tab without one. */
  const save = useCallback(
    (tabId: string) => {
      if (!tabOf(tabId)?.file) return setSavingAs(tabId);
      write(tabId).catch((error: unknown) => notify('error', messageOf(error)));
    },
    [notify, tabOf, write],
  );

  /** Closes a tab; one with unsaved changes to its file only once the user says so. */
  const close = useCallback(
    (tabId: string) => {
      const tab = tabOf(tabId);
      if (tab && isUnsaved(tab) && !window.confirm(t('sqlFile.confirmClose', { file: tab.title }))) return;
      store.getState().closeTabUndoably(tabId);
    },
    [isUnsaved, store, tabOf],
  );

  /**
   * At start: each file tab the workspace kept reads its file again (a change made on disk
   * meanwhile is told, and the tab keeps the user's text), then the files named on the command line open.
   */
  const restore = useCallback(
    async (namedAtStart: readonly string[]) => {
      for (const tab of store.getState().workspace?.tabs ?? []) {
        const kept = tab.file;
        if (!kept) continue;
        try {
          const disk = await sqlFileClient.open(kept.path);
          if (disk.version !== kept.version && disk.text !== tab.sql) notify('error', t('sqlFile.changedOnDisk', { file: disk.fileName }));
          // The disk's version from now on: Save replaces the file with the tab's text.
          if (disk.version !== kept.version) setTabFile(tab.id, { ...disk, fileName: tab.title });
          remember(tab.id, disk.text);
        } catch (error) {
          remember(tab.id, null);
          notify('error', t('sqlFile.notReopened', { file: tab.title, message: messageOf(error) }));
        }
      }
      for (const path of namedAtStart) await open(path);
    },
    [notify, open, remember, setTabFile, store],
  );

  // Ctrl+S saves the active tab, wherever focus is in the workbench (the browser's own Save page
  // never comes up); caught before the editor, which has no binding of its own for it.
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      const command = (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
      const letterS = event.key.toLowerCase() === 's' || (!/^[a-z]$/i.test(event.key) && event.code === 'KeyS');
      if (!command || !letterS) return;
      if (event.target instanceof HTMLElement && event.target.closest('dialog')) return;
      event.preventDefault();
      event.stopPropagation();
      const tabId = store.getState().workspace?.activeTabId;
      if (tabId) saveRef.current(tabId);
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [enabled, store]);

  // One object while nothing in it changes: the workbench's callbacks that use it stay the same.
  return useMemo(
    () => ({ isUnsaved, open, openDropped, save, write, close, restore, savingAs, askSaveAs: setSavingAs }),
    [isUnsaved, open, openDropped, save, write, close, restore, savingAs],
  );
}

export type SqlFilesState = ReturnType<typeof useSqlFiles>;
