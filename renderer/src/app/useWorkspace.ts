import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Locale } from '../../../shared/i18n/translate';
import { historyLimit, type EditorTab, type EngineKind, type NativeSettingsBody, type HistoryEntry, type Workspace } from '../../../shared/contract/hostApi';
import { hostClient } from '../host/hostClient';
import { setLocale, t } from '../i18n/i18n';

const saveDelayMs = 400;

function newTab(tabs: readonly EditorTab[]): EditorTab {
  const used = new Set(tabs.map((tab) => tab.title));
  let n = tabs.length + 1;
  while (used.has(t('editor.defaultTabTitle', { n }))) n++;
  return { id: crypto.randomUUID(), title: t('editor.defaultTabTitle', { n }), sql: '' };
}

/**
 * Editor tabs and query history, kept by the host so they survive a restart (in browser mode the
 * page's origin changes with every port, so browser storage would not).
 */
export function useWorkspace(onError: (message: string) => void) {
  const [workspace, setWorkspace] = useState<Workspace | null>(null);
  const latest = useRef<Workspace | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    hostClient.loadWorkspace().then(
      ({ workspace: loaded, recoveredFrom }) => {
        if (recoveredFrom) onError(t('error.workspaceCorrupt', { file: recoveredFrom }));
        const tabs = loaded.tabs.length > 0 ? loaded.tabs : [newTab([])];
        const activeTabId = tabs.some((tab) => tab.id === loaded.activeTabId) ? loaded.activeTabId : (tabs[0]?.id ?? null);
        setWorkspace({ ...loaded, tabs, activeTabId });
      },
      (error: unknown) => {
        onError(t('error.host', { message: error instanceof Error ? error.message : String(error) }));
        setWorkspace({ version: 1, tabs: [newTab([])], activeTabId: null, history: [] });
      },
    );
  }, [onError]);

  const flush = useCallback(
    (keepalive = false) => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      if (latest.current) void hostClient.saveWorkspace(latest.current, { keepalive }).catch(() => undefined);
    },
    [],
  );

  useEffect(() => {
    const onHide = (): void => flush(true);
    window.addEventListener('pagehide', onHide);
    return () => window.removeEventListener('pagehide', onHide);
  }, [flush]);

  const update = useCallback((change: (current: Workspace) => Workspace) => {
    setWorkspace((current) => {
      if (!current) return current;
      const next = change(current);
      latest.current = next;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => flush(), saveDelayMs);
      return next;
    });
  }, [flush]);

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
    /** Switches the page's language at once and keeps the choice with the workspace. */
    setWorkspaceLocale: (locale: Locale) => {
      setLocale(locale);
      update((w) => ({ ...w, locale }));
    },
    recordHistory: (entry: HistoryEntry) =>
      update((w) => ({ ...w, history: [entry, ...w.history].slice(0, historyLimit) })),
  }), [update]);

  return { workspace, ...actions };
}
