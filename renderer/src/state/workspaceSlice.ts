import type { StateCreator } from 'zustand/vanilla';
import type { Locale } from '../../../shared/i18n/translate';
import { historyLimit, openedFilesLimit, type EditorTab, type EngineKind, type HistoryEntry, type NativeSettingsBody, type PaneLayout, type Workspace } from '../../../shared/contract/hostApi';
import { hostClient } from '../host/hostClient';
import { getLocale, setLocale, t } from '../i18n/i18n';
import { nextDefaultTabTitle, retitleDefaultTabs } from './defaultTabTitles';
import { afterPaint } from './afterPaint';
import type { AppState } from './appStore';

export function newTab(tabs: readonly EditorTab[]): EditorTab {
  return { id: crypto.randomUUID(), title: nextDefaultTabTitle(tabs, getLocale()), sql: '' };
}

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Editor tabs and settings (the workspace) and the query history, as the page holds them. The host
 * keeps them (see workspaceSync.ts); every change goes through these actions, so the store always
 * has the latest workspace at once (the page may close right after an edit, and its closing save
 * must already see it).
 */
export interface WorkspaceSlice {
  /** Null until the host's copy has loaded. */
  workspace: Workspace | null;
  history: readonly HistoryEntry[];
  /** Why the last save failed, while it keeps failing (shown until a save succeeds). */
  saveProblem: string | null;
  /** Counts the user's changes since the workspace loaded (a page that only looked saves nothing). */
  workspaceEdits: number;
  /**
   * Counts the changes that selected a query tab (opened, reopened or activated one), whoever made
   * them: each one shows that tab, in front of a notebook or the Lab (the workbench follows it).
   */
  queryTabSelections: number;
  workspaceLoaded(workspace: Workspace): void;
  historyLoaded(entries: readonly HistoryEntry[]): void;
  setSaveProblem(problem: string | null): void;
  /** `showActiveTab`: the change selects a query tab (the one it leaves active), to be shown (queryTabSelections). */
  updateWorkspace(change: (current: Workspace) => Workspace, options?: { showActiveTab: boolean }): void;
  setTabSql(tabId: string, sql: string): void;
  addTab(sql?: string): void;
  closeTab(tabId: string): void;
  activateTab(tabId: string): void;
  setEngineKind(engine: EngineKind): void;
  setNativeSettings(settings: NativeSettingsBody): void;
  /** A file opened as `table`: reopened with the workspace (once per path; the latest name wins). */
  recordOpenedFile(path: string, table: string): void;
  forgetOpenedFile(path: string): void;
  /** A splitter moved: the pane sizes are kept with the workspace. */
  setPaneSize(pane: keyof PaneLayout, percent: number): void;
  /** Switches the page's language at once and keeps the choice with the workspace. */
  setWorkspaceLocale(locale: Locale): void;
  recordHistory(entry: HistoryEntry): void;
}

export const workspaceSlice: StateCreator<AppState, [], [], WorkspaceSlice> = (set, get) => {
  const update = (change: (current: Workspace) => Workspace, { showActiveTab = false } = {}): void => {
    const current = get().workspace;
    if (!current) return;
    set((state) => ({
      workspace: change(current),
      workspaceEdits: state.workspaceEdits + 1,
      queryTabSelections: state.queryTabSelections + (showActiveTab ? 1 : 0),
    }));
  };
  return {
    workspace: null,
    history: [],
    saveProblem: null,
    workspaceEdits: 0,
    queryTabSelections: 0,
    workspaceLoaded: (loaded) => {
      const tabs = loaded.tabs.length > 0 ? loaded.tabs : [newTab([])];
      const activeTabId = tabs.some((tab) => tab.id === loaded.activeTabId) ? loaded.activeTabId : (tabs[0]?.id ?? null);
      set({ workspace: { ...loaded, tabs, activeTabId } });
    },
    historyLoaded: (entries) => set((state) => ({ history: [...state.history, ...entries].slice(0, historyLimit) })),
    setSaveProblem: (saveProblem) => set({ saveProblem }),
    updateWorkspace: update,
    // An edit keeps a preview tab (the next preview no longer replaces it), as typing does in VS Code.
    setTabSql: (tabId, sql) => update((w) => ({ ...w, tabs: w.tabs.map((tab) => (tab.id !== tabId ? tab : tab.preview ? { ...tab, sql, preview: false } : { ...tab, sql })) })),
    addTab: (sql = '') =>
      update((w) => {
        const tab = { ...newTab(w.tabs), sql };
        return { ...w, tabs: [...w.tabs, tab], activeTabId: tab.id };
      }, { showActiveTab: true }),
    closeTab: (tabId) =>
      update((w) => {
        const index = w.tabs.findIndex((tab) => tab.id === tabId);
        const remaining = w.tabs.filter((tab) => tab.id !== tabId);
        const tabs = remaining.length > 0 ? remaining : [newTab([])];
        const activeTabId = w.activeTabId === tabId ? (tabs[Math.max(0, index - 1)]?.id ?? null) : w.activeTabId;
        return { ...w, tabs, activeTabId };
      }),
    activateTab: (tabId) => update((w) => ({ ...w, activeTabId: tabId }), { showActiveTab: true }),
    setEngineKind: (engine) => update((w) => ({ ...w, engine })),
    setNativeSettings: (nativeSettings) => update((w) => ({ ...w, nativeSettings })),
    recordOpenedFile: (path, table) =>
      update((w) => {
        const others = (w.openedFiles ?? []).filter((file) => file.path !== path && file.table !== table);
        return { ...w, openedFiles: [...others, { path, table }].slice(-openedFilesLimit) };
      }),
    forgetOpenedFile: (path) => update((w) => ({ ...w, openedFiles: (w.openedFiles ?? []).filter((file) => file.path !== path) })),
    setPaneSize: (pane, percent) => update((w) => ({ ...w, layout: { ...w.layout, [pane]: percent } })),
    setWorkspaceLocale: (locale) => {
      const from = getLocale();
      setLocale(locale);
      update((w) => ({ ...w, locale, tabs: retitleDefaultTabs(w.tabs, from, locale) }));
    },
    recordHistory: (entry) =>
      // Once the run's result is painted: the list's render and the request (about 2 ms of the
      // page's time a run) are not what the user is waiting for. At once if the page is hidden or
      // goes away before that frame, in a request that outlives the page.
      afterPaint((pageMayGo) => {
        set((state) => ({ history: [entry, ...state.history].slice(0, historyLimit) }));
        hostClient
          .recordHistory(entry, { outlivePage: pageMayGo })
          .catch((error: unknown) => get().notify('error', t('save.historyFailed', { message: messageOf(error) })));
      }),
  };
};
