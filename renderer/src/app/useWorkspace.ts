import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Locale } from '../../../shared/i18n/translate';
import { historyLimit, openedFilesLimit, type EditorTab, type EngineKind, type NativeSettingsBody, type HistoryEntry, type Workspace } from '../../../shared/contract/hostApi';
import { diffWorkspace } from '../../../shared/contract/workspacePatch';
import { hostClient } from '../host/hostClient';
import { setLocale, t } from '../i18n/i18n';

/** How long typing may pause before the workspace is saved. */
const saveDelayMs = 400;
/** How long after a failed save the next try starts. */
const retryDelayMs = 3000;

function newTab(tabs: readonly EditorTab[]): EditorTab {
  const used = new Set(tabs.map((tab) => tab.title));
  let n = tabs.length + 1;
  while (used.has(t('editor.defaultTabTitle', { n }))) n++;
  return { id: crypto.randomUUID(), title: t('editor.defaultTabTitle', { n }), sql: '' };
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Editor tabs and settings (the workspace) and the query history, kept by the host so they survive
 * a restart (in browser mode the page's origin changes with every port, so browser storage would
 * not). The workspace is saved as it changes, with ordinary requests; a save that fails leaves a
 * warning on screen (`saveProblem`, with the host's reason) and is tried again until it succeeds,
 * the text staying in the page meanwhile. When the page closes, what changed since the last save
 * the host confirmed goes in one `keepalive` request, which the browser caps at 64 KiB: a patch
 * against that revision, so a large workspace still saves its last edit.
 */
export function useWorkspace(onError: (message: string) => void) {
  const [workspace, setWorkspace] = useState<Workspace | null>(null);
  const [history, setHistory] = useState<readonly HistoryEntry[]>([]);
  const [saveProblem, setSaveProblem] = useState<string | null>(null);
  const latest = useRef<Workspace | null>(null);
  /** The last workspace the host confirmed on disk, and its revision. */
  const saved = useRef<{ revision: number; workspace: Workspace } | null>(null);
  const saving = useRef(false);
  /** Whether the user changed anything since loading (a page that only looked saves nothing). */
  const changed = useRef(false);
  const unsaved = (current: Workspace): boolean => changed.current && current !== saved.current?.workspace;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    hostClient.loadWorkspace().then(
      ({ workspace: loaded, revision, recoveredFrom }) => {
        if (recoveredFrom) onError(t('error.workspaceCorrupt', { file: recoveredFrom }));
        saved.current = { revision, workspace: loaded };
        const tabs = loaded.tabs.length > 0 ? loaded.tabs : [newTab([])];
        const activeTabId = tabs.some((tab) => tab.id === loaded.activeTabId) ? loaded.activeTabId : (tabs[0]?.id ?? null);
        const shown = { ...loaded, tabs, activeTabId };
        latest.current = shown;
        setWorkspace(shown);
      },
      (error: unknown) => {
        onError(t('error.host', { message: messageOf(error) }));
        const fresh: Workspace = { version: 1, tabs: [newTab([])], activeTabId: null };
        latest.current = fresh;
        setWorkspace(fresh);
      },
    );
    hostClient.loadHistory().then(
      ({ entries }) => setHistory((recorded) => [...recorded, ...entries].slice(0, historyLimit)),
      (error: unknown) => onError(t('error.host', { message: messageOf(error) })),
    );
  }, [onError]);

  const schedule = useCallback((delayMs: number, save: () => void) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(save, delayMs);
  }, []);

  const save = useCallback((): void => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const current = latest.current;
    if (!current || !unsaved(current) || saving.current) return;
    saving.current = true;
    hostClient.saveWorkspace(current).then(
      ({ revision }) => {
        saving.current = false;
        saved.current = { revision, workspace: current };
        setSaveProblem(null);
        if (latest.current !== current) schedule(saveDelayMs, save);
      },
      (error: unknown) => {
        saving.current = false;
        setSaveProblem(messageOf(error));
        schedule(retryDelayMs, save);
      },
    );
  }, [schedule]);

  useEffect(() => {
    const onHide = (): void => {
      const current = latest.current;
      if (!current || !unsaved(current)) return;
      const base = saved.current;
      const request = base
        ? hostClient.saveWorkspacePatch(diffWorkspace(base.revision, base.workspace, current))
        : hostClient.saveWorkspace(current, { keepalive: true });
      // Nothing can be shown any more: the page is going away.
      void request.catch(() => undefined);
    };
    window.addEventListener('pagehide', onHide);
    return () => window.removeEventListener('pagehide', onHide);
  }, []);

  // The next workspace is computed at once, not in a state updater that React may run later:
  // the page can close right after an edit, and its closing save must already see it.
  const update = useCallback((change: (current: Workspace) => Workspace) => {
    const current = latest.current;
    if (!current) return;
    const next = change(current);
    latest.current = next;
    changed.current = true;
    setWorkspace(next);
    schedule(saveDelayMs, save);
  }, [save, schedule]);

  const recordHistory = useCallback(
    (entry: HistoryEntry) => {
      setHistory((entries) => [entry, ...entries].slice(0, historyLimit));
      hostClient.recordHistory(entry).catch((error: unknown) => onError(t('save.historyFailed', { message: messageOf(error) })));
    },
    [onError],
  );

  // Stable across renders, so callers can depend on them without re-creating their own callbacks.
  const actions = useMemo(() => ({
    setTabSql: (tabId: string, sql: string) =>
      update((w) => ({ ...w, tabs: w.tabs.map((tab) => (tab.id === tabId ? { ...tab, sql } : tab)) })),
    addTab: (sql = '') =>
      update((w) => {
        const tab = { ...newTab(w.tabs), sql };
        return { ...w, tabs: [...w.tabs, tab], activeTabId: tab.id };
      }),
    closeTab: (tabId: string) =>
      update((w) => {
        const index = w.tabs.findIndex((tab) => tab.id === tabId);
        const remaining = w.tabs.filter((tab) => tab.id !== tabId);
        const tabs = remaining.length > 0 ? remaining : [newTab([])];
        const activeTabId = w.activeTabId === tabId ? (tabs[Math.max(0, index - 1)]?.id ?? null) : w.activeTabId;
        return { ...w, tabs, activeTabId };
      }),
    activateTab: (tabId: string) => update((w) => ({ ...w, activeTabId: tabId })),
    setEngine: (engine: EngineKind) => update((w) => ({ ...w, engine })),
    setNativeSettings: (nativeSettings: NativeSettingsBody) => update((w) => ({ ...w, nativeSettings })),
    /** A file opened as `table`: reopened with the workspace (once per path; the latest name wins). */
    recordOpenedFile: (path: string, table: string) =>
      update((w) => {
        const others = (w.openedFiles ?? []).filter((file) => file.path !== path && file.table !== table);
        return { ...w, openedFiles: [...others, { path, table }].slice(-openedFilesLimit) };
      }),
    forgetOpenedFile: (path: string) => update((w) => ({ ...w, openedFiles: (w.openedFiles ?? []).filter((file) => file.path !== path) })),
    /** Switches the page's language at once and keeps the choice with the workspace. */
    setWorkspaceLocale: (locale: Locale) => {
      setLocale(locale);
      update((w) => ({ ...w, locale }));
    },
    recordHistory,
  }), [update, recordHistory]);

  return { workspace, history, saveProblem, ...actions };
}
